"""``load "reports.parquet".``, ``load "evidence.duckdb".`` and ``load
"postgres:reports".``: reports from a table.

The table has the columns of a report CSV file (``assess.analysis.loading``:
``indicator``, ``arguments``, ``source``, ``credibility``, optional ``date``
and ``quote``), of any SQL type that reads as that text (a ``DATE`` for
``date``, an integer for ``credibility``). A ``.parquet`` file is that
table; a ``.duckdb`` file is a DuckDB database whose table ``reports`` is
(opened read-only); both are read through DuckDB. ``postgres:TABLE`` (or
``postgres:SCHEMA.TABLE``) is a table of the PostgreSQL server that libpq's
environment names (``PGHOST``…, or ``ASSESS_POSTGRES``, as ``--engine
postgres`` connects: never a password in a rule file), read in a read-only
session, its rows sorted by every column so that their lines are stable.
Each row is checked exactly as a CSV row is: the cells
become ``Field``s as if the table were written out as CSV, header on line 1,
so row N of the table is line N + 1 and a column's position is its column
(``reports.parquet:3:2`` is the second column of the second row), and every
later diagnostic about that report points there. The table is read in full
before any row is used: a file DuckDB cannot read, or a missing table, is
``table_unreadable`` at the ``load`` statement, and nothing of it is used.

Example: a Parquet file whose one row is ``troops_in_belarus``, ``12500``,
``pentagon``, ``2``, ``DATE '2022-12-15'`` gives the same report as the CSV
line ``troops_in_belarus,12500,pentagon,2,2022-12-15``, at ``…parquet:2:1``.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from assess.analysis.csvtext import Field
from assess.diagnostics import AssessError, error
from assess.syntax import ast
from assess.workspace import resolve_within

SUFFIXES = (".parquet", ".duckdb")
SERVER = "postgres:"
"""``load "postgres:TABLE".`` reads TABLE of the server the environment names."""
TABLE = "reports"
"""The table of a ``.duckdb`` file that holds the reports."""


def is_table_path(path: str) -> bool:
    """Whether ``load "path".`` names a table that DuckDB reads."""
    return path.lower().endswith(SUFFIXES) or path.startswith(SERVER)


def _text(value: Any) -> str:
    """A cell as the CSV export would write it."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _unreadable(statement: ast.Load, message: str) -> AssessError:
    return AssessError([error("table_unreadable", statement.span, f"cannot load: {message}")])


def _query(duckdb: Any, path: str) -> tuple[Any, str, list[Any]]:
    """A DuckDB connection and the query (with its parameters) of the table."""
    if path.lower().endswith(".parquet"):
        return duckdb.connect(), "SELECT * FROM read_parquet(?)", [path]
    return duckdb.connect(path, read_only=True), f'SELECT * FROM "{TABLE}"', []


def _server_rows(statement: ast.Load, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The column names and rows (sorted by every column) of a server's table,
    read in a read-only session; the table's name is a quoted identifier."""
    try:
        psycopg = importlib.import_module("psycopg")
    except ImportError as exc:
        raise _unreadable(statement, f"reading {table} needs the Python package psycopg "
                               f"(pip install 'psycopg[binary]'): {exc}") from exc
    options = {} if "PGCONNECT_TIMEOUT" in os.environ else {"connect_timeout": 10}
    try:
        with psycopg.connect(os.environ.get("ASSESS_POSTGRES", ""), **options) as con:
            con.read_only = True
            name = psycopg.sql.Identifier(*table.split("."))
            cursor = con.execute(psycopg.sql.SQL("SELECT * FROM {} LIMIT 0").format(name))
            names = [d.name for d in cursor.description]
            order = psycopg.sql.SQL(", ").join(
                psycopg.sql.Literal(n) for n in range(1, len(names) + 1))
            query = psycopg.sql.SQL("SELECT * FROM {} ORDER BY {}").format(name, order)
            return names, con.execute(query).fetchall()
    except psycopg.Error as exc:  # no server, no such table, no right to read it, …
        raise _unreadable(statement, f"PostgreSQL cannot give {table}: {_first_line(exc)}") from exc


def read_table(
    statement: ast.Load, declared_in: str, root: str | None = None
) -> tuple[str, list[list[Field]]]:
    """The path of the table and its rows as CSV cells (header row first); a
    file outside ``root`` (the project root; None: anywhere) is ``outside_root``."""
    if statement.path.startswith(SERVER):
        names, rows = _server_rows(statement, statement.path.removeprefix(SERVER))
        return statement.path, _fields(names, rows)
    path = resolve_within(statement, declared_in, root)
    if not os.path.isfile(path):
        raise _unreadable(statement, f"no file {path}")
    try:
        duckdb = importlib.import_module("duckdb")
    except ImportError as exc:
        raise _unreadable(statement, f"reading {path} needs the Python package duckdb "
                               f"(pip install duckdb): {exc}") from exc
    try:
        con, query, parameters = _query(duckdb, path)
    except duckdb.Error as exc:  # not a database, locked by a writer, …
        raise _unreadable(statement, f"DuckDB cannot open {path}: {_first_line(exc)}") from exc
    try:
        cursor = con.execute(query, parameters)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.Error as exc:  # no table `reports`, not a Parquet file, …
        raise _unreadable(statement, f"DuckDB cannot read {path}: {_first_line(exc)}") from exc
    finally:
        con.close()
    return path, _fields(names, rows)


def _fields(names: list[str], rows: list[tuple[Any, ...]]) -> list[list[Field]]:
    """The header and the rows as the cells of a CSV file (header on line 1)."""
    header = [Field(name, 1, column) for column, name in enumerate(names, 1)]
    return [header] + [
        [Field(_text(value), line, column) for column, value in enumerate(row, 1)]
        for line, row in enumerate(rows, 2)
    ]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
