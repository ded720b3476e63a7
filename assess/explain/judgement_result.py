"""What ``judge`` returns: a ``Judgement`` per hypothesis, a ``SetSummary``
per competing set, and ``Judgements``, with their JSON (the documented
contract of ``assess run --format json``; README, "Judgements").

A member of a set ``given c`` carries ``condition``, ``given`` (P(h | c))
and ``condition_probability``; its estimate, band, phrase, arguments and
confidence are of P(h | c), ``probability`` stays P(h). Where P(c) = 0 it
is ``undefined``: no estimate, band or arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assess.engine.ir import GroundAtom, IRProgram
from assess.engine.provenance import DerivationGraph
from assess.explain.arguments import Argument, report_text
from assess.explain.confidence import Confidence
from assess.results import Result
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.competing import SetReadout
from assess.semantics.prob.model import CompiledModel, Reply
from assess.syntax.ast import Estimate


@dataclass(frozen=True, slots=True)
class Judgement:
    """The assessment of one ground hypothesis."""

    name: str
    atom: GroundAtom
    description: str
    set: str | None
    rank: int
    probability: float
    estimate: Estimate | None
    """The ICD 203 term of ``judged``; None where there is no judgement."""
    band: tuple[float, float] | None
    phrase: str
    confidence: Confidence
    support: Argument | None
    against: Argument | None
    contrary: float | None = None
    """P(what contradicts it holds), when something can (``~h``, a ``conflict``)."""
    contested: float | None = None
    """P(arguments for and against it fire and neither prevails), likewise."""
    condition: str | None = None
    """The condition of its set (``competing s given c``), as text."""
    given: float | None = None
    """P(it | the condition), on which its estimate is read."""
    condition_probability: float | None = None
    """P(the condition); where it is 0 there is no judgement (``undefined``)."""

    @property
    def undefined(self) -> bool:
        """Whether it is read given a condition that cannot hold: P(it | c)
        is then undefined, and ``phrase`` says there is no judgement."""
        return self.condition_probability is not None and self.condition_probability == 0.0

    @property
    def judged(self) -> float:
        """The probability its estimate reads: ``given`` if any, else ``probability``."""
        return self.probability if self.given is None else self.given

    def to_json(self) -> dict[str, Any]:
        """One hypothesis as JSON (the documented contract)."""
        return {
            "name": self.name,
            "description": self.description,
            "set": self.set,
            "rank": self.rank,
            "probability": self.probability,
            "estimate": None if self.estimate is None else self.estimate.value,
            "band": None if self.band is None else list(self.band),
            "phrase": self.phrase,
            "confidence": self.confidence.to_json(),
            "for": _argument_data(self.support),
            "against": _argument_data(self.against),
        } | ({} if self.contested is None
             else {"contrary": self.contrary, "contested": self.contested}) | (
            {} if self.given is None else {"given": self._given_data()})

    def _given_data(self) -> dict[str, Any]:
        """Its condition, P(condition), and P(it | condition) (null, with the
        reason, where the condition cannot hold)."""
        return {
            "condition": self.condition,
            "condition_probability": self.condition_probability,
            "probability": None if self.undefined else self.given,
            "no_judgement": self.phrase if self.undefined else None,
        }


@dataclass(frozen=True, slots=True)
class SetSummary:
    """A competing set as a whole (``competing.SetReadout``, in words):
    ``members`` are (name, P(member | condition)) in declaration order,
    ``condition`` P(condition) (1 without one), ``overlap`` P(more than one
    member | condition), ``none`` P(no member | condition)."""

    name: str
    exclusive: bool
    given: str | None
    condition: float
    members: tuple[tuple[str, float], ...]
    overlap: float
    none: float

    @staticmethod
    def of(r: SetReadout) -> SetSummary:
        return SetSummary(
            r.name, r.exclusive, None if r.given is None else atom_text(r.given), r.condition,
            tuple((atom_text(a), p) for a, p in zip(r.atoms, r.members, strict=True)),
            r.overlap, r.none,
        )


def _readout_data(r: SetSummary) -> dict[str, Any]:
    """One competing set as JSON: its members given its condition, overlap, residual."""
    return {
        "name": r.name,
        "exclusive": r.exclusive,
        "given": r.given,
        "condition": r.condition,
        "members": dict(r.members),
        "more_than_one": r.overlap,
        "none": r.none,
    }


def _argument_data(a: Argument | None) -> dict[str, Any] | None:
    if a is None:
        return None
    report = a.report
    return {
        "kind": "report" if a.is_report else "rule",
        "rule": a.label,
        "file": a.span.file,
        "line": a.span.line,
        "effect": a.effect,
        "source": a.origin if report is None else report.source,
        "corroborated_by": list(a.corroborating),
        "report": None if report is None else {
            "atom": report_text(report),
            "source": report.source,
            "credibility": report.credibility,
            "date": report.date,
            "quote": report.quote,
        },
    }


@dataclass(frozen=True, repr=False)
class Judgements(Result):
    """Judgements grouped by competing set, plus every query's probability."""

    judgements: tuple[Judgement, ...]
    sets: tuple[tuple[str, tuple[Judgement, ...]], ...]
    """Each competing set with its judgements, most probable first."""
    queries: tuple[Reply, ...]
    """Every query's answer (``Compiled.as_asked``), hypotheses included."""
    model: CompiledModel = field(repr=False)
    graph: DerivationGraph = field(repr=False)
    ir: IRProgram = field(repr=False)
    readouts: tuple[SetSummary, ...] = ()
    """Each competing set without parameters: members, overlap, residual."""

    def readout(self, name: str) -> SetSummary | None:
        """The readout of the set ``name`` (None for a set with parameters)."""
        return next((r for r in self.readouts if r.name == name), None)

    @property
    def underived(self) -> tuple[str, ...]:
        """Declared hypotheses of which no instance is derived (so none is judged)."""
        judged = {j.atom[0].name for j in self.judgements}
        return tuple(sorted(set(self.ir.hypotheses) - judged))

    def judgement(self, name: str) -> Judgement:
        """The judgement of hypothesis ``name`` (its atom text), or KeyError."""
        for j in self.judgements:
            if j.name == name:
                return j
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        """The ``prob`` document with the judgements: queries, then hypotheses
        (``assess run --format json``; README, "Judgements")."""
        return {
            "semantics": "prob",
            "queries": [q.to_json() for q in self.queries],
            "hypotheses": [j.to_json() for j in self.judgements],
            "sets": [_readout_data(r) for r in self.readouts],
            "underived": list(self.underived),
        }
