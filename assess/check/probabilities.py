"""``invalid_probability``: every number that is a probability lies in [0, 1].

Checked: the weight of a fact or rule (``1.3::a.``), each head of an
annotated disjunction, the *sum* of an annotated disjunction's heads (its
choices exclude each other, so they may sum to at most 1; a tolerance of
``1e-9`` forgives decimal rounding such as 0.1 + 0.2 + 0.7), a ``grade``
override, and the bound of an ``expect probability(…)``.

Example: ``0.6::a; 0.5::b.`` sums to 1.1: one finding at the disjunction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assess.check.walk import all_items
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast

TOLERANCE = 1e-9


def _outside(value: float) -> bool:
    return not 0.0 <= value <= 1.0


def _finding(span: ast.Span, what: str, value: float) -> Diagnostic:
    return error("invalid_probability", span, f"{what} is {value:g}, outside [0, 1]")


def _disjunction(item: ast.Disjunction) -> Iterator[Diagnostic]:
    for choice in item.choices:
        if _outside(choice.probability):
            yield _finding(
                choice.span, f"the probability of {choice.atom.predicate}", choice.probability
            )
    total = sum(choice.probability for choice in item.choices)
    if total > 1.0 + TOLERANCE:
        yield error(
            "invalid_probability",
            item.span,
            f"the heads of an annotated disjunction exclude each other, so their "
            f"probabilities may sum to at most 1, but these sum to {total:g}",
        )


def _item_findings(item: ast.Statement | ast.ScenarioItem) -> Iterator[Diagnostic]:
    if isinstance(item, ast.Clause) and item.probability is not None:
        if _outside(item.probability):
            yield _finding(item.span, f"the probability of {item.head.predicate}", item.probability)
    elif isinstance(item, ast.Disjunction):
        yield from _disjunction(item)
    elif isinstance(item, ast.GradeOverride) and _outside(item.probability):
        yield _finding(item.span, f"the probability of grade {item.grade}", item.probability)
    elif isinstance(item, ast.ExpectProbability) and _outside(item.bound):
        yield _finding(item.span, "the expected probability bound", item.bound)


def check_invalid_probability(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Weights, disjunction sums, grade overrides and bounds outside [0, 1]."""
    return [finding for item in all_items(programs) for finding in _item_findings(item)]
