"""The arithmetic steps generated plans call: ProbLog's operators and
functions (``assess.syntax.functions``, the one home of what arithmetic
means), within the bound on integers.

Numbers are Python's, as in ProbLog, with one bound: an integer has at most
``MAX_DIGITS`` decimal digits, the bound a literal has too
(``assess.syntax.numbers``). Past it Python will not turn an integer into
text, and ``2 ** (2 ** 64)`` would never finish, so

* ``power(a, b)`` is ``a ** b``, refused before it is computed when its
  result would be an integer past the bound, and refused when it would be a
  complex number (``(-8) ** 0.5``), which is no value of the language;
* ``bounded(v)`` is the value an ``is`` binds: ``v``, refused when it is an
  integer past the bound (a product of large integers);
* ``call(name, args)`` is the function ``name/len(args)`` (``abs``, ``max``, …).

A refusal is a ``ValueError``, which evaluation reports as
``arithmetic_error`` at the rule.

Example::

    >>> power(2, 10), bounded(7), call("max", [1, 2.5])
    (1024, 7, 2.5)
    >>> power(2, 100_000)
    Traceback (most recent call last):
    ...
    ValueError: 2 ** 100000 would have 30,103 digits (an integer has at most 4,000)
"""

from __future__ import annotations

from assess.syntax.functions import BINARY, CONSTANTS, bounded, call, power

__all__ = ["BINARY", "CONSTANTS", "bounded", "call", "power"]
