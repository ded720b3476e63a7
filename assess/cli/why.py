"""``assess why FILE… ATOM``: the best proofs of ATOM and what each report adds.

``-k`` proofs (default 3), most probable first, as trees; then each report
in the atom's lineage with the probability without it. ``--semantics``
names the reading (``prob``, the only one explained so far).
"""

from __future__ import annotations

from typing import Any

import click

from assess.cli.common import FORMAT_OPTION
from assess.cli.explaining import emit_result, open_assessment, split_atom
from assess.cli.limits import limit_options, limits_from
from assess.explain.session import Session
from assess.explain.why import why
from assess.render.why import why_text


@click.command("why")
@click.argument("arguments", nargs=-1, required=True, metavar="FILE… ATOM")
@click.option("-k", "k", type=click.IntRange(1), default=3, show_default=True,
              help="How many proofs to show.")
@click.option("--semantics", type=click.Choice(["prob"]), default="prob", show_default=True,
              help="The reading to explain.")
@limit_options
@FORMAT_OPTION
def command(arguments: tuple[str, ...], k: int, semantics: str, output_format: str,
            **limits: Any) -> int:
    """Show the k most probable proofs of ATOM, and each report's contribution."""
    files, atom = split_atom(arguments)
    assessment = open_assessment(files)
    session = Session(assessment.ir, [atom], marginals=True, limits=limits_from(limits))
    result = why(session, atom, k)
    if output_format == "json":
        emit_result("why", result)
    else:
        click.echo(why_text(result))
    return 0
