"""Spans cover what was written: first token to last, punctuation included."""

from __future__ import annotations

from assess.syntax import ast
from assess.syntax.parser import parse


def span_text(text: str, span: ast.Span) -> str:
    lines = text.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    middle = lines[span.line : span.end_line - 1]
    head = lines[span.line - 1][span.column - 1 :]
    return "\n".join([head, *middle, lines[span.end_line - 1][: span.end_column - 1]])


def test_a_rule_runs_from_its_label_to_its_period() -> None:
    text = "  [r] 0.5::~p(X) :-\n    q(X), \\+ s(X),\n    (X + 1) * 2 > -(3), Y is - X.\n"
    (clause,) = parse(text).statements
    assert isinstance(clause, ast.Clause)
    assert span_text(text, clause.span) == text.strip()
    assert span_text(text, clause.head.span) == "~p(X)"
    atom, negation, comparison, assignment = clause.body
    assert span_text(text, atom.span) == "q(X)"
    assert span_text(text, negation.span) == "\\+ s(X)"
    assert isinstance(comparison, ast.Comparison)
    assert span_text(text, comparison.span) == "(X + 1) * 2 > -(3)"
    assert span_text(text, comparison.left.span) == "(X + 1) * 2"
    assert isinstance(comparison.left, ast.BinaryOp)
    assert span_text(text, comparison.left.left.span) == "X + 1"
    assert comparison.right == ast.Number(-3)
    assert isinstance(assignment, ast.Assignment)
    assert span_text(text, assignment.span) == "Y is - X"
    assert span_text(text, assignment.target.span) == "Y"


def test_declarations_scenarios_and_their_items() -> None:
    text = (
        'source s "S" reliability B derived_from t.\n'
        'scenario "x" {\n'
        '    report a(1) by s credibility 2 on 2022-12-01 "q".\n'
        "    expect probability(a(1)) < 0.2 within 0.01.\n"
        "}\n"
    )
    source, scenario = parse(text).statements
    assert span_text(text, source.span) == text.split("\n")[0]
    assert isinstance(scenario, ast.Scenario)
    assert span_text(text, scenario.span) == text.split("\n", 1)[1].rstrip("\n")
    report, expectation = scenario.items
    assert span_text(text, report.span).startswith("report a(1)")
    assert span_text(text, report.span).endswith('"q".')
    assert span_text(text, expectation.span) == "expect probability(a(1)) < 0.2 within 0.01."


def test_disjunction_choices_and_comments() -> None:
    text = "0.4::a(X); 0.6::b(X) :- c(X). % tail\nc(1). /* block */\n"
    program = parse(text)
    disjunction = program.statements[0]
    assert isinstance(disjunction, ast.Disjunction)
    assert [span_text(text, c.span) for c in disjunction.choices] == ["0.4::a(X)", "0.6::b(X)"]
    assert [span_text(text, c.span) for c in program.comments] == ["% tail", "/* block */"]
