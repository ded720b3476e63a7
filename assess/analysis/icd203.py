"""ICD 203 expressions of likelihood: from a probability to an analyst's term.

Intelligence Community Directive 203 pairs seven terms with bands:

=====================  ==========
term                   band
=====================  ==========
almost no chance       1 – 5 %
very unlikely          5 – 20 %
unlikely               20 – 45 %
roughly even chance    45 – 55 %
likely                 55 – 80 %
very likely            80 – 95 %
almost certain         95 – 99 %
=====================  ==========

**Edges.** Adjacent bands share their edges; an exact edge belongs to the
band *nearer to even chance* (the less extreme term), so a judgement never
sounds stronger than the number: 0.55 is "roughly even chance", 0.80 is
"likely", 0.05 is "very unlikely", 0.20 "unlikely". The rule is symmetric, so
the term of ``1 - p`` always mirrors the term of ``p``. A probability within
``EDGE_TOLERANCE`` (1e-9) of an edge counts as on it, so that float noise in
an exact computation (0.5500000000001) cannot push it into a stronger band.

**Outside 1 – 99 %.** The scale stops at 1 % and 99 %. Below 1 % the term is
still ``almost no chance`` (so ``expect h is almost no chance`` holds), but
it is *printed* with ICD 203's synonym and the bound: "remote (below 1 %)";
above 99 %, "nearly certain (above 99 %)". Exactly 0 and 1 are not
estimates but logical outcomes of the model, printed "no chance on this
evidence (0 %)" and "certain on this evidence (100 %)".

**Given a condition that cannot hold.** P(h | c) is undefined when c has
probability 0: no number and no term, but ``no_judgement(c)``, "no
judgement, since c cannot hold on this evidence".

Example::

    >>> estimate(0.62).value
    'likely'
    >>> estimate(0.55).value, estimate(0.45).value
    ('roughly even chance', 'roughly even chance')
    >>> phrase(0.004)
    'remote (below 1 %)'
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.syntax.ast import Estimate

EDGE_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class Band:
    """The probability range ``[low, high]`` of one ICD 203 term."""

    estimate: Estimate
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.estimate.value} ({_percent(self.low)}–{_percent(self.high)} %)"


BANDS: tuple[Band, ...] = (
    Band(Estimate.ALMOST_NO_CHANCE, 0.01, 0.05),
    Band(Estimate.VERY_UNLIKELY, 0.05, 0.20),
    Band(Estimate.UNLIKELY, 0.20, 0.45),
    Band(Estimate.ROUGHLY_EVEN_CHANCE, 0.45, 0.55),
    Band(Estimate.LIKELY, 0.55, 0.80),
    Band(Estimate.VERY_LIKELY, 0.80, 0.95),
    Band(Estimate.ALMOST_CERTAIN, 0.95, 0.99),
)
"""The seven bands in increasing order; ``BANDS[i].estimate`` is the i-th term."""

_BY_ESTIMATE = {band.estimate: band for band in BANDS}
_MIDDLE = 3  # index of "roughly even chance"


def _percent(value: float) -> str:
    return f"{value * 100:g}"


def _check(probability: float) -> None:
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"a probability lies in [0, 1], not {probability}")


def _snap(probability: float) -> float:
    """``probability`` moved onto a band edge when float noise put it beside one."""
    for band in BANDS:
        for edge in (band.low, band.high):
            if abs(probability - edge) <= EDGE_TOLERANCE:
                return edge
    return probability


def band_index(probability: float) -> int:
    """Index into ``BANDS`` of the term for ``probability`` (edges go inward)."""
    _check(probability)
    p = _snap(probability)
    if p <= 0.5:
        # Lower half: the first band whose top edge reaches p, from below;
        # an exact edge falls in the upper (less extreme) band.
        for index in range(_MIDDLE, -1, -1):
            if p >= BANDS[index].low or index == 0:
                return index
    for index in range(_MIDDLE, len(BANDS)):
        if p <= BANDS[index].high or index == len(BANDS) - 1:
            return index
    raise AssertionError("unreachable: the bands cover [0, 1]")


def estimate(probability: float) -> Estimate:
    """The ICD 203 term for ``probability``; below 1 % and above 99 % clamp."""
    return BANDS[band_index(probability)].estimate


def band(term: Estimate) -> Band:
    """The band of ``term``."""
    return _BY_ESTIMATE[term]


def mirror(term: Estimate) -> Estimate:
    """The term of the complement: ``mirror(likely) == unlikely``."""
    return BANDS[len(BANDS) - 1 - BANDS.index(_BY_ESTIMATE[term])].estimate


def matches(probability: float, term: Estimate) -> bool:
    """Whether ``probability`` is described by ``term`` (``expect h is term``)."""
    return estimate(probability) is term


def phrase(probability: float) -> str:
    """The words printed for ``probability``: the term, or a bound beyond the scale."""
    _check(probability)
    p = _snap(probability)
    if p == 0.0:
        return "no chance on this evidence (0 %)"
    if p == 1.0:
        return "certain on this evidence (100 %)"
    if p < BANDS[0].low:
        return "remote (below 1 %)"
    if p > BANDS[-1].high:
        return "nearly certain (above 99 %)"
    return estimate(p).value


def no_judgement(condition: str) -> str:
    """The words in place of a term for P(h | ``condition``) when the
    condition has probability 0 (module docstring)."""
    return f"no judgement, since {condition} cannot hold on this evidence"


def given_phrase(probability: float, condition: str, condition_probability: float) -> str:
    """The words for P(h | ``condition``) = ``probability``: its phrase, or
    ``no_judgement(condition)`` when the condition has probability 0.

    >>> given_phrase(0.51, "c", 0.2), given_phrase(0.0, "c", 0.0)
    ('roughly even chance', 'no judgement, since c cannot hold on this evidence')
    """
    if clamp(condition_probability) == 0.0:
        return no_judgement(condition)
    return phrase(clamp(probability))


def percent(probability: float) -> str:
    """A probability as an analyst writes it: ``62 %``, ``0.4 %``, ``99.7 %``.

    Whole percents within 1 – 99 %; beyond, as many decimals as it takes not
    to print a bound (0 % or 100 %) that the value does not reach.
    """
    _check(probability)
    value = probability * 100
    if value in (0.0, 100.0) or 1 <= value <= 99:
        return f"{value:.0f} %"
    for decimals in range(1, 7):
        text = f"{value:.{decimals}f}"
        if float(text) not in (0.0, 100.0):
            return f"{text} %"
    return "below 0.000001 %" if value < 1 else "above 99.999999 %"


def parse_term(text: str) -> Estimate | None:
    """The term written ``text`` (spacing and case ignored), else None."""
    wanted = " ".join(text.lower().split())
    for term in Estimate:
        if term.value == wanted:
            return term
    return None


def next_edges(probability: float) -> tuple[float | None, float | None]:
    """The edges a result must cross to change term: (lower, upper).

    ``None`` when there is no band beyond in that direction. Used to say
    what value an input would need to move a judgement into the next band.

        >>> next_edges(0.62)
        (0.55, 0.8)
    """
    index = band_index(probability)
    current = BANDS[index]
    lower = current.low if index > 0 else None
    upper = current.high if index < len(BANDS) - 1 else None
    return lower, upper


def clamp(probability: float) -> float:
    """``probability`` within 0..1: float noise can leave 1 + 1e-16, and the
    ICD 203 scale (like every display of a probability) takes 0..1."""
    return min(1.0, max(0.0, probability))


def term(probability: float) -> str:
    """The ICD 203 words for ``probability`` (clamped)."""
    return phrase(clamp(probability))


def term_class(probability: float) -> int:
    """Which ICD 203 term ``probability`` falls in; 0 and 1 (logical outcomes,
    not estimates) are classes of their own. "remote (below 1 %)" is the same
    term as "almost no chance", only printed with its bound."""
    p = clamp(probability)
    return -1 if p == 0.0 else 99 if p == 1.0 else band_index(p)
