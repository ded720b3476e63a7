"""``assess formula``'s output: a closed form as text; the JSON is ``Formula.to_json()``.

Text: ``P(atom | evidence) = …``; for a factored form, ``where`` and one
definition per line (``#1 = …``, each using only names defined above it);
then each input's value, the number, and with ``exact`` the exact rational.
JSON (``Formula.to_json``): ``{"atom", "form": "expanded" | "factored", "formula", "definitions":
[{"name", "formula"}], "symbols": {name: p}, "probability", "exact"?}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assess.semantics.prob.formula import Formula


def formula_text(formula: Formula, exact: bool) -> str:
    given = " | evidence" if formula.conditioned else ""
    lines = [f"P({formula.atom}{given}) = {formula.expression}"]
    if formula.factored:
        lines.append(f"  where ({len(formula.definitions)} shared subexpressions of "
                     f"{formula.nodes} diagram nodes, each named once)")
        lines.extend(f"  {name} = {body}" for name, body in formula.definitions)
    lines.extend(f"  {name} = {value}" for name, value in sorted(formula.values.items()))
    lines.append(f"  = {formula.probability:.10g}")
    if exact:
        lines.append(f"  = {formula.exact} (exact)")
    return "\n".join(lines)
