"""The SQL engines the tests can run: DuckDB always, PostgreSQL when reachable.

PostgreSQL is reached as ``--engine postgres`` reaches it, through libpq's
environment (``PGHOST``…). Without a server the PostgreSQL tests are skipped,
except where ``ASSESS_REQUIRE_POSTGRES=1`` says one must be there (CI starts
one, ``.ci/postgres``): then they fail.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import pytest

SQL_ENGINES = ("duckdb", "postgres")


@cache
def _postgres_problem() -> str | None:
    """Why no PostgreSQL server is reachable, or None when one is."""
    try:
        import psycopg
    except ImportError as exc:
        return f"psycopg is not installed: {exc}"
    try:
        with psycopg.connect(os.environ.get("ASSESS_POSTGRES", ""), connect_timeout=5):
            return None
    except psycopg.Error as exc:
        return f"no PostgreSQL server reachable: {exc}"


def need(engine: str) -> None:
    """Skip (or fail, when required) a test of ``engine`` that cannot run here."""
    if engine != "postgres":
        return
    problem = _postgres_problem()
    if problem is None:
        return
    if os.environ.get("ASSESS_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"ASSESS_REQUIRE_POSTGRES=1 but {problem}")
    pytest.skip(problem)


def postgres() -> Any:
    """A new connection to the test server (autocommit), after ``need``."""
    import psycopg

    need("postgres")
    return psycopg.connect(os.environ.get("ASSESS_POSTGRES", ""), autocommit=True)
