"""``unused_indicator`` (a warning): an indicator that no rule reads.

An indicator is declared so that reports of it bear on something. If no rule
body mentions it (as ``ind(…)``, ``~ind(…)`` or under negation), its reports
change no conclusion: the ruleset is missing the argument that uses it, or
the declaration is stale. Queries and expectations do not count as use; an
indicator that members of an exclusive set produce (the head of a rule
whose body reads one, the generative reading) is used.

Example: ``indicator convoy "A convoy".`` with no rule whose body reads
``convoy`` is one finding at the declaration.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.check.influence import build
from assess.check.walk import all_items, body_atoms, rules
from assess.diagnostics import Diagnostic, warning
from assess.syntax import ast


def check_unused_indicator(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Declared indicators that no rule body reads."""
    read = {atom.predicate for rule in rules(programs) for atom, _ in body_atoms(rule.body)}
    read |= {node[0] for node in build(programs).produced}
    return [
        warning(
            "unused_indicator",
            item.span,
            f"indicator {item.name} is read by no rule, so its reports change nothing: "
            f"write the argument that uses it, or drop the declaration",
        )
        for item in all_items(programs)
        if isinstance(item, ast.IndicatorDecl) and item.name not in read
    ]
