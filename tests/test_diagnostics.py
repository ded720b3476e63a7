"""Diagnostics as data: optional spans, and how each kind of span is shown."""

from __future__ import annotations

import doctest

from assess import diagnostics
from assess.diagnostics import error, sort_and_cap, warning
from assess.render.diagnostics import diagnostic_text
from assess.syntax.ast import NO_SPAN, Span


def no_lines(file: str, number: int) -> str:
    return ""


def test_a_diagnostic_without_a_span_has_no_location_and_no_caret() -> None:
    found = error("impossible_evidence", None, "the evidence has probability 0")
    assert diagnostic_text(found, lambda file, number: "never read") == (
        "error[impossible_evidence]: the evidence has probability 0"
    )
    assert found.to_json() == {
        "code": "impossible_evidence",
        "severity": "error",
        "file": None,
        "line": None,
        "column": None,
        "message": "the evidence has probability 0",
    }


def test_a_node_built_in_code_gives_no_span_rather_than_a_made_up_one() -> None:
    assert error("arithmetic_error", NO_SPAN, "1 / 0").span is None
    assert warning("unused_indicator", NO_SPAN, "x is never read").span is None


def test_a_whole_file_span_names_the_file_without_a_line() -> None:
    found = error("empty_file", Span("e.assess", 0, 0, 0, 0), "the file is empty")
    assert diagnostic_text(found, no_lines) == "e.assess: error[empty_file]: the file is empty"
    assert (found.to_json()["file"], found.to_json()["line"]) == ("e.assess", 0)


def test_a_located_diagnostic_quotes_its_line_with_a_caret() -> None:
    found = error("unsafe_variable", Span("r.assess", 1, 4, 1, 5), "Y is unbound")
    assert diagnostic_text(found, lambda file, number: "p(X, Y).").splitlines() == [
        "r.assess:1:4: error[unsafe_variable]: Y is unbound",
        "    p(X, Y).",
        "       ^",
    ]


def test_diagnostics_without_a_span_sort_first() -> None:
    located = error("syntax_error", Span("a.assess", 2, 1, 2, 2), "unexpected ')'")
    unlocated = error("bad_atom", None, "'p(' is not an atom")
    assert sort_and_cap([located, unlocated]) == ((unlocated, located), 0)


def test_docstring_examples() -> None:
    result = doctest.testmod(diagnostics)
    assert result.attempted > 0 and result.failed == 0
