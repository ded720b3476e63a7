"""Anytime bounds (``semantics.prob.bounds``) are sound: lower ≤ exact ≤ upper.

Random monotone programs (probabilistic facts, rules with cycles, annotated
disjunctions, no negation) are compiled exactly and then with a node limit
so small that the exact compilation stops and the bounds take over.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.engine.lower import lower
from assess.semantics.prob.compile import Limits, compile_model
from assess.semantics.prob.grounding import ground
from assess.syntax.parser import parse

ATOMS = [f"a{i}" for i in range(6)]
PROBS = st.sampled_from([0.1, 0.3, 0.5, 0.7, 0.9])


@st.composite
def monotone_program(draw: st.DrawFn) -> str:
    lines = [f"{draw(PROBS)}::{a}." for a in draw(st.lists(st.sampled_from(ATOMS), min_size=1,
                                                              max_size=5, unique=True))]
    lines += [f"{draw(PROBS)}::e({i})." for i in range(draw(st.integers(2, 6)))]
    for _ in range(draw(st.integers(1, 7))):
        head = draw(st.sampled_from(ATOMS))
        body = draw(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=2, unique=True))
        edge = f", e({draw(st.integers(0, 1))})" if draw(st.booleans()) else ""
        coin = f"{draw(PROBS)}::" if draw(st.booleans()) else ""
        lines.append(f"{coin}{head} :- {', '.join(body)}{edge}.")
    if draw(st.booleans()):
        lines.append(f"0.3::{draw(st.sampled_from(ATOMS))}; 0.4::{draw(st.sampled_from(ATOMS))}.")
    lines += [f"query({a})." for a in ATOMS]
    return "\n".join(lines) + "\n"


def _answers(text: str, limits: Limits | None) -> list[tuple[float, float]]:
    ir = lower([parse(text)])
    model = compile_model(ir, ground(ir), limits=limits)
    return [r.bounds or (r.probability, r.probability) for r in model.probabilities()]


@settings(max_examples=150, deadline=None)
@given(monotone_program(), st.sampled_from([2, 4, 8, 30]))
def test_bounds_hold_the_exact_answer(text: str, nodes: int) -> None:
    exact = _answers(text, None)
    bounded = _answers(text, Limits(max_nodes=nodes, backend="native", tolerance=0.0))
    for (p, _), (low, high) in zip(exact, bounded, strict=True):
        assert low - 1e-9 <= p <= high + 1e-9, (text, p, low, high)


def test_a_coupled_noisy_or_is_bounded_where_exact_compilation_stops() -> None:
    reports = [f"0.{5 + i % 4}::r({i})." for i in range(40)]
    feeds = [f"0.4::m({i % 8}) :- r({i}).\n0.3::m({(i * 3 + 1) % 8}) :- r({i})."
             for i in range(40)]
    text = "\n".join([*reports, *feeds, "0.5::h :- m(I).", "query(h)."]) + "\n"
    (exact, _), = _answers(text, None)
    ir = lower([parse(text)])
    model = compile_model(ir, ground(ir), limits=Limits(max_nodes=200, backend="native"))
    (result,) = model.probabilities()
    assert model.bounded and result.bounds is not None and result.stopped is not None
    low, high = result.bounds
    assert low <= exact <= high and low < high
    # Setting the reports of least influence, not only cutting nodes: the
    # bounds were 0.84 ≤ P ≤ 0.998 by cutting alone.
    assert high - low < 0.02
    assert result.stopped == "exact compilation stopped at 200 nodes"
    assert result.to_json()["lower"] == low and result.to_json()["exact"] is False


def test_negation_still_stops_with_compile_too_large() -> None:
    import pytest

    from assess.diagnostics import AssessError

    text = "".join(f"0.5::e({i}).\n" for i in range(12)) + (
        "a(X) :- e(X), \\+ b(X).\n0.5::b(X) :- e(X).\nh :- a(X), a(Y), X < Y.\nquery(h).\n"
    )
    ir = lower([parse(text)])
    with pytest.raises(AssessError, match="stopped"):
        compile_model(ir, ground(ir), limits=Limits(max_nodes=20, backend="native"))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), min_size=1, max_size=30),
    st.lists(st.sampled_from([0.1, 0.3, 0.5, 0.7, 0.9]), min_size=12, max_size=12),
    st.sampled_from([4, 8, 16]),
)
def test_an_approximated_diagram_is_under_or_over_for_any_weights(
    terms: list[tuple[int, int]], weights: list[float], size: int,
) -> None:
    """A monotone DNF over 12 variables, approximated to ``size`` nodes
    under and over (cutting nodes, setting variables), is evaluated with
    other weights than those that chose what to cut: the bounds still hold."""
    from assess.semantics.prob.bdd import Budget
    from assess.semantics.prob.bounds import Approximating
    from assess.semantics.prob.wmc import Circuit

    others = [1 - w for w in weights]
    found = []
    for over in (False, True):
        m = Approximating(12, Budget(), weights, 10_000, over, frozenset(range(12)))
        exact = m.disj_all([m.conj(m.var(a), m.var(b)) for a, b in terms])
        m.size = size
        small = m.approximate(exact, m.reachable(exact))
        assert len(m.reachable(small)) <= max(size // 2, 3) or small in (0, 1)
        circuit = Circuit.freeze(m, [exact, small])
        values = circuit.forward(others)
        found.append((values[circuit.roots[0]], values[circuit.roots[1]]))
    (p, under), (q, over_) = found
    assert p == q
    assert under <= p + 1e-12 and p <= over_ + 1e-12


def test_a_variable_read_negated_is_never_set() -> None:
    """Only the variables the caller calls settable are set: a chain
    variable of an annotated disjunction is read negated, and setting it
    would not bound the formula."""
    from assess.semantics.prob.bdd import FALSE, Budget
    from assess.semantics.prob.bounds import Approximating

    m = Approximating(8, Budget(), [0.5] * 8, 10_000, False, frozenset())
    # x0 ∧ ¬x1-style chains: node(level, high=FALSE, low=…) reads x1 negated.
    f = m.disj_all([m.conj(m.var(i), m.node(i + 1, m.var(i + 2), FALSE)) for i in range(0, 6, 2)])
    m.size = 4
    nodes = m.reachable(f)
    count = {0: 0.0, 1: 1.0}
    reach = dict.fromkeys(nodes, 0.0)
    assert m._settings(f, nodes, count, reach, 1) == (set(), 0.0)


def test_bounds_that_cannot_finish_a_round_stop_with_compile_too_large(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Where not one round of bounds fits the limits, the answer is the
    located ``compile_too_large`` of the exact compilation, not an escaped
    ``BudgetExceeded`` (an internal error)."""
    import pytest

    from assess.diagnostics import AssessError
    from assess.semantics.prob import bounds
    from assess.semantics.prob.bdd import BudgetExceeded

    def too_big(*args: object) -> None:
        raise BudgetExceeded("the diagrams reached 1 nodes, the limit", 1)

    monkeypatch.setattr(bounds, "_round", too_big)
    text = "".join(f"0.5::r({i}).\n0.4::m({i % 3}) :- r({i}).\n" for i in range(12)) + (
        "0.5::h :- m(I).\nquery(h).\n"
    )
    ir = lower([parse(text)])
    with pytest.raises(AssessError) as caught:
        compile_model(ir, ground(ir), limits=Limits(max_nodes=8, backend="native"))
    assert caught.value.diagnostics[0].code == "compile_too_large"
