"""``assess formula ATOM FILE…``: the exact probability as a closed form.

Prints, for each ground answer of ATOM (it may hold variables), P(ATOM)
given the evidence, read off the circuit ``assess run`` evaluates, in the
inputs — rule labels where rules have them, otherwise readable names: a
small diagram as a simplified polynomial, a larger one (or with
``--factored``) with its shared subexpressions named once, one definition
per line (``semantics.prob.formula``); then the value of each symbol and the
number; ``--exact`` adds the value computed in exact rationals from the
decimals as written (0.1 is 1/10).

JSON: ``Formulas.to_json`` (``semantics.prob.formula``). Exit 0; 1 for an
atom the program never mentions; 2 on bad input or a formula too large to
print.
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
from assess.render.formula import formula_text


@click.command("formula")
@ALLOW_OUTSIDE_OPTION
@click.argument("atom")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--exact", is_flag=True, help="Also give the value in exact rationals.")
@click.option("--factored", is_flag=True,
              help="Name shared subexpressions even where the expanded form is short.")
@limit_options
@AS_OF_OPTION
@FORMAT_OPTION
def command(
    atom: str, files: tuple[str, ...], exact: bool, factored: bool, output_format: str,
    as_of: str | None, **limits: Any,
) -> int:
    """Print the probability of ATOM in FILES as a formula in the named inputs."""
    with assessing(files, as_of) as assessment:
        result = assessment.formula(atom, limits_from(limits), factored=factored, exact=exact)
    if output_format == "json":
        emit_document("formula", result.to_json())
    else:
        blocks = [formula_text(f, exact) for f in result.formulas]
        click.echo("\n\n".join(blocks) if blocks else f"no ground instance of {atom} is derivable")
    return 0
