"""Weight of evidence in decibans: how far reports move the odds of an answer.

I. J. Good's **weight of evidence** of E for h is the logarithm of the Bayes
factor, W = log P(E | h) / P(E | ¬h). By Bayes' rule the factor is what E
does to h's odds, odds(h | E) = factor · odds(h), so on a compiled model it
is read off two exact probabilities, with E and without it:

    factor = odds(P(h)) / odds(P(h without E)),   odds(p) = p / (1 − p)
    W      = 10 · log10(factor)                   in decibans (dB)

Here "without E" means the reports' choices at probability 0, as every
"without" of the explanations (``effects``). W is positive when E favours
h over ¬h, negative when it counts against h, 0 when it changes nothing.
Weights of independent pieces of evidence add: the log-odds (in dB) of h
is its log-odds without them plus their weights.

Probabilities of exactly 0 or 1 are logical outcomes, handled exactly:

* E makes h impossible (P(h) = 0, without E above 0), or takes away its
  certainty (without E, P(h) = 1, with E below 1): W = −∞;
* E makes h possible at all (without E, P(h) = 0) or certain: W = +∞;
* h is 0 (or 1) with E and without it: E changes nothing, W = 0.

Example: reports that lower P(h) from 0.5 to 0.2 divide its odds by 4,
a weight of −6.0 dB::

    >>> round(decibans(0.2, 0.5), 2)
    -6.02
    >>> decibans(0.0, 0.3), decibans(0.3, 0.0), decibans(0.0, 0.0)
    (-inf, inf, 0.0)
"""

from __future__ import annotations

import math

INF = math.inf


def log_odds(p: float) -> float:
    """10 · log10(p / (1 − p)) in decibans; −∞ at 0 and +∞ at 1."""
    if p <= 0.0:
        return -INF
    if p >= 1.0:
        return INF
    return 10.0 * math.log10(p / (1.0 - p))


def decibans(with_: float, without: float) -> float:
    """The weight of evidence of what moves P(h) from ``without`` to ``with_``."""
    before, after = log_odds(without), log_odds(with_)
    if before == after:
        return 0.0
    if math.isinf(before):
        return -before
    return after - before


def likelihood_ratio(weight: float) -> float:
    """The Bayes factor of a weight in decibans: 10 ** (W / 10); 0 and +∞ at the ends."""
    if weight == -INF:
        return 0.0
    if weight == INF:
        return INF
    return float(10.0 ** (weight / 10.0))
