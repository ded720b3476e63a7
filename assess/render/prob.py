"""Answers under ``prob`` as text; the JSON is the result's ``to_json()``.

Text: one line per query, ``atom  probability  ICD 203 term``, atoms padded
to one column, probabilities to four decimals. JSON (``to_json()``, the
documented contract)::

    {"semantics": "prob",
     "queries": [{"atom": "path(a,d)", "probability": 0.7123}, …]}

An atom that something can contradict (``~h`` with rules, or a ``conflict``
partner) also carries ``"contrary"`` (P(what contradicts it holds)) and
``"contested"`` (P(arguments on both sides fire and neither prevails)); the
text line adds ``contested 0.2400, contrary 0.0600`` when the matter is
contested with a probability that shows at four decimals.

Example::

    >>> from assess.engine.ir import Pred
    >>> from assess.semantics.prob.model import QueryResult
    >>> print(prob_lines([QueryResult((Pred("rain", 0), ()), "rain", 0.3)]))
    rain  0.3000  unlikely
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.analysis.icd203 import clamp, phrase, term_class
from assess.semantics.prob.infer import ProbResult
from assess.semantics.prob.model import QueryResult, Reply


def prob_lines(answers: Sequence[Reply]) -> str:
    width = max((len(a.text) for a in answers), default=0)
    return "\n".join(
        f"{a.text.ljust(width)}  {answer_text(a)}" + contest_note(a) for a in answers
    )


def answer_text(answer: Reply) -> str:
    """``0.3000  unlikely``; bounded: ``0.4100 ≤ P ≤ 0.4700  <term>, <how it
    stopped>``, the term only when both bounds fall in one ICD 203 band."""
    bounds = answer.bounds if isinstance(answer, QueryResult) else None
    if bounds is None or not isinstance(answer, QueryResult):
        return f"{answer.probability:.4f}  {phrase(clamp(answer.probability))}"
    low, high = clamp(bounds[0]), clamp(bounds[1])
    words = phrase(low) if term_class(low) == term_class(high) else "no single ICD 203 term"
    return f"{low:.4f} ≤ P ≤ {high:.4f}  {words} (bounds: {answer.stopped})"


def contest_note(answer: Reply) -> str:
    """``  (contested 0.2400, contrary 0.0600)``, or "" when it does not show."""
    contested, contrary = answer.contested, answer.contrary
    if contested is None or contrary is None or round(contested, 4) == 0:
        return ""
    return f"  (contested {contested:.4f}, contrary {contrary:.4f})"


def prob_text(result: ProbResult) -> str:
    return prob_lines(result.answers)
