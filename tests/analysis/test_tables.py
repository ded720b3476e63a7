"""Reports from Parquet and DuckDB tables: the same reports as from text, and
the same judgements; bad tables are located errors."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pytest

import assess
from assess.diagnostics import AssessError
from assess.syntax import ast, notation
from assess.syntax.parser import parse
from assess.syntax.printer import print_program
from tests.sql_servers import postgres

ROOT = Path(__file__).parents[2]
FLAGSHIP = [ROOT / "rulesets/belarus_2022.assess",
            *sorted((ROOT / "examples/belarus_2022").glob("*.assess"))]
SCHEMA = ("indicator TEXT, arguments TEXT, source TEXT, credibility INTEGER, date DATE, "
          "quote TEXT")


def report_row(report: ast.Report) -> tuple[object, ...]:
    atom = report.atom
    return (("~" if atom.contrary else "") + atom.predicate,
            ";".join(notation.term(a) for a in atom.args),
            report.source, report.credibility, report.date, report.quote)


def write_table(rows: list[tuple[object, ...]], path: Path) -> None:
    """``rows`` as the table ``reports`` of a DuckDB file, or as a Parquet file,
    or (``postgres:NAME``) as the table NAME of the test server."""
    if str(path).startswith("postgres:"):
        with postgres() as con:
            table = str(path).removeprefix("postgres:")
            con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute(f"CREATE TABLE {table} ({SCHEMA})")
            con.cursor().executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s, %s)",
                                     rows)
        return
    target = str(path) if path.suffix == ".duckdb" else ":memory:"
    with duckdb.connect(target) as con:
        con.execute(f"CREATE TABLE reports ({SCHEMA})")
        con.executemany("INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?)", rows)
        if path.suffix == ".parquet":
            con.execute(f"COPY reports TO '{path}' (FORMAT parquet)")


def flagship_from(table: str, folder: Path) -> list[str]:
    """The flagship's files with their reports moved into ``folder/table``."""
    rows: list[tuple[object, ...]] = []
    files = []
    for path in FLAGSHIP:
        program = parse(path.read_text(encoding="utf-8"), str(path))
        rows += [report_row(s) for s in program.statements if isinstance(s, ast.Report)]
        kept = tuple(s for s in program.statements if not isinstance(s, ast.Report))
        if files and not kept:
            continue  # a file of reports only: all of it is in the table
        text = print_program(ast.Program(kept, file=program.file))
        if not files:
            text += f'\nload "{table}".\n'
        (folder / path.name).write_text(text, encoding="utf-8")
        files.append(str(folder / path.name))
    assert len(rows) > 40
    write_table(rows, Path(table) if table.startswith("postgres:") else folder / table)
    return files


@cache
def expected_judgements() -> list[tuple[str, float]]:
    return judgements([str(p) for p in FLAGSHIP])


def judgements(files: list[str]) -> list[tuple[str, float]]:
    return [(a.text, a.probability) for a in assess.load(*files).prob().answers]


@pytest.mark.parametrize("table", ["reports.parquet", "evidence.duckdb"])
def test_the_flagship_judges_alike_from_a_table(table: str, tmp_path: Path) -> None:
    expected = expected_judgements()
    assert len(expected) >= 4
    assert judgements(flagship_from(table, tmp_path)) == expected


def test_a_row_is_a_report_at_its_line(tmp_path: Path) -> None:
    write_table([("troops", "12500", "pentagon", 2, "2022-12-15", "10,000 to 15,000"),
                 ("~troops", "'Minsk;Brest'", "pentagon", 3, None, None)],
                tmp_path / "r.parquet")
    (tmp_path / "m.assess").write_text(
        'source pentagon "The Pentagon" reliability B.\nindicator troops(n) "Troops".\n'
        'load "r.parquet".\n', encoding="utf-8")
    reports = [s for p in assess.load(str(tmp_path / "m.assess")).programs
               for s in p.statements if isinstance(s, ast.Report)]
    assert [(r.atom.predicate, r.atom.contrary, [a.value for a in r.atom.args], r.credibility,
             r.date, r.quote, r.span.line) for r in reports] == [
        ("troops", False, [12500], 2, "2022-12-15", "10,000 to 15,000", 2),
        ("troops", True, ["Minsk;Brest"], 3, None, None, 3)]
    assert reports[0].span.file.endswith("r.parquet")


def codes(tmp_path: Path, load: str) -> list[tuple[str, int, int]]:
    (tmp_path / "m.assess").write_text(
        f'source pentagon "The Pentagon" reliability B.\nindicator troops(n) "Troops".\n'
        f'load "{load}".\n', encoding="utf-8")
    with pytest.raises(AssessError) as caught:
        assess.load(str(tmp_path / "m.assess"))
    return [(d.code, d.span.line, d.span.column) for d in caught.value.diagnostics]


def test_bad_cells_are_located_in_the_table(tmp_path: Path) -> None:
    write_table([("troops", "1", "pentagon", 2, None, None),
                 ("troops", "X", "pentagn", 7, None, None)], tmp_path / "r.parquet")
    assert codes(tmp_path, "r.parquet") == [
        ("bad_argument", 3, 2), ("unknown_source", 3, 3), ("bad_credibility", 3, 4)]


def test_an_unreadable_table_is_refused_at_the_load(tmp_path: Path) -> None:
    assert codes(tmp_path, "missing.parquet") == [("table_unreadable", 3, 1)]
    (tmp_path / "text.parquet").write_text("not parquet", encoding="utf-8")
    assert codes(tmp_path, "text.parquet") == [("table_unreadable", 3, 1)]
    with duckdb.connect(str(tmp_path / "other.duckdb")) as con:
        con.execute("CREATE TABLE something_else (x INTEGER)")
    assert codes(tmp_path, "other.duckdb") == [("table_unreadable", 3, 1)]


def test_the_flagship_judges_alike_from_a_server_table_read_by_a_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = flagship_from("postgres:flagship_reports", tmp_path)
    try:
        monkeypatch.setenv("PGUSER", "assess_reader")
        found, expected = judgements(files), expected_judgements()
        # The server's rows come sorted, not in the files' order: the same
        # probabilities, summed in another order, may differ in the last bit.
        assert [a for a, _ in found] == [a for a, _ in expected]
        assert [p for _, p in found] == pytest.approx([p for _, p in expected], abs=1e-12)
    finally:
        monkeypatch.undo()
        with postgres() as con:
            con.execute("DROP TABLE flagship_reports")


def test_a_missing_server_table_is_refused_at_the_load(tmp_path: Path) -> None:
    with postgres():
        pass
    assert codes(tmp_path, "postgres:no_such_table") == [("table_unreadable", 3, 1)]
