"""``evaluate(max_ground=N)`` stops with an error naming the rule, not a hang."""

from __future__ import annotations

import pytest

from assess.diagnostics import AssessError
from assess.engine.evaluate import evaluate
from assess.engine.ir import Pred
from assess.engine.lower import lower
from assess.syntax.parser import parse

CHAIN = "\n".join(f"e({i}, {i + 1})." for i in range(30)) + """
p(X, Y) :- e(X, Y).
p(X, Z) :- p(X, Y), e(Y, Z).
"""


def test_a_small_limit_stops_grounding_with_the_rule_named() -> None:
    ir = lower([parse(CHAIN, "chain.assess")])
    with pytest.raises(AssessError) as caught:
        evaluate(ir, max_ground=100)
    (d,) = caught.value.diagnostics
    assert d.code == "grounding_too_large"
    assert d.span.line == 32  # the recursive rule
    assert "p/2" in d.message and "100" in d.message


def test_a_large_enough_limit_changes_nothing() -> None:
    ir = lower([parse(CHAIN)])
    limited = evaluate(ir, max_ground=10_000, record=True)
    assert limited.relations[Pred("p", 2)] == evaluate(ir).relations[Pred("p", 2)]
