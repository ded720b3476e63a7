"""The float passes of a large ``Circuit``, one numpy operation per level.

Every node of a level tests the same variable, and its children lie at
deeper levels or are terminals. So with the nodes laid out level by level,
deepest first, each level is one slice whose values are

    values[slice] = w · values[high] + (1 − w) · values[low]

over arrays: the same IEEE multiplications, subtraction and addition, in
the same order, as ``Circuit.forward``'s loop makes per node, so the values
are bit for bit the loop's (a test holds them equal). The backward pass
sums a level's contributions to a gradient entry in numpy's order, not the
loop's, so gradients may differ from the loop's in the last bits; a circuit
always takes one road (``wmc.VECTOR_NODES``), so one program's gradients
never depend on which command asked.

numpy is imported only here, and this module only for large circuits.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any, overload

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.intp]


class NodeValues(Sequence[float]):
    """Every node's value, read by the circuit's own node indices."""

    __slots__ = ("_position", "array")

    def __init__(self, array: npt.NDArray[np.float64], position: Ints) -> None:
        self.array = array
        self._position = position

    def __len__(self) -> int:
        return len(self.array)

    @overload
    def __getitem__(self, node: int) -> float: ...
    @overload
    def __getitem__(self, node: slice) -> list[float]: ...
    def __getitem__(self, node: int | slice) -> float | list[float]:
        if isinstance(node, slice):
            return [float(self.array[p]) for p in self._position[node]]
        return float(self.array[self._position[node]])


class Plan:
    """A circuit's nodes laid out level by level, deepest level first.

    ``position[n]`` is node ``n``'s place in that layout; the terminals keep
    places 0 and 1. ``bands`` holds, per level, (level, start, end, high,
    low): the level's nodes are places ``start:end`` and their children the
    places ``high`` and ``low``.
    """

    __slots__ = ("bands", "position", "size")

    def __init__(self, level: Sequence[int], low: Sequence[int], high: Sequence[int]) -> None:
        levels = np.asarray(level, dtype=np.intp)
        order = 2 + np.argsort(-levels[2:], kind="stable")
        layout = np.concatenate([np.arange(2, dtype=np.intp), order])
        self.position: Ints = np.empty_like(layout)
        self.position[layout] = np.arange(len(layout), dtype=np.intp)
        self.size = len(layout)
        highs = self.position[np.asarray(high, dtype=np.intp)[layout]]
        lows = self.position[np.asarray(low, dtype=np.intp)[layout]]
        cuts = [2, *(2 + np.flatnonzero(np.diff(levels[order])) + 1).tolist(), self.size]
        self.bands: list[tuple[int, int, int, Ints, Ints]] = [
            (int(levels[layout[s]]), s, e, highs[s:e].copy(), lows[s:e].copy())
            for s, e in pairwise(cuts) if s < e
        ]

    def forward(self, weights: Sequence[Any]) -> NodeValues:
        values = np.empty(self.size)
        values[0], values[1] = 0.0, 1.0
        for level, start, end, high, low in self.bands:
            w = float(weights[level])
            on = values.take(high)
            on *= w
            off = values.take(low)
            off *= 1.0 - w
            np.add(on, off, out=values[start:end])
        return NodeValues(values, self.position)

    def backward(
        self, values: NodeValues, root: int, weights: Sequence[Any], levels: int
    ) -> list[float]:
        """∂ values[root] / ∂ weights[l] for every level ``l``."""
        start = int(self.position[root])
        adjoint = np.zeros(self.size)
        adjoint[start] = 1.0
        gradient = [0.0] * levels
        v = values.array
        for level, first, end, high, low in reversed(self.bands):
            if first > start:
                continue
            a = adjoint[first:end]
            if not a.any():
                continue
            w = float(weights[level])
            gradient[level] += float(np.dot(a, v.take(high) - v.take(low)))
            np.add.at(adjoint, high, a * w)
            np.add.at(adjoint, low, a * (1.0 - w))
        return gradient
