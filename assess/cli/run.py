"""``assess run [--semantics S] FILE…``: answer the queries under a reading.

Readings are ``Assessment.run``'s (``api.SEMANTICS``); ``TEXT`` says how each
prints as text, and the JSON is the answer's ``to_json()``.
``--all PRED`` (repeatable; ``name``, ``name/arity`` or ``~name/arity``)
also lists every derived fact of a predicate. ``--engine`` picks the
grounder of the crisp model (the native engine, pyDatalog as a check, or
SQL in DuckDB or a PostgreSQL server).
The ``prob`` text names no rule label and no file:line, so that it can be
pasted into a product; ``--verbose`` names each argument's rule and place
(``why`` and ``--format json`` always do).

Exit 0 with the answers; 2 on bad input (syntax, checks, a negative cycle).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from assess.api import ENGINES, SEMANTICS
from assess.cli.common import (
    ALLOW_OUTSIDE_OPTION,
    AS_OF_OPTION,
    FORMAT_OPTION,
    assessing,
    emit_document,
)
from assess.cli.limits import limit_options, limits_from
from assess.render.crisp import crisp_lines, crisp_text
from assess.render.judgement import run_text

TEXT: dict[str, Callable[[Any, bool], str]] = {
    "prob": run_text,
    "crisp": lambda result, _: crisp_text(result),
    "defeasible": lambda result, _: _defeasible_text(result),
}
"""How each reading of ``Assessment.run`` prints as text (its JSON is ``to_json()``)."""
LINES: dict[str, Callable[[Any], Iterable[str]]] = {"crisp": crisp_lines}
"""The text line by line, for readings whose listings can be long (``--all``)."""
DEFAULT_SEMANTICS = SEMANTICS[0]


@click.command("run")
@ALLOW_OUTSIDE_OPTION
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--semantics", type=click.Choice(SEMANTICS), default=DEFAULT_SEMANTICS,
    show_default=True, help="How to read the program.",
)
@click.option("--all", "also", multiple=True, metavar="PRED",
              help="Also list every derived fact of PRED (name or name/arity).")
@click.option("--engine", type=click.Choice(list(ENGINES)), default="native",
              show_default=True,
              help="Grounder for the crisp model; under prob, duckdb or postgres find the "
                   "cone of the queries in that database and ground only its facts.")
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
    with assessing(files, as_of) as assessment:
        result = assessment.run(semantics, also=also, limits=limits_from(limits), engine=engine,
                                ambiguity=ambiguity)
    if output_format == "json":
        emit_document("run", result.to_json())
    elif (lines := LINES.get(semantics)) is not None:
        _stream(lines(result))
    else:
        text = TEXT[semantics](result, verbose)
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


def _defeasible_text(result: Any) -> str:
    # Imported here: the defeasible answers' module is not needed by `prob`.
    from assess.render.defeasible import defeasible_text

    return defeasible_text(result)
