"""``load "T" as p/N.`` from a table: plain facts from Parquet, a DuckDB
file and a PostgreSQL table, the same answers as from a CSV file; typed
cells are the constants of their types; bad tables are located errors and
nothing of them is used."""

from __future__ import annotations

import datetime
import decimal
import random
from pathlib import Path

import duckdb
import pytest

import assess
from assess.diagnostics import AssessError
from tests.sql_servers import postgres

QUERY = "query(path(X, Y)).\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- edge(X, Y), path(Y, Z).\n"


def edges(count: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return sorted({(rng.randrange(count), rng.randrange(count)) for _ in range(2 * count)})


def write_parquet(rows: list[tuple[object, ...]], schema: str, path: Path) -> None:
    with duckdb.connect() as con:
        con.execute(f"CREATE TABLE t ({schema})")
        con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(rows[0]))})", rows)
        con.execute(f"COPY t TO '{path}' (FORMAT parquet)")


def answers(tmp_path: Path, load: str) -> list[str]:
    program = tmp_path / "p.assess"
    program.write_text(f"{load}\n{QUERY}", encoding="utf-8")
    result = assess.load(str(program)).run("crisp")
    return [a.text for a in result.answers if a.holds]


def problems(tmp_path: Path, load: str, query: str = "query(e(X, Y)).") -> list[tuple[str, str]]:
    program = tmp_path / "p.assess"
    program.write_text(f"{load}\n{query}\n", encoding="utf-8")
    with pytest.raises(AssessError) as caught:
        assess.load(str(program)).run("crisp")
    return [(d.code, f"{Path(d.span.file).name}:{d.span.line}:{d.span.column}")
            for d in caught.value.diagnostics]


def test_parquet_duckdb_and_csv_give_the_same_closure(tmp_path: Path) -> None:
    rows = edges(40, seed=3)
    (tmp_path / "edges.csv").write_text("".join(f"{a},{b}\n" for a, b in rows))
    write_parquet(rows, "a INTEGER, b BIGINT", tmp_path / "edges.parquet")
    with duckdb.connect(str(tmp_path / "graph.duckdb")) as con:
        con.execute("CREATE TABLE edge (source INTEGER, target INTEGER)")
        con.executemany("INSERT INTO edge VALUES (?, ?)", rows)
    from_csv = answers(tmp_path, 'load "edges.csv" as edge/2.')
    assert from_csv  # the closure is not empty
    assert answers(tmp_path, 'load "edges.parquet" as edge/2.') == from_csv
    assert answers(tmp_path, 'load "graph.duckdb" as edge/2.') == from_csv


def test_a_postgres_table_gives_the_same_closure(tmp_path: Path) -> None:
    rows = edges(30, seed=5)
    with postgres() as con:
        con.execute("DROP TABLE IF EXISTS fact_edges")
        con.execute("CREATE TABLE fact_edges (a INTEGER, b INTEGER)")
        con.cursor().executemany("INSERT INTO fact_edges VALUES (%s, %s)", rows)
    (tmp_path / "edges.csv").write_text("".join(f"{a},{b}\n" for a, b in rows))
    assert (answers(tmp_path, 'load "postgres:fact_edges" as edge/2.')
            == answers(tmp_path, 'load "edges.csv" as edge/2.'))


def test_each_cell_is_the_constant_of_its_type(tmp_path: Path) -> None:
    row = (7, 2.5, decimal.Decimal("3.00"), decimal.Decimal("1.25"), True, "12", "New York",
           datetime.date(2022, 12, 15))
    write_parquet([row], "i INTEGER, f DOUBLE, d DECIMAL(5,2), e DECIMAL(5,2), b BOOLEAN, "
                  "t TEXT, s TEXT, day DATE", tmp_path / "typed.parquet")
    program = tmp_path / "p.assess"
    program.write_text('load "typed.parquet" as v/8.\nquery(v(A, B, C, D, E, F, G, H)).\n')
    (answer,) = assess.load(str(program)).run("crisp").answers
    assert answer.values == (7, 2.5, 3, 1.25, "true", "12", "New York", "2022-12-15")
    assert answer.text == "v(7,2.5,3,1.25,true,'12','New York','2022-12-15')"
    # Typed: the text '12' is a symbol and 3.00 an integer, so these hold and
    # the number 12 would not match.
    program.write_text('load "typed.parquet" as v/8.\nquery(v(7, _, 3, _, true, \'12\', _, _)).\n'
                       "q :- v(_, _, _, _, _, 12, _, _).\nquery(q).\n")
    holds = {a.text: a.holds for a in assess.load(str(program)).run("crisp").answers}
    assert holds == {"v(7,2.5,3,1.25,true,'12','New York','2022-12-15')": True, "q": False}


def test_a_table_of_another_width_is_refused_at_the_load(tmp_path: Path) -> None:
    write_parquet([(1, 2, 3)], "a INTEGER, b INTEGER, c INTEGER", tmp_path / "wide.parquet")
    assert problems(tmp_path, 'load "wide.parquet" as e/2.') == [("bad_row", "p.assess:1:1")]


def test_empty_and_untyped_cells_are_located_and_nothing_is_used(tmp_path: Path) -> None:
    with duckdb.connect() as con:
        con.execute("CREATE TABLE t (a INTEGER, b INTEGER[])")
        con.execute("INSERT INTO t VALUES (1, [1, 2]), (NULL, [3]), (4, NULL)")
        con.execute(f"COPY t TO '{tmp_path / 'bad.parquet'}' (FORMAT parquet)")
    assert sorted(problems(tmp_path, 'load "bad.parquet" as e/2.')) == [
        ("bad_argument", "bad.parquet:2:1"), ("bad_argument", "bad.parquet:3:2"),
        ("bad_cell", "bad.parquet:1:2"), ("bad_cell", "bad.parquet:2:2"),
    ]


def test_a_missing_table_of_a_duckdb_file_is_unreadable(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "g.duckdb")) as con:
        con.execute("CREATE TABLE other (a INTEGER, b INTEGER)")
    assert problems(tmp_path, 'load "g.duckdb" as e/2.') == [("table_unreadable", "p.assess:1:1")]


def test_the_cli_exits_2_on_a_bad_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    from assess.cli import main

    write_parquet([(1, 2, 3)], "a INTEGER, b INTEGER, c INTEGER", tmp_path / "wide.parquet")
    program = tmp_path / "p.assess"
    program.write_text('load "wide.parquet" as e/2.\nquery(e(X, Y)).\n')
    with pytest.raises(SystemExit) as exited:
        main(["run", str(program)])
    assert exited.value.code == 2
    printed = capsys.readouterr().err
    assert "error[bad_row]" in printed and "Traceback" not in printed
