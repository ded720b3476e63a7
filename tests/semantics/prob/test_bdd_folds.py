"""Folding many operands (``bdd.Manager.conj_all``, ``disj_all``): operands
in bands of the order of their own are folded from the deepest up; the
result is the same diagram as the pairwise fold gives (diagrams are
canonical, so the same int), with fewer nodes left behind."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.semantics.prob.bdd import Manager

Term = tuple[list[int], list[bool], bool]
"""A term's variables, their signs, and whether it is a disjunction of them."""


def _term(m: Manager, levels: list[int], signs: list[bool], disjunctive: bool) -> int:
    literals = [m.var(v) if s else m.neg(m.var(v)) for v, s in zip(levels, signs, strict=True)]
    out = literals[0]
    for literal in literals[1:]:
        out = m.disj(out, literal) if disjunctive else m.conj(out, literal)
    return out


def _pairwise(m: Manager, nodes: list[int], conj: bool) -> int:
    while len(nodes) > 1:
        pairs = zip(nodes[::2], nodes[1::2], strict=False)
        paired = [m.conj(a, b) if conj else m.disj(a, b) for a, b in pairs]
        nodes = paired + ([nodes[-1]] if len(nodes) % 2 else [])
    return nodes[0]


@st.composite
def operands(draw: st.DrawFn) -> tuple[list[Term], bool]:
    """Terms over consecutive bands of variables, sometimes overlapping,
    in shuffled order; and whether to conjoin (else disjoin) them."""
    terms, start = [], 0
    for _ in range(draw(st.integers(1, 8))):
        width = draw(st.integers(1, 4))
        back = draw(st.sampled_from([0, 0, 0, 1]))  # 1: share a variable with the last
        first = max(0, start - back)
        levels = list(range(first, first + width))
        signs = draw(st.lists(st.booleans(), min_size=width, max_size=width))
        terms.append((levels, signs, draw(st.booleans())))
        start = first + width
    return draw(st.permutations(terms)), draw(st.booleans())


@settings(max_examples=200, deadline=None, derandomize=True)
@given(operands())
def test_a_fold_is_the_pairwise_fold(case: tuple[list[Term], bool]) -> None:
    terms, conj = case
    m = Manager(40)
    nodes = [_term(m, levels, signs, d) for levels, signs, d in terms]
    expected = _pairwise(m, list(nodes), conj)
    assert (m.conj_all(nodes) if conj else m.disj_all(nodes)) == expected


def test_banded_operands_leave_no_copies_behind() -> None:
    """1,000 conjunctions of two variables each, disjoined: the result has
    about 2,000 nodes, and that is about all the manager makes."""
    m = Manager(2_000)
    terms = [m.conj(m.var(2 * i), m.var(2 * i + 1)) for i in range(1_000)]
    before = len(m)
    m.disj_all(terms[::-1])
    assert len(m) - before <= 2_100
    pairwise = Manager(2_000)
    terms = [pairwise.conj(pairwise.var(2 * i), pairwise.var(2 * i + 1)) for i in range(1_000)]
    before = len(pairwise)
    _pairwise(pairwise, terms, conj=False)
    assert len(pairwise) - before > 5 * 2_000
