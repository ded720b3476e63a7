"""ProbLog's syntax that the language accepts, and what it refuses with a code.

Accepted: ``<-`` as the neck, weights written as expressions (``1/6::``)
and flexible weights (``P::``), Prolog's numbers (``0x10``, ``0o17``,
``0b101``, ``0'c``), ``;``, ``->`` and ``\\+ ( … )`` in bodies, ``call/N``,
``@<`` and its family, ``evidence(\\+ a)``, ``query(\\+ a)``,
``:- use_module(library(lists)).``. Refused, each at its place with its own
code: compound terms and lists, scoped atoms, negated heads, other
directives, queries with a body, an if-then-else that binds what it commits
to.
"""

from __future__ import annotations

import pytest

from assess.diagnostics import AssessError
from assess.syntax import ast
from assess.syntax.expand import expand
from assess.syntax.notation import statement
from assess.syntax.parser import parse


def only(text: str) -> ast.Statement:
    (found,) = parse(text).statements
    return found


def test_the_arrow_neck_is_the_strict_neck() -> None:
    assert only("p(X) <- q(X).") == only("p(X) :- q(X).")


@pytest.mark.parametrize(("text", "probability"), [
    ("1/6::die(1).", 1 / 6),
    ("0.5*0.4::x.", 0.5 * 0.4),
    ("(1/0x10)::r.", 1 / 16),
    ("(1 - 0.25)::x.", 0.75),
])
def test_a_weight_may_be_an_expression(text: str, probability: float) -> None:
    clause = only(text)
    assert isinstance(clause, ast.Clause) and clause.probability == probability
    assert clause.weight is not None
    assert only(statement(clause)) == clause


def test_a_weight_with_variables_is_flexible() -> None:
    clause = only("P::sick(X) :- risk(X, P).")
    assert isinstance(clause, ast.Clause) and clause.flexible
    assert clause.weight == ast.Var("P")


@pytest.mark.parametrize(("text", "value"), [
    ("0x1F", 31), ("0o17", 15), ("0b101", 5), ("0'a", 97), ("0' ", 32), ("0''", 39),
    ("0'\\n", 10), ("1.0e10", 1.0e10), ("1.5E-3", 1.5e-3),
])
def test_prolog_numbers(text: str, value: int | float) -> None:
    clause = only(f"n({text}).")
    assert isinstance(clause, ast.Clause)
    (number,) = clause.head.args
    assert isinstance(number, ast.Number) and number.value == value
    assert type(number.value) is type(value)


def test_an_unknown_character_escape_is_an_invalid_number() -> None:
    with pytest.raises(AssessError) as caught:
        parse("n(0'\\q).")
    assert caught.value.diagnostics[0].code == "invalid_number"


def test_disjunctions_and_if_then_else_print_back() -> None:
    text = "h(X) :- a(X), (b(X) ; c, \\+ (d ; e)), (X > 1 -> f ; g)."
    clause = only(text)
    assert isinstance(clause, ast.Clause)
    assert [type(i).__name__ for i in clause.body] == ["Atom", "Alternatives", "IfThenElse"]
    assert only(statement(clause)) == clause


def test_a_certain_rule_is_distributed_over_its_alternatives() -> None:
    rules = [statement(r) for r in expand(only("h(X) :- a(X), (b(X) ; c), (X > 1 -> f ; g)."))]
    assert rules == [
        "h(X) :- a(X), b(X), X > 1, f.",
        "h(X) :- a(X), b(X), X =< 1, g.",
        "h(X) :- a(X), c, X > 1, f.",
        "h(X) :- a(X), c, X =< 1, g.",
    ]


def test_a_weighted_rule_keeps_one_choice_per_instance() -> None:
    rules = [statement(r) for r in expand(only("0.5::h(X) :- a(X, Y), (b(Y) ; c), d(X)."))]
    aux = "h#or@<string>:1:24"
    assert rules == [
        f"0.5::h(X) :- {aux}(X, Y), d(X).",
        f"{aux}(X, Y) :- a(X, Y), b(Y).",
        f"{aux}(X, Y) :- a(X, Y), c.",
    ]


def test_call_is_the_goal_it_calls() -> None:
    assert only("a :- call(b, 1), call(c(2), 3).") == only("a :- b(1), c(2, 3).")


def test_negated_evidence_is_evidence_false() -> None:
    assert only("evidence(\\+ a).") == only("evidence(a, false).")
    assert only("evidence(\\+ a, false).") == only("evidence(a, true).")


def test_a_negated_query_prints_back() -> None:
    query = only("query(\\+ p(1)).")
    assert isinstance(query, ast.Query) and query.negated
    assert statement(query) == "query(\\+ p(1))."


def test_use_module_of_lists_and_unknown_are_accepted() -> None:
    assert only(":- use_module(library(lists)).") == ast.UseModule("lists")
    assert only(":- unknown(fail).") == ast.Unknown("fail")
    assert statement(only(":- unknown(fail).")) == ":- unknown(fail)."


@pytest.mark.parametrize(("text", "code", "column"), [
    ("p :- q(X + 1).", "unsupported_term", 8),
    ("scope1:a.", "unsupported_scope", 1),
    ("query(scope1:a).", "unsupported_scope", 7),
    ("query(_:a).", "unsupported_scope", 7),
    ("p :- s:q.", "unsupported_scope", 6),
    ("0.5::\\+a :- c.", "unsupported_negative_head", 1),
    (":- use_module(library(aggregate)).", "unsupported_directive", 1),
    (":- unknown(ignore).", "unsupported_directive", 1),
    (":- consult(other).", "unsupported_directive", 1),
    ("query(\\+ p(X)) :- a(X).", "unsupported_query_body", 1),
    ("h(X) :- (p(X) -> q ; r).", "unsupported_if_then_else", 1),
    ("h :- (p(X) -> q(X) ; r).", "unsupported_if_then_else", 1),
    ("P::a; 0.5::b :- c(P).", "unsupported_flexible_probability", 1),
    ("p :- call(X).", "unsupported_builtin", 6),
    ("p :- X.", "unsupported_builtin", 6),
    ("P::a.", "unsafe_variable", 1),
    ("(1/0)::a.", "invalid_probability", 2),
])
def test_refusals_have_a_code_and_a_place(text: str, code: str, column: int) -> None:
    with pytest.raises(AssessError) as caught:
        parse(text)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == (code, 1, column)


def test_a_directive_is_named_in_its_refusal() -> None:
    with pytest.raises(AssessError) as caught:
        parse(":- use_module(library(aggregate)).")
    assert "use_module(library(aggregate))" in caught.value.diagnostics[0].message


def test_an_if_then_else_whose_condition_is_tested_only_is_accepted() -> None:
    clause = only("h(X) :- a(X), (X > 1, b(X) -> c ; d).")
    assert isinstance(clause, ast.Clause)
