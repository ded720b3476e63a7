"""``assess run [--semantics S] FILE…``: answer the queries under a reading.

Readings are entries of ``SEMANTICS`` (name -> how to compute, and how to
print as text and as JSON data); adding a semantics is adding one entry.
``--all PRED`` (repeatable; ``name``, ``name/arity`` or ``~name/arity``)
also lists every derived fact of a predicate. ``--engine`` picks the
grounder of the crisp model (the native engine, or pyDatalog as a check).

Exit 0 with the answers; 2 on bad input (syntax, checks, a negative cycle).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import click

from assess.api import ENGINES, Assessment, Limits
from assess.cli.common import AS_OF_OPTION, FORMAT_OPTION, assessing, emit_json
from assess.cli.limits import limit_options, limits_from
from assess.render.crisp import crisp_data, crisp_lines, crisp_text
from assess.render.defeasible import defeasible_data, defeasible_text
from assess.render.judgement import assessment_data, run_text


@dataclass(frozen=True, slots=True)
class RunOptions:
    also: tuple[str, ...]
    engine: str
    limits: Limits = Limits()
    ambiguity: str = "blocking"


@dataclass(frozen=True, slots=True)
class Reading:
    """One semantics as ``run`` offers it."""

    compute: Callable[[Assessment, RunOptions], Any]
    text: Callable[[Any], str]
    data: Callable[[Any], dict[str, Any]]
    lines: Callable[[Any], Iterable[str]] | None = None
    """The text line by line, for readings whose listings can be long."""


def _crisp(assessment: Assessment, options: RunOptions) -> Any:
    return assessment.crisp(also=options.also, engine=options.engine)


def _prob(assessment: Assessment, options: RunOptions) -> Any:
    return assessment.assess(options.limits, also=options.also)


def _defeasible(assessment: Assessment, options: RunOptions) -> Any:
    return assessment.defeasible(ambiguity=options.ambiguity)


SEMANTICS: dict[str, Reading] = {
    "prob": Reading(_prob, run_text, assessment_data),
    "crisp": Reading(_crisp, crisp_text, crisp_data, crisp_lines),
    "defeasible": Reading(_defeasible, defeasible_text, defeasible_data),
}
DEFAULT_SEMANTICS = "prob"


@click.command("run")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--semantics", type=click.Choice(list(SEMANTICS)), default=DEFAULT_SEMANTICS,
    show_default=True, help="How to read the program.",
)
@click.option("--all", "also", multiple=True, metavar="PRED",
              help="Also list every derived fact of PRED (name or name/arity).")
@click.option("--engine", type=click.Choice(list(ENGINES)), default="native",
              show_default=True, help="Grounder for the crisp model.")
@click.option("--ambiguity", type=click.Choice(["blocking", "propagating"]),
              default="blocking", show_default=True,
              help="Under defeasible: whether ambiguity blocks or propagates.")
@limit_options
@AS_OF_OPTION
@FORMAT_OPTION
def command(
    files: tuple[str, ...], semantics: str, also: tuple[str, ...], engine: str,
    ambiguity: str, output_format: str, as_of: str | None, **limits: Any,
) -> int:
    """Answer the queries of FILES."""
    reading = SEMANTICS[semantics]
    options = RunOptions(also, engine, limits_from(limits), ambiguity)
    with assessing(files, as_of) as assessment:
        result = reading.compute(assessment, options)
    if output_format == "json":
        emit_json(reading.data(result))
    elif (lines := reading.lines) is not None:
        _stream(lines(result))
    else:
        text = reading.text(result)
        if text:
            click.echo(text)
    return 0


def _stream(lines: Iterable[str], batch: int = 10_000) -> None:
    """Write ``lines`` to stdout as they come, a batch at a time (a listing
    of every fact starts printing at once and is never held whole)."""
    rest = iter(lines)
    while chunk := list(itertools.islice(rest, batch)):
        sys.stdout.write("\n".join(chunk) + "\n")
    sys.stdout.flush()
