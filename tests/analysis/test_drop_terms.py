"""A scenario's ``drop atom.`` names terms as lowering reads them."""

from __future__ import annotations

import pytest

from assess.analysis.drops import matches
from assess.syntax import ast
from assess.syntax.parser import parse


def atom(text: str) -> ast.Atom:
    statement = parse(f"query({text}).").statements[0]
    assert isinstance(statement, ast.Query)
    return statement.atom


@pytest.mark.parametrize(
    ("pattern", "dropped"),
    [("t(1, \"a\", 0.5)", True), ("t(1.0, \"a\", 0.5)", False), ("t(1, a, 0.5)", False),
     ("t(X, \"a\", Y)", True), ("t(X, X, _)", False), ("t(_, _, 0.50)", True)],
)
def test_a_drop_takes_out_the_report_of_the_same_terms(pattern: str, dropped: bool) -> None:
    report = parse('report t(1, "a", 0.5) by s credibility 2.').statements[0]
    assert isinstance(report, ast.Report)
    assert matches(ast.Drop(atom(pattern), None), report) is dropped
