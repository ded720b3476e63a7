"""``assess matrix FILE…``: the ACH matrix of each competing set.

Rows are indicators, columns the hypotheses of one competing set; each cell
is the effect of the indicator's reports on the hypothesis's probability
(``assess.explain.matrix``). ``--set NAME`` draws one set only; ``--format``
picks a text table, one JSON document, or CSV (one line per cell).

Exit 0 with the matrices; 2 on bad input or an unknown set name.
"""

from __future__ import annotations

from typing import Any

import click

from assess.cli.common import (
    ALLOW_OUTSIDE_OPTION,
    AS_OF_OPTION,
    assessing,
    emit_document,
    format_option,
)
from assess.cli.limits import limit_options, limits_from
from assess.render.matrix import matrices_csv, matrices_data, matrices_text


@click.command("matrix")
@ALLOW_OUTSIDE_OPTION
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--set", "only", metavar="NAME", help="Draw only the competing set NAME.")
@format_option(("text", "json", "csv"),
               help="A text table, one JSON document, or CSV (one line per cell).")
@limit_options
@AS_OF_OPTION
def command(
    files: tuple[str, ...], only: str | None, output_format: str, as_of: str | None,
    **limits: Any,
) -> int:
    """Draw the ACH matrix (indicators x competing hypotheses) of FILES."""
    with assessing(files, as_of) as assessment:
        drawn = assessment.matrices(only, limits_from(limits))
    if output_format == "json":
        emit_document("matrix", matrices_data(drawn))
    elif output_format == "csv":
        click.echo(matrices_csv(drawn))
    else:
        click.echo(matrices_text(drawn))
    return 0
