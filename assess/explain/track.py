"""``track``: the hypotheses across dated evidence snapshots, and what moved them.

Each snapshot is one evidence file read with the same rules, its date the
latest report date in it (or none); or one date of a body of evidence, the
evidence as of that day (``Assessment.dated_snapshots``). For every
question (hypotheses and queries) the series of its probabilities, one per
snapshot, read as ``assess run`` reads it (``reading``): a member of a set
``given c`` by P(h | c) and the term of that number, with P(c) and P(h)
overall in each snapshot beside it (``SeriesGiven``); where c has
probability 0 in a snapshot there is no number (None) and the term is
``icd203.no_judgement(c)``. So the last snapshot says what ``run`` says of
the same files.

Between consecutive snapshots the reports are matched by (atom, source):
*added*, *dropped* (*superseded* when the later snapshot holds it as
superseded by a newer report of its origin), or *regraded* (another
credibility, or the source's reliability changed). For each question whose
ICD 203 term changes there, each report change is given its exact effect,
from one compiled model each:

* added: P in the later snapshot minus P there without that report;
* dropped or superseded: minus (P in the earlier snapshot minus P there
  without it);
* regraded: P in the later snapshot minus P there with the old grade.

Each P is the number the term reads (P(h | c) for a conditional member);
an effect is None where that number is undefined on one side only (the
report decides whether c can hold), and such causes come first; 0 where
it is undefined on both. Effects are ranked
by size. They need not add up to the change in P (the
arguments interact); each is exact on its own.

Example: a snapshot adding a B2 report of ``a`` to ``[r] 0.5::h :- a.``
moves h from 0 (no chance) to 0.40 (unlikely); the cause is the report of
``a``, effect +0.40.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.analysis.grading import choice_probability, report_probability
from assess.analysis.icd203 import clamp
from assess.engine.ir import GroundAtom
from assess.explain.evidence import (
    ReportInfo,
    graded,
    report_info,
    report_text,
    without,
)
from assess.explain.reading import Reading, judged, judged_class, readings
from assess.results import Result
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compiled import Compiled
from assess.syntax import ast


@dataclass(frozen=True, slots=True)
class Snapshot:
    name: str
    file: str
    date: str | None


@dataclass(frozen=True, slots=True)
class SeriesGiven:
    """The condition of a conditional set's member, and per snapshot P(c)
    and P(h) overall."""

    condition: str
    conditions: tuple[float, ...]
    overall: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """One question per snapshot: the number its term reads (P(h), or
    P(h | c) with ``given``; None where c has probability 0) and the term."""

    atom: str
    probabilities: tuple[float | None, ...]
    terms: tuple[str, ...]
    given: SeriesGiven | None = None


@dataclass(frozen=True, slots=True)
class Cause:
    change: str
    """``added``, ``dropped``, ``superseded`` (dropped because a newer report
    of its origin stands in the later snapshot) or ``regraded``."""
    report: ReportInfo
    previous_grade: str | None
    effect: float | None
    """None where the number is undefined on one side only: the report
    decides whether the condition can hold."""


@dataclass(frozen=True, slots=True)
class TermChange:
    atom: str
    before: int
    after: int
    """Indices of the two snapshots."""
    probability_before: float | None
    probability_after: float | None
    term_before: str
    term_after: str
    causes: tuple[Cause, ...]
    condition: str | None = None
    """The condition its numbers are read given (``Series.given``)."""


@dataclass(frozen=True, slots=True, repr=False)
class TrackResult(Result):
    snapshots: tuple[Snapshot, ...]
    series: tuple[Series, ...]
    changes: tuple[TermChange, ...]


Key = tuple[str, str]


def _reports(compiled: Compiled) -> dict[Key, tuple[int, ast.Report]]:
    return {(report_text(r), r.source): (rule, r)
            for rule, reps in compiled.ir.reports.items() for r in reps}


def _effect(compiled: Compiled, atom: GroundAtom, rule: int,
            grader: Callable[[ast.Report], float | None]) -> float | None:
    left = choice_probability(compiled.ir.reports[rule], grader)
    now, then = judged(compiled, atom), judged(compiled, atom, {rule: left})
    if now is None or then is None:
        return 0.0 if now is then else None
    return now - then


def _causes(a: Compiled, b: Compiled, atom: GroundAtom) -> list[Cause]:
    old, new = _reports(a), _reports(b)
    out: list[Cause] = []
    for key, (rule, r) in new.items():
        if key not in old:
            effect = _effect(b, atom, rule, without(graded(b.ir), _same(r)))
            out.append(Cause("added", report_info(b.ir, r), None, effect))
            continue
        before, after = report_info(a.ir, old[key][1]), report_info(b.ir, r)
        if before.grade != after.grade:
            p_old = report_probability(before.reliability, before.credibility, b.ir.grades)
            effect = _effect(b, atom, rule, _regrade(graded(b.ir), r, p_old))
            out.append(Cause("regraded", after, before.grade, effect))
    superseded = {g.report for g in b.ir.superseded}
    for key, (rule, r) in old.items():
        if key not in new:
            lost = _effect(a, atom, rule, without(graded(a.ir), _same(r)))
            effect = None if lost is None else -lost
            change = "superseded" if r in superseded else "dropped"
            out.append(Cause(change, report_info(a.ir, r), None, effect))
    return sorted((c for c in out if c.effect != 0.0),
                  key=lambda c: (c.effect is not None, -abs(c.effect or 0.0)))


def _same(report: ast.Report) -> Callable[[ast.Report], bool]:
    return lambda r: r is report


def _regrade(grader: Callable[[ast.Report], float], report: ast.Report,
             p: float) -> Callable[[ast.Report], float | None]:
    return lambda r: p if r is report else grader(r)


def snapshot_of(path: str, programs: Sequence[ast.Program]) -> Snapshot:
    dates = [s.date for p in programs if p.file == path
             for s in p.statements if isinstance(s, ast.Report) and s.date]
    return Snapshot(Path(path).stem, path, max(dates, default=None))


def track(assessments: Sequence[Compiled], snapshots: Sequence[Snapshot]) -> TrackResult:
    """The series and the term changes of ``assessments`` (one per snapshot)."""
    values = [readings(s) for s in assessments]
    atoms: list[GroundAtom] = []
    for v in values:
        atoms.extend(q for q in v if q not in atoms)
    series = [_series(q, [v.get(q, _ZERO) for v in values]) for q in atoms]
    changes: list[TermChange] = []
    for i in range(1, len(assessments)):
        for q, line in zip(atoms, series, strict=True):
            before, after = line.probabilities[i - 1], line.probabilities[i]
            if judged_class(before) != judged_class(after):
                causes = _causes(assessments[i - 1], assessments[i], q)
                changes.append(TermChange(
                    line.atom, i - 1, i, before, after, line.terms[i - 1], line.terms[i],
                    tuple(causes), None if line.given is None else line.given.condition))
    return TrackResult(tuple(snapshots), tuple(series), tuple(changes))


_ZERO = Reading(0.0)


def _series(atom: GroundAtom, found: Sequence[Reading]) -> Series:
    """One question's readings as a series (``Series``)."""
    judged = tuple(None if (p := r.judged) is None else clamp(p) for r in found)
    condition = next((r.condition for r in found if r.condition is not None), None)
    given = None if condition is None else SeriesGiven(
        condition, tuple(clamp(r.condition_probability) for r in found),
        tuple(clamp(r.probability) for r in found))
    return Series(atom_text(atom), judged, tuple(r.term() for r in found), given)
