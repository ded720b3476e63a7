"""``unreachable_hypothesis`` (a warning): no evidence can support a hypothesis.

A hypothesis is reachable when some indicator can support it: a chain of
rules leads from the hypothesis to the indicator crossing an even number of
negations (see ``assess.check.influence``). Otherwise no report, however
strong, can raise its probability: it rests on priors alone or on nothing,
and an assessment of it says more about the ruleset than about the world.

Example: ``hypothesis feint "A feint".`` with only ``0.3::feint.`` is one
finding at the declaration.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.check.influence import hypotheses_without
from assess.diagnostics import Diagnostic, warning
from assess.syntax import ast


def check_unreachable_hypothesis(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Hypotheses that no indicator can support."""
    return [
        warning(
            "unreachable_hypothesis",
            decl.span,
            f"no indicator can support hypothesis {decl.name}: no chain of rules leads "
            f"from an indicator to it, so no report can make it more likely",
        )
        for decl in hypotheses_without(programs, 0)
    ]
