"""The two databases the SQL engines run in, behind one small interface.

* ``duckdb``: an in-memory DuckDB database in this process (nothing to start);
* ``postgres``: a PostgreSQL server reached through libpq's own environment
  (``PGHOST``, ``PGPORT``, ``PGUSER``, ``PGDATABASE``, ``PGSERVICE``,
  ``PGPASSFILE``…), or the connection string or URL in ``ASSESS_POSTGRES``;
  never a password in a rule file. Every table the evaluation makes is a
  ``TEMP`` table of its own session, and the session ends with ``ROLLBACK``,
  so the server's own tables are never written.

A ``Database`` runs a ``Fragment`` (text with ``?`` placeholders and its
values, ``assess.engine.sqlgen``): DuckDB takes ``?``; for psycopg each
becomes ``%s`` (the generated text holds no other ``?`` or ``%``: constants
are never in it). Facts arrive in bulk as data, never as SQL text: DuckDB
reads a temporary CSV file of them (``read_csv``, its path a parameter),
PostgreSQL takes them by ``COPY``.

The drivers are imported only when an engine is chosen, so the command line
starts as fast without them. A missing driver or an unreachable server is
``sql_unavailable``, and so is a connection lost while evaluating (the
server ended the session, or stopped): the session's temporary tables die
with it and nothing it computed is used; an integer overflow in the
database is refused as ``sql_unsupported``; any other database error is
``sql_error``, quoted.
"""

from __future__ import annotations

import csv
import importlib
import os
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from assess.analysis.tables import postgres_options
from assess.diagnostics import AssessError, error
from assess.engine.sqlterms import Fragment, columns
from assess.syntax.ast import Span


def _driver(module: str, package: str, engine: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise AssessError([error(
            "sql_unavailable", None,
            f"--engine {engine} needs the Python package {package} "
            f"(pip install '{package}'): {exc}",
        )]) from exc


class Database(ABC):
    """A connection that runs fragments; each database (DuckDB, Postgres) says how."""

    name = ""
    integer_division = "({} / {})"
    """The dialect's exact division of two integers that divide (``sqlgen``)."""
    overflow: tuple[type[BaseException], ...] = ()
    zero: tuple[type[BaseException], ...] = ()
    failure: tuple[type[BaseException], ...] = ()

    @abstractmethod
    def run(self, query: Fragment) -> None:
        """Run ``query`` (see the subclass)."""

    @abstractmethod
    def rows(self, query: Fragment) -> list[tuple[Any, ...]]:
        """The rows of ``query``."""

    @abstractmethod
    def load(self, table: str, arity: int, rows: Iterable[tuple[object, ...]],
             integers: bool = False) -> None:
        """Append the column values ``rows`` (``sqlterms.row``) to ``table``;
        with ``integers``, ``rows`` are facts of 64-bit integers only, for
        a table of ``arity`` ``BIGINT`` columns ``c0``…"""

    @abstractmethod
    def close(self) -> None:
        """End the session (PostgreSQL: roll back)."""

    def broken(self) -> bool:
        """Whether the connection is lost (an in-process database never is)."""
        return False

    def guarded(self, query: Fragment, span: Span | None, fetch: bool = False
                ) -> list[tuple[Any, ...]]:
        """``query`` run (its rows when ``fetch``), database errors as diagnostics."""
        try:
            if fetch:
                return self.rows(query)
            self.run(query)
            return []
        except self.zero as exc:
            raise AssessError([error(
                "arithmetic_error", span, "arithmetic or comparison failed: division by zero",
            )]) from exc
        except self.overflow as exc:
            raise AssessError([error(
                "sql_unsupported", span,
                f"integer arithmetic past 64 bits in {self.name} ({_first_line(exc)}): the SQL "
                "engines compute integers as BIGINT (use --engine native)",
            )]) from exc
        except self.failure as exc:
            if self.broken():
                raise AssessError([error(
                    "sql_unavailable", span,
                    f"the connection to the {self.name} server was lost while evaluating "
                    f"({_first_line(exc)}): nothing it computed is used",
                )]) from exc
            raise AssessError([error(
                "sql_error", span, f"{self.name} failed: {_first_line(exc)}",
            )]) from exc


class DuckDB(Database):
    name = "DuckDB"
    integer_division = "({} // {})"

    def __init__(self) -> None:
        duckdb = _driver("duckdb", "duckdb", "duckdb")
        self.overflow = (duckdb.OutOfRangeException,)
        self.failure = (duckdb.Error,)
        self.con = duckdb.connect(":memory:")

    def run(self, query: Fragment) -> None:
        self.con.execute(query[0], list(query[1]))

    def rows(self, query: Fragment) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = self.con.execute(query[0], list(query[1])).fetchall()
        return found

    def load(self, table: str, arity: int, rows: Iterable[tuple[object, ...]],
             integers: bool = False) -> None:
        """Through a CSV file of the rows (``executemany`` takes seconds per
        thousand rows); its path is a bound parameter."""
        kinds = {"v": "TEXT", "z": "BIGINT", "n": "DOUBLE", "u": "SMALLINT", "c": "BIGINT"}
        names = [f"c{i}" for i in range(arity)] if integers else columns(arity)
        types = ", ".join(f"'{c}': '{kinds[c[0]]}'" for c in names)
        with tempfile.TemporaryDirectory(prefix="assess-") as folder:
            path = Path(folder) / "rows.csv"
            with path.open("w", encoding="utf-8", newline="") as out:
                csv.writer(out).writerows(rows)
                empty = out.tell() == 0
            if not empty:
                self.con.execute(
                    f"INSERT INTO {table} SELECT * FROM read_csv(?, header = false, "
                    "quote = '\"', escape = '\"', nullstr = '', auto_detect = false, "
                    f"columns = {{{types}}})", [str(path)])

    def close(self) -> None:
        self.con.close()


class Postgres(Database):
    name = "PostgreSQL"

    def __init__(self) -> None:
        psycopg = _driver("psycopg", "psycopg[binary]", "postgres")
        self.overflow = (psycopg.errors.NumericValueOutOfRange,)
        self.zero = (psycopg.errors.DivisionByZero,)
        self.failure = (psycopg.Error,)
        self.error = psycopg.Error
        try:
            self.con = psycopg.connect(os.environ.get("ASSESS_POSTGRES", ""), **postgres_options())
        except psycopg.Error as exc:
            raise AssessError([error(
                "sql_unavailable", None,
                "--engine postgres cannot reach the server that PGHOST, PGPORT, PGUSER, "
                f"PGDATABASE (or ASSESS_POSTGRES) name: {_first_line(exc)}",
            )]) from exc
        self.cur = self.con.cursor()

    def run(self, query: Fragment) -> None:
        self.cur.execute(query[0].replace("?", "%s"), query[1])

    def rows(self, query: Fragment) -> list[tuple[Any, ...]]:
        self.cur.execute(query[0].replace("?", "%s"), query[1])
        found: list[tuple[Any, ...]] = self.cur.fetchall()
        return found

    def load(self, table: str, arity: int, rows: Iterable[tuple[object, ...]],
             integers: bool = False) -> None:
        with self.cur.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def broken(self) -> bool:
        return bool(self.con.broken)

    def close(self) -> None:
        """Roll back and close; a connection already lost has nothing to roll back
        (the server dropped the session's temporary tables with it)."""
        try:
            self.con.rollback()
        except self.error:
            pass
        finally:
            self.con.close()


DATABASES: dict[str, type[Database]] = {"duckdb": DuckDB, "postgres": Postgres}
"""The SQL engines by ``--engine`` name."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
