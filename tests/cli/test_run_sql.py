"""``assess run --engine duckdb|postgres``: the native engine's answers, or a
located error with a code (exit 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

import assess
from assess.engine.evaluate import evaluate
from assess.engine.sqleval import sql_model
from tests.cli.cli_runner import run
from tests.sql_servers import SQL_ENGINES, need

ROOT = Path(__file__).parents[2]
FLAGSHIP = [str(ROOT / "rulesets/belarus_2022.assess"),
            *sorted(str(p) for p in (ROOT / "examples/belarus_2022").glob("*.assess"))]
LISTED = ("imminent_attack", "winter_attack", "no_attack", "renewed_offensive",
          "troops_in_belarus", "february_force")


@pytest.mark.parametrize("engine", SQL_ENGINES)
def test_the_flagship_has_the_native_model(engine: str) -> None:
    need(engine)
    ir = assess.load(*FLAGSHIP).ir
    assert sql_model(ir, engine=engine).relations == {
        p: r for p, r in evaluate(ir).relations.items()}


@pytest.mark.parametrize("engine", SQL_ENGINES)
def test_crisp_answers_are_the_native_ones(engine: str, tmp_path: Path) -> None:
    need(engine)
    also = [f"--all={name}" for name in LISTED]
    native = run("run", "--semantics", "crisp", *also, *FLAGSHIP)
    sql = run("run", "--semantics", "crisp", "--engine", engine, *also, *FLAGSHIP)
    assert (sql.code, sql.stdout) == (0, native.stdout)
    assert "troops_in_belarus(100000)" in sql.stdout
    program = tmp_path / "q.assess"
    program.write_text('e(1, 2). e(2, "3"). p(X, Y) :- e(X, Y). p(X, Z) :- p(X, Y), e(Y, Z).\n'
                       "query(p(1, X)). query(p(3, 1)).\n", encoding="utf-8")
    native = run("run", "--semantics", "crisp", "--format", "json", str(program))
    sql = run("run", "--semantics", "crisp", "--format", "json", "--engine", engine, str(program))
    assert (sql.code, sql.stdout) == (0, native.stdout)


@pytest.mark.parametrize("engine", SQL_ENGINES)
def test_a_refusal_is_located_and_exits_2(engine: str, tmp_path: Path) -> None:
    need(engine)
    program = tmp_path / "div.assess"
    program.write_text("n(4).\nhalf(Y) :- n(X), Y is X / 2.\nquery(half(X)).\n", encoding="utf-8")
    outcome = run("run", "--semantics", "crisp", "--engine", engine, str(program))
    assert outcome.code == 2
    assert "sql_unsupported" in outcome.output and "div.assess:2:" in outcome.output
    assert "Traceback" not in outcome.output


def test_an_unreachable_server_is_sql_unavailable(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("PGHOST", str(tmp_path / "no-server-here"))
    monkeypatch.delenv("ASSESS_POSTGRES", raising=False)
    program = tmp_path / "p.assess"
    program.write_text("p. query(p).\n", encoding="utf-8")
    outcome = run("run", "--semantics", "crisp", "--engine", "postgres", str(program))
    assert outcome.code == 2
    assert "sql_unavailable" in outcome.output and "PGHOST" in outcome.output
    assert "Traceback" not in outcome.output
