"""Semi-naive evaluation equals the naive oracle on random stratified programs."""

from __future__ import annotations

from hypothesis import given, settings
from naive_oracle import naive_model
from random_programs import programs

from assess.engine.evaluate import evaluate
from assess.engine.lower import lower
from assess.syntax.parser import parse


@settings(max_examples=150, derandomize=True, deadline=None)
@given(programs())
def test_semi_naive_equals_naive(text: str) -> None:
    ir = lower([parse(text)])
    model = evaluate(ir)
    expected = naive_model(ir)
    assert {p: r for p, r in model.relations.items() if r} == {
        p: r for p, r in expected.items() if r
    }
    recorded = evaluate(ir, record=True)
    assert recorded.relations == model.relations
