"""``assess formula ATOM FILE…``: the exact probability as a closed form.

Prints, for each ground answer of ATOM (it may hold variables), P(ATOM)
given the evidence as a simplified sympy expression in the inputs — rule
labels where rules have them, otherwise readable names — followed by the
value of each symbol and the number; ``--exact`` adds the value computed in
exact rationals from the decimals as written (0.1 is 1/10).

JSON: ``{"formulas": [{"atom", "formula", "symbols": {name: p},
"probability", "exact"?}]}``. Exit 0; 2 on bad input or a formula too large.
"""

from __future__ import annotations

from typing import Any

import click

from assess.cli.common import FORMAT_OPTION, assessing, emit_json
from assess.cli.limits import limit_options, limits_from
from assess.diagnostics import AssessError, error
from assess.semantics.prob.formula import Formula, closed_form
from assess.semantics.prob.infer import infer_only
from assess.syntax import ast
from assess.syntax.ast import Span
from assess.syntax.parser import parse


def _query(atom: str) -> ast.Query:
    try:
        (statement,) = parse(f"query({atom}).", "<command line>").statements
    except (AssessError, ValueError):
        statement = None
    if not isinstance(statement, ast.Query):
        raise AssessError(
            [
                error(
                    "bad_atom",
                    Span("<command line>", 0, 0, 0, 0),
                    f"{atom!r} is not an atom such as path(a, X)",
                )
            ]
        )
    return statement


def _data(formula: Formula, exact: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "atom": formula.atom,
        "formula": str(formula.expression),
        "symbols": formula.values,
        "probability": formula.probability,
    }
    if exact:
        data["exact"] = str(formula.exact)
    return data


def _text(formula: Formula, exact: bool, conditioned: bool) -> str:
    given = " | evidence" if conditioned else ""
    lines = [f"P({formula.atom}{given}) = {formula.expression}"]
    lines.extend(f"  {name} = {value}" for name, value in sorted(formula.values.items()))
    lines.append(f"  = {formula.probability:.10g}")
    if exact:
        lines.append(f"  = {formula.exact} (exact)")
    return "\n".join(lines)


@click.command("formula")
@click.argument("atom")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--exact", is_flag=True, help="Also give the value in exact rationals.")
@limit_options
@FORMAT_OPTION
def command(
    atom: str, files: tuple[str, ...], exact: bool, output_format: str, **limits: Any
) -> int:
    """Print the probability of ATOM in FILES as a formula in the named inputs."""
    query = _query(atom)
    with assessing(files) as assessment:
        pattern = assessment.lower([query]).queries[-1]
        model = infer_only(assessment.ir, [pattern], limits_from(limits))
        formulas = [closed_form(model, i) for i in range(len(model.queries))]
        if output_format == "json":
            emit_json({"formulas": [_data(f, exact) for f in formulas]})
        else:
            blocks = [_text(f, exact, bool(model.evidence)) for f in formulas]
            none = f"no ground instance of {atom} is derivable"
            click.echo("\n\n".join(blocks) if blocks else none)
        return 0
