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
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from assess import progress

FALSE = 0
TRUE = 1

_AND, _OR = 0, 1


class BudgetExceeded(Exception):
    """The diagram grew past ``max_nodes`` or the deadline passed."""

    def __init__(self, reason: str, size: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size
        self.atom: int | None = None
        """The graph atom being compiled when it stopped (set by the compiler)."""


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

    __slots__ = (
        "_caches", "_negations", "_steps", "_unique", "budget", "high", "level", "levels", "low",
    )

    def __init__(self, levels: int, budget: Budget | None = None) -> None:
        self.levels = levels
        self.budget = budget or Budget()
        self.level: list[int] = [levels, levels]
        self.low: list[int] = [FALSE, TRUE]
        self.high: list[int] = [FALSE, TRUE]
        self._unique: dict[int, int] = {}
        self._caches: tuple[dict[int, int], dict[int, int]] = ({}, {})
        self._negations: dict[int, int] = {FALSE: TRUE, TRUE: FALSE}
        self._steps = 0

    def __len__(self) -> int:
        return len(self.level)

    def node(self, level: int, low: int, high: int) -> int:
        """The unique node testing ``level`` (reduced: equal children collapse)."""
        if low == high:
            return low
        key = (level << 64) | (low << 32) | high
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
        """Fold ``nodes`` pairwise, so n operands cost O(log n) rounds, not n;
        operands in bands of the order of their own (``_banded``) are folded
        from the deepest up instead, each step copying only the operand."""
        if not nodes:
            return unit
        banded = self._banded(nodes)
        if banded is not None:
            folded = banded[-1]
            for node in reversed(banded[:-1]):
                folded = self._apply(op, node, folded)
            return folded
        while len(nodes) > 1:
            paired = [self._apply(op, nodes[i], nodes[i + 1]) for i in range(0, len(nodes) - 1, 2)]
            if len(nodes) % 2:
                paired.append(nodes[-1])
            nodes = paired
        return nodes[0]

    def _banded(self, nodes: list[int]) -> list[int] | None:
        """``nodes`` from the top of the order down when each one tests only
        variables above the next one's top variable, else None.

        Then ``f op g``, with ``g`` below all of ``f``, is ``f`` with one
        terminal replaced by ``g``: |f| new nodes, where pairwise folding
        makes each level's operands again (|all| log n nodes left behind).
        Each node is visited at most once: an operand is searched only
        above the next operand's top, and those bands do not overlap."""
        if len(nodes) < 3 or min(nodes) <= TRUE:
            return None
        level, low, high = self.level, self.low, self.high
        ordered = sorted(nodes, key=level.__getitem__)
        seen: set[int] = set()
        for node, below in pairwise(ordered):
            floor = level[below]
            if level[node] >= floor:
                return None
            stack = [node]
            while stack:
                n = stack.pop()
                if n <= TRUE or n in seen:
                    continue
                if level[n] >= floor:
                    return None
                seen.add(n)
                stack.append(low[n])
                stack.append(high[n])
        return ordered

    def _apply(self, op: int, u: int, v: int) -> int:
        """``u op v`` by Shannon expansion on an explicit stack, memoised.

        Hot loop: terminal cases, the computed table (int keys) and node
        creation are inlined. A work item is ``(a, b)`` to expand, or
        ``(-1 - level, key)`` to combine the top two ``results``.
        """
        absorbing, identity = (FALSE, TRUE) if op == _AND else (TRUE, FALSE)
        level, low, high = self.level, self.low, self.high
        cache, unique = self._caches[op], self._unique
        limit = self.budget.max_nodes
        results: list[int] = []
        work: list[tuple[int, int]] = [(u, v)]
        steps = 0
        while work:
            a, b = work.pop()
            if a < 0:
                hi = results.pop()
                lo = results.pop()
                if lo == hi:
                    made = lo
                else:
                    lvl = -1 - a
                    nk = (lvl << 64) | (lo << 32) | hi
                    found = unique.get(nk)
                    if found is None:
                        made = len(level)
                        if made >= limit:
                            raise BudgetExceeded(
                                f"the diagrams reached {made} nodes, the limit", made
                            )
                        level.append(lvl)
                        low.append(lo)
                        high.append(hi)
                        unique[nk] = made
                    else:
                        made = found
                cache[b] = made
                results.append(made)
                continue
            if a == absorbing or b == absorbing:
                results.append(absorbing)
                continue
            if a in (identity, b):
                results.append(b)
                continue
            if b == identity:
                results.append(a)
                continue
            if a > b:
                a, b = b, a
            key = (a << 32) | b
            done = cache.get(key)
            if done is not None:
                results.append(done)
                continue
            steps += 1
            if steps & 0x3FFF == 0:
                self._tick(steps)
            la, lb = level[a], level[b]
            if la == lb:
                work.append((-1 - la, key))
                work.append((high[a], high[b]))
                work.append((low[a], low[b]))
            elif la < lb:
                work.append((-1 - la, key))
                work.append((high[a], b))
                work.append((low[a], b))
            else:
                work.append((-1 - lb, key))
                work.append((a, high[b]))
                work.append((a, low[b]))
        self._steps += steps
        return results[0]

    def neg(self, u: int) -> int:
        """¬u: the same diagram with its terminals swapped.

        Memoised across calls in both directions (¬¬n = n: the unique table
        gives back ``n``), so negating diagrams that share nodes copies
        each shared node once; nodes never die, so the memo stays true."""
        memo, level, low, high = self._negations, self.level, self.low, self.high
        stack = [u]
        while stack:
            n = stack[-1]
            if n in memo:
                stack.pop()
                continue
            lo, hi = memo.get(low[n]), memo.get(high[n])
            if lo is None or hi is None:
                if lo is None:
                    stack.append(low[n])
                if hi is None:
                    stack.append(high[n])
                continue
            stack.pop()
            negated = self.node(level[n], lo, hi)
            memo[n], memo[negated] = negated, n
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
        for cache in self._caches:
            cache.clear()

    def _tick(self, steps: int) -> None:
        """Every 16k expansions: check the deadline, bound the caches."""
        deadline = self.budget.deadline
        if deadline is not None and time.monotonic() > deadline:
            size = len(self.level)
            raise BudgetExceeded(f"the time limit ran out at {size} diagram nodes", size)
        if sum(len(c) for c in self._caches) > 4_000_000:
            self.clear_cache()
        progress.touch(f"{len(self.level):,} nodes")
