"""Grounding through the engine: the definite part is the crisp model.

For programs of strict rules (``~`` heads allowed, no negation as failure),
+Δ holds of exactly the atoms of the engine's least model, whatever the
defeasible rules beside them do; and every literal the engine derived is in
the ground theory.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.engine.evaluate import evaluate
from assess.engine.lower import lower
from assess.semantics.defeasible.ground import ground
from assess.semantics.defeasible.prove import Ambiguity, prove
from assess.syntax.parser import parse

HEADS = ["p(X)", "~p(X)", "q(X)", "~q(X)", "r(X, Y)", "~r(X, Y)"]
BODIES = ["e(X, Y)", "p(X)", "q(Y)", "r(Y, X)", "~p(Y)", "e(Y, X)"]


@st.composite
def programs(draw: st.DrawFn) -> str:
    facts = draw(st.sets(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=5))
    lines = [f"e({a}, {b})." for a, b in sorted(facts)]
    for number in range(draw(st.integers(1, 6))):
        head = draw(st.sampled_from(HEADS))
        body = ["e(X, Y)", *draw(st.lists(st.sampled_from(BODIES), max_size=2))]
        neck = draw(st.sampled_from([":-", "-<"]))
        lines.append(f"[r{number}] {head} {neck} {', '.join(body)}.")
    return "\n".join(lines)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(programs(), st.sampled_from(list(Ambiguity)))
def test_definitely_is_the_strict_least_model(text: str, ambiguity: Ambiguity) -> None:
    strict_only = "\n".join(line for line in text.splitlines() if "-<" not in line)
    model = evaluate(lower([parse(strict_only)]))
    expected = {(p, row) for p, rows in model.relations.items() for row in rows}
    theory = ground(lower([parse(text)]))
    conclusions = prove(theory, ambiguity)
    definite = {theory.literals[q] for q in range(len(theory.literals))
                if conclusions.definitely(q)}
    assert definite == expected
    for q in range(len(theory.literals)):
        assert not (conclusions.definitely(q) and conclusions.not_defeasibly(q))
