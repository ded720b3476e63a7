"""The built-in predicates that bind variables: ``between/3``, ``succ/2``, ``plus/3``.

Each is a generator of the argument tuples that hold, given the arguments
that are bound (``None`` for an unbound one), with ProbLog's meaning:

* ``between(L, H, X)``: the integers L ≤ X ≤ H (L and H bound integers; X
  bound: a test);
* ``succ(X, Y)``: Y = X + 1 for integers X ≥ 0 (either one bound);
* ``plus(X, Y, Z)``: Z = X + Y for integers (any two bound).

``MODES`` says which positions must be bound for each to run; a call with an
argument of the wrong type is a ``TypeError`` (``arithmetic_error`` at the
rule), as in ProbLog. The other built-ins are lowered to what the engine
already has: ``true`` is dropped, ``fail`` and ``false`` drop their rule,
comparisons and ``is`` are ``IRCompare`` and ``IRAssign``.

Example::

    >>> list(solve("between", (1, 3, None)))
    [(1, 3, 1), (1, 3, 2), (1, 3, 3)]
    >>> list(solve("succ", (None, 4)))
    [(3, 4)]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assess.syntax.numbers import MAX_DIGITS

Args = tuple[Any, ...]

MODES: dict[str, tuple[frozenset[int], ...]] = {
    "between": (frozenset({0, 1}),),
    "succ": (frozenset({0}), frozenset({1})),
    "plus": (frozenset({0, 1}), frozenset({0, 2}), frozenset({1, 2})),
}
"""For each built-in (by name), the sets of bound positions it can run with."""

ARITY = {"between": 3, "succ": 2, "plus": 3}

_MAX_RANGE = 10**7


def _integer(value: Any, name: str) -> int:
    if type(value) is not int:
        raise TypeError(f"{name} needs integers, not {value!r}")
    return value


def _between(low: Any, high: Any, x: Any) -> Iterator[Args]:
    low, high = _integer(low, "between/3"), _integer(high, "between/3")
    if x is not None:
        if low <= _integer(x, "between/3") <= high:
            yield (low, high, x)
        return
    if high - low > _MAX_RANGE:
        raise ValueError(f"between({low}, {high}, X) would give more than {_MAX_RANGE:,} values")
    for value in range(low, high + 1):
        yield (low, high, value)


def _succ(x: Any, y: Any) -> Iterator[Args]:
    if x is not None:
        if _integer(x, "succ/2") < 0:
            raise ValueError(f"succ({x}, Y): {x} is negative")
        if y is None or _integer(y, "succ/2") == x + 1:
            yield (x, x + 1)
    elif _integer(y, "succ/2") > 0:
        yield (y - 1, y)


def _plus(x: Any, y: Any, z: Any) -> Iterator[Args]:
    if x is not None and y is not None:
        total = _integer(x, "plus/3") + _integer(y, "plus/3")
        if len(str(abs(total))) <= MAX_DIGITS and (z is None or _integer(z, "plus/3") == total):
            yield (x, y, total)
    elif x is not None:
        yield (x, _integer(z, "plus/3") - _integer(x, "plus/3"), z)
    else:
        yield (_integer(z, "plus/3") - _integer(y, "plus/3"), y, z)


def solve(name: str, args: Args) -> Iterator[Args]:
    """Every argument tuple of ``name`` that holds, ``args`` giving the bound ones."""
    if name == "between":
        return _between(*args)
    if name == "succ":
        return _succ(*args)
    return _plus(*args)
