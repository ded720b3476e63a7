"""``assess track RULES SNAPSHOT… [--by-date]``: the hypotheses across evidence snapshots.

RULES is read with each SNAPSHOT (an evidence file) in turn, in the order
given. With ``--by-date`` the files given are one body of evidence, read
together, and the snapshots are its dates: one per distinct report date of
those files, oldest first, each the evidence as of that day
(``Assessment.dated_snapshots``). Text: a table with sparklines and, for
each change of ICD 203 term, the reports that caused it; ``--format svg`` a
line plot; ``json`` data.
"""

from __future__ import annotations

from typing import Any

import click

from assess.api import track_snapshots
from assess.cli.common import ALLOW_OUTSIDE_OPTION, assessing, emit_document, format_option
from assess.cli.limits import limit_options, limits_from
from assess.render.track import track_svg, track_text


@click.command("track")
@ALLOW_OUTSIDE_OPTION
@click.argument("rules", type=click.Path())
@click.argument("snapshots", nargs=-1, required=True, type=click.Path())
@click.option("--by-date", is_flag=True,
              help="Read the files together; one snapshot per report date in them.")
@format_option(("text", "json", "svg"), help="Table, JSON or an SVG line plot.")
@limit_options
def command(rules: str, snapshots: tuple[str, ...], by_date: bool, output_format: str,
            **limits: Any) -> int:
    """Follow each hypothesis across dated evidence snapshots."""
    if by_date:
        with assessing((rules, *snapshots)) as assessment:
            result = assessment.track(snapshots, limits_from(limits))
    else:
        compiled = []
        for path in snapshots:
            with assessing((rules, path)) as assessment:
                compiled.append(assessment.snapshot(path, limits_from(limits)))
        result = track_snapshots(compiled)
    if output_format == "json":
        emit_document("track", result.to_json())
    elif output_format == "svg":
        click.echo(track_svg(result), nl=False)
    else:
        click.echo(track_text(result))
    return 0
