"""``assess why-not FILE… ATOM``: what stops ATOM, and what reports would raise it.

Each rule that could derive ATOM with the first premise that fails,
recursively to ``--depth``; then the smallest sets of unreported indicators
whose report (hypothetical, by a source graded ``--grade``, default B2)
would raise it, up to ``--max-set`` indicators each.
"""

from __future__ import annotations

from typing import Any

import click

from assess.api import DEFAULT_GRADE, MAX_SIZE
from assess.cli.common import (
    ALLOW_OUTSIDE_OPTION,
    AS_OF_OPTION,
    FORMAT_OPTION,
    assessing,
    emit_document,
)
from assess.cli.explaining import split_atom
from assess.cli.limits import limit_options, limits_from
from assess.render.why import whynot_text


@click.command("why-not")
@ALLOW_OUTSIDE_OPTION
@click.argument("arguments", nargs=-1, required=True, metavar="FILE… ATOM")
@click.option("--depth", type=click.IntRange(1), default=4, show_default=True,
              help="How deep to follow failing premises.")
@click.option("--grade", default=DEFAULT_GRADE, show_default=True,
              help="Grade of the hypothetical reports (reliability and credibility).")
@click.option("--max-set", type=click.IntRange(1, 6), default=MAX_SIZE, show_default=True,
              help="Largest set of indicators to try.")
@limit_options
@AS_OF_OPTION
@FORMAT_OPTION
def command(arguments: tuple[str, ...], depth: int, grade: str, max_set: int,
            output_format: str, as_of: str | None, **limits: Any) -> int:
    """Explain why ATOM does not hold, and which reports would make it hold."""
    files, atom = split_atom(arguments)
    with assessing(files, as_of) as assessment:
        result = assessment.why_not(atom, depth, grade, max_set, limits_from(limits))
    if output_format == "json":
        emit_document("why-not", result.to_json())
    else:
        click.echo(whynot_text(result))
    return 0
