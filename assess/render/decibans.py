"""Decibans as text: one decimal and a sign, the ends as ±∞.

Example::

    >>> decibans(4.26), decibans(-0.04), decibans(float("inf"), signed=False)
    ('+4.3', '0.0', '∞')
"""

from __future__ import annotations

import math


def decibans(value: float | None, signed: bool = True) -> str:
    """Decibans to one decimal (``+4.3``, ``-∞``); what rounds to 0 is ``0.0``."""
    if value is None:
        return "?"
    if math.isinf(value):
        return ("+∞" if signed else "∞") if value > 0 else "-∞"
    shown = round(value, 1)
    if shown == 0:
        return "0.0"
    return f"{shown:+.1f}" if signed else f"{shown:.1f}"
