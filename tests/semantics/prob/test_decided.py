"""``decided.impossible``: the recorded atoms that no world makes true."""

from __future__ import annotations

import doctest

import pytest

from assess.engine.lower import lower
from assess.semantics.prob import decided
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.grounding import ground
from assess.syntax.parser import parse


def ruled_out(text: str) -> list[str]:
    ir = lower([parse(text)])
    graph = ground(ir)
    return sorted(atom_text(graph.atoms[a]) for a in decided.impossible(ir.rules, graph))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the failure of a certain atom, through a certain rule and a cycle
        ("p. s :- p. q :- \\+ s. query(q).", ["q"]),
        ("e(a, b). e(b, a). t(X) :- e(X, Y). t(X) :- t(Y), e(Y, X). "
         "n(X) :- e(X, _), \\+ t(X). query(n(X)).", ["n(a)", "n(b)"]),
        # a choice is never decided, whatever its probability
        ("1.0::p. q :- \\+ p. query(q).", []),
        ("0.5::p. q :- p, \\+ p. query(q).", []),
        # impossible premises propagate; negating an impossible atom is certain
        ("p. s :- p. q :- \\+ s. r :- q. u :- \\+ q, p. w :- \\+ u. query(r). query(w).",
         ["q", "r", "w"]),
    ],
)
def test_impossible_atoms(text: str, expected: list[str]) -> None:
    assert ruled_out(text) == expected


def test_docstring_example() -> None:
    result = doctest.testmod(decided)
    assert result.attempted > 0 and result.failed == 0
