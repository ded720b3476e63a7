"""``unknown_hypothesis``: a competing set's members are declared hypotheses.

``competing threat: a, b, c.`` groups hypotheses that exclude each other for
the ACH matrix and ``assess run``; each member must be declared with
``hypothesis`` (at any arity) somewhere in the invocation.

Example: ``competing threat: attack, feint.`` with only ``hypothesis attack
"…".`` is one finding (feint) at the competing declaration.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.check.walk import all_items
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast


def check_unknown_hypothesis(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Members of competing sets that no ``hypothesis`` declares."""
    declared = {item.name for item in all_items(programs) if isinstance(item, ast.HypothesisDecl)}
    return [
        error(
            "unknown_hypothesis",
            item.span,
            f"{member} in competing set {item.name} is not a declared hypothesis: "
            f"add 'hypothesis {member} \"…\".'",
        )
        for item in all_items(programs)
        if isinstance(item, ast.CompetingDecl)
        for member in item.members
        if member not in declared
    ]
