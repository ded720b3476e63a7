"""How solid a judgement is: low, moderate or high confidence (ICD 203).

ICD 203 asks analysts to state confidence apart from likelihood: "remote"
says how probable, confidence says how well the judgement is founded. It is
read from three documented factors of one hypothesis h at P(h) = p, all
measured in log-odds (decibans, ``weight``) so that a judgement near 0 % or
100 % is weighed as fairly as one near 50 %:

1. **Origins for and against.** Each origin (a source, with those linked by
   ``derived_from`` counted once) is weighed as a witness: by its reports'
   contribution, the one definition of ``effects`` (P(h) with them against
   P(h) with them at 0), taken with the *other* origins' reports of the same
   atoms at 0 (``witnesses``), as a weight of evidence W = log-odds(P with
   its reports) − log-odds(P without them). Origins that say the same thing
   stand in for each other, so leave-one-out would give each of them next to
   nothing; weighed as witnesses, each counts for what it says, and their
   redundancy shows in robustness (losing one changes little). An origin
   whose atoms no other origin reports is weighed by its contribution.
   The judgement's *side* is below or above even chance: an origin
   **agrees** when it moves P(h) towards that side (for p below 50 %,
   downward: W < 0) by at least ``BEARING`` (1 dB), and **opposes** when it
   moves it the other way by as much. At exactly 50 % there is no side. An
   origin without which the ``evidence/2`` observations become impossible
   has no measurable weight and is not counted.
2. **Their grades**: the mean, over the agreeing origins, of the
   probability of their best-graded report (``grading.report_probability``);
   *well graded* is at least ``WELL_GRADED`` (0.75: better on average than
   C2, 0.725; B2 is 0.80).
3. **Robustness**: whether a single small change moves P(h) out of its ICD
   203 band: the ``PROBED`` inputs with the largest exact gradient (reports
   and rule weights) each moved by ±``STEP`` (0.1, about one step of the
   grading table), and the loss of the best agreeing origin (the one that
   weighs most), each re-evaluated exactly. Beside the verdict it reports
   the log-odds distance to the edge of the band the change heads for and
   how far (in dB) each change moves it.

The level:

* **high** — at least two agreeing origins, more than oppose it, well
  graded, and robust;
* **low** — no agreeing origin; or a single one that is not both well
  graded and robust; or not robust and either not well graded or opposed by
  more origins than agree;
* **moderate** — everything in between.

Example: P(h) = 1.7 % after three independent B2 sources each cut its odds
by 3.6 dB; losing any one of them leaves it at 3.9 %, still "almost no
chance": high confidence, not low for want of percentage points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from assess.analysis.icd203 import clamp, estimate, next_edges
from assess.diagnostics import AssessError
from assess.explain.effects import EffectTable, Groups, Judged
from assess.explain.weight import decibans
from assess.results import json_number
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.model import CompiledModel

BEARING = 1.0
WELL_GRADED = 0.75
STEP = 0.1
PROBED = 3


class Level(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class Bearing:
    """One origin's weight on the judgement."""

    origin: str
    weight: float
    """Decibans its reports add to the log-odds of h (±inf at the ends)."""
    grade: float
    """The probability of its best-graded report."""


@dataclass(frozen=True, slots=True)
class Change:
    """One small change to the evidence and where it takes P(h)."""

    what: str
    """``losing isw``, ``a change of 0.1 in the weight of [a]``."""
    moved_to: float
    shift: float
    """Decibans it moves the log-odds of h (signed; ±inf to or from 0 and 1)."""
    edge: float | None
    """The edge of the band in the direction it moves (None: there is none)."""
    margin: float
    """Decibans from P(h) to that edge (inf when there is none)."""
    changes_term: bool
    plain: str = ""
    """``what`` without rule labels, for text meant to be pasted into a
    product (``a change of 0.1 in the weight of an argument against h``);
    empty when ``what`` has none."""

    @property
    def threat(self) -> float:
        """The share of the way to the edge it goes (inf: it leaves the band)."""
        if self.changes_term:
            return math.inf
        if math.isinf(self.margin) or math.isinf(self.shift) or self.margin == 0:
            return 0.0
        return abs(self.shift) / self.margin


@dataclass(frozen=True, slots=True)
class Robustness:
    loss: Change | None
    """Losing the best agreeing origin (None when no origin agrees)."""
    probe: Change | None
    """The ±STEP move of a probed input that goes furthest towards leaving
    the band (None when no input moves it)."""
    derivative: float
    """∂P(h)/∂p of the most influential input (0 when nothing moves it)."""

    @property
    def robust(self) -> bool:
        return self.breaking is None

    @property
    def breaking(self) -> Change | None:
        """The change that moves it out of its band, if one does (loss first)."""
        return next((c for c in (self.loss, self.probe) if c is not None and c.changes_term),
                    None)


@dataclass(frozen=True, slots=True)
class Confidence:
    level: Level
    agreeing: tuple[Bearing, ...]
    """Origins moving P(h) towards the judgement's side, weightiest first."""
    opposing: tuple[Bearing, ...]
    mean_grade: float | None
    """Mean best-report probability of the agreeing origins."""
    robustness: Robustness

    @property
    def sources(self) -> tuple[str, ...]:
        """The agreeing origins' names."""
        return tuple(b.origin for b in self.agreeing)

    @property
    def well_graded(self) -> bool:
        return self.mean_grade is not None and self.mean_grade >= WELL_GRADED

    @property
    def robust(self) -> bool:
        return self.robustness.robust

    def to_json(self) -> dict[str, Any]:
        """The confidence and its factors as JSON; decibans may be ``"+inf"``/``"-inf"``."""
        r = self.robustness
        return {
            "level": self.level.value,
            "agreeing": [_bearing_data(b) for b in self.agreeing],
            "opposing": [_bearing_data(b) for b in self.opposing],
            "mean_grade": self.mean_grade,
            "robust": self.robust,
            "robustness": {
                "loss": _change_data(r.loss), "probe": _change_data(r.probe),
                "derivative": r.derivative,
            },
        }


def _bearing_data(b: Bearing) -> dict[str, Any]:
    return {"source": b.origin, "weight": json_number(b.weight), "grade": b.grade}


def _change_data(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {"change": change.what, "moved_to": change.moved_to,
            "shift": json_number(change.shift), "edge": change.edge,
            "margin": json_number(change.margin), "changes_term": change.changes_term}


def side(p: float) -> int:
    """+1 for a judgement above even chance, −1 below, 0 at exactly 50 %."""
    return (p > 0.5) - (p < 0.5)


def witnesses(groups: Groups) -> dict[object, tuple[Input, ...]]:
    """For each origin whose report atoms another origin reports too:
    ``("others", o)``, those other origins' reports of the same atoms, and
    ``("witness", o)``, those with o's own (the groups ``bearings`` reads)."""
    found: dict[object, tuple[Input, ...]] = {}
    for origin, inputs in groups.origins.items():
        atoms = {i.atom for i in inputs}
        others = tuple(i for o, items in groups.origins.items() if o != origin
                       for i in items if i.atom in atoms)
        if others:
            found[("others", origin)] = others
            found[("witness", origin)] = (*others, *inputs)
    return found


def witness_weight(table: EffectTable, origin: str, judged: Judged) -> float | None:
    """The decibans an origin's reports add to the judged number's log-odds
    as a witness (see the module docstring); None when that cannot be measured."""
    p = judged.read(table, None)
    if p is None:
        return None
    if ("others", origin) not in table.effects:
        without = judged.read(table, ("origin", origin))
        return None if without is None else decibans(p, clamp(without))
    others = judged.read(table, ("others", origin))
    both = judged.read(table, ("witness", origin))
    if others is None or both is None:
        return None
    return decibans(clamp(others), clamp(both))


def bearings(
    model: CompiledModel, table: EffectTable, groups: Groups, judged: Judged
) -> tuple[list[Bearing], list[Bearing]]:
    """(agreeing, opposing) origins, each weightiest first (ties by name).

    ``table`` must hold the ``("origin", o)`` groups and ``witnesses``
    (and the formulas, for a number read off them)."""
    p = judged.read(table, None)
    towards = 0 if p is None else side(p)
    agreeing: list[Bearing] = []
    opposing: list[Bearing] = []
    for origin, inputs in groups.origins.items():
        if towards == 0:
            break
        weight = witness_weight(table, origin, judged)
        if weight is None:
            continue
        if abs(weight) < BEARING:
            continue
        found = Bearing(origin, weight, origin_grade(model, inputs))
        (agreeing if weight * towards > 0 else opposing).append(found)
    return sorted(agreeing, key=_weightiest), sorted(opposing, key=_weightiest)


def _weightiest(b: Bearing) -> tuple[float, str]:
    return -abs(b.weight), b.origin


def _change(p: float, what: str, after: float, plain: str = "") -> Change:
    """``what`` moves P(h) from ``p`` to ``after``: by how much, and towards which edge."""
    p, after = clamp(p), clamp(after)
    shift = decibans(after, p)
    low, high = next_edges(p)
    edge = high if shift > 0 else low if shift < 0 else None
    margin = math.inf if edge is None else abs(decibans(edge, p))
    return Change(what, after, shift, edge, margin, estimate(after) is not estimate(p), plain)


def robustness(
    model: CompiledModel, groups: Groups, judged: Judged, agreeing: Sequence[Bearing]
) -> Robustness:
    """Losing the best agreeing origin, and ±STEP on the PROBED most
    influential inputs (a change after which the number is undefined, the
    condition of its set impossible, is not counted)."""
    p, loss = judged.value(None), None
    if p is None:
        return Robustness(None, None, 0.0)
    if agreeing:
        best = agreeing[0].origin
        try:
            lost = judged.value({i: 0.0 for i in groups.origins[best]})
            loss = None if lost is None else _change(p, f"losing {best}", lost)
        except AssessError:
            loss = None
    try:
        gradient = judged.gradient()
    except AssessError:
        gradient = {}
    ranked = sorted(gradient.items(), key=lambda kv: (-abs(kv[1]), kv[0].name))
    if not ranked or ranked[0][1] == 0:
        return Robustness(loss, None, 0.0)
    probes = model.input_probabilities()
    changes = []
    for item, _ in ranked[:PROBED]:
        current = probes[model.inputs.index(item)]
        for value in (clamp(current - STEP), clamp(current + STEP)):
            try:
                after = judged.value({item: value})
            except AssessError:
                continue
            if after is None:
                continue
            what = f"a change of {STEP:g} in {describe_input(item)}"
            plain = f"a change of {STEP:g} in {describe_input(item, labels=False)}"
            changes.append(_change(p, what, after, "" if plain == what else plain))
    probe = max(changes, key=lambda c: (c.threat, abs(c.shift)), default=None)
    return Robustness(loss, probe, ranked[0][1])


def describe_input(item: Input, labels: bool = True) -> str:
    """An input in the analyst's words; without ``labels``, a rule is named
    by what it argues (``the weight of an argument against h``), not by its
    label or place."""
    if item.reports:
        sources = " and ".join(sorted({r.source for r in item.reports}))
        owner = f"{sources}'" if sources.endswith("s") else f"{sources}'s"
        return f"{owner} report of {atom_text(item.atom)}"
    if not labels and item.rule >= 0:
        pred, values = item.atom
        if not item.body:
            return f"the probability of {atom_text(item.atom)}"
        side = "against" if pred.contrary else "for"
        head = atom_text((replace(pred, contrary=False), values))
        return f"the weight of an argument {side} {head}"
    if item.label:
        return f"the weight of [{item.label}]"
    return f"the weight of {item.name}"


def origin_grade(model: CompiledModel, inputs: Sequence[Input]) -> float:
    """The probability of an origin's best-graded report."""
    base = dict(zip(model.inputs, model.base, strict=True))
    return max(base[i] for i in inputs)


def confidence(
    model: CompiledModel, table: EffectTable, groups: Groups, judged: Judged
) -> Confidence:
    """The confidence in the judgement that reads ``judged`` (see the module docstring)."""
    agreeing, opposing = bearings(model, table, groups, judged)
    mean = sum(b.grade for b in agreeing) / len(agreeing) if agreeing else None
    sturdy = robustness(model, groups, judged, agreeing)
    result = Confidence(Level.MODERATE, tuple(agreeing), tuple(opposing), mean, sturdy)
    return Confidence(_level(result), result.agreeing, result.opposing, mean, sturdy)


def _level(c: Confidence) -> Level:
    count, against = len(c.agreeing), len(c.opposing)
    if count == 0 or (count == 1 and not (c.well_graded and c.robust)):
        return Level.LOW
    if not c.robust and (not c.well_graded or against > count):
        return Level.LOW
    if count >= 2 and count > against and c.well_graded and c.robust:
        return Level.HIGH
    return Level.MODERATE
