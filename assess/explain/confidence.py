"""How solid a judgement is: low, moderate or high confidence.

ICD 203 asks analysts to state confidence apart from likelihood: "likely"
says how probable, confidence says how much the number can be trusted. Here
it is read from three documented factors of one hypothesis h:

1. **Independent sources**: the origins (sources, with those linked by
   ``derived_from`` counted once) whose removal moves P(h) by at least
   ``BEARING`` (one percentage point); a source that moves it less is not
   what the judgement rests on. A source without which the ``evidence/2``
   observations become impossible has no measurable effect and is not
   counted.
2. **Their grades**: the mean, over those origins, of the probability of
   their best-graded report (``grading.report_probability``); *well graded*
   is at least ``WELL_GRADED`` (0.75: better on average than C2, 0.725;
   B2 is 0.80).
3. **Sensitivity**: from the exact gradient ∂P(h)/∂p of every input (each
   report and each rule weight), the ``PROBED`` most influential inputs are
   moved by ±``STEP`` (0.1, about one step of the grading table) and P(h)
   recomputed exactly; the judgement is *robust* when none of these moves
   changes its ICD 203 term.

The level:

* **high** — at least two independent sources, well graded, and robust;
* **low** — no source bears on it; or a single source that is not both well
  graded and robust; or neither well graded nor robust;
* **moderate** — everything in between.

Example: two B2 reports from independent sources, P(h) = 0.70 in the middle
of "likely" with no input able to move it out: high confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from assess.analysis.icd203 import clamp, estimate
from assess.diagnostics import AssessError
from assess.explain.effects import EffectTable, Groups
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.model import CompiledModel

BEARING = 0.01
WELL_GRADED = 0.75
STEP = 0.1
PROBED = 3


class Level(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """The most influential input, its derivative, and whether ±STEP changes the term."""

    input: str | None
    """The input, described: ``pentagon's report of x(1)``, ``the weight of [a]``."""
    derivative: float
    changes_term: bool
    moved_to: float | None = None
    """P(h) after the move that changed the term (None when none did)."""


@dataclass(frozen=True, slots=True)
class Confidence:
    level: Level
    sources: tuple[str, ...]
    """The independent origins bearing on the result, strongest first."""
    mean_grade: float | None
    sensitivity: Sensitivity

    @property
    def well_graded(self) -> bool:
        return self.mean_grade is not None and self.mean_grade >= WELL_GRADED

    @property
    def robust(self) -> bool:
        return not self.sensitivity.changes_term


def bearing_origins(table: EffectTable, groups: Groups, query: int) -> list[str]:
    """Origins whose removal moves the query by at least BEARING, strongest first."""
    found = []
    for origin in groups.origins:
        effect = table.effect(("origin", origin), query)
        if effect is not None and abs(effect) >= BEARING:
            found.append((-abs(effect), origin))
    return [origin for _, origin in sorted(found)]


def sensitivity(model: CompiledModel, query: int) -> Sensitivity:
    """Probe the PROBED inputs with the largest |∂P/∂p| by ±STEP, exactly."""
    try:
        gradient = model.gradient(query)
    except AssessError:
        return Sensitivity(None, 0.0, False)
    ranked = sorted(gradient.items(), key=lambda kv: (-abs(kv[1]), kv[0].name))
    if not ranked or ranked[0][1] == 0:
        return Sensitivity(None, 0.0, False)
    base = model.probability(query)
    term = estimate(clamp(base))
    probes = model.input_probabilities()
    for item, derivative in ranked[:PROBED]:
        moved = _probe(model, query, item, probes[model.inputs.index(item)], term)
        if moved is not None:
            return Sensitivity(describe_input(item), derivative, True, moved)
    top, derivative = ranked[0]
    return Sensitivity(describe_input(top), derivative, False)


def describe_input(item: Input) -> str:
    """An input in the analyst's words."""
    if item.reports:
        sources = " and ".join(sorted({r.source for r in item.reports}))
        owner = f"{sources}'" if sources.endswith("s") else f"{sources}'s"
        return f"{owner} report of {atom_text(item.atom)}"
    if item.label:
        return f"the weight of [{item.label}]"
    return f"the weight of {item.name}"


def _probe(
    model: CompiledModel, query: int, item: Input, current: float, term: object
) -> float | None:
    for value in (current - STEP, current + STEP):
        value = clamp(value)
        try:
            after = model.probability(query, {item: value})
        except AssessError:
            continue
        if estimate(clamp(after)) is not term:
            return after
    return None


def origin_grade(model: CompiledModel, inputs: Sequence[Input]) -> float:
    """The probability of an origin's best-graded report."""
    base = dict(zip(model.inputs, model.base, strict=True))
    return max(base[i] for i in inputs)


def confidence(
    model: CompiledModel, table: EffectTable, groups: Groups, query: int
) -> Confidence:
    """The confidence in the judgement of query ``query`` (see the module docstring)."""
    sources = bearing_origins(table, groups, query)
    grades = [origin_grade(model, groups.origins[o]) for o in sources]
    mean = sum(grades) / len(grades) if grades else None
    probe = sensitivity(model, query)
    result = Confidence(Level.MODERATE, tuple(sources), mean, probe)
    return Confidence(_level(result), result.sources, mean, probe)


def _level(c: Confidence) -> Level:
    count = len(c.sources)
    if count == 0 or (count == 1 and not (c.well_graded and c.robust)):
        return Level.LOW
    if not c.well_graded and not c.robust:
        return Level.LOW
    if count >= 2 and c.well_graded and c.robust:
        return Level.HIGH
    return Level.MODERATE
