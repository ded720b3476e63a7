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
  answer of ``G`` (a literal of a lower stratum), in the order of the
  clauses that make them, as ProbLog lists them. Under possible worlds the
  list is a different one in each world: every subset of the uncertain
  answers gives one ground instance that needs exactly those answers to
  hold and the others to fail (``worlds``). Two answers from one clause
  with variables in its head (whose order is ProbLog's search order), or
  more than ``MAX_UNCERTAIN`` uncertain answers, are ``FindallRefused``.

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

from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from itertools import pairwise, product
from operator import itemgetter

from assess.engine.ir import (
    ClauseOrder,
    IRAtom,
    IRCall,
    ITerm,
    Value,
    bind,
    build,
    match,
    term_vars,
)
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


class FindallRefused(ValueError):
    """A ``findall/3`` this engine cannot answer as ProbLog would."""


MAX_UNCERTAIN = 16
"""Uncertain answers a ``findall/3`` may have: each subset is a world with its
own list, so the grounding grows as 2 to this power."""


def _answers(
    rows: Iterable[tuple[Value, ...]], goal: IRAtom, template: ITerm,
    binding: Mapping[int, Value], order: ClauseOrder,
) -> list[tuple[tuple[Value, ...], Value]]:
    """The rows matching ``goal`` with their template values, in the order of
    the clauses that make them (``FindallRefused`` where two rows come from
    one clause with variables: ProbLog's order among them is not known here)."""
    found: list[tuple[tuple[int, bool], tuple[Value, ...], Value]] = []
    for row in rows:
        matched = bind(goal, row, binding)
        if matched is not None:
            found.append((order.key(row), row, build(template, matched)))
    found.sort(key=itemgetter(0))
    keys = [f[0] for f in found]
    for first, second in pairwise(keys):
        if first == second:  # one clause with variables made both
            raise FindallRefused(
                f"findall/3 reads {goal.pred}, where two answers come from one rule with "
                "variables in its head; the order of such answers is ProbLog's search "
                "order, not reproduced here (findall over facts, or rules with ground heads)"
            )
    return [(row, value) for _, row, value in found]


def collect(
    rows: Iterable[tuple[Value, ...]], goal: IRAtom, template: ITerm,
    binding: Mapping[int, Value], order: ClauseOrder,
) -> Value:
    """``findall`` in one model: the list of ``template`` for each row matching
    ``goal`` (given ``binding``), in the order of their clauses."""
    result: Value = make_list([v for _, v in _answers(rows, goal, template, binding, order)])
    return result


def worlds(
    rows: Iterable[tuple[Value, ...]], goal: IRAtom, template: ITerm,
    binding: Mapping[int, Value], order: ClauseOrder, certain: Collection[tuple[Value, ...]],
    possible: bool, group: Callable[[tuple[Value, ...]], Hashable] = lambda row: row,
) -> list[tuple[Value, tuple[tuple[Value, ...], ...], tuple[tuple[Value, ...], ...]]]:
    """``findall`` over possible worlds, ProbLog's meaning: for each subset of
    the uncertain answers (rows not in ``certain``), the list in the worlds
    where exactly those hold, with the rows that must hold and those that
    must fail. Answers whose rows ``group`` gives one key hold in the same
    worlds (the same derivations, by rules without weights), so they are
    kept or left out together. Without ``possible`` (one model), the one list
    of all."""
    answers = _answers(rows, goal, template, binding, order)
    uncertain = [n for n, (row, _) in enumerate(answers) if row not in certain]
    if not possible:
        return [(make_list([v for _, v in answers]), tuple(answers[n][0] for n in uncertain), ())]
    groups: dict[Hashable, list[int]] = {}
    for n in uncertain:
        groups.setdefault(group(answers[n][0]), []).append(n)
    if len(groups) > MAX_UNCERTAIN:
        raise FindallRefused(
            f"findall/3 over {goal.pred} has {len(groups)} uncertain answers, each subset "
            f"a world of its own (at most {MAX_UNCERTAIN})"
        )
    found = []
    for subset in product((True, False), repeat=len(groups)):
        held = {n for members, keep in zip(groups.values(), subset, strict=True) if keep
                for n in members}
        failed = tuple(answers[n][0] for n in uncertain if n not in held)
        kept = [v for n, (_, v) in enumerate(answers) if n not in uncertain or n in held]
        found.append((make_list(kept), tuple(answers[n][0] for n in sorted(held)), failed))
    return found
