"""The linear algorithm equals the naive fixpoint of the proof conditions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.engine.ir import GroundAtom, Pred
from assess.semantics.defeasible.prove import Ambiguity, prove
from assess.semantics.defeasible.theory import GroundTheory, RuleKind, TheoryBuilder, atom

from .defeasible_oracle import Oracle

NAMES = ("a", "b", "c", "d")
literals = st.builds(
    lambda name, contrary: atom(name, contrary=contrary),
    st.sampled_from(NAMES),
    st.booleans(),
)
heads = st.builds(
    lambda name, contrary: atom(name, contrary=contrary),
    st.sampled_from(NAMES[:2]),
    st.booleans(),
)
rule_shapes = st.tuples(
    st.sampled_from(list(RuleKind)),
    heads,
    st.lists(literals, max_size=2),
    st.lists(literals, max_size=1),
)


@st.composite
def theories(draw: st.DrawFn) -> GroundTheory:
    builder = TheoryBuilder()
    for name in NAMES:
        builder.literal(atom(name))
    for fact in draw(st.lists(literals, max_size=3)):
        builder.fact(fact)
    shapes = draw(st.lists(rule_shapes, max_size=8))
    for number, (kind, head, body, naf) in enumerate(shapes):
        builder.rule(f"r{number}", kind, head, body, naf)
    if shapes:
        labels = st.sampled_from([f"r{n}" for n in range(len(shapes))])
        for stronger, weaker in draw(st.lists(st.tuples(labels, labels), max_size=6)):
            if stronger != weaker:
                builder.superior(stronger, weaker)
    if draw(st.booleans()):
        builder.conflict(Pred("a", 0), Pred("b", 0))
    return builder.build()


def _tags(theory: GroundTheory, ambiguity: Ambiguity) -> list[set[int]]:
    found = prove(theory, ambiguity)
    return [{q for q, on in enumerate(tag) if on} for tag in found.tags]


@settings(derandomize=True, max_examples=400, deadline=None)
@given(theories())
def test_blocking_equals_the_naive_fixpoint(theory: GroundTheory) -> None:
    expected = Oracle(theory, propagating=False).fixpoint()
    assert _tags(theory, Ambiguity.BLOCKING)[:4] == expected[:4]


@settings(derandomize=True, max_examples=600, deadline=None)
@given(theories())
def test_propagating_equals_the_naive_fixpoint(theory: GroundTheory) -> None:
    expected = Oracle(theory, propagating=True).fixpoint()
    assert _tags(theory, Ambiguity.PROPAGATING) == expected


@settings(derandomize=True, max_examples=300, deadline=None)
@given(theories(), st.sampled_from(list(Ambiguity)))
def test_conclusions_are_coherent(theory: GroundTheory, ambiguity: Ambiguity) -> None:
    """No literal is both proved and refuted at the same level."""
    tags = _tags(theory, ambiguity)
    for plus, minus in ((0, 1), (2, 3), (4, 5)):
        assert not tags[plus] & tags[minus]


def test_team_defeat_needs_each_attacker_beaten() -> None:
    b = TheoryBuilder()
    for name in ("monotreme", "hairy", "lays_eggs", "webbed"):
        b.fact(atom(name))
    mammal, not_mammal = atom("mammal"), atom("mammal", contrary=True)
    b.rule("r1", RuleKind.DEFEASIBLE, mammal, [atom("monotreme")])
    b.rule("r2", RuleKind.DEFEASIBLE, mammal, [atom("hairy")])
    b.rule("r3", RuleKind.DEFEASIBLE, not_mammal, [atom("lays_eggs")])
    b.rule("r4", RuleKind.DEFEASIBLE, not_mammal, [atom("webbed")])
    b.superior("r1", "r3")
    b.superior("r2", "r4")
    theory = b.build()
    found = prove(theory)
    assert found.defeasibly(_id(theory, mammal))
    assert found.not_defeasibly(_id(theory, not_mammal))


def _id(theory: GroundTheory, literal: GroundAtom) -> int:
    found = theory.find(literal)
    assert found is not None
    return found
