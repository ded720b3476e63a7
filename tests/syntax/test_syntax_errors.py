"""Syntax errors say what was done wrong and point where it can be fixed."""

from __future__ import annotations

import pytest

from assess.diagnostics import AssessError
from assess.syntax.parser import parse


def syntax_error(text: str) -> tuple[str, int, int]:
    with pytest.raises(AssessError) as caught:
        parse(text)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "syntax_error"
    return diagnostic.message, diagnostic.span.line, diagnostic.span.column


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("p :- q, r", 1, 10),
        ("p :- q, r\n\n% trailing comment\n", 1, 10),
        ("edge(a, b).\nedge(b, c)", 2, 11),
        ("edge(a, b)\nedge(b, c).", 1, 11),
        ("p(X) :- q(X)  /* note */\nr(a).", 1, 13),
        ("p. q", 1, 5),
        ('source s "S" reliability B', 1, 27),
        ("p(X) :- q(X) r(X).", 1, 13),
    ],
)
def test_a_missing_period_points_just_after_the_statement(
    text: str, line: int, column: int
) -> None:
    assert syntax_error(text) == ("missing '.' at the end of the statement", line, column)


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ('scenario "x" {\n  report a by s credibility 2.', "missing '}'", 2, 31),
        ('p("abc).', "unterminated string", 1, 3),
        ("p :- 'abc.", "unterminated quoted atom", 1, 6),
        ("p.\n/* never closed", "unterminated comment", 2, 1),
        ("p :- q ; r.", "write one rule per alternative", 1, 8),
        ("expect a is likely.", "inside a scenario", 1, 1),
        ("drop source s.", "'drop' belongs inside a scenario", 1, 1),
        ("grade Z2 = 0.3.", "reliability A-F and a credibility 1-6", 1, 1),
        ("@", "unexpected character '@'", 1, 1),
        ("p(a,).", "unexpected ')'; expected a term", 1, 5),
        ("p(X) :- q(X),\n", "the file ends in the middle of a statement", 1, 14),
        ("0.3::a :- b.\nfoo bar.", "unexpected 'bar'", 2, 5),
    ],
)
def test_other_mistakes(text: str, message: str, line: int, column: int) -> None:
    found, found_line, found_column = syntax_error(text)
    assert message in found
    assert (found_line, found_column) == (line, column)


@pytest.mark.parametrize("text", ["p :- q, r", "p(a,).", "p :- .", "0.3::a;", "[r] p.\n[r] > ."])
def test_messages_use_the_language_words_not_terminal_names(text: str) -> None:
    message, _, _ = syntax_error(text)
    assert "the end of the file" not in message
    for internal in ("add_op", "mul_op", "pow_op", "naf", "tilde", "minus", "anon", "$END"):
        assert internal not in message.lower()


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("source s reliability B.", 'source name "description" reliability A-F'),
        ("report a by s.", "report atom by source credibility 1-6"),
        ('indicator troops(count "T".', 'indicator name[(parameter, …)] "description" [current].'),
        ("p. competing c a, b.", "competing set_name [exclusive] [given atom]: hypothesis"),
        ("query(a", "query(atom)."),
        ('scenario "s" { expect a is. }', "expect atom is <likelihood>."),
        ('scenario "s" { drop p by. }', "drop source s. | drop atom. | drop atom by s."),
    ],
)
def test_an_error_inside_a_declaration_shows_how_it_is_written(text: str, shape: str) -> None:
    message, _, _ = syntax_error(text)
    assert shape in message


@pytest.mark.parametrize("text", ["source(x) :- foo bar.", "p :- source, q r s."])
def test_a_predicate_named_like_a_keyword_gets_no_declaration_shape(text: str) -> None:
    message, _, _ = syntax_error(text)
    assert "is written" not in message
