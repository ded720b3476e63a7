"""``unknown_label``: superiority relates labels that rules carry.

``[a] > [b].`` says the rules labelled ``a`` beat those labelled ``b``; a
label that no rule or disjunction carries (anywhere in the invocation,
scenarios included) is a typo that would silently change nothing.

Example: ``[strong] > [weak].`` with no rule labelled ``weak`` is one
finding at the superiority statement.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.check.walk import all_items, rules
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast


def check_unknown_label(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Each side of a superiority that names no rule's label."""
    carried = {rule.label for rule in rules(programs) if rule.label is not None}
    findings = []
    for item in all_items(programs):
        if not isinstance(item, ast.Superiority):
            continue
        for label in (item.superior, item.inferior):
            if label not in carried:
                findings.append(
                    error(
                        "unknown_label",
                        item.span,
                        f"no rule is labelled [{label}]: write '[{label}] head :- body.'",
                    )
                )
    return findings
