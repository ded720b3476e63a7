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
