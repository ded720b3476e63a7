"""Rational and lexicographic closure on Morris's Example 6 and random theories."""

from __future__ import annotations

from hypothesis import given, settings

from assess.semantics.defeasible.closure import closure
from assess.semantics.defeasible.theory import GroundTheory, RuleKind, TheoryBuilder, atom

from .test_defeasible_linear import theories


def example6(fact: str) -> tuple[GroundTheory, dict[str, int]]:
    b = TheoryBuilder()
    b.fact(atom(fact))
    b.rule("c1", RuleKind.STRICT, atom("p"), [atom("a")])
    b.rule("c2", RuleKind.STRICT, atom("p"), [atom("s")])
    for label, head in (("d1", "m"), ("d2", "a"), ("d3", "t")):
        b.rule(label, RuleKind.DEFEASIBLE, atom(head), [atom("p")])
    b.rule("d4", RuleKind.DEFEASIBLE, atom("t", contrary=True), [atom("s")])
    theory = b.build()
    names = {theory.literal_text(q): q for q in range(len(theory.literals))}
    return theory, names


def texts(theory: GroundTheory, found: set[int]) -> set[str]:
    return {theory.literal_text(q) for q in found}


def test_a_student_drops_the_person_defaults_under_rational_closure() -> None:
    theory, _ = example6("s")
    definitely, rational = closure(theory, lexicographic=False)
    assert texts(theory, definitely) == {"s", "p"}
    assert texts(theory, rational) == {"s", "p", "~t"}
    _, lexicographic = closure(theory, lexicographic=True)
    assert texts(theory, lexicographic) == {"s", "p", "~t", "m", "a"}


def test_a_person_keeps_them_under_both() -> None:
    theory, _ = example6("p")
    for lexicographic in (False, True):
        _, found = closure(theory, lexicographic)
        assert {"p", "m", "a", "t", "~s"} <= texts(theory, found)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(theories())
def test_lexicographic_closure_extends_rational_closure(theory: GroundTheory) -> None:
    if any(r.naf or r.kind is RuleKind.DEFEATER for r in theory.rules):
        return
    definitely, rational = closure(theory, lexicographic=False)
    _, lexicographic = closure(theory, lexicographic=True)
    assert definitely <= rational <= lexicographic
