"""The printer's layout decisions, one by one, and the golden fixture pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.syntax import ast
from assess.syntax.parser import parse
from assess.syntax.printer import MAX_WIDTH, format_source, print_program, print_statement

FIXTURES = Path(__file__).parent / "fixtures" / "fmt"


def fmt(text: str) -> str:
    result = format_source(text)
    assert format_source(result) == result, "not idempotent"
    return result


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("edge", "edge"),
        ("Edge", "'Edge'"),
        ("two words", "'two words'"),
        ("it's", "'it\\'s'"),
        ("back\\slash", "'back\\\\slash'"),
        ("new\nline", "'new\\nline'"),
        ("bell\x07", "'bell\\x07'"),
        ("", "''"),
        ("not", "not"),
        ("Kyiv's café", "'Kyiv\\'s café'"),
    ],
)
def test_symbols_are_quoted_only_when_they_are_not_names(value: str, text: str) -> None:
    fact = ast.Clause(ast.Atom("p", (ast.Symbol(value),)))
    assert print_statement(fact) == f"p({text})."
    assert parse(print_statement(fact)).statements == (fact,)


def test_strings_escape_their_quotes() -> None:
    fact = ast.Clause(ast.Atom("p", (ast.String('say "no"\\'),)))
    assert print_statement(fact) == 'p("say \\"no\\"\\\\").'


def test_not_is_quoted_where_it_would_read_as_negation() -> None:
    text = "p(X) :- 'not' = X, X = not, q(not)."
    assert fmt(text) == "p(X) :- 'not' = X, X = not, q(not).\n"
    assert fmt("p :- 'not' + 1 > 2.") == "p :- 'not' + 1 > 2.\n"


@pytest.mark.parametrize(
    "value", [0.1, 1e-05, 1.5e16, 5e-324, 1.7976931348623157e308, -2.5, 3, -7, 10**12]
)
def test_numbers_read_back_as_the_same_number(value: float) -> None:
    fact = ast.Clause(ast.Atom("n", (ast.Number(value),)))
    (again,) = parse(print_statement(fact)).statements
    assert isinstance(again, ast.Clause)
    (number,) = again.head.args
    assert isinstance(number, ast.Number)
    assert number.value == value and type(number.value) is type(value)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("X is (A + B) + C", "X is A + B + C"),
        ("X is A + (B + C)", "X is A + (B + C)"),
        ("X is A - (B - C)", "X is A - (B - C)"),
        ("X is (A * B) + (C / D)", "X is A * B + C / D"),
        ("X is (A + B) * C", "X is (A + B) * C"),
        ("X is A // (B mod C)", "X is A // (B mod C)"),
        ("X is A ** (B ** C)", "X is A ** B ** C"),
        ("X is (A ** B) ** C", "X is (A ** B) ** C"),
        ("X is (-A) ** 2", "X is -A ** 2"),
        ("X is -(A ** 2)", "X is -(A ** 2)"),
        ("X is -(-A)", "X is --A"),
        ("X is - 3", "X is -3"),
        ("X is A - -3", "X is A - -3"),
        ("X is -(A + 1)", "X is -(A + 1)"),
    ],
)
def test_arithmetic_gets_minimal_parentheses(written: str, canonical: str) -> None:
    assert fmt(f"p(X) :- {written}.") == f"p(X) :- {canonical}.\n"


def test_minus_three_is_the_same_number_in_an_argument_and_in_arithmetic() -> None:
    clause = parse("p(-3) :- X = -3.").statements[0]
    assert isinstance(clause, ast.Clause)
    comparison = clause.body[0]
    assert isinstance(comparison, ast.Comparison)
    assert comparison.right == clause.head.args[0] == ast.Number(-3)


def test_a_rule_that_does_not_fit_gets_one_literal_per_line() -> None:
    body = ", ".join(f"relation_{i}(X, Y)" for i in range(8))
    result = fmt(f"conclusion(X) :- {body}.")
    lines = result.splitlines()
    assert lines[0] == "conclusion(X) :-"
    assert lines[1:] == [f"    relation_{i}(X, Y)," for i in range(7)] + ["    relation_7(X, Y)."]


def test_a_rule_that_just_fits_stays_on_one_line() -> None:
    head = "h :- "
    literal = "a" * (MAX_WIDTH - len(head) - 1)
    assert fmt(f"{head}{literal}.") == f"{head}{literal}.\n"
    assert fmt(f"{head}{literal}b.").startswith("h :-\n    ")


def test_a_long_report_puts_its_quote_on_a_continuation_line() -> None:
    text = 'report troops(12500) by pentagon credibility 2 on 2022-12-15 "' + "x" * 40 + '".'
    assert fmt(text).splitlines() == [
        "report troops(12500) by pentagon credibility 2 on 2022-12-15",
        '       "' + "x" * 40 + '".',
    ]
    assert fmt('report a by b credibility 2 "short".') == 'report a by b credibility 2 "short".\n'


def test_blank_lines_collapse_to_one_and_are_kept_between_groups() -> None:
    assert fmt("\n\na.\nb.\n\n\n\n% c\n\nd.\n\n") == "a.\nb.\n\n% c\n\nd.\n"


def test_comments_after_a_line_comment_get_lines_of_their_own() -> None:
    text = "a :- b\n  % first\n  . /* second */ % third\nz."
    assert fmt(text) == "a :- b.  % first\n/* second */\n% third\nz.\n"


def test_a_comment_only_file_keeps_its_comments() -> None:
    assert fmt("% just\n\n/* notes */") == "% just\n\n/* notes */\n"


def test_trailing_spaces_after_a_line_comment_are_dropped() -> None:
    assert print_program(parse("a.   % note   \r\n")) == "a.  % note\n"


def test_every_statement_prints_on_its_own_line() -> None:
    assert fmt("a. b. [x] > [y]. query(a).") == "a.\nb.\n[x] > [y].\nquery(a).\n"


def test_golden_pair() -> None:
    messy = (FIXTURES / "messy.input.assess").read_text(encoding="utf-8")
    expected = (FIXTURES / "messy.expected.assess").read_text(encoding="utf-8")
    assert fmt(messy) == expected
    assert fmt(expected) == expected


def test_a_block_comment_after_an_operand_is_not_a_division() -> None:
    assert fmt("p(X) :- X /* why */ < 3, Y is X / 2.") == (
        "p(X) :-\n    /* why */\n    X < 3,\n    Y is X / 2.\n"
    )
