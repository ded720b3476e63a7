"""``assess report RULES EVIDENCE… --output report.html``: the HTML report.

One self-contained page (``render.html``) of the assessment of the files:
the judgements of each competing set with their arguments, quotes and
confidence, the ACH matrices as heat maps, the argument map (zoom, pan,
click a node for its ``why`` and sensitivity), a sensitivity chart per
hypothesis, the track, and a what-if panel that re-evaluates the compiled
circuit in the page. ``--track SNAPSHOT`` (repeatable) follows the questions
across evidence snapshots, each read with RULES (the first file), as
``assess track RULES SNAPSHOT…`` does; without it the track is the
evidence's own report dates (``assess track --by-date``), if there are
several. The page is written atomically (``cli.files``); its path is
printed.
"""

from __future__ import annotations

from typing import Any

import click

from assess.api import track_snapshots
from assess.cli.common import ALLOW_OUTSIDE_OPTION, AS_OF_OPTION, assessing, version
from assess.cli.files import replace_text
from assess.cli.limits import limit_options, limits_from
from assess.render.html import report_html


@click.command("report")
@ALLOW_OUTSIDE_OPTION
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("--track", "snapshots", multiple=True, metavar="SNAPSHOT", type=click.Path(),
              help="An evidence snapshot to follow, read with the rules (repeatable).")
@limit_options
@AS_OF_OPTION
def command(files: tuple[str, ...], output: str, snapshots: tuple[str, ...],
            as_of: str | None, **limits: Any) -> int:
    """Write one self-contained HTML report of FILES' assessment."""
    chosen = limits_from(limits)
    track = None
    if snapshots:
        read = []
        for path in snapshots:
            with assessing((files[0], path)) as assessment:
                read.append(assessment.snapshot(path, chosen))
        track = track_snapshots(read)
    with assessing(files, as_of) as assessment:
        data = assessment.report_data(track, chosen)
    replace_text(output, report_html(data, files, version()))
    click.echo(output)
    return 0
