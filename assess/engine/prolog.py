"""The Prolog library predicates demand-driven grounding runs, as relations over
terms with variables (``unify``): each is a generator of the substitutions
under which it holds, given its arguments and the substitution so far.

* ``member/2``, ``append/3``, ``length/2``, ``append/2``, ``select/3``,
  ``memberchk/2``, ``reverse/2``, ``nth0/3``, ``nth1/3``, ``last/2``: the
  definitions of ProbLog's ``library(lists)``, on partial lists too
  (``append(X, Y, [1, 2])`` splits; ``length(L, 2)`` makes two variables);
* ``sum_list/2``, ``max_list/2``, ``min_list/2``, ``sort/2`` (standard order,
  duplicates removed), ``compare/3``;
* type tests: ``var/1``, ``nonvar/1``, ``ground/1``, ``atom/1``, ``atomic/1``,
  ``compound/1``, ``callable/1``, ``number/1``, ``integer/1``, ``float/1``,
  ``is_list/1`` (true of a list ending in a variable too, as ProbLog's is).

A call that would enumerate without end (``member(X, L)`` with ``L`` free)
raises ``Unbound``: Prolog's instantiation error.

Example::

    >>> from assess.engine.terms import make_list
    >>> x = Ref()
    >>> [resolve(x, s) for s in RELATIONS["append", 3](x, Ref(), make_list([1]), {})]
    ['[]', Compound('[|]', (1, '[]'))]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from assess.engine.terms import CONS, NIL, Compound, Float, make_list, numeric, order
from assess.engine.unify import (
    Ref,
    Subst,
    Term,
    Unbound,
    canonical,
    has_refs,
    resolve,
    unify,
    walk,
)


def _cons(term: Term) -> bool:
    return term.__class__ is Compound and term.name == CONS and len(term.args) == 2


def standard_order(a: Term, b: Term) -> int:
    """The standard order on resolved terms (a free variable first)."""
    if has_refs(a) or has_refs(b):
        pair = canonical((a, b))
        return order(pair[0], pair[1])
    return order(a, b)


def _items(term: Term, s: Subst, name: str) -> list[Term]:
    """The elements of a proper list (``Unbound`` for a partial one)."""
    items, tail = [], walk(term, s)
    while _cons(tail):
        items.append(tail.args[0])
        tail = walk(tail.args[1], s)
    if tail.__class__ is Ref:
        raise Unbound(f"{name} is called with a partial list")
    if tail != NIL:
        raise TypeError(f"{name} is called with a term that is not a list")
    return items


def _one(found: Subst | None) -> Iterator[Subst]:
    if found is not None:
        yield found


def _member(x: Term, items: Term, s: Subst) -> Iterator[Subst]:
    items = walk(items, s)
    while _cons(items):
        found = unify(x, items.args[0], s)
        if found is not None:
            yield found
        items = walk(items.args[1], s)
    if items.__class__ is Ref:
        raise Unbound("member/2 is called with a partial list")


def _append(front: Term, back: Term, whole: Term, s: Subst) -> Iterator[Subst]:
    front = walk(front, s)
    if front == NIL:
        found = unify(back, whole, s)
        if found is not None:
            yield found
    elif _cons(front):
        rest = Ref()
        found = unify(whole, Compound(CONS, (front.args[0], rest)), s)
        if found is not None:
            yield from _append(front.args[1], back, rest, found)
    elif front.__class__ is Ref:
        whole = walk(whole, s)
        if whole.__class__ is Ref:
            raise Unbound("append/3 is called with its first and third arguments free")
        first = unify(front, NIL, s)
        if first is not None and (found := unify(back, whole, first)) is not None:
            yield found
        if _cons(whole):
            tail = Ref()
            found = unify(front, Compound(CONS, (whole.args[0], tail)), s)
            if found is not None:
                yield from _append(tail, back, whole.args[1], found)


def _length(items: Term, n: Term, s: Subst) -> Iterator[Subst]:
    items, size = walk(items, s), 0
    while _cons(items):
        size += 1
        items = walk(items.args[1], s)
    if items == NIL:
        found = unify(n, size, s)
        if found is not None:
            yield found
    elif items.__class__ is Ref:
        want = walk(n, s)
        if not isinstance(want, int):
            raise Unbound("length/2 is called with a partial list and no length")
        if want >= size:
            found = unify(items, make_list([Ref() for _ in range(want - size)]), s)
            if found is not None:
                yield found


def _append_lists(lists: Term, whole: Term, s: Subst) -> Iterator[Subst]:
    """``append(ListOfLists, List)``: as ProbLog's ``append_/2``."""
    lists = walk(lists, s)
    if lists == NIL:
        yield from _one(unify(whole, NIL, s))
    elif _cons(lists):
        rest = Ref()
        for found in _append(lists.args[0], rest, whole, s):
            yield from _append_lists(lists.args[1], rest, found)
    elif lists.__class__ is Ref:
        raise Unbound("append/2 is called with a partial list of lists")


def _select(x: Term, items: Term, rest: Term, s: Subst) -> Iterator[Subst]:
    """``select(X, List, Rest)``: Rest is List without one X."""
    items = walk(items, s)
    if _cons(items):
        yield from _one(unify(Compound(CONS, (x, rest)), items, s))
        tail = Ref()
        found = unify(rest, Compound(CONS, (items.args[0], tail)), s)
        if found is not None:
            yield from _select(x, items.args[1], tail, found)
    elif items.__class__ is Ref:
        raise Unbound("select/3 is called with a partial list")


def _memberchk(x: Term, items: Term, s: Subst) -> Iterator[Subst]:
    for found in _member(x, items, s):
        yield found
        return


def _reverse(items: Term, out: Term, s: Subst) -> Iterator[Subst]:
    yield from _one(unify(out, make_list(_items(items, s, "reverse/2")[::-1]), s))


def _nth(base: int) -> Callable[[Term, Term, Term, Subst], Iterator[Subst]]:
    def nth(n: Term, items: Term, x: Term, s: Subst) -> Iterator[Subst]:
        elements, index = _items(items, s, f"nth{base}/3"), walk(n, s)
        if isinstance(index, int):
            if 0 <= index - base < len(elements):
                yield from _one(unify(x, elements[index - base], s))
            return
        for k, element in enumerate(elements):
            found = unify(x, element, s)
            if found is not None:
                yield from _one(unify(n, k + base, found))
    return nth


def _last(items: Term, x: Term, s: Subst) -> Iterator[Subst]:
    elements = _items(items, s, "last/2")
    if elements:
        yield from _one(unify(x, elements[-1], s))


def _numbers(items: Term, s: Subst, name: str) -> list[Any]:
    return [numeric(resolve(i, s)) if not has_refs(resolve(i, s)) else _free(name)
            for i in _items(items, s, name)]


def _free(name: str) -> Any:
    raise Unbound(f"{name} is called with a variable among its numbers")


def _number_term(value: Any) -> Any:
    return Float(value) if isinstance(value, float) else value


def _sum(items: Term, total: Term, s: Subst) -> Iterator[Subst]:
    yield from _one(unify(total, _number_term(sum(_numbers(items, s, "sum_list/2"))), s))


def _extreme(pick: Callable[..., Any], name: str
             ) -> Callable[[Term, Term, Subst], Iterator[Subst]]:
    def extreme(items: Term, out: Term, s: Subst) -> Iterator[Subst]:
        numbers = _numbers(items, s, name)
        if numbers:
            yield from _one(unify(out, _number_term(pick(numbers)), s))
    return extreme


def _sorted(unique: bool) -> Callable[[Term, Term, Subst], Iterator[Subst]]:
    """``sort/2`` (``unique``: duplicates removed), in the standard order."""
    def sort(items: Term, out: Term, s: Subst) -> Iterator[Subst]:
        elements = [resolve(i, s) for i in _items(items, s, "sort/2")]
        ordered: list[Term] = []
        for element in elements:
            at = len(ordered)
            while at and standard_order(ordered[at - 1], element) > 0:
                at -= 1
            if unique and at and standard_order(ordered[at - 1], element) == 0:
                continue
            ordered.insert(at, element)
        yield from _one(unify(out, make_list(ordered), s))
    return sort


def _compare(o: Term, a: Term, b: Term, s: Subst) -> Iterator[Subst]:
    cmp = standard_order(resolve(a, s), resolve(b, s))
    yield from _one(unify(o, "<" if cmp < 0 else ">" if cmp > 0 else "=", s))


def _is_list(term: Term, s: Subst) -> bool:
    term = walk(term, s)
    while _cons(term):
        term = walk(term.args[1], s)
    return term == NIL or term.__class__ is Ref


def _test(test: Callable[[Term, Subst], bool]) -> Callable[[Term, Subst], Iterator[Subst]]:
    def run(term: Term, s: Subst) -> Iterator[Subst]:
        if test(term, s):
            yield s
    return run


def _value(test: Callable[[Term], bool]) -> Callable[[Term, Subst], bool]:
    return lambda term, s: test(walk(term, s))


_TESTS: dict[str, Callable[[Term, Subst], bool]] = {
    "var": _value(lambda t: t.__class__ is Ref),
    "nonvar": _value(lambda t: t.__class__ is not Ref),
    "ground": lambda t, s: not has_refs(resolve(t, s)),
    "atom": _value(lambda t: type(t) is str),
    "atomic": _value(lambda t: isinstance(t, str | int | float)),
    "compound": _value(lambda t: t.__class__ is Compound),
    "callable": _value(lambda t: type(t) is str or t.__class__ is Compound),
    "number": _value(lambda t: isinstance(t, int | float) and not isinstance(t, bool)),
    "integer": _value(lambda t: isinstance(t, int) and not isinstance(t, bool)),
    "float": _value(lambda t: isinstance(t, Float)),
    "is_list": _is_list,
}

RELATIONS: dict[tuple[str, int], Callable[..., Iterator[Subst]]] = {
    ("member", 2): _member, ("append", 3): _append, ("length", 2): _length,
    ("append", 2): _append_lists, ("select", 3): _select, ("memberchk", 2): _memberchk,
    ("reverse", 2): _reverse, ("nth0", 3): _nth(0), ("nth1", 3): _nth(1), ("last", 2): _last,
    ("sum_list", 2): _sum, ("sumlist", 2): _sum, ("max_list", 2): _extreme(max, "max_list/2"),
    ("min_list", 2): _extreme(min, "min_list/2"), ("sort", 2): _sorted(True),
    ("compare", 3): _compare,
    **{(name, 1): _test(test) for name, test in _TESTS.items()},
}
"""Each relation by name and arity (``check.walk.LIBRARY`` lists them)."""


