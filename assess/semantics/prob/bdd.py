"""Reduced ordered binary decision diagrams, hash-consed, without recursion.

A node is an int. ``FALSE`` (0) and ``TRUE`` (1) are the terminals; every
other node ``n`` tests variable ``level[n]`` (0 is the top of the order) and
goes to ``low[n]`` when it is false and ``high[n]`` when it is true.
Invariants: no node has ``low == high``; no two nodes share
``(level, low, high)`` (so two formulas are equivalent iff they are the same
int, and a fixpoint test is ``==``); a node's children are always older, so
ascending ids are a topological order from the leaves up.

The operations (``conj``, ``disj``, ``neg``) run on an explicit stack, so a
diagram with 100 000 levels does not touch Python's recursion limit. A
``Budget`` stops the work with a clear error when the diagram outgrows
``max_nodes`` or the clock passes a deadline.

Example::

    >>> m = Manager(2)
    >>> x, y = m.var(0), m.var(1)
    >>> f = m.disj(m.conj(x, y), x)     # absorption: x ∨ (x ∧ y) = x
    >>> f == x
    True
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

FALSE = 0
TRUE = 1

_AND, _OR = 0, 1


class BudgetExceeded(Exception):
    """The diagram grew past ``max_nodes`` or the deadline passed."""

    def __init__(self, reason: str, size: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size


@dataclass
class Budget:
    """Limits on one compilation: live node count and a wall-clock deadline."""

    max_nodes: int = 5_000_000
    deadline: float | None = None

    @classmethod
    def within(cls, max_nodes: int, seconds: float | None) -> Budget:
        return cls(max_nodes, None if seconds is None else time.monotonic() + seconds)


class Manager:
    """Owns every node; ``levels`` variables, numbered top to bottom."""

    __slots__ = ("_cache", "_steps", "_unique", "budget", "high", "level", "levels", "low")

    def __init__(self, levels: int, budget: Budget | None = None) -> None:
        self.levels = levels
        self.budget = budget or Budget()
        self.level: list[int] = [levels, levels]
        self.low: list[int] = [FALSE, TRUE]
        self.high: list[int] = [FALSE, TRUE]
        self._unique: dict[tuple[int, int, int], int] = {}
        self._cache: dict[tuple[int, int, int], int] = {}
        self._steps = 0

    def __len__(self) -> int:
        return len(self.level)

    def node(self, level: int, low: int, high: int) -> int:
        """The unique node testing ``level`` (reduced: equal children collapse)."""
        if low == high:
            return low
        key = (level, low, high)
        found = self._unique.get(key)
        if found is not None:
            return found
        new = len(self.level)
        if new >= self.budget.max_nodes:
            raise BudgetExceeded(f"the diagrams reached {new} nodes, the limit", new)
        self.level.append(level)
        self.low.append(low)
        self.high.append(high)
        self._unique[key] = new
        return new

    def var(self, level: int) -> int:
        """The formula that is true exactly when variable ``level`` is."""
        return self.node(level, FALSE, TRUE)

    def conj(self, u: int, v: int) -> int:
        return self._apply(_AND, u, v)

    def disj(self, u: int, v: int) -> int:
        return self._apply(_OR, u, v)

    def conj_all(self, nodes: Sequence[int]) -> int:
        return self._balanced(_AND, list(nodes), TRUE)

    def disj_all(self, nodes: Sequence[int]) -> int:
        return self._balanced(_OR, list(nodes), FALSE)

    def _balanced(self, op: int, nodes: list[int], unit: int) -> int:
        """Fold ``nodes`` pairwise, so n operands cost O(log n) rounds, not n."""
        if not nodes:
            return unit
        while len(nodes) > 1:
            paired = [self._apply(op, nodes[i], nodes[i + 1]) for i in range(0, len(nodes) - 1, 2)]
            if len(nodes) % 2:
                paired.append(nodes[-1])
            nodes = paired
        return nodes[0]

    def _terminal(self, op: int, u: int, v: int) -> int:
        """The result when it needs no recursion, else -1."""
        if op == _AND:
            if u == FALSE or v == FALSE:
                return FALSE
            if u in (TRUE, v):
                return v
            if v == TRUE:
                return u
        else:
            if u == TRUE or v == TRUE:
                return TRUE
            if u in (FALSE, v):
                return v
            if v == FALSE:
                return u
        return -1

    def _apply(self, op: int, u: int, v: int) -> int:
        """``u op v`` by Shannon expansion on an explicit stack, memoised."""
        done = self._terminal(op, u, v)
        if done >= 0:
            return done
        level, low, high, cache = self.level, self.low, self.high, self._cache
        results: list[int] = []
        # A work item is (u, v) to expand, or (-1 - level, key) to combine
        # the two results on top of ``results`` into one node.
        work: list[tuple[int, int]] = [(u, v)]
        combine: list[tuple[int, int, int]] = []
        while work:
            a, b = work.pop()
            if a < 0:
                key = combine[b]
                hi = results.pop()
                lo = results.pop()
                made = self.node(-1 - a, lo, hi)
                cache[key] = made
                results.append(made)
                continue
            done = self._terminal(op, a, b)
            if done < 0:
                if a > b:
                    a, b = b, a
                done = cache.get((op, a, b), -1)
            if done >= 0:
                results.append(done)
                continue
            self._tick()
            la, lb = level[a], level[b]
            top = la if la < lb else lb
            a0, a1 = (low[a], high[a]) if la == top else (a, a)
            b0, b1 = (low[b], high[b]) if lb == top else (b, b)
            combine.append((op, a, b))
            work.append((-1 - top, len(combine) - 1))
            work.append((a1, b1))
            work.append((a0, b0))
        return results[0]

    def neg(self, u: int) -> int:
        """¬u: the same diagram with its terminals swapped."""
        return self.rebuild(u, lambda n: TRUE - n)

    def rebuild(self, u: int, leaf: Callable[[int], int]) -> int:
        """Copy ``u`` bottom-up with each terminal ``t`` replaced by ``leaf(t)``."""
        memo: dict[int, int] = {}
        for n in self.reachable(u):
            if n <= TRUE:
                memo[n] = leaf(n)
            else:
                memo[n] = self.node(self.level[n], memo[self.low[n]], memo[self.high[n]])
        return memo[u]

    def reachable(self, *roots: int) -> list[int]:
        """The nodes under ``roots``, ascending (children before parents)."""
        seen = set(roots)
        stack = list(roots)
        low, high = self.low, self.high
        while stack:
            n = stack.pop()
            if n > TRUE:
                for child in (low[n], high[n]):
                    if child not in seen:
                        seen.add(child)
                        stack.append(child)
        return sorted(seen)

    def clear_cache(self) -> None:
        """Forget memoised results (the nodes stay valid)."""
        self._cache.clear()

    def _tick(self) -> None:
        self._steps += 1
        if self._steps & 0x3FFF == 0:
            deadline = self.budget.deadline
            if deadline is not None and time.monotonic() > deadline:
                size = len(self.level)
                raise BudgetExceeded(f"the time limit ran out at {size} diagram nodes", size)
            if len(self._cache) > 4_000_000:
                self._cache.clear()
