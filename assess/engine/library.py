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

A term that is not a proper list (``a``, ``[a|b]``) has no length (an
error, as in ProbLog) and cannot be
the front of a concatenation; ``member`` reads its elements and ``append``
splits it before its end.

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

from assess.engine.ir import IRAtom, IRCall, ITerm, Value, bind, build, match, term_vars
from assess.engine.terms import NIL, list_items, make_list


def members(term: Value) -> list[Value]:
    """The elements of ``term`` (none if it is no list)."""
    return list_items(term)[0]


def appended(front: Value, back: Value) -> Value | None:
    """``front`` followed by ``back``; None if ``front`` is no proper list."""
    items, end = list_items(front)
    return make_list(items, back) if end == NIL else None


def splits(term: Value) -> list[tuple[Value, Value]]:
    """Every ``(A, B)`` with ``append(A, B, term)``: ``A`` a proper list of
    the first elements, ``B`` the rest, whatever the list ends in (so
    ``append([], a, a)`` holds, as ProbLog's clauses say)."""
    items, _ = list_items(term)
    tails = [term]
    for _ in items:
        tails.append(tails[-1].args[1])  # type: ignore[union-attr]
    return [(make_list(items[:n]), tails[n]) for n in range(len(items) + 1)]


def length_of(term: Value) -> int:
    """The length of a proper list; ``TypeError`` for anything else, as
    ProbLog refuses ``length(a, N)`` (evaluation reports ``arithmetic_error``)."""
    items, end = list_items(term)
    if end != NIL:
        raise TypeError("length/2 needs a proper list as its first argument")
    return len(items)


def solutions(item: IRCall, binding: Mapping[int, Value]) -> list[dict[int, Value]]:
    """``binding`` extended by each answer of the library call ``item`` whose
    inputs it binds (none when they are unbound: the plans never call it so)."""
    args = item.args
    bound = [term_vars(t) <= binding.keys() for t in args]
    pairs: list[list[tuple[ITerm, Value]]] = []
    if item.name == "member" and bound[1]:
        pairs = [[(args[0], e)] for e in members(build(args[1], binding))]
    elif item.name == "append" and bound[0] and bound[1]:
        joined = appended(build(args[0], binding), build(args[1], binding))
        pairs = [] if joined is None else [[(args[2], joined)]]
    elif item.name == "append" and bound[2]:
        pairs = [[(args[0], a), (args[1], b)] for a, b in splits(build(args[2], binding))]
    elif item.name == "length" and bound[0]:
        pairs = [[(args[1], length_of(build(args[0], binding)))]]
    found = []
    for pair in pairs:
        out = dict(binding)
        if all(match(term, value, out) for term, value in pair):
            found.append(out)
    return found


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
    result: Value = make_list([value for _, value in found])
    return result
