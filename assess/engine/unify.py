"""Terms with variables, for demand-driven evaluation (``engine.demand``).

While a rule runs top-down its variables are ``Ref`` objects (each rule use
makes fresh ones) in a substitution ``Subst`` (``Ref`` -> term); a term is a
ground ``Value``, a ``Ref``, or a ``Compound`` with ``Ref``s inside. What is
stored (a call's key, an answer, an atom of the derivation graph) is
*canonical*: its variables are ``terms.Var(0)``, ``Var(1)``, … in order of
first occurrence, so that two variants of one atom are one tuple.

* ``unify(a, b, s)``: the substitution ``s`` extended so that ``a`` and
  ``b`` are one term, or None (no occurs check, as in Prolog);
* ``resolve(t, s)``: ``t`` with every bound variable replaced;
* ``canonical(args)`` and ``fresh(args)``: to and from the stored form;
* ``evaluate(t, s)``: the number an arithmetic term stands for (``X = 1+2,
  Y is X`` gives 3), ``Unbound`` where a variable is still free.

Example::

    >>> x = Ref()
    >>> s = unify(Compound("f", (x, 2)), Compound("f", (1, 2)), {})
    >>> resolve(x, s), canonical((Ref(), 1))
    (1, (Var(0), 1))
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count
from typing import Any

from assess.engine.terms import Compound, Var, numeric

Term = Any
Subst = dict["Ref", Term]

_ids = count()


class Ref:
    """A variable of a running rule, equal only to itself."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = next(_ids)

    def __repr__(self) -> str:
        return f"_G{self.n}"


class Unbound(ValueError):
    """A built-in met a variable it needs bound (Prolog's instantiation error)."""


def walk(term: Term, s: Subst) -> Term:
    """``term``, or what the variable it is stands for, one level deep."""
    while term.__class__ is Ref and term in s:
        term = s[term]
    return term


def resolve(term: Term, s: Subst) -> Term:
    """``term`` with every bound variable replaced, inside compounds too."""
    term = walk(term, s)
    if term.__class__ is Compound:
        args = tuple(resolve(a, s) for a in term.args)
        return term if args == term.args else Compound(term.name, args)
    return term


def unify(left: Term, right: Term, s: Subst) -> Subst | None:
    """``s`` extended so that ``left`` and ``right`` are one term, or None."""
    out = dict(s)
    stack = [(left, right)]
    while stack:
        a, b = stack.pop()
        a, b = walk(a, out), walk(b, out)
        if a is b or (a.__class__ is not Ref and b.__class__ is not Ref and a == b):
            continue
        if a.__class__ is Ref:
            out[a] = b
        elif b.__class__ is Ref:
            out[b] = a
        elif (a.__class__ is Compound and b.__class__ is Compound
              and a.name == b.name and len(a.args) == len(b.args)):
            stack.extend(zip(a.args, b.args, strict=True))
        else:
            return None
    return out


def has_refs(term: Term) -> bool:
    """Whether a resolved term still holds a variable."""
    stack = [term]
    while stack:
        item = stack.pop()
        if item.__class__ is Ref:
            return True
        if item.__class__ is Compound:
            stack.extend(item.args)
    return False


def canonical(args: Iterable[Term]) -> tuple[Term, ...]:
    """Resolved ``args`` with their variables renamed ``Var(0)``, ``Var(1)``, …"""
    names: dict[Ref, Var] = {}

    def rename(term: Term) -> Term:
        if term.__class__ is Ref:
            found = names.get(term)
            if found is None:
                found = names[term] = Var(len(names))
            return found
        if term.__class__ is Compound:
            return Compound(term.name, tuple(rename(a) for a in term.args))
        return term

    return tuple(rename(a) for a in args)


def fresh(args: tuple[Term, ...]) -> tuple[Term, ...]:
    """A canonical tuple with fresh variables for its ``Var``s."""
    refs: dict[int, Ref] = {}

    def rename(term: Term) -> Term:
        if term.__class__ is Var:
            found = refs.get(term.n)
            if found is None:
                found = refs[term.n] = Ref()
            return found
        if term.__class__ is Compound:
            return Compound(term.name, tuple(rename(a) for a in term.args))
        return term

    return tuple(rename(a) for a in args)


def is_ground(args: Iterable[Term]) -> bool:
    """Whether canonical ``args`` hold no ``Var``."""
    stack = list(args)
    while stack:
        item = stack.pop()
        if item.__class__ is Var:
            return False
        if item.__class__ is Compound:
            stack.extend(item.args)
    return True


def evaluate(term: Term, s: Subst) -> Any:
    """The number ``term`` stands for: a number, a constant (``pi``), or a
    compound naming an operator or function of ProbLog's arithmetic."""
    term = resolve(term, s)
    if has_refs(term):
        raise Unbound("a variable in arithmetic is not bound")
    return numeric(term)
