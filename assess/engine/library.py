"""The library predicates on lists, and ``findall/3``, as the plans call them.

A program that calls ``member/2``, ``append/3``, ``length/2`` or
``findall/3`` without defining a predicate of that name gets these
(``lower`` makes each call an ``IRCall`` or ``IRFindall``; ``check.walk.LIBRARY``
lists them), with ProbLog's meaning on ground terms:

* ``member(X, L)``: once ``L`` is bound, ``X`` matches each element in turn;
* ``append(A, B, C)``: once ``A`` and ``B`` are bound, ``C`` matches their
  concatenation; once ``C`` is bound, ``A`` and ``B`` match each split of it;
* ``length(L, N)``: once ``L`` is bound, ``N`` matches its length;
* ``findall(T, G, L)``: once the variables ``G`` and ``T`` share with the
  rest of the rule are bound, ``L`` matches the list of ``T`` for every
  answer of ``G``, in the order its facts are written, as ProbLog lists
  them. ``G`` must be a predicate of certain facts (``lower`` refuses any
  other as ``unsupported_findall``): the order ProbLog proves derived
  answers in, and its findall over uncertain facts (a different list in
  each world), are not reproduced.

A list that is not a proper list (``[a|b]``) has no length and no
concatenation; ``member`` reads its elements.

Example::

    >>> from assess.engine.terms import make_list
    >>> splits(make_list([1, 2]))[1]
    (Compound('[|]', (1, '[]')), Compound('[|]', (2, '[]')))
    >>> length_of(make_list(["a", "b"])), appended(make_list([1]), "[]")
    (2, Compound('[|]', (1, '[]')))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter

from assess.engine.ir import IRAtom, ITerm, Value, bind, build
from assess.engine.terms import NIL, list_items, make_list


def members(term: Value) -> list[Value]:
    """The elements of ``term`` (none if it is no list)."""
    return list_items(term)[0]


def appended(front: Value, back: Value) -> Value | None:
    """``front`` followed by ``back``; None if ``front`` is no proper list."""
    items, end = list_items(front)
    return make_list(items, back) if end == NIL else None


def splits(term: Value) -> list[tuple[Value, Value]]:
    """Every ``(A, B)`` with ``append(A, B, term)``; none if no proper list."""
    items, end = list_items(term)
    if end != NIL:
        return []
    tails = [term]
    for _ in items:
        tails.append(tails[-1].args[1])  # type: ignore[union-attr]
    return [(make_list(items[:n]), tails[n]) for n in range(len(items) + 1)]


def length_of(term: Value) -> int | None:
    """The length of a proper list, else None."""
    items, end = list_items(term)
    return len(items) if end == NIL else None


def collect(
    rows: Iterable[tuple[Value, ...]], goal: IRAtom, template: ITerm,
    binding: Mapping[int, Value], order: Mapping[tuple[Value, ...], int],
) -> Value:
    """``findall``: the list of ``template`` for each row matching ``goal``
    (given ``binding``), rows in ``order`` (the order the facts are written)."""
    found: list[tuple[int, Value]] = []
    for row in rows:
        matched = bind(goal, row, binding)
        if matched is not None:
            found.append((order[row], build(template, matched)))
    found.sort(key=itemgetter(0))
    return make_list([value for _, value in found])
