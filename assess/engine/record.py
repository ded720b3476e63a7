"""Recording ground rule instances into the derivation graph, in bulk.

A recording plan does not touch the graph: for every ground instance it
appends ``(head, pos, neg)`` (value tuples; ``neg`` one tuple of failing rows
per negated literal) to a list. After the plan's run ``Recorder.flush`` turns
the list into graph nodes with C-level bulk operations: new head atoms are
created together (``DerivationGraph.add_atoms``), ids are looked up in one
dict per predicate (value tuple -> id, so no ``Pred`` is hashed per
instance), ``Derivation`` tuples are built by ``map`` and deduplicated by
``DerivationGraph.add_derivations``. Positive body atoms are always known
already (facts and earlier heads are recorded first); a negated atom may be
new and is created on the slow path.

Plans meet rows in the iteration order of Python sets, which for strings
changes with every process (``PYTHONHASHSEED``). The graph's numbering must
not: everything after grounding orders by it (components, sweeps, the
variable order of ``prob``), so which atom a limit names, and how soon,
would change from run to run. So the atoms new in one flush get their ids
in the order of their rows (by ``repr`` where a name and a number meet in
one column, or two terms that compare as equal: ``1`` and ``1.0``), the
flush's derivations are added in sorted order (of ids), and a negated
literal's failing atoms are listed by id. What one flush records is the
same set every run (relations are sets), so the graph is numbered the same
every run.

Example: flushing ``[(("a", "c"), (("a", "b"), ("b", "c")), ())]`` for rule
1 ``p(X, Z) :- e(X, Y), p(Y, Z).`` adds the atom ``p(a,c)`` (if new) and
``Derivation(p(a,c), 1, (e(a,b), p(b,c)), ())``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from itertools import filterfalse, islice, repeat
from operator import ge, itemgetter

from assess.engine.ir import IRFindall, IRLiteral, IRRule, Pred, Value
from assess.engine.provenance import FACT, Derivation, DerivationGraph

Row = tuple[Value, ...]
Instance = tuple[Row, tuple[Row, ...], tuple[tuple[Row, ...], ...]]
"""``(head, pos, neg)``; a rule with ``findall`` adds a fourth part, per
``findall`` the rows its list needs to hold (those that must fail follow the
negated literals' in ``neg``)."""

_derivation = partial(tuple.__new__, Derivation)
_head, _pos, _neg = itemgetter(0), itemgetter(1), itemgetter(2)


def _sort(rows: list[Row]) -> None:
    """Sort ``rows`` by value, or by ``repr`` where values of different types
    meet in one column: a name and a number, which do not compare, or two
    different terms that compare as equal (``1`` and ``1.0``, ``a`` and
    ``"a"``), which would keep the order they came in."""
    try:
        rows.sort()
    except TypeError:
        rows.sort(key=repr)
        return
    if any(map(ge, rows, islice(rows, 1, None))):  # distinct rows, so a tie
        rows.sort(key=repr)


def _joined(*parts: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(a for part in parts for a in part)


class Recorder:
    """Owns the graph and a per-predicate index of its atom ids."""

    def __init__(self) -> None:
        self.graph = DerivationGraph()
        self._ids: dict[Pred, dict[Row, int]] = {}

    def ids(self, pred: Pred) -> dict[Row, int]:
        found = self._ids.get(pred)
        if found is None:
            found = self._ids[pred] = {}
        return found

    def _ensure(self, pred: Pred, rows: Iterable[Row]) -> dict[Row, int]:
        """Create the atoms of ``rows`` not recorded yet; the predicate's id dict."""
        ids = self.ids(pred)
        fresh = list(filterfalse(ids.__contains__, dict.fromkeys(rows)))
        if fresh:
            _sort(fresh)
            created = self.graph.add_atoms(list(zip(repeat(pred), fresh)))
            ids.update(zip(fresh, created, strict=True))
        return ids

    def _known(self, pred: Pred, rows: list[Row]) -> list[int]:
        """Ids of ``rows`` (body atoms are recorded before they are used)."""
        ids = self.ids(pred)
        try:
            return list(map(ids.__getitem__, rows))
        except KeyError:
            return list(map(self._ensure(pred, rows).__getitem__, rows))

    def facts(self, pred: Pred, rows: Iterable[Row]) -> None:
        """A ``FACT`` derivation for each certain fact."""
        rows = list(rows)
        ids = self._ensure(pred, rows)
        heads = sorted(map(ids.__getitem__, rows))
        self.graph.add_derivations(
            map(_derivation, zip(heads, repeat(FACT), repeat(()), repeat(())))
        )

    def flush(self, rule: IRRule, instances: list[Instance]) -> None:
        """Add ``instances`` of ``rule`` to the graph, then empty the list."""
        if not instances:
            return
        literals = [i for i in rule.body if isinstance(i, IRLiteral)]
        heads = list(map(_head, instances))
        head_ids = self._ensure(rule.head.pred, heads)
        xs = map(head_ids.__getitem__, heads)
        bodies = list(map(_pos, instances))
        columns = [
            self._known(i.atom.pred, list(map(itemgetter(n), bodies)))
            for n, i in enumerate(x for x in literals if not x.negated)
        ]
        pos: Iterable[tuple[int, ...]] = zip(*columns, strict=True) if columns else repeat(())
        collected = [i.goal.pred for i in rule.body if isinstance(i, IRFindall)]
        if collected:
            held = [
                self._failing([pred], [(i[3][n],) for i in instances])  # type: ignore[misc]
                for n, pred in enumerate(collected)
            ]
            pos = map(_joined, pos, *held)
        negated = [i.atom.pred for i in literals if i.negated] + collected
        neg = self._failing(negated, map(_neg, instances)) if negated else repeat(())
        self.graph.add_derivations(sorted(map(_derivation, zip(xs, repeat(rule.id), pos, neg))))
        instances.clear()

    def _failing(
        self, preds: Sequence[Pred], negs: Iterable[tuple[tuple[Row, ...], ...]]
    ) -> list[tuple[int, ...]]:
        """Per instance, the ids of the atoms its negated literals need to fail
        (literal by literal, each literal's by id)."""
        negs = list(negs)
        tables = [
            self._ensure(pred, [row for per_literal in negs for row in per_literal[n]])
            for n, pred in enumerate(preds)
        ]
        found = []
        for per_literal in negs:
            ids: list[int] = []
            for known, rows in zip(tables, per_literal, strict=True):
                ids.extend(sorted(map(known.__getitem__, rows)))
            found.append(tuple(ids))
        return found
