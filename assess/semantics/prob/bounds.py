"""Anytime bounds where exact compilation is out of reach.

When the exact diagrams outgrow the limit, the lineage is compiled twice
more with diagrams kept to ``size`` nodes: once *under* the truth and once
*over* it. Each ``Approximating`` manager, after every conjunction and
disjunction whose diagram has outgrown ``size``, replaces the nodes that
carry the least probability mass by FALSE (under) or TRUE (over):

* a diagram's function is the OR of its paths to TRUE; sending every path
  through a node to FALSE removes models, to TRUE adds them, so the result
  implies (is implied by) the function it replaces — for any weights;
* AND and OR are monotone, so over a program without negation every atom's
  under-diagram L and over-diagram U satisfy L ⇒ lineage ⇒ U, and
  P(L) ≤ P ≤ P(U) under any input probabilities (``what-if`` included);
* a cycle: under, every iterate stays below the least fixpoint (T is
  monotone and the approximation only lowers), so the sweeps may stop at
  any time (``Lineage.max_sweeps``); over, every value only grows, so the
  sweeps end, and where they end each atom covers its derivations — a
  pre-fixpoint, above the least fixpoint (Knaster–Tarski).

The mass a node carries: reaching it (top-down) times its count
(replaced by FALSE) or its complement (by TRUE); the nodes of least mass go
first, until the diagram is half of ``size``. Or, where that loses less, a
few variables are set to FALSE (under) or TRUE (over) in the diagram: for a
monotone function f, f[x := FALSE] implies f and f implies f[x := TRUE], so
the same argument holds; a setting removes every node of its level, and on
a noisy-or with much redundancy (each input's influence small) it loses far
less than cutting the nodes that make up the bulk of the mass.

``anytime`` starts at a few thousand nodes and quadruples the size until
the bounds are within the tolerance or a limit (nodes, time) ends the work;
``Bounds`` carries the last round's two circuits (re-evaluated like the
exact one) and how the exact compilation stopped.

Applies to programs whose cone has no negation, no contraries or competing
sets, no evidence and no named formulas (``eligible``); others still stop
with ``compile_too_large``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assess import progress
from assess.engine.provenance import DerivationGraph
from assess.semantics.prob.bdd import FALSE, TRUE, Budget, BudgetExceeded, Manager
from assess.semantics.prob.wmc import Circuit

if TYPE_CHECKING:
    from assess.semantics.prob.compile import Limits

UNDER, OVER = False, True


class Approximating(Manager):
    """A native manager whose AND/OR results stay within ``size`` nodes,
    under (``over=False``) or over (``over=True``) the exact result."""

    __slots__ = ("_bound", "over", "settable", "size", "weights")

    def __init__(
        self, levels: int, budget: Budget, weights: Sequence[float], size: int, over: bool,
        settable: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__(levels, budget)
        self.weights, self.size, self.over = list(weights), size, over
        self.settable = settable
        """The variables every formula is monotone in (each choice of its
        own; a variable of an annotated disjunction's chain is also read
        negated), the only ones ``_cut`` may set."""
        self._bound: dict[int, int] = {FALSE: 0, TRUE: 0}

    def _apply(self, op: int, u: int, v: int) -> int:
        before = len(self.level)
        made = super()._apply(op, u, v)
        bound = self._bound
        estimate = len(self.level) - before + bound.get(u, self.size) + bound.get(v, self.size)
        if estimate <= self.size:
            bound[made] = estimate
            return made
        nodes = self.reachable(made)
        if len(nodes) <= self.size:
            bound[made] = len(nodes)
            return made
        small = self.approximate(made, nodes)
        bound[small] = self.size // 2
        return small

    def neg(self, u: int) -> int:
        raise AssertionError("bounds are compiled only for programs without negation")

    def approximate(self, root: int, nodes: list[int]) -> int:
        """``root`` with its least-mass nodes sent to FALSE (under) or TRUE
        (over) until at most half of ``size`` nodes are left (module doc).

        In passes: each cuts a quarter of the excess, the nodes of least
        mass first, and the masses are counted again on what is left (a cut
        node takes with it what only it reached, so one pass of the whole
        excess would cut far more than needed)."""
        while len(nodes) > self.size // 2:
            cut = self._cut(root, nodes, max(1, (len(nodes) - self.size // 2) // 4))
            if cut == root:  # nothing left to cut: a lone root node
                return root
            root, nodes = cut, self.reachable(cut)
        return root

    def _cut(self, root: int, nodes: list[int], many: int) -> int:
        """At least ``many`` nodes fewer, losing as little mass as it can:
        either the ``many`` nodes of least mass go to a leaf, or the
        variables of least loss per node are set (to FALSE under, TRUE over),
        whichever loses less by the masses' own count."""
        level, low, high, w = self.level, self.low, self.high, self.weights
        count = {FALSE: 0.0, TRUE: 1.0}
        for n in nodes:
            if n > TRUE:
                p = w[level[n]]
                count[n] = p * count[high[n]] + (1 - p) * count[low[n]]
        reach = dict.fromkeys(nodes, 0.0)
        reach[root] = 1.0
        for n in reversed(nodes):
            if n > TRUE:
                p = w[level[n]]
                reach[high[n]] += reach[n] * p
                reach[low[n]] += reach[n] * (1 - p)
        inner = [n for n in nodes if n > TRUE and n != root]
        if self.over:
            inner.sort(key=lambda n: (reach[n] * (1 - count[n]), n))
        else:
            inner.sort(key=lambda n: (reach[n] * count[n], n))
        cut = inner[:many]
        lost = sum(reach[n] * ((1 - count[n]) if self.over else count[n]) for n in cut)
        setting, loss = self._settings(root, nodes, count, reach, many)
        memo: dict[int, int] = {FALSE: FALSE, TRUE: TRUE}
        if setting and (loss < lost or not cut):
            # A path meets a level at most once, so setting a variable
            # changes P by exactly its level's sum (``_settings``).
            pick = high if self.over else low
            for n in nodes:
                if n > TRUE:
                    memo[n] = memo[pick[n]] if level[n] in setting else self.node(
                        level[n], memo[low[n]], memo[high[n]])
            return memo[root]
        leaf = TRUE if self.over else FALSE
        chosen = set(cut)
        for n in nodes:
            if n > TRUE:
                memo[n] = leaf if n in chosen else self.node(level[n], memo[low[n]], memo[high[n]])
        return memo[root]

    def _settings(
        self, root: int, nodes: list[int], count: dict[int, float], reach: dict[int, float],
        many: int,
    ) -> tuple[set[int], float]:
        """Variables to set whose levels hold at least ``many`` nodes, least
        loss per node first, and the sum of their losses.

        Setting variable x (p its probability) to FALSE changes P(f) by
        ``-p * sum(reach[n] * (count[high[n]] - count[low[n]]))`` over the
        nodes n testing x; to TRUE by ``(1 - p)`` times the same sum. For a
        monotone f the sum is not negative: FALSE gives a function that
        implies f, TRUE one implied by it."""
        level, low, high, w = self.level, self.low, self.high, self.weights
        influence: dict[int, float] = {}
        held: dict[int, int] = {}
        for n in nodes:
            if n > TRUE and level[n] in self.settable:
                x = level[n]
                influence[x] = influence.get(x, 0.0) + reach[n] * (count[high[n]] - count[low[n]])
                held[x] = held.get(x, 0) + 1
        loss = {
            x: max(0.0, d) * ((1 - w[x]) if self.over else w[x]) for x, d in influence.items()
        }
        chosen: set[int] = set()
        removed, total = 0, 0.0
        for x in sorted(loss, key=lambda x: (loss[x] / held[x], x)):
            if removed >= many:
                break
            chosen.add(x)
            removed += held[x]
            total += loss[x]
        return (chosen, total) if removed >= many else (set(), 0.0)


def monotone(graph: DerivationGraph, components: Sequence[Sequence[int]]) -> bool:
    """Whether no derivation in the cone negates an atom (bounds apply)."""
    return not any(
        graph.derivations[d].neg for c in components for a in c for d in graph.by_head[a]
    )


FIRST_SIZE = 256


def anytime(
    levels: int,
    budget: Budget,
    weights: Sequence[float],
    limits: Limits,
    exc: BudgetExceeded,
    roots_of: Callable[[Manager, int | None], list[int]],
    queries: int,
    settable: frozenset[int] = frozenset(),
) -> tuple[Circuit, Circuit, Stopped]:
    """Rounds of under/over compilation, each ``size`` four times the last,
    until every query's bounds are within ``limits.tolerance`` or a limit
    stops a round; the last complete round's circuits (module doc)."""
    reason = f"exact compilation stopped at {exc.size:,} nodes"
    if "time" in exc.reason:
        reason = f"exact compilation ran out of time at {exc.size:,} nodes"
    size, rounds = max(16, min(FIRST_SIZE, limits.max_nodes // 4)), 0
    best: tuple[Circuit, Circuit, int] | None = None
    while True:
        try:
            pair = tuple(
                _round(levels, budget, weights, size, over, roots_of, settable)
                for over in (UNDER, OVER)
            )
        except BudgetExceeded:
            if best is None:
                raise exc from None
            break
        best, rounds = (pair[0], pair[1], size), rounds + 1
        gap = _gap(pair[0], pair[1], weights, queries)
        progress.touch(f"bounds within {gap:.4f} at {size:,} nodes")
        if gap <= limits.tolerance or size >= max(limits.max_nodes, FIRST_SIZE):
            break
        size *= 4
    under, over, size = best
    return under, over, Stopped(reason, size, rounds)


def _round(
    levels: int, budget: Budget, weights: Sequence[float], size: int, over: bool,
    roots_of: Callable[[Manager, int | None], list[int]], settable: frozenset[int],
) -> Circuit:
    # A round's manager keeps its garbage: its own node limit is a multiple
    # of the size and of the variables, the deadline the compilation's.
    room = Budget(max(budget.max_nodes, 1024 * size, 64 * levels), budget.deadline)
    manager = Approximating(levels, room, weights, size, over, settable)
    # Under: any iterate of a cycle is a lower bound, so its sweeps are capped.
    roots = roots_of(manager, None if over else 64)
    return Circuit.freeze(manager, roots)


def _gap(under: Circuit, over: Circuit, weights: Sequence[float], queries: int) -> float:
    low, high = under.forward(weights), over.forward(weights)
    return max(
        (high[over.roots[i]] - low[under.roots[i]] for i in range(1, 1 + queries)), default=0.0
    )


@dataclass(frozen=True, slots=True)
class Stopped:
    """How the exact compilation stopped, and how far the bounds got."""

    reason: str
    """e.g. "exact compilation stopped at 5,000,000 nodes"."""
    size: int
    """The diagram size of the last round of bounds."""
    rounds: int


__all__ = ["OVER", "UNDER", "Approximating", "Stopped", "anytime", "monotone"]
