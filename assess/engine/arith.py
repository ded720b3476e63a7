"""The two arithmetic steps generated plans do not leave to Python's operators.

Numbers are Python's, as in ProbLog, with one bound: an integer has at most
``MAX_DIGITS`` decimal digits, the bound a literal has too
(``assess.syntax.numbers``). Past it Python will not turn an integer into
text, and ``2 ** (2 ** 64)`` would never finish, so

* ``power(a, b)`` is ``a ** b``, refused before it is computed when its
  result would be an integer past the bound, and refused when it would be a
  complex number (``(-8) ** 0.5``), which is no value of the language;
* ``bounded(v)`` is the value an ``is`` binds: ``v``, refused when it is an
  integer past the bound (a product of large integers).

A refusal is a ``ValueError``, which evaluation reports as
``arithmetic_error`` at the rule. Every other operator is Python's own, and
a product or a sum can reach at most the sum of its operands' digits.

Example::

    >>> power(2, 10), bounded(7)
    (1024, 7)
    >>> power(2, 100_000)
    Traceback (most recent call last):
    ...
    ValueError: 2 ** 100000 would have 30,103 digits (an integer has at most 4,000)
"""

from __future__ import annotations

import math
from typing import Any

from assess.syntax.numbers import MAX_DIGITS, digits, too_long

_TOO_LONG = f"would have more than {MAX_DIGITS:,} digits"

def power(base: Any, exponent: Any) -> Any:
    """``base ** exponent``, within the bound on integers."""
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
