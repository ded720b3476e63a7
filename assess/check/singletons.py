"""``singleton_variable`` (a warning): a named variable used only once.

A variable that occurs once in a clause joins nothing and binds nothing, so
it is usually a typo for another variable (``edge(X, Y), path(Z, W)``).
Write ``_`` or a name starting with ``_`` to say "any value" on purpose.
Occurrences are counted over the whole clause, heads and body together.

A variable that occurs once in a head, under negation, in a test or on the
right of ``is`` is necessarily unbound, and ``unsafe_variable`` reports it as
an error; this warning covers only the single occurrences that are legal
but pointless: in a positive body literal, or bound by ``=`` or ``is``.

Example: ``p(X) :- q(X, Y).`` warns about ``Y``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from assess.check.walk import (
    atom_vars,
    group_items,
    is_ground_clause,
    literal_vars,
    rule_vars,
    written_rules,
)
from assess.diagnostics import Diagnostic, warning
from assess.syntax import ast


def _binding_occurrences(body: Sequence[ast.BodyLiteral]) -> Iterator[ast.Var]:
    """Occurrences where a variable is bound rather than needed."""
    for literal in body:
        if isinstance(literal, ast.Alternatives | ast.IfThenElse | ast.NotGroup):
            yield from _binding_occurrences(group_items(literal))
        elif isinstance(literal, ast.Atom):
            yield from atom_vars(literal)
        elif isinstance(literal, ast.Assignment):
            yield literal.target
        elif isinstance(literal, ast.Comparison) and literal.op is ast.CompareOp.UNIFY:
            yield from literal_vars(literal)


def check_singleton_variable(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Named variables that occur exactly once in their clause."""
    findings: list[Diagnostic] = []
    for rule in written_rules(programs):
        # Only the body's occurrences are reported: a fact has none.
        if not rule.body or is_ground_clause(rule):
            continue
        counts = Counter(var.name for var in rule_vars(rule))
        findings.extend(
            warning(
                "singleton_variable",
                var.span,
                f"variable {var.name} occurs only once in this rule: "
                f"if that is meant, write _{var.name} or _",
            )
            for var in _binding_occurrences(rule.body)
            if counts[var.name] == 1 and not var.name.startswith("_")
        )
    return findings
