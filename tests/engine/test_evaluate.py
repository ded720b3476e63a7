"""Semi-naive evaluation: least models, strata, derivations, relevance."""

from __future__ import annotations

import pytest
from naive_oracle import naive_model

from assess.check import run_checks
from assess.diagnostics import AssessError
from assess.engine.evaluate import Model, evaluate
from assess.engine.ir import Pred
from assess.engine.lower import lower
from assess.engine.provenance import FACT, DerivationGraph
from assess.engine.strata import ground_negative_cycle
from assess.syntax.parser import parse


def run(text: str, **options: object) -> Model:
    return evaluate(lower([parse(text)]), **options)  # type: ignore[arg-type]


def rows(model: Model, name: str, arity: int, contrary: bool = False) -> set[tuple[object, ...]]:
    return model.relations.get(Pred(name, arity, contrary), set())


# Each fixture: program text and the expected rows of one predicate.
FIXTURES = [
    (  # right-recursive closure over a cycle
        "e(a,b). e(b,c). e(c,a). e(c,d). p(X,Y) :- e(X,Y). p(X,Y) :- e(X,Z), p(Z,Y).",
        ("p", 2),
        {(x, y) for x in "abc" for y in "abcd"},
    ),
    (  # non-linear closure
        "e(1,2). e(2,3). e(3,4). p(X,Y) :- e(X,Y). p(X,Y) :- p(X,Z), p(Z,Y).",
        ("p", 2),
        {(1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)},
    ),
    (  # stratified negation: unreachable pairs
        "n(a). n(b). n(c). e(a,b). r(X,Y) :- e(X,Y). r(X,Y) :- r(X,Z), e(Z,Y)."
        " u(X,Y) :- n(X), n(Y), \\+ r(X,Y), X \\= Y.",
        ("u", 2),
        {("b", "a"), ("a", "c"), ("c", "a"), ("b", "c"), ("c", "b")},
    ),
    (  # negation with a projected variable: nodes with no outgoing edge
        "n(a). n(b). n(c). e(a,b). e(b,a). sink(X) :- n(X), not e(X, _).",
        ("sink", 1),
        {("c",)},
    ),
    (  # repeated variables and constants in literals
        "t(a,a,1). t(a,b,1). t(b,b,2). s(X) :- t(X,X,1). s2(X) :- t(X,X,N), N > 1.",
        ("s", 1),
        {("a",)},
    ),
    (  # arithmetic with ProbLog's semantics
        "v(7). v(2). r(X, A, B, C, D, E) :- v(X), A is X / 2, B is X // 2, C is X mod 3,"
        " D is X ** 2, E is -X + 1.",
        ("r", 6),
        {(7, 3.5, 3, 1, 49, -6), (2, 1.0, 1, 2, 4, -1)},
    ),
    (  # comparisons: numeric and term
        "v(1). v(2). v(3). lt(X,Y) :- v(X), v(Y), X < Y, X =\\= 2, Y =:= 1 + 2.",
        ("lt", 2),
        {(1, 3)},
    ),
    (  # unification binds a free variable, == tests
        "v(1). w(X, Y) :- v(X), Y = X, Y == 1, X \\== 2.",
        ("w", 2),
        {(1, 1)},
    ),
    (  # nullary predicates and recursion through them
        "go. a :- go. b :- a, \\+ c. c :- d.",
        ("b", 0),
        {()},
    ),
    (  # all rule kinds derive; defeaters only on request
        "bird(t). fly(X) -< bird(X). 0.3::nest(X) :- bird(X). ~fly(X) <~ bird(X).",
        ("fly", 1),
        {("t",)},
    ),
]


@pytest.mark.parametrize(("text", "pred", "expected"), FIXTURES)
def test_fixture(text: str, pred: tuple[str, int], expected: set[tuple[object, ...]]) -> None:
    model = run(text)
    assert rows(model, *pred) == expected
    oracle = naive_model(lower([parse(text)]))
    assert {p: r for p, r in model.relations.items() if r} == {
        p: r for p, r in oracle.items() if r
    }


def test_defeaters_derive_only_when_included() -> None:
    text = "bird(t). ~fly(X) <~ bird(X)."
    assert rows(run(text), "fly", 1, contrary=True) == set()
    assert rows(run(text, include_defeaters=True), "fly", 1, contrary=True) == {("t",)}


def test_choices_and_disjunction_heads_derive() -> None:
    model = run("0.3::b. 0.4::x; 0.6::y :- b. p(X) :- q(X). 0.5::q(1).")
    assert rows(model, "x", 0) == rows(model, "y", 0) == {()}
    assert rows(model, "p", 1) == {(1,)}


def test_negative_cycle_names_every_predicate_and_rule() -> None:
    text = "p :- q.\nq :- \\+ r.\nr :- s.\ns :- p.\nt :- \\+ t."
    with pytest.raises(AssessError) as caught:
        run(text)
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == ["negative_cycle", "negative_cycle"]
    first = caught.value.diagnostics[0].message
    for name in ("p/0", "q/0", "r/0", "s/0", "<string>:1 (p/0", "<string>:4 (s/0"):
        assert name in first
    assert caught.value.diagnostics[0].span.line == 2
    assert list(caught.value.diagnostics) == run_checks([parse(text)])



def test_a_ground_negative_cycle_is_reported_as_the_checker_reports_it() -> None:
    text = "move(a, b).\nmove(b, a).\nwin(X) :- move(X, Y), \\+ win(Y).\n"
    ir = lower([parse(text)])
    (rule,) = [r for r in ir.rules if r.head.pred == Pred("win", 1)]
    graph = DerivationGraph()
    win_a, win_b = graph.atom((Pred("win", 1), ("a",))), graph.atom((Pred("win", 1), ("b",)))
    move_ab = graph.atom((Pred("move", 2), ("a", "b")))
    move_ba = graph.atom((Pred("move", 2), ("b", "a")))
    graph.derivation(win_a, rule.id, (move_ab,), (win_b,))
    graph.derivation(win_b, rule.id, (move_ba,), (win_a,))
    found = ground_negative_cycle(ir.rules, graph, [win_a, win_b])
    assert [found] == run_checks([parse(text)])
    assert "win/1 depends on itself through negation" in found.message

@pytest.mark.parametrize(
    "text",
    ["p(X) :- q(Y).", "p(_) :- p(_).", "p(X) :- q(Y), X > Y.", "p(X) :- q(X), Y < 1.",
     "p(X). r(Y) :- p(Y)."],
)
def test_unsafe_rules_are_rejected(text: str) -> None:
    with pytest.raises(AssessError) as caught:
        run("q(1). " + text)
    assert caught.value.diagnostics[0].code == "unsafe_variable"


def test_a_nonground_fact_holds_of_each_instance_asked_for() -> None:
    model = run("q(1). q(2). p(X, a). r(Y) :- q(Y), p(Y, a). s(Y) :- q(Y), p(Y, b).")
    assert model.relations[Pred("r", 1)] == {(1,), (2,)}
    assert model.relations[Pred("s", 1)] == set()
    assert model.relations[Pred("p", 2)] == {(1, "a"), (2, "a")}


def test_arithmetic_errors_are_diagnosed() -> None:
    with pytest.raises(AssessError) as caught:
        run("v(0). w(Y) :- v(X), Y is 1 / X.")
    assert caught.value.diagnostics[0].code == "arithmetic_error"


def test_goals_restrict_evaluation_to_what_they_depend_on() -> None:
    text = "e(a,b). p(X) :- e(X,_). q(X) :- p(X), \\+ r(X). r(b). z(X) :- e(_,X). w :- \\+ w."
    model = run(text, goals={Pred("q", 1)})
    assert set(model.relations) == {Pred(n, a) for n, a in
                                   [("q", 1), ("p", 1), ("e", 2), ("r", 1)]}
    assert rows(model, "q", 1) == {("a",)}


def test_recording_builds_the_derivation_graph() -> None:
    text = "e(a,b). e(b,c). 0.5::e(c,a). p(X,Y) :- e(X,Y). p(X,Y) :- e(X,Z), p(Z,Y). " \
           "n(X) :- e(X,_), \\+ p(X, X)."
    off, on = run(text), run(text, record=True)
    assert off.graph is None and on.graph is not None
    assert off.relations == on.relations
    graph = on.graph
    e, p = Pred("e", 2), Pred("p", 2)
    ab = graph.find((e, ("a", "b")))
    assert ab is not None and [d.rule for d in graph.derivations_of(ab)] == [FACT]
    ca = graph.find((e, ("c", "a")))
    assert ca is not None and [d.rule for d in graph.derivations_of(ca)] == [0]
    aa = graph.find((p, ("a", "a")))
    assert aa is not None
    (derivation,) = graph.derivations_of(aa)
    assert derivation.rule == 2
    assert [graph.atoms[i] for i in derivation.pos] == [(e, ("a", "b")), (p, ("b", "a"))]
    # every ground instance once: p(X,Y) :- e(X,Z), p(Z,Y) has 3 * 3 of them
    assert sum(1 for d in graph.derivations if d.rule == 2) == 9
    assert len(graph.derivations) == len(set(graph.derivations))


def test_possible_grounding_keeps_negated_atoms_as_conditions() -> None:
    text = "0.3::b. a :- \\+ b. c :- \\+ d."
    assert rows(run(text), "a", 0) == set()
    model = run(text, record=True, possible=True)
    assert rows(model, "a", 0) == {()}
    graph = model.graph
    assert graph is not None
    a = graph.find((Pred("a", 0), ()))
    assert a is not None
    (derivation,) = graph.derivations_of(a)
    assert [graph.atoms[i] for i in derivation.neg] == [(Pred("b", 0), ())]
