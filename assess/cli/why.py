"""``assess why FILE… ATOM``: the best proofs of ATOM and what each report adds.

Under ``prob`` (the default): ``-k`` proofs (default 3), most probable
first, as trees; then each report in the atom's lineage with the
probability without it. Under ``--semantics defeasible``: the rules for
and against ATOM, each applicable or discarded, and the superiority or
defeater that settled each conflict (``--ambiguity`` as ``run`` takes it).
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
from assess.render.why import argue_text, why_text


@click.command("why")
@ALLOW_OUTSIDE_OPTION
@click.argument("arguments", nargs=-1, required=True, metavar="FILE… ATOM")
@click.option("-k", "k", type=click.IntRange(1), default=3, show_default=True,
              help="How many proofs to show (prob).")
@click.option("--semantics", type=click.Choice(["prob", "defeasible"]), default="prob",
              show_default=True, help="The reading to explain.")
@click.option("--ambiguity", type=click.Choice(["blocking", "propagating"]), default="blocking",
              show_default=True, help="Ambiguity policy (defeasible).")
@limit_options
@AS_OF_OPTION
@FORMAT_OPTION
def command(arguments: tuple[str, ...], k: int, semantics: str, ambiguity: str,
            output_format: str, as_of: str | None, **limits: Any) -> int:
    """Show why ATOM holds: its best proofs, or its argument under defeasible logic."""
    files, atom = split_atom(arguments)
    with assessing(files, as_of) as assessment:
        if semantics == "defeasible":
            argued = assessment.argue(atom, ambiguity)
        else:
            result = assessment.why(atom, k, limits_from(limits))
    if semantics == "defeasible":
        if output_format == "json":
            emit_document("why", argued.to_json())
        else:
            click.echo(argue_text(argued))
        return 0
    if output_format == "json":
        emit_document("why", result.to_json())
    else:
        click.echo(why_text(result))
    return 0
