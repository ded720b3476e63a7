"""``assess sensitivity FILE… ATOM``: the inputs ranked by how much they move ATOM.

Reports, rule weights and source grades, each with its exact derivative and
the value (or grade) at which ATOM would cross into the next ICD 203 term.
"""

from __future__ import annotations

from typing import Any

import click

from assess.cli.common import (
    ALLOW_OUTSIDE_OPTION,
    AS_OF_OPTION,
    FORMAT_OPTION,
    assessing,
    emit_document,
)
from assess.cli.explaining import split_atom
from assess.cli.limits import limit_options, limits_from
from assess.render.levers import sensitivity_text


@click.command("sensitivity")
@ALLOW_OUTSIDE_OPTION
@click.argument("arguments", nargs=-1, required=True, metavar="FILE… ATOM")
@limit_options
@AS_OF_OPTION
@FORMAT_OPTION
def command(
    arguments: tuple[str, ...], output_format: str, as_of: str | None, **limits: Any
) -> int:
    """Rank every report, weight and source grade by its effect on ATOM."""
    files, atom = split_atom(arguments)
    with assessing(files, as_of) as assessment:
        result = assessment.sensitivity(atom, limits_from(limits))
    if output_format == "json":
        emit_document("sensitivity", result.to_json())
    else:
        click.echo(sensitivity_text(result))
    return 0
