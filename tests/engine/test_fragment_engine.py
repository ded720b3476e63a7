"""The engine's side of ProbLog's fragment: if-then-else, arithmetic
functions, built-ins, flexible probabilities and negated queries, with the
errors each gives on values it cannot take (always a code, at the rule).

Programs ProbLog itself runs are compared with it in
``tests/semantics/prob/compat``; these are the parts ProbLog 2.3 does not
run (``->``, ``0o17``, ``gcd``) or the errors.
"""

from __future__ import annotations

import pytest
from problog import get_evaluatable
from problog.program import PrologString

import assess
from assess.diagnostics import AssessError


def answers(text: str) -> dict[str, float]:
    return {a.text: a.probability for a in assess.load(texts={"t.pl": text}).prob().answers}


def refusal(text: str) -> tuple[str, int]:
    with pytest.raises(AssessError) as caught:
        answers(text)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.span is not None
    return diagnostic.code, diagnostic.span.line


def live(text: str) -> dict[str, float]:
    result = get_evaluatable().create_from(PrologString(text)).evaluate()
    return {str(k).replace(" ", ""): float(v) for k, v in result.items()}


FACTS = "0.3::a. 0.6::b. 0.2::c. 0.5::p(1). 0.5::p(2). n(1). n(2). n(3).\n"


@pytest.mark.parametrize(("written", "logical"), [
    ("h :- (a -> b ; c).", "h :- a, b. h :- \\+ a, c."),
    ("0.4::h :- (a -> b ; c).", "0.4::h :- g. g :- a, b. g :- \\+ a, c."),
    ("h(X) :- n(X), (X > 1 -> p(X) ; a).", "h(X) :- n(X), X > 1, p(X). h(X) :- n(X), X =< 1, a."),
    ("h :- (a, b -> c).", "h :- a, b, c."),
    ("h :- (a -> b ; c -> b ; a).",
     "h :- a, b. h :- \\+ a, c, b. h :- \\+ a, \\+ c, a."),
])
def test_if_then_else_means_the_logical_reading(written: str, logical: str) -> None:
    query = "query(h(_))." if "h(X)" in written else "query(h)."
    expected = live(f"{FACTS}{logical}\n{query}")
    got = answers(f"{FACTS}{written}\n{query}")
    assert got.keys() == expected.keys()
    assert all(abs(got[k] - expected[k]) <= 1e-9 for k in expected)


@pytest.mark.parametrize(("expression", "value"), [
    ("0o17 + 0b101", "20"), ("0'a", "97"), ("gcd(12, 18)", "6"), ("7 div 2", "3"),
    ("-7 div 2", "-4"), ("2 ^ 100 mod 7", "2"), ("float_integer_part(3.7)", "3"),
    ("max(1, 1.0)", "1"), ("e", "2.718281828459045"), ("1 << 4 >> 2", "4"),
])
def test_arithmetic_values(expression: str, value: str) -> None:
    assert answers(f"x(X) :- X is {expression}. query(x(_)).") == {f"x({value})": 1.0}


@pytest.mark.parametrize("expression", [
    "sqrt(-1)", "log(0)", "foo(1)", "gcd(1.5, 2)", "1 / 0", "5 /\\ 1.5", "exp(1000)",
    "1 << 100000", "ceiling(inf)",
])
def test_arithmetic_errors_are_located(expression: str) -> None:
    assert refusal(f"a.\nx(X) :- a, X is {expression}.\nquery(x(_)).") == ("arithmetic_error", 2)


def test_between_succ_and_plus() -> None:
    got = answers("b(X) :- between(2, 4, X). s(X) :- succ(X, 3). t(X) :- plus(2, X, 7)."
                  " z :- succ(X, 0), X > 0. query(b(_)). query(s(_)). query(t(_)). query(z).")
    assert got == {"b(2)": 1.0, "b(3)": 1.0, "b(4)": 1.0, "s(2)": 1.0, "t(5)": 1.0, "z": 0.0}


@pytest.mark.parametrize(("text", "code"), [
    ("a(X) :- between(1, 2.5, X).\nquery(a(_)).", "arithmetic_error"),
    ("a(X) :- n(X), between(1, N, X).\nquery(a(_)).", "unsafe_variable"),
    ("a(X) :- succ(X, Y), Y > 1.\nquery(a(_)).", "unsafe_variable"),
    ("a(X) :- X = -1, succ(X, _).\nquery(a(_)).", "arithmetic_error"),
])
def test_a_builtin_without_what_it_needs_is_refused(text: str, code: str) -> None:
    assert refusal("n(a).\n" + text)[0] == code


def test_builtins_run_under_crisp_and_pydatalog_refuses_them() -> None:
    loaded = assess.load(texts={"t.pl": "b(X) :- between(1, 2, X). query(b(_))."})
    assert [(a.text, a.holds) for a in loaded.crisp().answers] == [("b(1)", True), ("b(2)", True)]
    with pytest.raises(AssessError) as caught:
        loaded.crisp(engine="pydatalog")
    assert caught.value.diagnostics[0].code == "pydatalog_error"


def test_a_flexible_probability_outside_0_1_is_refused_at_its_rule() -> None:
    assert refusal("r(a, 0.5).\nr(b, 2).\nP::s(X) :- r(X, P).\nquery(s(_)).") == (
        "invalid_probability", 3)
    assert refusal("r(a, x).\nP::s(X) :- r(X, P).\nquery(s(_)).")[0] == "arithmetic_error"


def test_a_flexible_probability_is_one_choice_per_instance() -> None:
    text = "r(a, 1, 0.5). r(a, 2, 0.5). P::s(X) :- r(X, _, P). query(s(a))."
    assert answers(text) == pytest.approx(live(text), abs=1e-9)
    assert answers(text) == pytest.approx({"s(a)": 0.75}, abs=1e-9)


def test_a_negated_query_is_the_complement_and_must_be_ground() -> None:
    assert answers("0.3::p(1). query(\\+ p(1)). query(p(1)).") == pytest.approx(
        {"\\+p(1)": 0.7, "p(1)": 0.3}, abs=1e-12)
    assert refusal("0.3::p(1).\nquery(\\+ p(X)).") == ("unsafe_variable", 2)


def test_under_unknown_fail_an_undefined_predicate_fails() -> None:
    text = ":- unknown(fail).\np :- a.\nq :- \\+ b(1).\nquery(p). query(q). query(a)."
    assert answers(text) == {"p": 0.0, "q": 1.0, "a": 0.0}
    assert refusal(":- unknown(fail).\nq :- atom_length(a, 1).\nquery(q).") == (
        "unsupported_builtin", 2)
    assert refusal(":- unknown(error).\np :- a.\nquery(p).") == ("undefined_predicate", 2)


def test_a_problog_builtin_not_provided_is_unsupported_not_undefined() -> None:
    assert refusal("a(1).\nq :- a(X), succ_or_zero(X).\nquery(q).") == (
        "undefined_predicate", 2)
    assert refusal("a(1).\nq :- a(X), assertz(b(X)).\nquery(q).") == ("unsupported_builtin", 2)
    assert refusal("q :- nope.\nquery(q).") == ("undefined_predicate", 1)
