"""Weighted model counting on a frozen diagram, forward and backward.

A ``Circuit`` is the part of a ``Manager`` under some roots, renumbered
densely and frozen: ``level``, ``low``, ``high`` arrays in topological order
(children first; index 0 is FALSE, 1 is TRUE). With ``w[l]`` the probability
that variable ``l`` is true, a node's weighted model count is

    wmc(n) = w[level n] · wmc(high n) + (1 − w[level n]) · wmc(low n),

one multiply-add per node: linear time. Because variables are independent
and every path tests each variable at most once, this is the probability of
the formula. The backward pass accumulates ∂wmc(root)/∂wmc(n) top-down and
yields ∂wmc(root)/∂w[l] for every variable in the same linear time.

The loops only use ``+``, ``-`` and ``*``, so the same circuit counts with
floats, ``fractions.Fraction`` or sympy expressions. A circuit of at least
``VECTOR_NODES`` nodes makes its float passes level by level on arrays
(``wmcvector``), with the same values bit for bit.

Example (x ∨ y with P(x) = 0.5, P(y) = 0.2)::

    >>> from assess.semantics.prob.bdd import Manager
    >>> m = Manager(2)
    >>> f = m.disj(m.var(0), m.var(1))
    >>> c = Circuit.freeze(m, [f])
    >>> round(c.forward([0.5, 0.2])[c.roots[0]], 10)
    0.6
    >>> [round(g, 10) for g in c.backward(c.forward([0.5, 0.2]), 0, [0.5, 0.2])]
    [0.8, 0.5]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assess.semantics.prob.bdd import FALSE, TRUE, Manager

if TYPE_CHECKING:
    from assess.semantics.prob.wmcvector import Plan

Number = Any
"""float, Fraction or a sympy expression: anything with + - * and 0, 1."""

VECTOR_NODES = 20_000
"""From this many nodes, float passes run on numpy arrays: a pass of the
loop costs about 0.2 µs a node, one on arrays a tenth of that or less, and
importing numpy about 0.1 s, which the first few dozen passes repay."""

VECTOR_LEVEL_NODES = 64
"""...and only with this many nodes a level on average: each level costs a
few array calls (about 10 µs), so a long thin diagram (a noisy-or of
10,000 inputs: two nodes a level) is faster in the loop."""


@dataclass(frozen=True, slots=True)
class Circuit:
    """A frozen multi-rooted diagram: ``roots[i]`` indexes the i-th formula."""

    level: tuple[int, ...]
    low: tuple[int, ...]
    high: tuple[int, ...]
    roots: tuple[int, ...]
    levels: int
    _plan: list[Plan | None] = field(default_factory=list, compare=False, repr=False)
    """The array layout (``wmcvector.Plan``), or None for the loop: chosen
    at the first float pass of a circuit of ``VECTOR_NODES`` nodes or more."""

    @classmethod
    def freeze(cls, manager: Manager, roots: Sequence[int]) -> Circuit:
        """Copy the nodes under ``roots`` out of ``manager``, densely renumbered."""
        order = manager.reachable(FALSE, TRUE, *roots)
        index = {n: i for i, n in enumerate(order)}
        return cls(
            level=tuple(manager.level[n] for n in order),
            low=tuple(index[manager.low[n]] for n in order),
            high=tuple(index[manager.high[n]] for n in order),
            roots=tuple(index[r] for r in roots),
            levels=manager.levels,
        )

    def __len__(self) -> int:
        return len(self.level)

    def _vector(self, zero: Number, complements: Sequence[Number] | None) -> Plan | None:
        """The array layout, for a float pass of a large circuit."""
        if len(self.level) < VECTOR_NODES or complements is not None or type(zero) is not float:
            return None
        if not self._plan:
            self._plan.append(self._layout())
        return self._plan[0]

    def _layout(self) -> Plan | None:
        if len(self.level) < VECTOR_LEVEL_NODES * len(set(self.level)):
            return None
        from assess.semantics.prob.wmcvector import Plan

        return Plan(self.level, self.low, self.high)

    def forward(
        self,
        weights: Sequence[Number],
        zero: Number = 0.0,
        one: Number = 1.0,
        complements: Sequence[Number] | None = None,
    ) -> Sequence[Number]:
        """Every node's weighted model count, given ``weights[level]``.

        ``complements[level]`` replaces ``1 - weights[level]`` when given
        (a symbolic caller may name it so that products telescope).
        """
        plan = self._vector(zero, complements)
        if plan is not None:
            return plan.forward(weights)
        level, low, high = self.level, self.low, self.high
        values: list[Number] = [zero, one]
        if complements is None:
            for n in range(2, len(level)):
                w = weights[level[n]]
                values.append(w * values[high[n]] + (one - w) * values[low[n]])
            return values
        for n in range(2, len(level)):
            v = level[n]
            values.append(weights[v] * values[high[n]] + complements[v] * values[low[n]])
        return values

    def backward(
        self, values: Sequence[Number], root: int, weights: Sequence[Number], zero: Number = 0.0
    ) -> list[Number]:
        """∂ wmc(roots[root]) / ∂ weights[l] for every level ``l``."""
        plan = self._vector(zero, None)
        if plan is not None:
            from assess.semantics.prob.wmcvector import NodeValues

            if isinstance(values, NodeValues):
                return plan.backward(values, self.roots[root], weights, self.levels)
        level, low, high = self.level, self.low, self.high
        start = self.roots[root]
        adjoint: list[Number] = [zero] * len(level)
        adjoint[start] = zero + 1
        gradient: list[Number] = [zero] * self.levels
        for n in range(start, 1, -1):
            a = adjoint[n]
            if a == 0:
                continue
            v = level[n]
            w = weights[v]
            gradient[v] += a * (values[high[n]] - values[low[n]])
            adjoint[high[n]] += a * w
            adjoint[low[n]] += a * (1 - w)
        return gradient
