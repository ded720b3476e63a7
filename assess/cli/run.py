"""``assess run [--semantics S] FILE…``: answer the queries under a reading.

Readings are entries of ``SEMANTICS`` (name -> how to compute, and how to
print as text and as JSON data); adding a semantics is adding one entry.
``--all PRED`` (repeatable; ``name``, ``name/arity`` or ``~name/arity``)
also lists every derived fact of a predicate. ``--engine`` picks the
grounder of the crisp model (the native engine, or pyDatalog as a check).
The ``prob`` text names no rule label and no file:line, so that it can be
pasted into a product; ``--verbose`` names each argument's rule and place
(``why`` and ``--format json`` always do).

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
    verbose: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    """One semantics as ``run`` offers it."""

    compute: Callable[[Assessment, RunOptions], Any]
    text: Callable[[Any, RunOptions], str]
    data: Callable[[Any], dict[str, Any]]
    lines: Callable[[Any], Iterable[str]] | None = None
    """The text line by line, for readings whose listings can be long."""


def _crisp(assessment: Assessment, options: RunOptions) -> Any:
    return assessment.crisp(also=options.also, engine=options.engine)


def _prob(assessment: Assessment, options: RunOptions) -> Any:
    return assessment.assess(options.limits, also=options.also)


def _defeasible(assessment: Assessment, options: RunOptions) -> Any:
    return assessment.defeasible(ambiguity=options.ambiguity)


def _prob_text(result: Any, options: RunOptions) -> str:
    return run_text(result, options.verbose)


SEMANTICS: dict[str, Reading] = {
    "prob": Reading(_prob, _prob_text, assessment_data),
    "crisp": Reading(_crisp, lambda result, _: crisp_text(result), crisp_data, crisp_lines),
    "defeasible": Reading(_defeasible, lambda result, _: defeasible_text(result),
                          defeasible_data),
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
@click.option("--verbose", is_flag=True,
              help="Under prob: name each argument's rule and file:line.")
@limit_options
@AS_OF_OPTION
@FORMAT_OPTION
def command(
    files: tuple[str, ...], semantics: str, also: tuple[str, ...], engine: str,
    ambiguity: str, verbose: bool, output_format: str, as_of: str | None, **limits: Any,
) -> int:
    """Answer the queries of FILES."""
    reading = SEMANTICS[semantics]
    options = RunOptions(also, engine, limits_from(limits), ambiguity, verbose)
    with assessing(files, as_of) as assessment:
        result = reading.compute(assessment, options)
    if output_format == "json":
        emit_json(reading.data(result))
    elif (lines := reading.lines) is not None:
        _stream(lines(result))
    else:
        text = reading.text(result, options)
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
