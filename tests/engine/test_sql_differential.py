"""Differential: on random stratified programs the native engine, DuckDB,
PostgreSQL and pyDatalog compute the same model (and the naive oracle too);
in each database a linear stratum gives the same rows as one ``WITH
RECURSIVE`` and as semi-naive rounds.

pyDatalog's resolution does not terminate on a few recursive programs; it is
stopped after ``PYDATALOG_BUDGET`` seconds (``pydatalog_timeout``) and only
then left out of the comparison, which the other three still make."""

from __future__ import annotations

from hypothesis import event, given, settings
from naive_oracle import naive_model
from random_programs import programs

from assess.diagnostics import AssessError
from assess.engine.evaluate import evaluate
from assess.engine.ir import Pred
from assess.engine.lower import lower
from assess.engine.pydatalog_backend import pydatalog_model
from assess.engine.sqleval import sql_model
from assess.syntax.parser import parse
from tests.sql_servers import SQL_ENGINES, need

PYDATALOG_BUDGET = 10.0


def nonempty(relations: dict[Pred, set[tuple[object, ...]]]) -> dict[Pred, set[object]]:
    return {p: set(r) for p, r in relations.items() if r}


@settings(max_examples=40, derandomize=True, deadline=None)
@given(programs())
def test_native_duckdb_postgres_and_pydatalog_agree(text: str) -> None:
    for engine in SQL_ENGINES:
        need(engine)
    ir = lower([parse(text)])
    native = nonempty(evaluate(ir).relations)
    assert native == nonempty(naive_model(ir))
    for engine in SQL_ENGINES:
        assert nonempty(sql_model(ir, engine=engine).relations) == native, engine
        rounds = sql_model(ir, engine=engine, recursive=False)
        assert nonempty(rounds.relations) == native, (engine, "rounds")
    try:
        assert nonempty(pydatalog_model(ir, budget=PYDATALOG_BUDGET).relations) == native
    except AssessError as exc:
        assert exc.diagnostics[0].code == "pydatalog_timeout"
        event("pyDatalog stopped")


LINEAR = [
    "e(1, 2). e(2, 3). e(3, 1). e(3, 4). p(X, Y) :- e(X, Y). p(X, Z) :- p(X, Y), e(Y, Z).",
    "e(a, b). e(b, c). p(a, a). p(X, Z) :- e(X, Y), p(Y, Z), X \\== Z. "
    "q(X) :- p(X, X). q(X) :- q(Y), e(Y, X), \\+ p(X, a).",
    "n(0). n(Y) :- n(X), X < 20, Y is X + 3. odd(X) :- n(X), Z is X mod 2, Z =:= 1.",
]


def test_linear_strata_agree_as_cte_and_as_rounds() -> None:
    for engine in SQL_ENGINES:
        need(engine)
    for text in LINEAR:
        ir = lower([parse(text)])
        native = nonempty(evaluate(ir).relations)
        for engine in SQL_ENGINES:
            assert nonempty(sql_model(ir, engine=engine).relations) == native, (engine, text)
            rounds = sql_model(ir, engine=engine, recursive=False).relations
            assert nonempty(rounds) == native, (engine, text)
