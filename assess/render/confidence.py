"""The confidence sentence and its JSON (``assess.explain.confidence``).

The sentence states the level, then the factors behind it, in the order
the rule reads them: the origins that agree with the judgement (named, with
which way their reports move it and how well they are graded), those that
pull the other way, and whether losing the best source or a small change
moves it out of its ICD 203 band, in decibans of log-odds::

    Confidence is moderate: two independent sources agree with it (reporters,
      massicot: their reports lower it), well graded (mean report probability
      0.84); two pull the other way (ukrainian_officials, zelensky_office);
      robust: it is 9.5 dB from the edge of its band (5 %); losing reporters
      raises it 2.6 dB, …
"""

from __future__ import annotations

from assess.analysis.icd203 import estimate, percent
from assess.explain.confidence import BEARING, Change, Confidence, side
from assess.explain.judgement_result import Judgement
from assess.render.decibans import decibans

NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def names(found: tuple[str, ...], shown: int = 3) -> str:
    """``a, b, c`` or ``a, b, c and 2 more``."""
    more = len(found) - shown
    return ", ".join(found[:shown]) + (f" and {more} more" if more > 0 else "")


def _count(n: int) -> str:
    return NUMBERS[n] if n < len(NUMBERS) else str(n)


def _grade_words(c: Confidence) -> str:
    if c.well_graded:
        return "well graded"
    return "fairly graded" if (c.mean_grade or 0.0) >= 0.6 else "poorly graded"


def _db(value: float) -> str:
    """Decibans unsigned, one decimal: ``2.6 dB``, ``∞ dB``."""
    return f"{decibans(abs(value), signed=False)} dB"


def _agreeing(c: Confidence, p: float) -> str:
    direction = "lower" if side(p) < 0 else "raise"
    n = len(c.agreeing)
    if side(p) == 0:
        return "at even chance exactly, no source can agree or disagree with it"
    if n == 0:
        return f"no source's reports {direction} it by {BEARING:g} dB or more"
    agreeing = ", ".join(c.sources)
    subject = "one source agrees" if n == 1 else f"{_count(n)} independent sources agree"
    verb = f"its reports {direction}" if n == 1 else f"their reports {direction}"
    grade = "report probability" if n == 1 else "mean report probability"
    return (f"{subject} with it ({agreeing}: {verb} it), {_grade_words(c)} "
            f"({grade} {c.mean_grade:.2f})")


def _opposing(c: Confidence) -> str:
    n = len(c.opposing)
    if n == 0:
        # An origin that pulls the other way by less may still carry the
        # strongest argument against it: the sentence names the threshold.
        return f"none pulls the other way by {BEARING:g} dB or more"
    opposing = names(tuple(b.origin for b in c.opposing))
    return f"{_count(n)} {'pulls' if n == 1 else 'pull'} the other way ({opposing})"


def _what(change: Change, verbose: bool) -> str:
    """The change in words: with rule labels only when ``verbose``."""
    return change.what if verbose or not change.plain else change.plain


def _moves(changes: list[Change], one_edge: bool, verbose: bool) -> str:
    """``losing isw lowers it 2.3 dB, …``; with each change's edge unless they share one."""
    said = []
    for change in changes:
        verb = "raises" if change.shift > 0 else "lowers"
        text = f"{_what(change, verbose)} {verb} it {_db(change.shift)}"
        if change.shift == 0:
            text = f"{_what(change, verbose)} does not move it"
        elif change.edge is None:
            text += f" (its band has no edge {'above' if change.shift > 0 else 'below'})"
        elif not one_edge:
            text += f" of the {_db(change.margin)} to {percent(change.edge)}"
        said.append(text)
    return ", ".join(said)


def _term(p: float) -> str:
    """The ICD 203 term, or the logical outcome at 0 and 1."""
    return {0.0: "no chance on this evidence", 1.0: "certain on this evidence"}.get(
        p, estimate(p).value)


def _robustness(c: Confidence, verbose: bool) -> str:
    r = c.robustness
    if (change := r.breaking) is not None:
        return (f"not robust: {_what(change, verbose)} would move it to "
                f"{percent(change.moved_to)} ({_term(change.moved_to)})")
    changes = [change for change in (r.loss, r.probe) if change is not None]
    if not changes:
        return "no input can move it"
    edges = {change.edge for change in changes if change.shift != 0}
    if len(edges) == 1 and (edge := edges.pop()) is not None:
        return (f"robust: it is {_db(changes[0].margin)} from the edge of its band "
                f"({percent(edge)}); {_moves(changes, True, verbose)}")
    return f"robust, within the edges of its band: {_moves(changes, False, verbose)}"


def judged_confidence_text(j: Judgement, verbose: bool = False) -> str | None:
    """The confidence sentence of a judgement: of the number its term reads
    (P(h | c) in a set given c); None where there is no judgement."""
    return None if j.undefined else confidence_text(j.confidence, j.judged, verbose)


def confidence_text(c: Confidence, p: float, verbose: bool = False) -> str:
    """The confidence sentence: level, then the factors behind it; rules
    are named by label only when ``verbose``."""
    parts = [_agreeing(c, p)]
    if side(p) != 0:
        parts.append(_opposing(c))
    parts.append(_robustness(c, verbose))
    return f"Confidence is {c.level.value}: {'; '.join(parts)}."
