"""The cone of the asked atoms found in DuckDB or PostgreSQL: only its facts
are grounded, and every probability is the native one (random programs
with probabilistic facts, the flagship, evidence, negation, attacks)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_programs import programs

import assess
from assess.engine.ir import Pred
from assess.engine.lower import lower
from assess.engine.sqlcone import sql_cone
from assess.semantics.prob.compiled import compile_assessment
from assess.syntax.parser import parse
from tests.cli.cli_runner import run
from tests.sql_servers import SQL_ENGINES, need

ROOT = Path(__file__).parents[2]
FLAGSHIP = [str(ROOT / "rulesets/belarus_2022.assess"),
            *sorted(str(p) for p in (ROOT / "examples/belarus_2022").glob("*.assess"))]
CLOSURE = ("e(1, 2). e(2, 3). e(7, 8). e(8, 7). p(X, Y) :- e(X, Y). "
           "p(X, Z) :- p(X, Y), e(Y, Z). 0.5::f(1). 0.5::f(3). 0.4::g(1). "
           "q(X) :- p(1, X), \\+ f(X).")


def replies(text: str, engine: str) -> list[tuple[str, float]]:
    compiled = compile_assessment(lower([parse(text)]), engine=engine)
    return [(r.text, r.probability) for r in compiled.replies()]


@pytest.mark.parametrize("engine", SQL_ENGINES)
def test_the_cone_keeps_only_the_facts_that_derive_the_asked(engine: str) -> None:
    need(engine)
    ir = lower([parse(CLOSURE)])
    cone = sql_cone(ir, {Pred("q", 1): {(3,)}}, engine)
    assert cone.facts == {Pred("e", 2): {(1, 2), (2, 3)}}
    # f(3) may fail, so it is in the cone; f(1) derives nothing asked; g is
    # of no predicate that q depends on: left to the grounder, which skips it.
    assert [(r.head.pred.name, r.probability) for r in cone.rules if not r.body] == [
        ("f", 0.5), ("g", 0.4)]
    whole = sql_cone(ir, {Pred("p", 2): None}, engine)
    assert whole.facts == ir.facts


def _probabilistic(text: str, draw: st.DrawFn) -> str:
    """``text`` with some facts of ``e0`` given a probability."""
    return re.sub(r"^(e0\(.*)$", lambda m: ("0.6::" if draw(st.booleans()) else "") + m[1],
                  text, flags=re.M)


@st.composite
def _asked(draw: st.DrawFn) -> str:
    text = _probabilistic(draw(programs()), draw)
    a, b = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    return text + f"\nquery(p2({a}, {b})).\nquery(p3(X)).\nevidence(p1({b}), false).\n"


@settings(max_examples=6, derandomize=True, deadline=None)
@given(_asked())
def test_random_programs_have_the_native_probabilities(text: str) -> None:
    for engine in SQL_ENGINES:
        need(engine)
    try:
        native = replies(text, "native")
    except assess.AssessError as exc:  # evidence that is impossible
        codes = {d.code for d in exc.diagnostics}
        for engine in SQL_ENGINES:
            with pytest.raises(assess.AssessError) as caught:
                replies(text, engine)
            assert {d.code for d in caught.value.diagnostics} == codes
        return
    for engine in SQL_ENGINES:
        found = replies(text, engine)
        assert [a for a, _ in found] == [a for a, _ in native], engine
        assert [p for _, p in found] == pytest.approx([p for _, p in native], abs=1e-12)


@cache
def _native_flagship() -> str:
    """``run --format json`` of the flagship in memory (once: it takes a while)."""
    native = run("run", "--format", "json", *FLAGSHIP)
    assert native.code == 0, native.output
    return native.stdout


@pytest.mark.parametrize("engine", SQL_ENGINES)
def test_the_flagship_judges_alike_through_the_cone(engine: str) -> None:
    need(engine)
    cone = run("run", "--format", "json", "--engine", engine, *FLAGSHIP)
    assert (cone.code, cone.stdout) == (0, _native_flagship())


def test_the_cone_counts_before_it_brings_back(tmp_path: Path) -> None:
    program = tmp_path / "c.assess"
    program.write_text("".join(f"e({n}, {n + 1}).\n" for n in range(50))
                       + "p(X, Y) :- e(X, Y).\np(X, Z) :- p(X, Y), e(Y, Z).\n"
                       "0.5::s(0).\nr :- s(X), p(X, 50).\nquery(r).\n", encoding="utf-8")
    outcome = run("run", "--engine", "duckdb", "--max-ground", "49", str(program))
    assert outcome.code == 2
    assert "error[grounding_too_large]" in outcome.output and "50 atoms of e/2" in outcome.output
    assert run("run", "--engine", "duckdb", "--max-ground", "5000", str(program)).code == 0
