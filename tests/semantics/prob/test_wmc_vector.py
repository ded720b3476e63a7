"""The array passes of a large circuit (``wmcvector``) against the loop of
``Circuit.forward``/``backward``, on random diagrams; and negation, now
memoised across calls, against negation by definition (the diagram of
¬f is the one whose every assignment disagrees with f's)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.semantics.prob import wmc
from assess.semantics.prob.bdd import FALSE, TRUE, Manager
from assess.semantics.prob.wmc import Circuit
from assess.semantics.prob.wmcvector import NodeValues


def _random_diagrams(seed: int, levels: int, formulas: int) -> tuple[Manager, list[int]]:
    """Random ANDs, ORs and negations of literals and earlier formulas."""
    rng = random.Random(seed)
    m = Manager(levels)
    made = [m.var(v) for v in range(levels)]
    for _ in range(formulas):
        a, b = rng.choice(made), rng.choice(made)
        op = rng.randrange(3)
        made.append(m.conj(a, b) if op == 0 else m.disj(a, b) if op == 1 else m.neg(a))
    return m, made[levels:]


@contextmanager
def _road(arrays: bool) -> Iterator[None]:
    """Circuits frozen inside take the arrays (any size) or the loop."""
    old = wmc.VECTOR_NODES, wmc.VECTOR_LEVEL_NODES
    wmc.VECTOR_NODES, wmc.VECTOR_LEVEL_NODES = (0, 0) if arrays else (10**12, 10**12)
    try:
        yield
    finally:
        wmc.VECTOR_NODES, wmc.VECTOR_LEVEL_NODES = old


def _both(m: Manager, roots: list[int]) -> tuple[Circuit, Circuit]:
    """The same frozen circuit twice: one for the loop, one for the arrays."""
    c = Circuit.freeze(m, roots)
    return c, Circuit(c.level, c.low, c.high, c.roots, c.levels)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(0, 10**6), st.integers(1, 14), st.integers(1, 60))
def test_the_array_pass_is_the_loop_bit_for_bit(seed: int, levels: int, formulas: int) -> None:
    m, roots = _random_diagrams(seed, levels, formulas)
    loop, arrays = _both(m, roots)
    weights = [random.Random(seed + 1).random() for _ in range(levels)]
    with _road(arrays=False):
        expected = loop.forward(weights)
    with _road(arrays=True):
        got = arrays.forward(weights)
    assert isinstance(got, NodeValues) and not isinstance(expected, NodeValues)
    assert [got[n] for n in range(len(loop))] == list(expected)
    assert all(type(got[r]) is float for r in arrays.roots)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(0, 10**6), st.integers(1, 12), st.integers(1, 40))
def test_the_array_gradient_is_the_loops(seed: int, levels: int, formulas: int) -> None:
    m, roots = _random_diagrams(seed, levels, formulas)
    loop, arrays = _both(m, roots)
    weights = [random.Random(seed + 2).random() for _ in range(levels)]
    with _road(arrays=False):
        values = loop.forward(weights)
        expected = [loop.backward(values, r, weights) for r in range(len(roots))]
    with _road(arrays=True):
        values = arrays.forward(weights)
        got = [arrays.backward(values, r, weights) for r in range(len(roots))]
    for e, g in zip(expected, got, strict=True):
        assert g == pytest.approx(e, abs=1e-12)


def test_exact_and_symbolic_passes_keep_the_loop() -> None:
    """Fractions (``exact``) never go through float arrays."""
    from fractions import Fraction

    m, roots = _random_diagrams(7, 6, 30)
    c = Circuit.freeze(m, roots)
    with _road(arrays=True):
        values = c.forward([Fraction(1, 3)] * 6, Fraction(0), Fraction(1))
    assert isinstance(values, list) and all(isinstance(values[r], Fraction) for r in c.roots)


def test_a_long_thin_circuit_keeps_the_loop() -> None:
    """A chain of 30,000 levels, one node each: arrays would cost more."""
    m = Manager(30_000)
    f = m.disj_all([m.var(v) for v in range(30_000)])
    c = Circuit.freeze(m, [f])
    assert len(c) >= wmc.VECTOR_NODES
    assert not isinstance(c.forward([0.5] * 30_000), NodeValues)


def _truth(m: Manager, f: int, assignment: tuple[bool, ...]) -> bool:
    while f > TRUE:
        f = m.high[f] if assignment[m.level[f]] else m.low[f]
    return f == TRUE


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(0, 10**6), st.integers(1, 8), st.integers(1, 40))
def test_negation_disagrees_everywhere_and_twice_is_the_same_node(
    seed: int, levels: int, formulas: int
) -> None:
    m, roots = _random_diagrams(seed, levels, formulas)
    for f in roots:
        g = m.neg(f)
        assert m.neg(g) == f
        for world in itertools.product((False, True), repeat=levels):
            assert _truth(m, g, world) != _truth(m, f, world)
    assert m.neg(FALSE) == TRUE and m.neg(TRUE) == FALSE
