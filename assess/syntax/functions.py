"""What arithmetic means: ProbLog's operators and functions, on Python numbers.

ProbLog computes ``is`` and the numeric comparisons with Python's own
arithmetic (``problog.logic._arithmetic_functions``), and so does assess, so
that a result has ProbLog's value *and type*: ``7 / 2`` is ``3.5`` and
``4 / 2`` is ``2.0`` (``/`` always divides as floats), ``2 ** 3`` and
``2 ^ 3`` are the integer ``8`` and ``2 ** -1`` is ``0.5``, ``7 // 2`` is
``3`` and ``-7 // 2`` is ``-4`` (Python's floor division, as ProbLog), ``rem``
is ``mod`` (ProbLog's quirk: both are Python's ``%``), ``round(2.5)`` is
``2`` (Python rounds half to even), ``integer(X)`` truncates, ``min(1, 1.0)``
is ``1`` (the first of equals), ``sign(-2.0)`` is ``-1``.

* operators (``BINARY``): ``+ - * / // mod rem div ** ^ /\\ \\/ xor << >>``;
  prefix ``-`` and ``\\`` (bitwise complement);
* functions (``FUNCTIONS``, by name and arity): ``abs sign min max sqrt exp
  log log10 sin cos tan asin acos atan atan/2 atan2 sinh cosh tanh asinh
  acosh atanh lgamma gamma erf erfc floor ceiling round truncate integer
  float float_integer_part float_fractional_part exp/2`` (``pow``), and
  ``gcd/2``, which ProbLog 2.3 lacks;
* constants (``CONSTANTS``): the atoms ``pi``, ``e``, ``inf``, ``nan``,
  ``epsilon`` stand for their values wherever a number is read.

An integer keeps to ``MAX_DIGITS`` decimal digits (``numbers``): ``power``
refuses ``2 ** 100000`` before computing it, a shift past the bound is
refused too, and ``bounded`` refuses any other result past it. Every refusal
is a ``ValueError`` (``ArithmeticError`` and ``TypeError`` for division by
zero and a bit operation on a float), which evaluation reports as
``arithmetic_error`` at the rule.

Example::

    >>> BINARY["/"](7, 2), BINARY["**"](2, 3), FUNCTIONS["round", 1](2.5)
    (3.5, 8, 2)
    >>> evaluate(Function("max", (Number(1), BinaryOp(ArithOp.DIV, Number(1), Number(6)))))
    1
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import Any

from assess.syntax.ast import BinaryOp, Expr, Function, Negated, Number, Symbol
from assess.syntax.numbers import MAX_DIGITS, digits, too_long

_TOO_LONG = f"would have more than {MAX_DIGITS:,} digits"


def power(base: Any, exponent: Any) -> Any:
    """``base ** exponent``, within the bound on integers; a complex result
    (``(-8) ** 0.5``) is no value of the language and is refused."""
    if type(base) is int and type(exponent) is int and exponent > 0 and abs(base) > 1:
        # Refused before it is computed: the result has at least this many digits.
        if exponent.bit_length() > 1000:  # too large for a float
            raise ValueError(f"{_show(base)} ** {_show(exponent)} {_TOO_LONG}")
        least = math.floor(exponent * math.log10(abs(base))) + 1
        if least > MAX_DIGITS:
            raise ValueError(f"{_show(base)} ** {_show(exponent)} would have {least:,} digits "
                             f"(an integer has at most {MAX_DIGITS:,})")
    result = base**exponent
    if isinstance(result, complex):
        raise ValueError(f"{_show(base)} ** {_show(exponent)} is not a real number")
    return bounded(result)


def bounded(value: Any) -> Any:
    """``value``, unless it is an integer of more than ``MAX_DIGITS`` digits."""
    if type(value) is int and too_long(value):
        raise ValueError(
            f"a result of {digits(value):,} digits (an integer has at most {MAX_DIGITS:,})"
        )
    return value


def _show(value: Any) -> str:
    """A number for a message: a long integer by its length, a negative one
    in parentheses (``(-8) ** 0.5``)."""
    if type(value) is int and digits(value) > 40:
        return f"<an integer of {digits(value):,} digits>"
    return f"({value})" if value < 0 else str(value)


def _shift_left(a: Any, b: Any) -> Any:
    if type(b) is int and b > 4 * MAX_DIGITS and a:
        raise ValueError(f"{_show(a)} << {_show(b)} {_TOO_LONG}")
    return bounded(a << b)


def _int_div(a: Any, b: Any) -> Any:
    return (a - a % b) // b


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a / b, "//": lambda a, b: a // b,
    "mod": lambda a, b: a % b, "rem": lambda a, b: a % b, "div": _int_div,
    "**": power, "^": power,
    "/\\": lambda a, b: a & b, "\\/": lambda a, b: a | b, "xor": lambda a, b: a ^ b,
    "<<": _shift_left, ">>": lambda a, b: a >> b,
}
"""Each infix operator (``ArithOp`` value) on numbers."""


def _sign(x: Any) -> int:
    return 1 if x > 0 else -1 if x < 0 else 0


def _gcd(a: Any, b: Any) -> int:
    if type(a) is not int or type(b) is not int:
        raise TypeError("gcd takes two integers")
    return math.gcd(a, b)


FUNCTIONS: dict[tuple[str, int], Callable[..., Any]] = {
    ("\\", 1): lambda a: ~a,
    ("abs", 1): abs, ("sign", 1): _sign, ("min", 2): min, ("max", 2): max,
    ("atan", 2): math.atan2, ("atan2", 2): math.atan2, ("exp", 2): math.pow,
    ("integer", 1): int, ("float", 1): float,
    ("float_integer_part", 1): int, ("float_fractional_part", 1): lambda f: f - int(f),
    ("ceiling", 1): math.ceil, ("floor", 1): math.floor, ("round", 1): round,
    ("truncate", 1): math.trunc,
    ("gcd", 2): _gcd,
    **{(name, 1): getattr(math, name) for name in (
        "exp", "log", "log10", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
        "cosh", "tanh", "asinh", "acosh", "atanh", "lgamma", "gamma", "erf", "erfc",
    )},
}
"""Each arithmetic function by name and arity (``\\`` is prefix ``\\X``)."""

CONSTANTS: dict[str, float] = {
    "pi": math.pi, "e": math.e, "inf": math.inf, "nan": math.nan,
    "epsilon": sys.float_info.epsilon,
}
"""The atoms that arithmetic reads as numbers."""


def call(name: str, args: list[Any]) -> Any:
    """``name(args…)`` on numbers; ``ValueError`` for an unknown function."""
    function = FUNCTIONS.get((name, len(args)))
    if function is None:
        raise ValueError(f"unknown arithmetic function {name}/{len(args)}")
    return bounded(function(*args))


def evaluate(expr: Expr) -> Any:
    """The value of a ground expression (a weight written ``1/6``); ``ValueError``
    (or ``ArithmeticError``, ``TypeError``) when it has none."""
    if isinstance(expr, Number):
        return expr.value
    if isinstance(expr, Symbol) and expr.value in CONSTANTS:
        return CONSTANTS[expr.value]
    if isinstance(expr, BinaryOp):
        return bounded(BINARY[expr.op.value](evaluate(expr.left), evaluate(expr.right)))
    if isinstance(expr, Negated):
        return -evaluate(expr.operand)
    if isinstance(expr, Function):
        return call(expr.name, [evaluate(a) for a in expr.args])
    raise ValueError(f"{type(expr).__name__.lower()} is not a number")


