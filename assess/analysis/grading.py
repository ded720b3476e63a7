"""From Admiralty grades to the probability that a report is true.

A source's reliability (A completely reliable, B usually reliable, C fairly
reliable, D not usually reliable, E unreliable, F cannot be judged) and the
information's credibility (1 confirmed, 2 probably true, 3 possibly true,
4 doubtfully true, 5 improbable, 6 cannot be judged) are two separate
judgements of one question: is what the report says true? The default table
gives each grade a probability and takes their mean.

F and 6 say that no basis exists for a judgement (NATO AJP-2.1), and they
count as the worst judged grade, E and 5: a report lifts its atom from
false, so an unjudged grade is not neutral at 0.5, and it must never earn
more than a grade an analyst did judge. So the table is monotone in the
order the grades are listed, A to F and 1 to 6: downgrading a source or
its information never raises a report's probability.

==========  ====  ====  ====  ====  ====  ====
reliability   1     2     3     4     5     6
==========  ====  ====  ====  ====  ====  ====
A           0.95  0.88  0.78  0.65  0.55  0.55
B           0.88  0.80  0.70  0.58  0.48  0.48
C           0.80  0.73  0.63  0.50  0.40  0.40
D           0.70  0.63  0.53  0.40  0.30  0.30
E           0.60  0.53  0.43  0.30  0.20  0.20
F           0.60  0.53  0.43  0.30  0.20  0.20
==========  ====  ====  ====  ====  ====  ====

(values rounded here; ``DEFAULT_TABLE`` holds the exact means). A ruleset
overrides single cells with ``grade B2 = 0.75.``

Example::

    >>> report_probability("B", 2)
    0.8
    >>> report_probability("F", 2) <= report_probability("D", 2)
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

R = TypeVar("R")
"""A report (any value ``grade`` reads)."""

JUDGED_RELIABILITY = {"A": 0.95, "B": 0.80, "C": 0.65, "D": 0.45, "E": 0.25}
JUDGED_CREDIBILITY = {1: 0.95, 2: 0.80, 3: 0.60, 4: 0.35, 5: 0.15}
# "Cannot be judged" (F, 6) counts as the worst judged grade (E, 5).
RELIABILITY = {**JUDGED_RELIABILITY, "F": JUDGED_RELIABILITY["E"]}
CREDIBILITY = {**JUDGED_CREDIBILITY, 6: JUDGED_CREDIBILITY[5]}

RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtfully true",
    5: "improbable",
    6: "truth cannot be judged",
}

DEFAULT_TABLE: dict[str, float] = {
    f"{letter}{number}": round((RELIABILITY[letter] + CREDIBILITY[number]) / 2, 4)
    for letter in RELIABILITY
    for number in CREDIBILITY
}


def report_probability(
    reliability: str, credibility: int, overrides: Mapping[str, float] | None = None
) -> float:
    """The probability of a report graded ``reliability``+``credibility``."""
    code = f"{reliability}{credibility}"
    if overrides and code in overrides:
        return overrides[code]
    return DEFAULT_TABLE[code]


def choice_probability(reports: Iterable[R], grade: Callable[[R], float | None]) -> float:
    """The probability of one origin's choice for one atom: the best grade
    among its ``reports`` (they stand in for each other), or 0 when none is
    left (``grade`` gives None for a report withdrawn). The one rule for it:
    lowering builds each report choice with it, and ``what-if``, ``track``
    and the explanations re-grade or withdraw reports through it."""
    values = [p for r in reports if (p := grade(r)) is not None]
    return max(values, default=0.0)


def source_clusters(derived_from: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Map each source to a representative of the sources it shares origin with.

    Sources linked by ``derived_from`` (in either direction, transitively) are
    one origin: their reports of the same thing count once. Each cluster is
    named by its alphabetically first source.

        >>> source_clusters({"tass": ("kremlin",), "kremlin": (), "isw": ()})
        {'isw': 'isw', 'kremlin': 'kremlin', 'tass': 'kremlin'}
    """
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        parent.setdefault(name, name)
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for source, origins in derived_from.items():
        for origin in origins:
            a, b = root(source), root(origin)
            if a != b:
                parent[max(a, b)] = min(a, b)
        root(source)
    return {name: root(name) for name in sorted(parent)}
