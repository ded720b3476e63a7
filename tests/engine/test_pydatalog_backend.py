"""pyDatalog as a second grounder: same models, termination, same errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from naive_oracle import naive_model
from random_programs import programs

from assess.diagnostics import AssessError
from assess.engine.evaluate import evaluate
from assess.engine.ir import Pred
from assess.engine.lower import lower
from assess.engine.pydatalog_backend import pydatalog_model, translate
from assess.engine.terms import Str
from assess.syntax.parser import parse

CYCLE = " ".join(f"e({i}, {(i + 1) % 11})." for i in range(11))


def nonempty(relations: dict[Pred, set[tuple[object, ...]]]) -> dict[Pred, set[object]]:
    return {p: set(r) for p, r in relations.items() if r}


def test_right_recursive_closure_over_a_cycle_terminates() -> None:
    ir = lower([parse(CYCLE + " p(X, Y) :- e(X, Y). p(X, Y) :- e(X, Z), p(Z, Y).")])
    model = pydatalog_model(ir, budget=30)
    assert len(model.relations[Pred("p", 2)]) == 121
    assert model.relations == evaluate(ir).relations


def test_translation_puts_the_recursive_literal_first() -> None:
    ir = lower([parse("e(a, b). p(X, Y) :- e(X, Y). p(X, Y) :- e(X, Z), p(Z, Y).")])
    t = translate(ir.rules, ir.facts)
    p, e = t.names[Pred("p", 2)], t.names[Pred("e", 2)]
    assert f"{p}(V0, V1) <= {p}(V2, V1) & {e}(V0, V2)" in t.rules


def test_nullary_contrary_and_projected_negation() -> None:
    text = ("go. n(a). n(b). e(a, a). ~q(X) :- n(X), \\+ e(X, _). r :- go, \\+ s. "
            "t(X) :- n(X), \\+ undefined(X).")
    ir = lower([parse(text)])
    assert nonempty(pydatalog_model(ir).relations) == nonempty(evaluate(ir).relations)


def test_budget_stops_a_run_that_takes_too_long() -> None:
    chain = " ".join(f"e({i}, {i + 1})." for i in range(300))
    ir = lower([parse(chain + " p(X, Y) :- e(X, Y). p(X, Y) :- p(X, Z), p(Z, Y).")])
    with pytest.raises(AssessError) as caught:
        pydatalog_model(ir, budget=0.01)
    assert caught.value.diagnostics[0].code == "pydatalog_timeout"
    assert caught.value.diagnostics[0].span is None


def test_terms_keep_their_types() -> None:
    text = """n(1). n(1.0). n(-0.0). n(0.0). n(2.5). n(a). n("a").
        num(X) :- n(X), X \\== a, X \\== "a", X >= 0.
        twice(X, Y) :- num(X), Y is X * 2.
        same(X, Y) :- num(X), num(Y), X =:= Y, X \\== Y.
        str(X) :- n(X), X = "a".
        one :- twice(1, 2). notone :- twice(1, 2.0).
        b :- 1 = 1.0. e :- 1 \\== 1.0. c :- 1 =:= 1.0."""
    ir = lower([parse(text)])
    engine = nonempty(evaluate(ir).relations)
    assert nonempty(pydatalog_model(ir).relations) == engine
    assert engine[Pred("str", 1)] == {(Str("a"),)}
    assert Pred("b", 0) not in engine and Pred("notone", 0) not in engine
    assert {Pred("e", 0), Pred("c", 0), Pred("one", 0)} <= engine.keys()


def test_arithmetic_on_an_atom_is_the_engines_error() -> None:
    with pytest.raises(AssessError) as caught:
        pydatalog_model(lower([parse("n(a). m(Y) :- n(X), Y is X + 1.")]))
    assert caught.value.diagnostics[0].code == "arithmetic_error"
    assert caught.value.diagnostics[0].span.line == 1


@pytest.mark.parametrize(
    ("text", "code"),
    [("p :- \\+ p.", "negative_cycle"), ("q(1). p(X) :- q(Y).", "unsafe_variable")],
)
def test_same_errors_as_the_engine(text: str, code: str) -> None:
    with pytest.raises(AssessError) as caught:
        pydatalog_model(lower([parse(text)]))
    assert caught.value.diagnostics[0].code == code


@settings(max_examples=60, derandomize=True, deadline=None)
@given(programs())
def test_engine_naive_and_pydatalog_agree(text: str) -> None:
    ir = lower([parse(text)])
    engine = nonempty(evaluate(ir).relations)
    assert engine == nonempty(naive_model(ir))
    assert engine == nonempty(pydatalog_model(ir, budget=30).relations)
