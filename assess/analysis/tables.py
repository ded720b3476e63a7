"""``load "reports.parquet".`` and ``load "evidence.duckdb".``: reports from
a table, read through DuckDB.

The table has the columns of a report CSV file (``assess.analysis.loading``:
``indicator``, ``arguments``, ``source``, ``credibility``, optional ``date``
and ``quote``), of any SQL type that reads as that text (a ``DATE`` for
``date``, an integer for ``credibility``). A ``.parquet`` file is that
table; a ``.duckdb`` file is a DuckDB database whose table ``reports`` is
(opened read-only). Each row is checked exactly as a CSV row is: the cells
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
from assess.workspace import resolve

SUFFIXES = (".parquet", ".duckdb")
TABLE = "reports"
"""The table of a ``.duckdb`` file that holds the reports."""


def is_table_path(path: str) -> bool:
    """Whether ``load "path".`` names a table that DuckDB reads."""
    return path.lower().endswith(SUFFIXES)


def _text(value: Any) -> str:
    """A cell as the CSV export would write it."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _fail(statement: ast.Load, message: str) -> AssessError:
    return AssessError([error("table_unreadable", statement.span, f"cannot load: {message}")])


def _query(duckdb: Any, path: str) -> tuple[Any, str, list[Any]]:
    """A DuckDB connection and the query (with its parameters) of the table."""
    if path.lower().endswith(".parquet"):
        return duckdb.connect(), "SELECT * FROM read_parquet(?)", [path]
    return duckdb.connect(path, read_only=True), f'SELECT * FROM "{TABLE}"', []


def read_table(statement: ast.Load, declared_in: str) -> tuple[str, list[list[Field]]]:
    """The path of the table and its rows as CSV cells (header row first)."""
    path = resolve(statement.path, declared_in)
    if not os.path.isfile(path):
        raise _fail(statement, f"no file {path}")
    try:
        duckdb = importlib.import_module("duckdb")
    except ImportError as exc:
        raise _fail(statement, f"reading {path} needs the Python package duckdb "
                               f"(pip install duckdb): {exc}") from exc
    try:
        con, query, parameters = _query(duckdb, path)
    except duckdb.Error as exc:  # not a database, locked by a writer, …
        raise _fail(statement, f"DuckDB cannot open {path}: {_first_line(exc)}") from exc
    try:
        cursor = con.execute(query, parameters)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.Error as exc:  # no table `reports`, not a Parquet file, …
        raise _fail(statement, f"DuckDB cannot read {path}: {_first_line(exc)}") from exc
    finally:
        con.close()
    header = [Field(name, 1, column) for column, name in enumerate(names, 1)]
    return path, [header] + [
        [Field(_text(value), line, column) for column, value in enumerate(row, 1)]
        for line, row in enumerate(rows, 2)
    ]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
