"""The diagrams in CUDD (through ``dd.cudd``), with dynamic reordering.

``CuddManager`` has the native ``bdd.Manager``'s face — formulas are ints,
``FALSE`` (0) and ``TRUE`` (1) the terminals, equal formulas the same int —
so ``lineage``, ``fixpoint`` and the hooks run unchanged on it. Each int
names one CUDD function (kept referenced); ``freeze`` copies the diagrams
under the roots into a native ``Circuit`` (complemented edges spelt out),
so model counting, gradients, exact fractions and formulas read the same
arrays whichever manager built them.

Why: CUDD's operations run in C, and its *sifting* moves variables while
the diagrams grow (Rudell's dynamic reordering), starting from the static
order (``varorder``). On cyclic programs — reachability in a random
directed graph of 40 nodes, whose fixpoint builds every node's
reachability diagram — the native manager made 6 million nodes in a minute
of CPU; CUDD gets through in a fraction of a second (``bench/RESULTS.md``).

The package is optional at run time: ``available()`` says whether it can
be imported; the compiler falls back to the native manager without it.
Reordering only ever follows the operations made, which follow the
program's text, so a program compiles to the same circuit every run.

Example::

    >>> m = CuddManager(2)
    >>> x, y = m.var(0), m.var(1)
    >>> m.disj(m.conj(x, y), x) == x
    True
"""

from __future__ import annotations

import importlib
import operator
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from assess import progress
from assess.semantics.prob.bdd import FALSE, TRUE, Budget, BudgetExceeded
from assess.semantics.prob.wmc import Circuit


def available() -> bool:
    """Whether ``dd.cudd`` (CUDD compiled into the ``dd`` package) imports."""
    try:
        importlib.import_module("dd.cudd")
    except ImportError:
        return False
    return True


BYTES_PER_VARIABLE = 8192
"""CUDD's memory cap per variable, besides the nodes': a variable has a
unique subtable of its own (32,000 variables took 202 MB, measured), so a
cap of nodes alone refused to declare the variables of a large program."""

BYTES_PER_NODE = 100
"""CUDD's memory cap per node of the budget (a node is 32 bytes, with its
unique table and computed cache about three times that). A single CUDD
operation cannot be stopped by the clock, so its memory is what bounds it:
past the cap CUDD fails the operation at once, and the budget is exceeded
at the same place in every run."""


class CuddManager:
    """Formulas over ``levels`` variables as CUDD diagrams (module doc)."""

    def __init__(self, levels: int, budget: Budget | None = None) -> None:
        self.levels = levels
        self.budget = budget or Budget()
        self.bdd: Any = importlib.import_module("dd.cudd").BDD()
        self.cap = cap = self.budget.max_nodes * BYTES_PER_NODE + levels * BYTES_PER_VARIABLE
        """CUDD's memory cap in bytes."""
        self.bdd.configure(reordering=False, max_memory=cap)
        names = [f"x{i}" for i in range(levels)]
        if names:
            try:
                self.bdd.declare(*names)
            except RuntimeError as exc:  # dd's "failed to add var": past the cap
                raise BudgetExceeded(
                    f"CUDD's memory cap ({cap // 2**20:,} MB) does not hold "
                    f"{levels:,} variables", 0) from exc
        self._names = names
        self._fns: list[Any] = [self.bdd.false, self.bdd.true]
        self._ids: dict[int, int] = {int(self.bdd.false): FALSE, int(self.bdd.true): TRUE}
        self._vars = [self.bdd.var(n) for n in names]
        for f in self._vars:
            self._ids[int(f)] = len(self._fns)
            self._fns.append(f)
        self._ops = 0
        self._kept = 0
        self._size = 0
        # Sifting was measured and left off: on a random digraph of 40 nodes
        # it found a five times smaller diagram for the query but spent 60 s
        # reordering the half million nodes of the other atoms' diagrams.
        self.bdd.configure(reordering=False)

    def __len__(self) -> int:
        """Live CUDD nodes when last counted (``_check``)."""
        return self._size

    def _count(self) -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._size = int(self.bdd.statistics()["n_nodes"])
        return self._size

    def _apply(self, operation: Callable[..., Any], *operands: Any) -> int:
        """The handle of ``operation(*operands)`` on CUDD diagrams; past CUDD's
        memory cap (``cap``) the budget is exceeded."""
        try:
            return self._handle(operation(*operands))
        except ValueError as exc:  # dd's "`DdNode *node` is `NULL`": CUDD gave up
            size = self._count()
            cap = self.cap // 2**20
            raise BudgetExceeded(
                f"the diagrams reached CUDD's memory cap ({cap:,} MB) at {size:,} live nodes",
                size) from exc

    def _handle(self, f: Any) -> int:
        key = int(f)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self._fns)
            self._fns.append(f)
        self._ops += 1
        if self._ops & 0x3FF == 0:
            self._check()
        return found

    def _check(self) -> None:
        """Every 1,024 operations: the clock; every 16,384, the size (CUDD's
        statistics scan its tables, so they are read sparingly; counted by
        operations, the size stops a program at the same place every run)."""
        size = self._count() if self._ops & 0x3FFF == 0 else self._size
        if size >= self.budget.max_nodes:
            raise BudgetExceeded(f"the diagrams reached {size} nodes, the limit", size)
        deadline = self.budget.deadline
        if deadline is not None and time.monotonic() > deadline:
            raise BudgetExceeded(f"the time limit ran out at {size} diagram nodes", size)
        progress.touch(f"{size:,} nodes")

    def due(self) -> bool:
        """Whether enough formulas were made since the last ``collect`` to
        make one worth it (twice as many as it kept)."""
        return len(self._ids) > 2 * self._kept + 1024

    def collect(self, live: Iterable[int]) -> None:
        """Release every formula but the variables and ``live``: their handles
        must not be used again. CUDD reclaims the nodes no formula reaches."""
        keep = set(live)
        keep.update(range(len(self._vars) + 2))
        fns, ids = self._fns, self._ids
        for i, f in enumerate(fns):
            if f is not None and i not in keep:
                del ids[int(f)]
                fns[i] = None
        self._kept = len(ids)

    def var(self, level: int) -> int:
        return self._handle(self._vars[level])

    def node(self, level: int, low: int, high: int) -> int:
        """The formula ``if var(level) then high else low``."""
        fns = self._fns
        return self._apply(self.bdd.ite, self._vars[level], fns[high], fns[low])

    def conj(self, u: int, v: int) -> int:
        if u == FALSE or v == FALSE:
            return FALSE
        if u in (TRUE, v):
            return v
        if v == TRUE:
            return u
        return self._apply(operator.and_, self._fns[u], self._fns[v])

    def disj(self, u: int, v: int) -> int:
        if u == TRUE or v == TRUE:
            return TRUE
        if u in (FALSE, v):
            return v
        if v == FALSE:
            return u
        return self._apply(operator.or_, self._fns[u], self._fns[v])

    def neg(self, u: int) -> int:
        return TRUE - u if u <= TRUE else self._apply(operator.invert, self._fns[u])

    def conj_all(self, nodes: Sequence[int]) -> int:
        return self._balanced(self.conj, list(nodes), TRUE)

    def disj_all(self, nodes: Sequence[int]) -> int:
        return self._balanced(self.disj, list(nodes), FALSE)

    def _balanced(self, op: Callable[[int, int], int], nodes: list[int], unit: int) -> int:
        if not nodes:
            return unit
        while len(nodes) > 1:
            paired = [op(nodes[i], nodes[i + 1]) for i in range(0, len(nodes) - 1, 2)]
            if len(nodes) % 2:
                paired.append(nodes[-1])
            nodes = paired
        return nodes[0]

    def release(self) -> None:
        """Drop every handle, so that CUDD frees its nodes before the manager
        itself goes (else ``dd`` complains at exit of nodes still referenced)."""
        self._fns.clear()
        self._vars.clear()
        self._ids.clear()

    def freeze(self, roots: Sequence[int]) -> Circuit:
        """The diagrams under ``roots`` as a native ``Circuit``.

        A CUDD node is a regular node and a complement bit; the copy makes a
        node per (regular node, bit) reached, children first, so the circuit
        has no complemented edges (at most twice CUDD's node count).
        """
        level: list[int] = [self.levels, self.levels]
        low: list[int] = [FALSE, TRUE]
        high: list[int] = [FALSE, TRUE]
        index = {name: i for i, name in enumerate(self._names)}
        made: dict[tuple[int, bool], int] = {}
        out: list[int] = []
        for r in roots:
            out.append(self._copy(self._fns[r], index, made, level, low, high))
        return Circuit(tuple(level), tuple(low), tuple(high), tuple(out), self.levels)

    def _copy(
        self, root: Any, index: dict[str, int], made: dict[tuple[int, bool], int],
        level: list[int], low: list[int], high: list[int],
    ) -> int:
        """Copy ``root`` (see ``freeze``) without recursion."""
        true = self.bdd.true
        work: list[tuple[Any, bool, bool]] = [(root, False, False)]
        result = TRUE
        while work:
            f, flip, expanded = work.pop()
            negated = bool(f.negated) != flip
            if f.var is None:
                result = TRUE if (f == true) != flip else FALSE
                continue
            key = (int(~f if f.negated else f), negated)
            if key in made:
                result = made[key]
                continue
            lo, hi = f.low, f.high
            if not expanded:
                work.append((f, flip, True))
                for child in (hi, lo):
                    if child.var is not None and (int(~child if child.negated else child),
                                                  bool(child.negated) != negated) not in made:
                        work.append((child, negated, False))
                continue
            lo_id = self._leaf_or_made(lo, negated, made)
            hi_id = self._leaf_or_made(hi, negated, made)
            made[key] = len(level)
            level.append(index[f.var])
            low.append(lo_id)
            high.append(hi_id)
            result = made[key]
        return result

    def _leaf_or_made(self, f: Any, flip: bool, made: dict[tuple[int, bool], int]) -> int:
        if f.var is None:
            return TRUE if (f == self.bdd.true) != flip else FALSE
        return made[(int(~f if f.negated else f), bool(f.negated) != flip)]
