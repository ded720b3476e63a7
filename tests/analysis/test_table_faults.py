"""Bad tables and lost servers: each a located error with a code, exit 2, no
traceback, nothing of the table used; a report from a keyed table names its
row. Real DuckDB files and a real PostgreSQL server (``tests.sql_servers``),
no mocks: a lost connection is a backend ended by ``pg_terminate_backend``
from a second session while the rows are on their way."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from assess.analysis.tables import APPLICATION
from tests.analysis.test_tables import SCHEMA, codes
from tests.cli.cli_runner import run
from tests.sql_servers import postgres

HEAD = 'source pentagon "The Pentagon" reliability B.\nindicator troops(n) "Troops".\n'
ROWS = [("troops", "1", "pentagon", 2, None, None), ("troops", "2", "pentagon", 3, None, None)]


def duckdb_table(path: Path, schema: str, rows: list[tuple[object, ...]]) -> None:
    """``rows`` as the table ``reports`` of a DuckDB file, or a Parquet file."""
    target = str(path) if path.suffix == ".duckdb" else ":memory:"
    with duckdb.connect(target) as con:
        con.execute(f"CREATE TABLE reports ({schema})")
        marks = ", ".join("?" for _ in rows[0])
        con.executemany(f"INSERT INTO reports VALUES ({marks})", rows)
        if path.suffix == ".parquet":
            con.execute("COPY reports TO ? (FORMAT parquet)", [str(path)])


@pytest.fixture
def server_table() -> Iterator[str]:
    """A fresh table name on the test server, dropped afterwards."""
    name = "fault_reports"
    with postgres() as con:
        con.execute(f"DROP VIEW IF EXISTS {name}_slow")
        con.execute(f"DROP TABLE IF EXISTS {name}")
    yield name
    with postgres() as con:
        con.execute(f"DROP VIEW IF EXISTS {name}_slow")
        con.execute(f"DROP TABLE IF EXISTS {name}")


def test_a_missing_column_is_located_at_the_header(tmp_path: Path, server_table: str) -> None:
    schema = "indicator TEXT, arguments TEXT, credibility INTEGER"
    duckdb_table(tmp_path / "r.parquet", schema, [("troops", "1", 2)])
    assert codes(tmp_path, "r.parquet") == [("missing_column", 1, 1)]
    with postgres() as con:
        con.execute(f"CREATE TABLE {server_table} ({schema})")
    assert codes(tmp_path, f"postgres:{server_table}") == [("missing_column", 1, 1)]


def test_a_cell_of_the_wrong_type_is_located_at_the_cell(tmp_path: Path) -> None:
    duckdb_table(tmp_path / "r.parquet",
                 "indicator TEXT, arguments TEXT, source TEXT, credibility DOUBLE, "
                 "date TIMESTAMP, quote BLOB",
                 [("troops", "1", "pentagon", 2.5, "2022-12-15 10:00:00", None),
                  ("troops", "2", "pentagon", 2, None, b"\x00\x01")])
    assert codes(tmp_path, "r.parquet") == [("bad_cell", 3, 6)]
    duckdb_table(tmp_path / "s.parquet",
                 "indicator TEXT, arguments TEXT, source TEXT, credibility DOUBLE, "
                 "date TIMESTAMP", [("troops", "1", "pentagon", 2.5, "2022-12-15 10:00:00")])
    assert codes(tmp_path, "s.parquet") == [("bad_credibility", 2, 4), ("bad_date", 2, 5)]
    duckdb_table(tmp_path / "l.duckdb",
                 "indicator TEXT, arguments TEXT[], source TEXT, credibility INTEGER",
                 [("troops", ["1", "2"], "pentagon", 2)])
    assert codes(tmp_path, "l.duckdb") == [("bad_cell", 2, 2)]


def test_a_server_cell_of_the_wrong_type_is_located(tmp_path: Path, server_table: str) -> None:
    with postgres() as con:
        con.execute(f"CREATE TABLE {server_table} ({SCHEMA}, extra BYTEA)")
        con.execute(f"INSERT INTO {server_table} VALUES "
                    "('troops', '1', 'pentagon', 2, NULL, NULL, '\\x00')")
    assert codes(tmp_path, f"postgres:{server_table}") == [("bad_cell", 2, 7)]


def test_an_unreachable_server_is_refused_at_the_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGHOST", str(tmp_path / "no-server-here"))
    monkeypatch.delenv("ASSESS_POSTGRES", raising=False)
    assert codes(tmp_path, "postgres:reports") == [("table_unreadable", 3, 1)]


def test_bad_tables_exit_2_without_a_traceback(tmp_path: Path) -> None:
    duckdb_table(tmp_path / "r.duckdb", "indicator TEXT, arguments BLOB, source TEXT, "
                 "credibility INTEGER", [("troops", b"1", "pentagon", 2)])
    (tmp_path / "m.assess").write_text(HEAD + 'load "r.duckdb".\nquery(troops(1)).\n',
                                       encoding="utf-8")
    for command, code in (("check", 1), ("run", 2)):  # check: "errors found" is its 1
        outcome = run(command, str(tmp_path / "m.assess"))
        assert outcome.code == code, outcome.output
        assert "r.duckdb:2:2: error[bad_cell]" in outcome.output
        assert "Traceback" not in outcome.output


def _terminate_when_running(marker: str, done: threading.Event) -> threading.Thread:
    """A second session that ends the backend running a statement containing
    ``marker`` (of ``assess``'s sessions) as soon as it is seen running."""
    def kill() -> None:
        with postgres() as con:
            while not done.is_set():
                found = con.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                    "application_name = %s AND state = 'active' AND query LIKE %s",
                    [APPLICATION, f"%{marker}%"]).fetchall()
                if found:
                    return
                time.sleep(0.05)
    thread = threading.Thread(target=kill, daemon=True)
    thread.start()
    return thread


def test_a_connection_lost_mid_load_uses_nothing(tmp_path: Path, server_table: str) -> None:
    with postgres() as con:
        con.execute(f"CREATE TABLE {server_table} ({SCHEMA})")
        con.cursor().executemany(f"INSERT INTO {server_table} VALUES (%s, %s, %s, %s, %s, %s)",
                                 ROWS)
        # A view whose rows take seconds to come: the backend is ended mid-read.
        con.execute(f"CREATE VIEW {server_table}_slow AS SELECT r.* FROM {server_table} r, "
                    "LATERAL (SELECT pg_sleep(2)) AS s")
    done = threading.Event()
    killer = _terminate_when_running(f"{server_table}_slow", done)
    (tmp_path / "m.assess").write_text(
        HEAD + f'load "postgres:{server_table}_slow".\nquery(troops(1)).\n', encoding="utf-8")
    started = time.monotonic()
    outcome = run("run", "--format", "json", str(tmp_path / "m.assess"))
    done.set()
    killer.join()
    assert time.monotonic() - started < 4  # ended mid-read, not after the four seconds
    assert outcome.code == 2
    errors = json.loads(outcome.stdout)["errors"]
    assert [e["code"] for e in errors] == ["table_unreadable"]
    assert "terminat" in errors[0]["message"]
    assert "Traceback" not in outcome.output


def test_a_connection_lost_mid_evaluation_is_sql_unavailable(tmp_path: Path) -> None:
    postgres().close()
    chain = "".join(f"e({n}, {n + 1}).\n" for n in range(400))
    (tmp_path / "tc.assess").write_text(
        chain + "p(X, Y) :- e(X, Y).\np(X, Z) :- p(X, Y), e(Y, Z).\nquery(p(0, 400)).\n",
        encoding="utf-8")
    done = threading.Event()
    killer = _terminate_when_running("assess_", done)
    outcome = run("run", "--semantics", "crisp", "--engine", "postgres",
                  str(tmp_path / "tc.assess"))
    done.set()
    killer.join()
    assert outcome.code == 2, outcome.output
    assert "error[sql_unavailable]" in outcome.output and "lost" in outcome.output
    assert "Traceback" not in outcome.output


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_max_ground_counts_before_pulling(engine: str, tmp_path: Path) -> None:
    if engine == "postgres":
        postgres().close()
    (tmp_path / "p.assess").write_text(
        "".join(f"e({n}).\n" for n in range(30)) + "p(X, Y) :- e(X), e(Y).\nquery(p(1, 2)).\n",
        encoding="utf-8")
    base = ("run", "--semantics", "crisp", "--engine", engine, str(tmp_path / "p.assess"))
    outcome = run(*base, "--all=p", "--max-ground", "899")
    assert outcome.code == 2
    assert "error[grounding_too_large]" in outcome.output and "p/2 has 900 rows" in outcome.output
    assert run(*base, "--all=p", "--max-ground", "900").code == 0


def _why_report(tmp_path: Path, load: str) -> tuple[str, dict[str, object]]:
    (tmp_path / "m.assess").write_text(
        HEAD + 'hypothesis many "Many".\nmany :- troops(N), N > 1.\n'
        f'load "{load}".\nquery(many).\n', encoding="utf-8")
    text = run("why", str(tmp_path / "m.assess"), "many")
    data = run("why", "--format", "json", str(tmp_path / "m.assess"), "many")
    assert (text.code, data.code) == (0, 0), text.output
    proof = json.loads(data.stdout)["proofs"][0]
    reports = [r for step in _steps(proof["root"]) for r in step["reports"]]
    assert len(reports) == 1
    return text.stdout, reports[0]


def _steps(step: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield step
    for premise in step["premises"]:
        yield from _steps(premise)


def test_why_names_the_row_of_a_keyed_table(tmp_path: Path, server_table: str) -> None:
    with postgres() as con:
        con.execute(f"CREATE TABLE {server_table} (id INTEGER PRIMARY KEY, {SCHEMA})")
        con.execute(f"INSERT INTO {server_table} VALUES (17, 'troops', '2', 'pentagon', 2, "
                    "NULL, NULL), (4, 'troops', '1', 'pentagon', 2, NULL, NULL)")
    text, report = _why_report(tmp_path, f"postgres:{server_table}")
    assert f"[postgres:{server_table} id=17]" in text
    assert (report["file"], report["line"], report["row_key"]) == (
        f"postgres:{server_table}", 3, {"id": "17"})
    duckdb_table(tmp_path / "e.duckdb", f"region TEXT, n INTEGER, {SCHEMA}, "
                 "PRIMARY KEY (region, n)",
                 [("north", 9, "troops", "2", "pentagon", 2, None, None),
                  ("north", 1, "troops", "1", "pentagon", 2, None, None)])
    text, report = _why_report(tmp_path, "e.duckdb")
    assert "e.duckdb region=north n=9]" in text
    assert report["row_key"] == {"region": "north", "n": "9"}
    duckdb_table(tmp_path / "r.parquet", SCHEMA, [ROWS[1]])
    text, report = _why_report(tmp_path, "r.parquet")
    assert "r.parquet:2]" in text and report["row_key"] is None
