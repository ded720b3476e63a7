"""What a numeric literal is worth, and which numbers the language refuses.

A literal with ``.``, ``e`` or ``E`` is a float, any other an integer, as in
ProbLog. Two are refused (``NumberError``, reported as ``invalid_number`` at
the literal): a float too large to represent (``1e309``, which Python would
read as infinity, so that ``a(1e309).`` would silently mean ``a(inf)``), and
an integer of more than ``MAX_DIGITS`` digits, past which Python will not
turn an integer back into text (arithmetic keeps to the same bound:
``assess.engine.arith``). A float too small to represent is 0.0, as in
ProbLog.

Example::

    >>> read_number("12"), read_number("2.5e3")
    (12, 2500.0)
    >>> read_number("1" + "0" * 4000)
    Traceback (most recent call last):
    ...
    assess.syntax.numbers.NumberError: an integer of 4,001 digits (an integer has at most 4,000)
"""

from __future__ import annotations

import math

MAX_DIGITS = 4_000
"""The most decimal digits an integer may have (Python prints up to 4,300)."""

_LIMIT = 10**MAX_DIGITS


class NumberError(ValueError):
    """A number the language refuses; the message says why."""


def read_number(text: str) -> int | float:
    """The value of the literal ``text``, or ``NumberError``. Prolog's other
    integers: ``0x1F``, ``0o17``, ``0b101``, and ``0'c``, the code of the
    character c (``0''`` or ``0'\\'`` for a quote, ``0'\\n`` for a newline)."""
    if text.startswith("0'"):
        return _character_code(text[2:])
    if text[:2] in ("0x", "0o", "0b"):
        based = int(text, 0)
        if too_long(based):
            raise NumberError(f"an integer of more than {MAX_DIGITS:,} digits")
        return based
    if any(c in text for c in ".eE"):
        value = float(text)
        if not math.isfinite(value):
            raise NumberError(f"{text} is too large for a number (the largest is about 1.8e308)")
        return value
    return _integer(text)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a",
            "b": "\b", "f": "\f", "v": "\v", "0": "\0", "e": "\x1b", "s": " "}


def _character_code(text: str) -> int:
    if text == "''":
        return ord("'")
    if text.startswith("\\"):
        if text[1:] not in _ESCAPES:
            raise NumberError(f"0'{text} is no character escape Prolog knows")
        return ord(_ESCAPES[text[1:]])
    return ord(text)


def _integer(text: str) -> int:
    significant = text.lstrip("0") or "0"
    if len(significant) > MAX_DIGITS:
        raise NumberError(
            f"an integer of {len(significant):,} digits (an integer has at most {MAX_DIGITS:,})"
        )
    return int(significant)


def too_long(value: int) -> bool:
    """Whether the integer ``value`` has more than ``MAX_DIGITS`` digits."""
    return not -_LIMIT < value < _LIMIT


def digits(value: int) -> int:
    """The number of decimal digits of ``value``, without printing it."""
    return 1 if value == 0 else math.floor(math.log10(abs(value))) + 1
