"""``assess what-if FILE… [--assume R] [--drop X] [--grade S=C] [--set L=P]``.

Every hypothesis and query before and after the changes (each option
repeatable): ``--assume 'x(1) by src credibility 2'`` adds a report (the
report syntax, ``report`` and the final ``.`` optional); ``--drop`` removes
a source's reports, an atom's, or one ``atom@source``; ``--grade src=C``
regrades a source; ``--set label=0.4`` sets a rule's weight (or any input's
probability by its name). The model is compiled once and re-evaluated.
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
from assess.cli.limits import limit_options, limits_from
from assess.render.levers import whatif_text


@click.command("what-if")
@ALLOW_OUTSIDE_OPTION
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--assume", multiple=True, metavar="REPORT", help="Add a report.")
@click.option("--drop", multiple=True, metavar="SOURCE|ATOM|ATOM@SOURCE", help="Drop reports.")
@click.option("--grade", multiple=True, metavar="SOURCE=C", help="Regrade a source (A-F).")
@click.option("--set", "set_", multiple=True, metavar="LABEL=P", help="Set a rule's weight.")
@limit_options
@AS_OF_OPTION
@FORMAT_OPTION
def command(files: tuple[str, ...], assume: tuple[str, ...], drop: tuple[str, ...],
            grade: tuple[str, ...], set_: tuple[str, ...], output_format: str,
            as_of: str | None, **limits: Any) -> int:
    """Show every hypothesis before and after the changes."""
    with assessing(files, as_of) as assessment:
        result = assessment.what_if(
            assume=assume, drop=drop, grade=grade, set=set_, limits=limits_from(limits)
        )
    if output_format == "json":
        emit_document("what-if", result.to_json())
    else:
        click.echo(whatif_text(result))
    return 0
