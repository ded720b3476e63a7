"""``load "x.csv".``: reports from CSV rows, and errors that name the cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.analysis import loading
from assess.analysis.csvtext import CsvSyntaxError, Field, records
from assess.diagnostics import AssessError
from assess.syntax import ast
from assess.workspace import Workspace, resolve

FIXTURES = Path(__file__).parent / "fixtures" / "loading"


def _programs(rules: str, csv_name: str, tmp_path: Path, csv_text: str) -> list[ast.Program]:
    (tmp_path / csv_name).write_text(csv_text, encoding="utf-8")
    rules_path = tmp_path / "rules.assess"
    rules_path.write_text(rules, encoding="utf-8")
    workspace = Workspace.from_paths([str(rules_path)])
    workspace.raise_problems()
    return workspace.programs


def test_rows_become_reports_with_spans_into_the_csv() -> None:
    workspace = Workspace.from_paths([str(FIXTURES / "rules.assess")])
    programs = loading.expand(workspace.programs, workspace.sources)
    reports = [s for s in programs[0].statements if isinstance(s, ast.Report)]
    assert not any(isinstance(s, ast.Load) for s in programs[0].statements)
    assert reports == [
        ast.Report(
            ast.Atom("troops_in_belarus", (ast.Number(12500),)),
            "pentagon",
            2,
            "2022-12-15",
            "Russia now has 10,000 to 15,000 troops in the country",
        ),
        ast.Report(
            ast.Atom("exercise", (ast.Symbol("Brest;Minsk"), ast.Symbol("river_crossing"))),
            "isw",
            3,
        ),
        ast.Report(
            ast.Atom("troops_in_belarus", (ast.Number(40000),), contrary=True),
            "isw",
            4,
            "2022-12-20",
            'a quote with "quotes"\nover two lines',
        ),
    ]
    csv_path = str(FIXTURES / "reports.csv")
    assert [(r.span.file, r.span.line, r.span.column) for r in reports] == [
        (csv_path, 2, 1),
        (csv_path, 4, 1),
        (csv_path, 5, 1),
    ]
    assert workspace.line(csv_path, 4).startswith("exercise,")


def test_every_bad_cell_is_reported_with_line_and_column() -> None:
    workspace = Workspace.from_texts({str(FIXTURES / "rules.assess"): (
        'source pentagon "P" reliability B.\nsource isw "I" reliability B.\nload "bad.csv".\n'
    )})
    _, problems = loading.load_reports(workspace.programs, workspace.sources)
    found = sorted((d.code, d.span.line, d.span.column) for d in problems)
    assert found == [
        ("bad_argument", 4, 14),  # Minsk would be a variable
        ("bad_argument", 5, 17),  # "a;;b": the empty argument after a;
        ("bad_credibility", 4, 20),
        ("bad_indicator", 3, 1),
        ("bad_row", 6, 1),
        ("unknown_source", 2, 19),
    ]
    assert all(d.span.file == str(FIXTURES / "bad.csv") for d in problems)
    message = next(d.message for d in problems if d.code == "unknown_source")
    assert "did you mean 'pentagon'?" in message


@pytest.mark.parametrize(
    ("header", "code", "column"),
    [
        ("indicator,arguments,source", "missing_column", 1),
        ("indicator,arguments,source,credibility,notes", "unknown_column", 40),
        ("indicator,arguments,source,credibility,source", "duplicate_column", 40),
    ],
)
def test_header_problems(tmp_path: Path, header: str, code: str, column: int) -> None:
    rules = 'source s "S" reliability C.\nload "r.csv".\n'
    programs = _programs(rules, "r.csv", tmp_path, header + "\nx,,s,2\n")
    with pytest.raises(AssessError) as raised:
        loading.expand(programs)
    assert [(d.code, d.span.line, d.span.column) for d in raised.value.diagnostics] == [
        (code, 1, column)
    ]


def test_an_unreadable_file_is_reported_at_the_load_statement(tmp_path: Path) -> None:
    rules = 'source s "S" reliability C.\n\nload "missing.csv".\n'
    programs = _programs(rules, "other.csv", tmp_path, "x")
    with pytest.raises(AssessError) as raised:
        loading.expand(programs)
    (problem,) = raised.value.diagnostics
    assert (problem.code, problem.span.line, problem.span.column) == ("load_file_not_found", 3, 1)
    assert problem.span.file.endswith("rules.assess")


def test_an_unclosed_quote_and_a_bad_date(tmp_path: Path) -> None:
    rules = 'source s "S" reliability C.\nload "r.csv".\n'
    text = 'indicator,arguments,source,credibility,date\nx,,s,2,2022-02-30\ny,,s,2,"open\n'
    programs = _programs(rules, "r.csv", tmp_path, text)
    _, problems = loading.load_reports(programs)
    assert sorted((d.code, d.span.line, d.span.column) for d in problems) == [
        ("bad_csv", 3, 8)
    ]
    text = 'indicator,arguments,source,credibility,date\nx,,s,2,2022-02-30\n'
    programs = _programs(rules, "r.csv", tmp_path, text)
    _, problems = loading.load_reports(programs)
    assert [(d.code, d.span.line, d.span.column) for d in problems] == [("bad_date", 2, 8)]


def test_paths_resolve_relative_to_the_declaring_file() -> None:
    assert resolve("r.csv", "dir/sub/rules.assess") == "dir/sub/r.csv"
    assert resolve("../r.csv", "dir/sub/rules.assess") == "dir/r.csv"
    assert resolve("/abs/r.csv", "dir/rules.assess") == "/abs/r.csv"


def test_an_include_and_a_csv_load_report_an_unreadable_file_alike(tmp_path: Path) -> None:
    rules = 'source s "S" reliability C.\nload "gone.assess".\nload "gone.csv".\n'
    (tmp_path / "rules.assess").write_text(rules, encoding="utf-8")
    workspace = Workspace.from_paths([str(tmp_path / "rules.assess")])
    _, problems = loading.load_reports(workspace.programs, workspace.sources)
    found = [(d.code, d.span.line, d.message) for d in [*workspace.problems, *problems]]
    assert found == [
        ("load_file_not_found", 2, "cannot load: no such file"),
        ("load_file_not_found", 3, "cannot load: no such file"),
    ]


def test_csv_records_track_positions_through_quotes_and_crlf() -> None:
    rows = list(records('a,"b\r\nc",d\r\n\r\n"e""f",\n'))
    assert [[(f.value, f.line, f.column) for f in r] for r in rows] == [
        [("a", 1, 1), ("b\r\nc", 1, 3), ("d", 2, 4)],
        [('e"f', 4, 1), ("", 4, 8)],
    ]


def test_check_reports_csv_problems_with_the_csv_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assess.cli import main

    rules = 'source s "S" reliability C.\nload "r.csv".\n'
    _programs(rules, "r.csv", tmp_path, "indicator,arguments,source,credibility\nx,,t,2\n")
    with pytest.raises(SystemExit) as exited:
        main(["check", str(tmp_path / "rules.assess")])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'r.csv'}:2:4: error[unknown_source]" in err
    assert "    x,,t,2\n       ^" in err


def _records_by_cursor(text: str) -> list[list[Field]]:
    """The CSV reader as it was, the cursor reading every record: the
    oracle of the reader that splits the lines without quotes itself."""
    from assess.analysis.csvtext import _Cursor, _record

    cursor = _Cursor(text.lstrip("\ufeff"))
    out = []
    while cursor.peek() != "":
        if cursor.at_record_end():
            while cursor.peek() != "\n":
                cursor.advance()
            cursor.advance()
            continue
        out.append(_record(cursor))
    return out


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet='ab,"\r\n \ufeff', max_size=40))
def test_csv_records_read_as_the_character_reader_reads_them(text: str) -> None:
    try:
        expected: list[list[Field]] | CsvSyntaxError = _records_by_cursor(text)
    except CsvSyntaxError as exc:
        expected = exc
    try:
        got: list[list[Field]] | CsvSyntaxError = list(records(text))
    except CsvSyntaxError as exc:
        got = exc
    if isinstance(expected, CsvSyntaxError):
        assert isinstance(got, CsvSyntaxError)
        assert (got.line, got.column, got.message) == (
            expected.line, expected.column, expected.message)
    else:
        assert got == expected
