"""Ground constants as Python values that are equal exactly when the terms are.

Prolog (and ProbLog) keep apart what Python merges: ``1`` and ``1.0`` are
different terms (``1 == 1.0`` fails, ``1 =:= 1.0`` holds), and so are the
string ``"a"`` and the atom ``a``. A constant is therefore one of

* an atom (``a``, ``'New York'``): a plain ``str``;
* an integer: a plain ``int``;
* a float: a ``Float``, a ``float`` that equals no ``int`` (and tells
  ``0.0`` from ``-0.0``, as ProbLog's terms do);
* a string (``"a"``): a ``Str``, a ``str`` that equals no atom.

So sets, dict keys, hash indexes and ``==`` treat terms as Prolog does with
no cost for atoms and integers, the common case. Arithmetic is Python's on
the numbers (``numeric`` refuses anything else, as ProbLog refuses ``a + 1``);
a result becomes a term again through ``number``, which keeps a float to 15
decimal places as ProbLog's ``Constant`` does (``X is 0.1 + 0.2`` gives
``0.3``). Comparisons: ``< =< > >= =:= =\\=`` compare numbers by value, and
``= \\= == \\==`` compare terms (``compare``).

Example::

    >>> 1 == Float(1.0), Str("a") == "a", len({1, Float(1.0), "a", Str("a")})
    (False, False, 4)
    >>> number(2 * 0.5), compare(CompareOp.ARITH_EQ, 1, Float(1.0))
    (Float(1.0), True)
"""

from __future__ import annotations

import functools
import math
import operator
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from assess.engine.arith import BINARY, CONSTANTS, bounded, call
from assess.syntax.ast import ArithOp, CompareOp

FLOAT_DIGITS = 15
"""Decimal places a float term keeps (ProbLog's ``Constant.FLOAT_PRECISION``)."""


class Float(float):
    """A float term: equal to a float of the same value and sign, never to an int."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, float):
            return False
        if float.__eq__(self, other):
            return bool(self) or math.copysign(1.0, self) == math.copysign(1.0, other)
        return math.isnan(self) and math.isnan(other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = float.__hash__

    def __repr__(self) -> str:
        return f"Float({float.__repr__(self)})"

    def __str__(self) -> str:
        return float.__repr__(self)


class Str(str):
    """A string term (``"a"``): equal only to a string of the same text, never
    to the atom of that text (a plain ``str``)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Str) and str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"Str({str.__repr__(self)})"

    def __str__(self) -> str:
        return str.__str__(self)


class TermTooDeep(ValueError):
    """A compound term would nest deeper than ``MAX_DEPTH``."""


MAX_DEPTH = 1000
"""How deep a compound term may nest (a list of n elements is n deep): past
it a program has no finite model worth grounding (``p(s(X)) :- p(X).``), and
evaluation stops with ``term_too_deep`` instead of running on."""


class Compound:
    """A ground compound term ``name(arg, …)``; a list is nested ``CONS``
    cells (head, tail) ending in the atom ``[]``, as in Prolog.

    Compounds are hash-consed: ``Compound("f", (1,))`` is the same object
    each time it is made while one is alive, so ``==`` is identity and the
    hash is computed once, whatever the size of the term. Making one deeper
    than ``MAX_DEPTH`` raises ``TermTooDeep``. ``<`` and friends are the
    standard order (``order``), so rows holding compounds sort."""

    __slots__ = ("__weakref__", "_hash", "args", "depth", "name")

    name: str
    args: tuple[Any, ...]
    depth: int
    _hash: int

    def __new__(cls, name: str, args: tuple[Any, ...]) -> Compound:
        key = (name, args)
        found = _compounds.get(key)
        if found is not None:
            return found
        depth = 1 + max((a.depth for a in args if a.__class__ is Compound), default=0)
        if depth > MAX_DEPTH:
            raise TermTooDeep(f"a term nests deeper than {MAX_DEPTH} levels")
        self = object.__new__(cls)
        self.name, self.args, self.depth, self._hash = name, args, depth, hash(key)
        _compounds[key] = self
        return self

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (Compound, (self.name, self.args))

    def __repr__(self) -> str:
        """``Compound('f', (1, 'a'))``, written without recursion (a long list
        would exhaust Python's stack)."""
        parts: list[str] = []
        stack: list[Any] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, _Raw):
                parts.append(item)
            elif isinstance(item, Compound):
                inner: list[Any] = [_Raw(f"Compound({item.name!r}, (")]
                for n, arg in enumerate(item.args):
                    inner.extend([_Raw(", "), arg] if n else [arg])
                inner.append(_Raw(",))" if len(item.args) == 1 else "))"))
                stack.extend(reversed(inner))
            else:
                parts.append(repr(item))
        return "".join(parts)

    def __lt__(self, other: object) -> bool:
        return order(self, other) < 0

    def __le__(self, other: object) -> bool:
        return order(self, other) <= 0

    def __gt__(self, other: object) -> bool:
        return order(self, other) > 0

    def __ge__(self, other: object) -> bool:
        return order(self, other) >= 0


class _Raw(str):
    """Text already written, among the terms ``Compound.__repr__`` has still to write."""

    __slots__ = ()


_compounds: weakref.WeakValueDictionary[tuple[str, tuple[Any, ...]], Compound] = (
    weakref.WeakValueDictionary()
)

NIL = "[]"
"""The empty list, an atom."""

CONS = "[|]"
"""The functor of a list cell (Head, Tail). Not ``'.'``: as in ProbLog, a
compound written ``'.'(H, T)`` is no list."""


def make_list(items: Sequence[Any], tail: Any = NIL) -> Any:
    """The list term of ``items`` (ending in ``tail``: ``[a, b|T]``)."""
    term = tail
    for item in reversed(items):
        term = Compound(CONS, (item, term))
    return term


def list_items(term: Any) -> tuple[list[Any], Any]:
    """The elements of a list term and what it ends in (``[]`` for a proper list)."""
    items: list[Any] = []
    while term.__class__ is Compound and term.name == CONS and len(term.args) == 2:
        items.append(term.args[0])
        term = term.args[1]
    return items, term


Value = str | int | Float | Compound
"""A ground term: an atom or ``Str`` (both ``str``), an ``int``, a ``Float``,
a ``Compound``."""


class Var:
    """A variable left in an answer of demand-driven evaluation
    (``engine.demand``): ``p(X, Y) :- a(X).`` asked ``p(1, Y)`` answers
    ``p(1, X0)``, true of every ``Y``. Numbered from 0 in order of first
    occurrence within one atom, so equal atoms are equal tuples; printed
    ``X0``, ``X1``, … as ProbLog prints ``X4``. It comes before every other
    term in the standard order."""

    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        self.n = n

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Var) and other.n == self.n

    def __hash__(self) -> int:
        return hash(("Var", self.n))

    def __repr__(self) -> str:
        return f"Var({self.n})"

    def __str__(self) -> str:
        return f"X{self.n}"

    def __lt__(self, other: object) -> bool:
        return order(self, other) < 0


def _rank(value: Any) -> int:
    if isinstance(value, Var):
        return -1
    if isinstance(value, Compound):
        return 3
    if isinstance(value, Str):
        return 1
    return 2 if isinstance(value, str) else 0


def order(left: Any, right: Any) -> int:
    """ProbLog's standard order of terms (``@<``): -1, 0 or 1.

    Variables < numbers < strings < atoms < compounds; numbers by value (a float before
    an equal integer), strings and atoms by text, compounds (atoms too) by
    arity, then name, then arguments left to right. Iterative, so a long
    list does not exhaust Python's stack."""
    stack = [(left, right)]
    while stack:
        a, b = stack.pop()
        if a is b:
            continue
        ra, rb = _rank(a), _rank(b)
        if ra != rb:
            return -1 if ra < rb else 1
        if ra == -1:
            if a.n != b.n:
                return -1 if a.n < b.n else 1
            continue
        if ra == 0:
            if a < b or b < a:
                return -1 if a < b else 1
            fa, fb = isinstance(a, float), isinstance(b, float)
            if fa != fb:
                return -1 if fa else 1
            continue
        if ra < 3:
            if str(a) != str(b):
                return -1 if str(a) < str(b) else 1
            continue
        ka, kb = (len(a.args), a.name), (len(b.args), b.name)
        if ka != kb:
            return -1 if ka < kb else 1
        stack.extend(reversed(list(zip(a.args, b.args, strict=True))))
    return 0


def order_key(value: Any) -> Any:
    """A sort key of ``order``: ``sorted(terms, key=order_key)``."""
    return functools.cmp_to_key(order)(value)


def real(value: float) -> Float:
    """The float term of ``value``, kept to ``FLOAT_DIGITS`` decimal places."""
    return Float(round(value, FLOAT_DIGITS))


def number(value: Any) -> Any:
    """An arithmetic result as a term: a float becomes a ``Float``; an integer
    past 4,000 digits is refused (``arith.bounded``: ``ValueError``)."""
    return real(value) if isinstance(value, float) else bounded(value)


def constant(value: str | int | float) -> Value:
    """A Python scalar read as a term: a float becomes a ``Float``, a ``str`` an atom.

    Equal floats written in a program become one object, so that joining on
    them is an identity test (``Float.__eq__`` is Python code) rather than a
    call; the table holds at most ``_INTERNED`` of them."""
    if not isinstance(value, float):
        return value
    key = (value, math.copysign(1.0, value))
    found = _floats.get(key)
    if found is None:
        if len(_floats) >= _INTERNED:
            _floats.clear()
        found = _floats[key] = real(value)
    return found


_INTERNED = 1 << 16
_floats: dict[tuple[float, float], Float] = {}


def numeric(value: Any) -> Any:
    """The number a term stands for in arithmetic (a plain ``int`` or ``float``):
    the atoms ``pi``, ``e``, ``inf``, ``nan``, ``epsilon`` their values
    (``arith.CONSTANTS``); ``TypeError`` for any other atom or a string, as
    ProbLog refuses ``a + 1``."""
    if isinstance(value, str):
        if type(value) is str and value in CONSTANTS:
            return CONSTANTS[value]
        raise TypeError(f"{value_name(value)} is not a number")
    if isinstance(value, Compound):
        return _evaluated(value)
    return +value


def _evaluated(term: Compound) -> Any:
    """The value of a compound read as arithmetic, as ``is`` reads a term
    bound to ``1+2``: an operator or a function of ProbLog's (``TypeError``
    for any other compound)."""
    args = [numeric(a) for a in term.args]
    if len(args) == 2 and term.name in _OPERATORS:
        return _OPERATORS[term.name](*args)
    if len(args) == 1 and term.name in ("-", "+"):
        return -args[0] if term.name == "-" else args[0]
    try:
        return call(term.name, args)
    except ValueError:
        raise TypeError(f"the compound term {term.name}/{len(term.args)} is not a number") from None


def value_name(value: str) -> str:
    """How an error message names a non-number: ``the atom a``, ``the string "a"``."""
    return f'the string "{value}"' if isinstance(value, Str) else f"the atom {value}"


ARITH: dict[ArithOp, Callable[[Any, Any], Any]] = {op: BINARY[op.value] for op in ArithOp}
_OPERATORS = {op.value: fn for op, fn in ARITH.items()}
"""Each arithmetic operator on numbers (``numeric`` values), with ProbLog's
meaning (``arith``); ``**`` and ``^`` refuse a huge integer or a complex result."""

NUMERIC_COMPARE: dict[CompareOp, Callable[[Any, Any], bool]] = {
    CompareOp.LT: operator.lt, CompareOp.LE: operator.le, CompareOp.GT: operator.gt,
    CompareOp.GE: operator.ge, CompareOp.ARITH_EQ: operator.eq, CompareOp.ARITH_NE: operator.ne,
}
"""The comparisons that evaluate both sides and compare the numbers."""


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda left, right: test(order_key(left), order_key(right))


TERM_COMPARE: dict[CompareOp, Callable[[Any, Any], bool]] = {
    CompareOp.UNIFY: operator.eq, CompareOp.NOT_UNIFY: operator.ne,
    CompareOp.IDENTICAL: operator.eq, CompareOp.NOT_IDENTICAL: operator.ne,
    CompareOp.BEFORE: _ordered(operator.lt), CompareOp.BEFORE_EQ: _ordered(operator.le),
    CompareOp.AFTER: _ordered(operator.gt), CompareOp.AFTER_EQ: _ordered(operator.ge),
}
"""The comparisons of terms (ground, so unifying is being identical); ``@<``
and its family compare in the standard order (``order_key``)."""


def compare(op: CompareOp, left: Any, right: Any) -> bool:
    """``left op right`` on two evaluated sides (terms, or numbers from arithmetic)."""
    if op in NUMERIC_COMPARE:
        return NUMERIC_COMPARE[op](numeric(left), numeric(right))
    return TERM_COMPARE[op](number(left), number(right))
