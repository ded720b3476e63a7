"""The CUDD manager (``semantics.prob.cudd``) gives the native one's answers.

Skipped where ``dd`` has no CUDD built in.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from assess.engine.lower import lower
from assess.semantics.prob import cudd
from assess.semantics.prob.compile import Limits, compile_model
from assess.semantics.prob.grounding import ground
from assess.syntax.parser import parse
from tests.semantics.prob.programs import program

pytestmark = pytest.mark.skipif(not cudd.available(), reason="dd.cudd is not installed")

GRID = "".join(
    f"0.6::e({i},{i + 1}).\n0.7::e({i + 1},{i}).\n0.5::e({i},{i + 4}).\n" for i in range(12)
) + "p(X,Y) :- e(X,Y).\np(X,Y) :- p(X,Z), e(Z,Y).\nquery(p(0,12)).\nquery(p(5,0)).\n"


def _probabilities(text: str, backend: str) -> list[float]:
    ir = lower([parse(text)])
    model = compile_model(ir, ground(ir), limits=Limits(backend=backend))
    return [r.probability for r in model.probabilities()]


def test_a_cyclic_graph_compiles_to_the_same_answers() -> None:
    assert _probabilities(GRID, "cudd") == pytest.approx(_probabilities(GRID, "native"), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(program())
def test_random_programs_agree(text: str) -> None:
    from assess.diagnostics import AssessError

    try:
        native = _probabilities(text, "native")
    except AssessError:
        return
    assert _probabilities(text, "cudd") == pytest.approx(native, abs=1e-9)


def test_cudd_complemented_edges_are_spelt_out() -> None:
    m = cudd.CuddManager(3)
    x, y, z = m.var(0), m.var(1), m.var(2)
    f = m.disj(m.conj(x, m.neg(y)), m.neg(m.disj(y, z)))
    circuit = m.freeze([f, m.neg(f)])
    values = circuit.forward([0.3, 0.6, 0.2])
    # x¬y ∨ ¬y¬z = ¬y ∧ (x ∨ ¬z)
    expected = 0.4 * (1 - 0.7 * 0.2)
    assert values[circuit.roots[0]] == pytest.approx(expected)
    assert values[circuit.roots[1]] == pytest.approx(1 - expected)


def test_one_long_operation_stops_at_the_memory_cap() -> None:
    """A disjunction of many random four-variable conjunctions grows without
    bound; with a budget of 100,000 nodes CUDD's memory is capped at 10 MB,
    and the operation that crosses it exceeds the budget at once."""
    import random

    from assess.semantics.prob.bdd import FALSE, Budget, BudgetExceeded

    manager = cudd.CuddManager(120, Budget(100_000, None))
    rng = random.Random(1)
    with pytest.raises(BudgetExceeded, match="memory cap"):
        formula = FALSE
        for _ in range(20_000):
            formula = manager.disj(formula, manager.conj_all(
                [manager.var(v) for v in rng.sample(range(120), 4)]))


def test_a_small_node_budget_still_declares_every_variable() -> None:
    """CUDD's memory cap counts the variables as well as the nodes: with a
    cap of the nodes' alone, 3,000 variables and a budget of 1,000 nodes
    stopped at variable 1,018 with an internal error."""
    from assess.semantics.prob.bdd import Budget

    m = cudd.CuddManager(3_000, Budget(1_000))
    x, y = m.var(0), m.var(2_999)
    circuit = m.freeze([m.conj(x, y)])
    m.release()
    weights = [0.5] * 3_000
    assert circuit.forward(weights)[circuit.roots[0]] == pytest.approx(0.25)
