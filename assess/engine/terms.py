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

import math
import operator
from collections.abc import Callable
from typing import Any

from assess.engine.arith import BINARY, CONSTANTS, bounded
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


Value = str | int | Float
"""A ground constant: an atom or ``Str`` (both ``str``), an ``int``, a ``Float``."""


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
    return +value


def value_name(value: str) -> str:
    """How an error message names a non-number: ``the atom a``, ``the string "a"``."""
    return f'the string "{value}"' if isinstance(value, Str) else f"the atom {value}"


ARITH: dict[ArithOp, Callable[[Any, Any], Any]] = {op: BINARY[op.value] for op in ArithOp}
"""Each arithmetic operator on numbers (``numeric`` values), with ProbLog's
meaning (``arith``); ``**`` and ``^`` refuse a huge integer or a complex result."""

NUMERIC_COMPARE: dict[CompareOp, Callable[[Any, Any], bool]] = {
    CompareOp.LT: operator.lt, CompareOp.LE: operator.le, CompareOp.GT: operator.gt,
    CompareOp.GE: operator.ge, CompareOp.ARITH_EQ: operator.eq, CompareOp.ARITH_NE: operator.ne,
}
"""The comparisons that evaluate both sides and compare the numbers."""

def order_key(value: Any) -> tuple[int, Any, int]:
    """Where a term stands in ProbLog's standard order: numbers (by value, a
    float before an equal integer), then strings, then atoms (by text)."""
    if isinstance(value, Str):
        return (1, str.__str__(value), 0)
    if isinstance(value, str):
        return (2, value, 0)
    return (0, +value, 0 if isinstance(value, float) else 1)


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
