"""Which decision-diagram manager compiles a program exactly.

``exact(levels, budget, backend, roots_of)`` builds the diagrams with one
manager and freezes them into a ``Circuit``:

* ``native``: ``bdd.Manager`` (pure Python, no dependency);
* ``cudd``: ``cudd.CuddManager`` (CUDD in C through the ``dd`` package);
* ``auto`` (the default): native first, within ``SWITCH`` nodes — small
  programs compile before CUDD would have been imported (0.2 s) — then,
  past them, again from the start with CUDD when it is installed, within
  the budget's nodes and time. With a node limit of ``SWITCH`` or less,
  native all the way; without ``dd`` (found out only at the switch),
  native again from the start with the whole budget.

The switch happens at a node count, never at a time, so a program takes
the same road on every run.
"""

from __future__ import annotations

from collections.abc import Callable

from assess.semantics.prob.bdd import Budget, BudgetExceeded, Manager
from assess.semantics.prob.wmc import Circuit

SWITCH = 200_000
"""Native diagram nodes after which ``auto`` moves to CUDD."""

BACKENDS = ("auto", "native", "cudd")

RootsOf = Callable[[Manager], list[int]]


def exact(levels: int, budget: Budget, backend: str, roots_of: RootsOf) -> Circuit:
    """The frozen diagrams of ``roots_of(manager)`` (see the module doc).

    ``dd`` is imported only once the native manager outgrows ``SWITCH``:
    importing CUDD costs more than most programs take to compile."""
    if backend == "native" or (backend == "auto" and budget.max_nodes <= SWITCH):
        return _native(levels, budget, roots_of)
    if backend == "auto":
        try:
            return _native(levels, Budget(SWITCH, budget.deadline), roots_of)
        except BudgetExceeded as exc:
            if exc.size < SWITCH:
                raise
    from assess.semantics.prob import cudd

    if not cudd.available():
        return _native(levels, budget, roots_of)
    manager = cudd.CuddManager(levels, budget)
    try:
        return manager.freeze(roots_of(manager))  # type: ignore[arg-type]
    finally:
        manager.release()


def _native(levels: int, budget: Budget, roots_of: RootsOf) -> Circuit:
    manager = Manager(levels, budget)
    return Circuit.freeze(manager, roots_of(manager))
