"""Judging one expectation against a scenario's reading.

Each form of ``expect`` (DESIGN §2) becomes an ``Outcome``: whether it held,
what was expected and what was found, in words, and — when it failed — the
evidence behind the actual answer, so that a test author sees *why*.

=================================  =========================================
expectation                        holds when
=================================  =========================================
``expect h is likely.``            P(h) is in the ICD 203 band of the term
``expect a > b.``                  P(a) > P(b)
``expect probability(a) < 0.2.``   the comparison holds, with ``within T``
                                   as slack (``=`` defaults to 1e-9)
``expect why(h) cites s.``         a report by ``s`` raises P(h): its exact
                                   contribution (see ``evidence``) is > 0
``expect a is defeasibly provable``  the status under ``defeasible``
=================================  =========================================

Example: with P(h) = 0.3, ``expect h is likely.`` fails with expected
"likely (55–80 %)" and actual "unlikely (30 %)".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assess.analysis import icd203
from assess.explain.effects import Contribution, cited_sources
from assess.scenarios.evidence import ScenarioReading
from assess.syntax import ast
from assess.syntax.notation import atom as written

EQUALITY_TOLERANCE = 1e-9
WHY_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Outcome:
    """The verdict on one expectation."""

    expectation: ast.Expectation
    passed: bool
    expected: str
    actual: str
    why: tuple[str, ...] = ()


def judge(expectation: ast.Expectation, reading: ScenarioReading) -> Outcome:
    """The outcome of ``expectation`` on ``reading``."""
    if isinstance(expectation, ast.ExpectEstimate):
        return _estimate(expectation, reading)
    if isinstance(expectation, ast.ExpectRank):
        return _rank(expectation, reading)
    if isinstance(expectation, ast.ExpectProbability):
        return _probability(expectation, reading)
    if isinstance(expectation, ast.ExpectCites):
        return _cites(expectation, reading)
    return _status(expectation, reading)


def _found(atom: ast.Atom, reading: ScenarioReading) -> str:
    p = reading.probability(atom)
    return f"{written(atom)} is {icd203.phrase(p)} ({p:.4f})"


def _why(atom: ast.Atom, reading: ScenarioReading) -> tuple[str, ...]:
    """The evidence that moves P(atom) most, either way."""
    shown = reading.contributions(atom)[:WHY_SHOWN]
    if not shown:
        return (f"no evidence bears on {written(atom)}",)
    return tuple(f"{written(atom)}: {_contribution(c)}" for c in shown)


def _contribution(c: Contribution) -> str:
    if c.amount is None:
        return f"without {c.input.name} the evidence is impossible"
    sign = "+" if c.amount > 0 else "−"
    return f"{sign}{abs(c.amount):.4f} from {c.input.name}"


def _estimate(e: ast.ExpectEstimate, reading: ScenarioReading) -> Outcome:
    p = reading.probability(e.atom)
    term = icd203.band(e.estimate)
    expected = f"{written(e.atom)} is {term}"
    passed = icd203.matches(p, e.estimate)
    why = () if passed else _why(e.atom, reading)
    return Outcome(e, passed, expected, _found(e.atom, reading), why)


def _rank(e: ast.ExpectRank, reading: ScenarioReading) -> Outcome:
    high, low = reading.probability(e.higher), reading.probability(e.lower)
    expected = f"{written(e.higher)} more probable than {written(e.lower)}"
    actual = f"{written(e.higher)} {high:.4f}, {written(e.lower)} {low:.4f}"
    passed = high > low
    why = () if passed else (*_why(e.higher, reading), *_why(e.lower, reading))
    return Outcome(e, passed, expected, actual, why)


COMPARE: dict[ast.CompareOp, Callable[[float, float, float], bool]] = {
    ast.CompareOp.LT: lambda p, b, t: p < b + t,
    ast.CompareOp.LE: lambda p, b, t: p <= b + t,
    ast.CompareOp.GT: lambda p, b, t: p > b - t,
    ast.CompareOp.GE: lambda p, b, t: p >= b - t,
    ast.CompareOp.ARITH_EQ: lambda p, b, t: abs(p - b) <= t,
    ast.CompareOp.UNIFY: lambda p, b, t: abs(p - b) <= t,
    ast.CompareOp.IDENTICAL: lambda p, b, t: abs(p - b) <= t,
    ast.CompareOp.ARITH_NE: lambda p, b, t: abs(p - b) > t,
    ast.CompareOp.NOT_UNIFY: lambda p, b, t: abs(p - b) > t,
    ast.CompareOp.NOT_IDENTICAL: lambda p, b, t: abs(p - b) > t,
}


def _probability(e: ast.ExpectProbability, reading: ScenarioReading) -> Outcome:
    p = reading.probability(e.atom)
    equality = e.op in (ast.CompareOp.ARITH_EQ, ast.CompareOp.UNIFY, ast.CompareOp.IDENTICAL)
    default = EQUALITY_TOLERANCE if equality else 0.0
    tolerance = e.tolerance if e.tolerance is not None else default
    within = f" within {e.tolerance:g}" if e.tolerance is not None else ""
    expected = f"probability({written(e.atom)}) {e.op.value} {e.bound:g}{within}"
    actual = f"probability({written(e.atom)}) = {p:.6f}"
    passed = COMPARE[e.op](p, e.bound, tolerance)
    return Outcome(e, passed, expected, actual, () if passed else _why(e.atom, reading))


def _cites(e: ast.ExpectCites, reading: ScenarioReading) -> Outcome:
    contributions = reading.contributions(e.atom)
    cited = cited_sources(contributions)
    expected = f"the case for {written(e.atom)} cites {e.source}"
    actual = f"it cites {', '.join(sorted(cited))}" if cited else "it cites no source"
    passed = e.source in cited
    return Outcome(e, passed, expected, actual, () if passed else _why(e.atom, reading))


def _status(e: ast.ExpectStatus, reading: ScenarioReading) -> Outcome:
    found = reading.status(e.atom)
    expected = f"{written(e.atom)} is {e.status.value}"
    passed = found == e.status.value
    return Outcome(e, passed, expected, f"{written(e.atom)} is {found}")
