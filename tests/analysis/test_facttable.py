"""``load "file.csv" as p/N.``: plain facts from CSV and TSV files."""

from __future__ import annotations

from pathlib import Path

import pytest

import assess
from assess.analysis.facttable import constant, read_facts
from assess.diagnostics import AssessError
from assess.engine.ir import Pred
from assess.syntax import ast
from assess.syntax.parser import parse


def _crisp(tmp_path: Path, files: dict[str, str], program: str, pred: str) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "p.assess").write_text(program, encoding="utf-8")
    result = assess.load(str(tmp_path / "p.assess")).crisp(also=[pred])
    return [f.text for f in next(iter(result.listed.values()))]


def test_csv_and_tsv_rows_are_facts_rules_can_use(tmp_path: Path) -> None:
    program = (
        'load "e.csv" as edge/2.\nload "n.tsv" as ~node/1.\n'
        "path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\n"
    )
    files = {"e.csv": "1,2\r\n2,3\n\n3,New York\n", "n.tsv": "a b\n"}
    assert _crisp(tmp_path, files, program, "path") == [
        "path(1,2)", "path(1,3)", "path(1,'New York')", "path(2,3)", "path(2,'New York')",
        "path(3,'New York')",
    ]
    assert _crisp(tmp_path, files, program, "~node") == ["~node('a b')"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12", ast.Number(12)), (" -3 ", ast.Number(-3)), ("2.5e3", ast.Number(2500.0)),
        ("minsk", ast.Symbol("minsk")), ("Minsk", ast.Symbol("Minsk")),
        ("'a, b'", ast.Symbol("a, b")), ('"text"', ast.String("text")),
        ("New York", ast.Symbol("New York")), ("1e2x", ast.Symbol("1e2x")),
    ],
)
def test_a_cell_is_a_constant(cell: str, expected: ast.Constant) -> None:
    assert constant(cell) == expected


def test_quoted_csv_cells_and_spans() -> None:
    text = 'a,"x, y"\n"b ""c""",2\n'
    facts, problems = read_facts("f.csv", text, ast.Relation("p", 2))
    assert problems == []
    assert [f.head.args for f in facts] == [
        (ast.Symbol("a"), ast.Symbol("x, y")), (ast.Symbol('b "c"'), ast.Number(2)),
    ]
    assert facts[0].head.args[1].span == ast.Span("f.csv", 1, 3, 1, 7)
    assert facts[1].span.line == 2


def test_bad_rows_and_cells_are_located(tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text("1,2\n3\n,4\n1e999,1\n", encoding="utf-8")
    (tmp_path / "p.assess").write_text('load "e.csv" as edge/2.\n', encoding="utf-8")
    with pytest.raises(AssessError) as caught:
        assess.load(str(tmp_path / "p.assess"))
    found = [(d.code, d.span.line, d.span.column) for d in caught.value.diagnostics]
    assert found == [("bad_row", 2, 1), ("bad_argument", 3, 1), ("bad_argument", 4, 1)]


def test_a_program_is_not_loaded_as_a_relation() -> None:
    with pytest.raises(AssessError) as caught:
        parse('load "rules.assess" as p/2.')
    assert caught.value.diagnostics[0].code == "syntax_error"


def test_loaded_facts_are_the_facts_of_the_relation(tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text("1,2\n", encoding="utf-8")
    (tmp_path / "p.assess").write_text('load "e.csv" as e/2. query(e(1, 2)).', encoding="utf-8")
    answers = assess.load(str(tmp_path / "p.assess")).crisp().answers
    assert [(a.pred, a.holds) for a in answers] == [(Pred("e", 2), True)]
