"""Relations that grow: datafrog's ``Variable`` with ``recent`` and ``to_add``.

A ``Variable`` holds the tuples of one predicate:

* ``total``: every tuple known so far (datafrog's ``stable`` together with
  ``recent``; every join variant reads the total);
* ``recent``: the tuples that became known in the last round — the delta that
  semi-naive evaluation joins against the totals;
* ``to_add``: tuples derived in the current round, possibly already known.

``changed()`` ends a round: the genuinely new part of ``to_add`` becomes
``recent`` and joins ``total``; it answers whether anything was new. Hash
indexes (bound argument positions -> list of tuples) are built on first use
from ``total`` and then maintained incrementally by ``changed()``. A
relation of a finished stratum never changes again, so negation may read it.

Example::

    >>> v = Variable()
    >>> v.to_add.update({("a", "b"), ("b", "c")})
    >>> v.changed(), sorted(v.recent)
    (True, [('a', 'b'), ('b', 'c')])
    >>> v.index((0,))["a"]
    [('a', 'b')]
    >>> v.to_add.add(("a", "b")); v.changed()
    False
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

from assess.engine.ir import Value

Row = tuple[Value, ...]
Index = dict[Any, list[Row]]


def _key(positions: tuple[int, ...]) -> Callable[[Row], Any]:
    """The index key of a row: a bare value for one position, else a tuple."""
    return itemgetter(*positions)


class Variable:
    """One predicate's tuples during evaluation; see the module docstring."""

    __slots__ = ("_keys", "indexes", "recent", "to_add", "total")

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        self.total: set[Row] = set()
        self.recent: list[Row] = []
        self.to_add: set[Row] = set(rows)
        self.indexes: dict[tuple[int, ...], Index] = {}
        self._keys: dict[tuple[int, ...], Callable[[Row], Any]] = {}

    def index(self, positions: tuple[int, ...]) -> Index:
        """The index on ``positions``, built from ``total`` on first use."""
        found = self.indexes.get(positions)
        if found is None:
            found = self.indexes[positions] = {}
            self._keys[positions] = _key(positions)
            _extend(found, self._keys[positions], self.total)
        return found

    def changed(self) -> bool:
        """Move the new part of ``to_add`` into ``recent`` and ``total``."""
        new = self.to_add - self.total if self.total else set(self.to_add)
        self.to_add.clear()
        self.recent = list(new)
        if not new:
            return False
        self.total |= new
        for positions, index in self.indexes.items():
            _extend(index, self._keys[positions], self.recent)
        return True


def _extend(index: Index, key: Callable[[Row], Any], rows: Iterable[Row]) -> None:
    get = index.get
    for row in rows:
        k = key(row)
        bucket = get(k)
        if bucket is None:
            index[k] = [row]
        else:
            bucket.append(row)
