"""``load "reports.parquet".``, ``load "evidence.duckdb".`` and ``load
"postgres:reports".``: reports from a table.

The table has the columns of a report CSV file (``assess.analysis.loading``:
``indicator``, ``arguments``, ``source``, ``credibility``, optional ``date``
and ``quote``), of any SQL type that reads as that text (a ``DATE`` for
``date``, an integer for ``credibility``), and may have a primary key of
other columns. A ``.parquet`` file is that table; a ``.duckdb`` file is a
DuckDB database whose table ``reports`` is (opened read-only); both are read
through DuckDB. ``postgres:TABLE`` (or ``postgres:SCHEMA.TABLE``) is a table
of the PostgreSQL server that libpq's environment names (``PGHOST``…, or
``ASSESS_POSTGRES``, as ``--engine postgres`` connects: never a password in
a rule file), read in a read-only session.

A database table's rows come sorted by its primary key (without one: by
every column), so that their lines are stable. Each row is checked exactly
as a CSV row is: the cells become ``Field``s as if the table were written out
as CSV, header on line 1, so row N of the table is line N + 1 and a column's
position is its column (``reports.parquet:3:2`` is the second column of the
second row), and every later diagnostic about that report points there.
Each report also keeps its row's primary key (``Table.keys``: column and
value, in the key's order), so ``why`` names the row as the database does.

Faults, each at the ``load`` statement or the cell, and nothing of the table
used: a file DuckDB cannot read, a missing table, no server, a connection
lost while the rows arrive: ``table_unreadable``; a cell of a type that has
no CSV text (a BLOB, a list, a struct): ``bad_cell`` at the cell. The table
is read in full before any row is used.

``load "edges.parquet" as edge/2.`` reads plain facts instead, one per row
(``read_table_facts``): the table's columns, in order, are the arguments (of a
``.duckdb`` file, the table named as the predicate, ``edge``). Each cell is
the constant of its SQL type: an integer or a decimal without a fraction a
number, a float or decimal a float, a boolean the symbol ``true`` or
``false``, and text (or a date, as ``YYYY-MM-DD``) the symbol of its text
— typed, so a text column holding ``12`` gives the symbol ``'12'``, where
a CSV cell ``12`` is the number. Row N is line N (there is no header); a
table of another width is ``bad_row`` at the ``load``, an empty cell
``bad_argument`` and a cell of no text ``bad_cell`` at the cell.

Example: a Parquet file whose one row is ``troops_in_belarus``, ``12500``,
``pentagon``, ``2``, ``DATE '2022-12-15'`` gives the same report as the CSV
line ``troops_in_belarus,12500,pentagon,2,2022-12-15``, at ``…parquet:2:1``.
"""

from __future__ import annotations

import datetime
import decimal
import importlib
import os
from dataclasses import dataclass
from types import NoneType
from typing import Any

from assess.analysis.csvtext import Field
from assess.analysis.reportrow import COLUMNS
from assess.diagnostics import AssessError, Diagnostic, error
from assess.syntax import ast
from assess.workspace import SERVER, resolve_within

TABLE = "reports"
"""The table of a ``.duckdb`` file that holds the reports."""
APPLICATION = "assess"
"""The ``application_name`` of every PostgreSQL session (``pg_stat_activity``)."""
CONNECT_TIMEOUT = 10
"""Seconds to wait for a PostgreSQL server unless ``PGCONNECT_TIMEOUT`` says."""

_TEXTUAL = (str, int, float, decimal.Decimal, datetime.date, datetime.datetime, datetime.time)
"""The Python types of cells that read as CSV text (``bool`` is an ``int``)."""

Key = tuple[tuple[str, str], ...]
"""A row's primary key: each key column and its value as text."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table read in full: its path, its report cells as CSV (header row
    first) and, per row after the header, the row's primary key (empty
    without one)."""

    path: str
    cells: list[list[Field]]
    keys: list[Key]


def postgres_options() -> dict[str, Any]:
    """The keyword options of every ``psycopg.connect`` besides libpq's environment."""
    options: dict[str, Any] = {"application_name": APPLICATION}
    if "PGCONNECT_TIMEOUT" not in os.environ:
        options["connect_timeout"] = CONNECT_TIMEOUT
    return options


def _text(value: Any) -> str:
    """A cell as the CSV export would write it."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _unreadable(statement: ast.Load, message: str) -> AssessError:
    return AssessError([error("table_unreadable", statement.span, f"cannot load: {message}")])


def _identifier(name: str) -> str:
    """``name`` as a quoted SQL identifier (a ``"`` inside doubled)."""
    return '"' + name.replace('"', '""') + '"'


def _duckdb_rows(duckdb: Any, path: str, table: str = TABLE
                 ) -> tuple[list[str], list[str], list[tuple[Any, ...]]]:
    """Column names, primary key and rows of a Parquet file or of the table
    ``table`` of a DuckDB file."""
    if path.lower().endswith(".parquet"):
        con = duckdb.connect()
        query, parameters, key = "SELECT * FROM read_parquet(?)", [path], []
    else:
        con = duckdb.connect(path, read_only=True)
        found = con.execute(
            "SELECT constraint_column_names FROM duckdb_constraints() WHERE table_name = ? "
            "AND constraint_type = 'PRIMARY KEY'", [table]).fetchall()
        key = list(found[0][0]) if found else []
        query, parameters = f"SELECT * FROM {_identifier(table)}", []
    try:
        cursor = con.execute(query, parameters)
        names = [d[0] for d in cursor.description]
        if key:
            order = ", ".join(str(names.index(k) + 1) for k in key)
            cursor = con.execute(f"{query} ORDER BY {order}", parameters)
        return names, key, cursor.fetchall()
    finally:
        con.close()


def _server_rows(statement: ast.Load, table: str
                 ) -> tuple[list[str], list[str], list[tuple[Any, ...]]]:
    """Column names, primary key and rows (sorted by the key, else by every
    column) of a server's table, read in a read-only session; the table's
    name is a quoted identifier and the key is asked with it as a parameter."""
    try:
        psycopg = importlib.import_module("psycopg")
    except ImportError as exc:
        raise _unreadable(statement, f"reading {table} needs the Python package psycopg "
                               f"(pip install 'psycopg[binary]'): {exc}") from exc
    sql = psycopg.sql
    try:
        with psycopg.connect(os.environ.get("ASSESS_POSTGRES", ""), **postgres_options()) as con:
            con.read_only = True
            name = sql.Identifier(*table.split("."))
            cursor = con.execute(sql.SQL("SELECT * FROM {} LIMIT 0").format(name))
            names = [d.name for d in cursor.description]
            key = [r[0] for r in con.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = "
                "i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND "
                "i.indisprimary ORDER BY array_position(i.indkey, a.attnum)",
                [name.as_string(con)]).fetchall()]
            positions = [names.index(k) + 1 for k in key] or range(1, len(names) + 1)
            order = sql.SQL(", ").join(sql.Literal(n) for n in positions)
            query = sql.SQL("SELECT * FROM {} ORDER BY {}").format(name, order)
            return names, key, con.execute(query).fetchall()
    except psycopg.Error as exc:  # no server, no such table, no right, connection lost…
        raise _unreadable(statement, f"PostgreSQL cannot give {table}: {_first_line(exc)}") from exc


def read_table(statement: ast.Load, declared_in: str, root: str | None = None) -> Table:
    """The table ``statement`` loads, read in full; a file outside ``root``
    (the project root; None: anywhere) is ``outside_root``."""
    path, names, key, rows = _rows(statement, declared_in, root, TABLE)
    return _table(path, names, key, rows)


def read_table_facts(statement: ast.Load, declared_in: str, root: str | None = None
               ) -> list[ast.Clause]:
    """The facts of ``load "T" as p/N.`` (``statement.relation``), one per
    row of the table T, read in full (module docstring); ``AssessError``
    with every problem found, and then nothing of the table is used."""
    relation = statement.relation
    assert relation is not None
    path, names, _, rows = _rows(statement, declared_in, root, relation.name)
    if len(names) != relation.arity:
        raise AssessError([error(
            "bad_row", statement.span,
            f"{path} has {len(names)} columns, and {relation.name}/{relation.arity} "
            f"takes {relation.arity}",
        )])
    problems: list[Diagnostic] = []
    facts = []
    for line, values in enumerate(rows, 1):
        args = [_constant(names[c], value, ast.Span(path, line, c + 1, line, c + 2), problems)
                for c, value in enumerate(values)]
        span = ast.Span(path, line, 1, line, len(values) + 1)
        if all(a is not None for a in args):
            atom = ast.Atom(relation.name, tuple(a for a in args if a is not None),
                            relation.contrary, span)
            facts.append(ast.Clause(atom, span=span))
    if problems:
        raise AssessError(problems)
    return facts


def _constant(column: str, value: Any, span: ast.Span, problems: list[Diagnostic]
              ) -> ast.Constant | None:
    """The constant of a typed cell (module docstring), or None with its problem."""
    if isinstance(value, bool):
        return ast.Symbol("true" if value else "false", span)
    if isinstance(value, int):
        return ast.Number(value, span)
    if isinstance(value, decimal.Decimal) and value.is_finite():
        integral = value == value.to_integral_value()
        return ast.Number(int(value) if integral else float(value), span)
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return ast.Number(value, span)
    if isinstance(value, str | datetime.date | datetime.time):
        text = _text(value)
        if text:
            return ast.Symbol(text, span)
    if value is None or value == "":
        problems.append(error("bad_argument", span,
                              f"the column '{column}' is empty here: every cell is an argument"))
    else:
        problems.append(error("bad_cell", span, f"the column '{column}' holds "
                              f"{value!r}, which is no constant: a fact's cells are numbers, "
                              "text, booleans or dates"))
    return None


def _rows(statement: ast.Load, declared_in: str, root: str | None, table: str
          ) -> tuple[str, list[str], list[str], list[tuple[Any, ...]]]:
    """The path, column names, primary key and rows of the table ``statement``
    loads (``table``: which table of a ``.duckdb`` file)."""
    if statement.path.startswith(SERVER):
        names, key, rows = _server_rows(statement, statement.path.removeprefix(SERVER))
        return statement.path, names, key, rows
    path = resolve_within(statement, declared_in, root)
    if not os.path.isfile(path):
        raise _unreadable(statement, f"no file {path}")
    try:
        duckdb = importlib.import_module("duckdb")
    except ImportError as exc:
        raise _unreadable(statement, f"reading {path} needs the Python package duckdb "
                               f"(pip install duckdb): {exc}") from exc
    try:
        names, key, rows = _duckdb_rows(duckdb, path, table)
    except duckdb.Error as exc:  # not a database, no such table, not Parquet, …
        raise _unreadable(statement, f"DuckDB cannot read {path}: {_first_line(exc)}") from exc
    return path, names, key, rows


def _table(path: str, names: list[str], key: list[str], rows: list[tuple[Any, ...]]) -> Table:
    """The rows as the cells of a CSV file (header on line 1); the key's
    columns that are not report columns are kept aside as the rows' keys.
    A cell that has no text is ``bad_cell``, every such cell reported."""
    aside = {n for n in key if n.strip().lower() not in COLUMNS}
    kept = [c for c, n in enumerate(names) if n not in aside]
    at = [names.index(k) for k in key]
    problems: list[Diagnostic] = []
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    for c, column in enumerate(columns):
        if all(t is NoneType or issubclass(t, _TEXTUAL) for t in set(map(type, column))):
            continue  # the common case, checked once per type found in the column
        for line, value in enumerate(column, 2):
            if value is not None and not isinstance(value, _TEXTUAL):
                span = ast.Span(path, line, c + 1, line, c + 2)
                problems.append(error(
                    "bad_cell", span, f"the column '{names[c]}' holds a {type(value).__name__}, "
                    "which has no text: a report's cells are text, numbers or dates"))
    if problems:
        problems.sort(key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
        raise AssessError(problems)
    texts = [column if all(type(v) is str for v in column) else list(map(_text, column))
             for column in columns]
    cells = [[Field(names[c], 1, c + 1) for c in kept]]
    cells.extend(
        [Field(text, line, c + 1) for c, text in zip(kept, row, strict=True)]
        for line, row in enumerate(zip(*(texts[c] for c in kept), strict=True), 2)
    )
    keys = [tuple((key[n], _text(values[c])) for n, c in enumerate(at)) for values in rows]
    return Table(path, cells, keys)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
