"""The assessment report's content: every reading of one compiled assessment.

``report_data(compiled, track)`` gathers what the HTML report shows, each
piece from the reading that owns it, all off the one ``Compiled`` (compiled
with marginals and the map's targets, as the argument map needs):

* the judgements (``judgement.judge``) and the ACH matrices (``matrix``);
* the argument map (``argmap``), grouped (the view the page opens on) and
  expanded (one node per ground instance: the page expands a collapsed
  node into its members from it); for each atom node of the expanded map,
  ``why`` (proofs and what each report adds), and for each question and
  target (the hypotheses, queries and contraries) its ``sensitivity`` too —
  an atom deeper in the map shows its proofs, and ``assess sensitivity``
  answers for it; an argument node shows its rule, an evidence node its
  reports;
* the track (``track``), when the caller has one;
* the *page circuit* (``PageCircuit``): the part of the compiled circuit
  under the evidence and the questions, with the inputs' probabilities and
  what the page needs to change them as ``what-if`` does
  (``changes.weights``): each report choice's reports (``atom@source``,
  source, credibility) and the grading table. A report choice's probability
  is the best grade of its reports left (``grading.choice_probability``);
  so dropping reports and regrading sources are changes of leaf values,
  and the page re-evaluates the circuit exactly as ``CompiledModel.
  probabilities`` does (same operations, same order: the same floats).
  Assumed reports and rule weights are not offered: an assumed report may
  need a new choice (``changes.structural``). A member of a set ``given c``
  is read as ``run`` and ``what-if`` read it, P(h | c): the circuit keeps
  the set's formulas c ∧ evidence and member ∧ c ∧ evidence for it
  (``PageGiven``), and the page divides them as ``SetReadout`` does.

Example: for ``[r] 0.5::h :- a.`` with one B2 report of ``a``, the page
circuit has two inputs, the rule's coin (0.5) and the report's choice
(0.8), and one report choice, whose only report is ``a@s``; dropping it
sets that choice to 0, and P(h) falls from 0.4 to 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assess.analysis.grading import CREDIBILITY, RELIABILITY, report_probability
from assess.analysis.icd203 import BANDS, no_judgement
from assess.engine.ir import GroundAtom
from assess.engine.provenance import FACT
from assess.explain.argmap import ArgumentMap, argument_map
from assess.explain.evidence import ReportInfo, report_info, report_text
from assess.explain.judgement import judge
from assess.explain.judgement_result import Judgements
from assess.explain.matrix import Matrix, matrices
from assess.explain.reading import conditional_members
from assess.explain.sensitivity import SensitivityResult, sensitivity
from assess.explain.track import TrackResult
from assess.explain.why import RuleInfo, WhyResult, rule_info, why
from assess.results import Result
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compiled import Compiled


@dataclass(frozen=True, slots=True)
class PageReport:
    """One report of a report choice, as the page toggles it."""

    key: str
    """``atom@source``: what ``--drop`` names."""
    source: str
    credibility: int


@dataclass(frozen=True, slots=True)
class PageGiven:
    """A question read given its set's condition (``judgement.
    conditional_members``): P(h | c) is ``roots[joint]`` over
    ``roots[condition_root]``; ``undefined`` is what the page says where
    the condition has probability 0 (``icd203.no_judgement``)."""

    question: int
    """Its position in ``questions``."""
    condition: str
    condition_root: int
    """Index into ``roots`` of condition ∧ evidence."""
    joint: int
    """Index into ``roots`` of member ∧ condition ∧ evidence."""
    undefined: str


@dataclass(frozen=True, slots=True, repr=False)
class PageCircuit(Result):
    """The compiled circuit under the evidence and the questions (see the
    module docstring). Node ``n ≥ 2`` tests variable ``level[n]``; nodes 0
    and 1 are FALSE and TRUE; ``roots[0]`` is the evidence, ``roots[i + 1]``
    the i-th of ``questions``, then the roots ``given`` names."""

    level: tuple[int, ...]
    low: tuple[int, ...]
    high: tuple[int, ...]
    roots: tuple[int, ...]
    questions: tuple[str, ...]
    slots: tuple[int, ...]
    """Variables per input block: 1 for a coin, more for a disjunction group."""
    base: tuple[float, ...]
    """Each input's probability, in variable order."""
    choices: tuple[tuple[int, tuple[PageReport, ...]], ...]
    """Each report choice: its input's position and its reports."""
    reliability: tuple[tuple[str, str], ...]
    """Each source's reliability letter as declared."""
    grades: tuple[tuple[str, float], ...]
    """The probability of every grade code (``B2``), overrides included."""
    bands: tuple[tuple[str, float, float], ...]
    """The ICD 203 terms and their bands, lowest first."""
    given: tuple[PageGiven, ...] = ()
    """Each question read given its set's condition, as ``run`` reads it."""


@dataclass(frozen=True, slots=True, repr=False)
class NodeDetail(Result):
    """What clicking a map node shows: an atom's ``why`` (and, for a
    question or target, its ``sensitivity``), an argument's rule, an
    evidence node's reports."""

    why: WhyResult | None = None
    sensitivity: SensitivityResult | None = None
    rule: RuleInfo | None = None
    reports: tuple[ReportInfo, ...] = ()


@dataclass(frozen=True, repr=False)
class ReportData(Result):
    """Everything the report shows; ``to_json()`` is the page's data."""

    judgements: Judgements
    matrices: tuple[Matrix, ...]
    map: ArgumentMap
    """Grouped: instances of one rule, reports of one atom collapsed."""
    expanded: ArgumentMap
    """One node per ground instance (the members of ``map``'s collapsed nodes)."""
    details: dict[str, NodeDetail]
    """By node id of ``expanded``."""
    sensitivities: tuple[SensitivityResult, ...]
    """One per hypothesis judged, in the judgements' order."""
    track: TrackResult | None
    circuit: PageCircuit
    sources: dict[str, tuple[str, str]]
    """Each source's description and reliability letter."""

    def to_json(self) -> dict[str, Any]:
        return {
            "run": self.judgements.to_json(),
            "matrices": [m.to_json() for m in self.matrices],
            "map": self.map.to_json(),
            "expanded": self.expanded.to_json(),
            "details": {k: d.to_json() for k, d in self.details.items()},
            "sensitivities": [s.to_json() for s in self.sensitivities],
            "track": None if self.track is None else self.track.to_json(),
            "circuit": self.circuit.to_json(),
            "sources": {n: {"description": d, "reliability": r}
                        for n, (d, r) in self.sources.items()},
        }


def page_circuit(compiled: Compiled) -> PageCircuit:
    """The circuit of ``compiled``'s evidence and questions, densely renumbered."""
    model, circuit = compiled.model, compiled.model.circuit
    wanted = [circuit.roots[0], *circuit.roots[1 : len(compiled.questions) + 1]]
    given = []
    for position, condition, *nodes in _conditional_roots(compiled):
        given.append(PageGiven(position, condition, len(wanted), len(wanted) + 1,
                               no_judgement(condition)))
        wanted += nodes
    keep = _reachable(circuit.low, circuit.high, wanted)
    index = {n: i for i, n in enumerate(keep)}
    positions = {x.rule: i for i, x in enumerate(model.inputs)}
    ir = compiled.ir
    choices = tuple(
        (positions[rule], tuple(PageReport(f"{report_text(r)}@{r.source}", r.source,
                                           r.credibility) for r in ir.reports[rule]))
        for rule in sorted(compiled.report_inputs())
    )
    return PageCircuit(
        level=tuple(circuit.level[n] for n in keep),
        low=tuple(index[circuit.low[n]] for n in keep),
        high=tuple(index[circuit.high[n]] for n in keep),
        roots=tuple(index[n] for n in wanted),
        questions=tuple(atom_text(q) for q in compiled.questions),
        slots=tuple(s.size for s in model.slots),
        base=tuple(model.base),
        choices=choices,
        reliability=tuple((n, s.reliability) for n, s in ir.sources.items()),
        grades=tuple((f"{r}{c}", report_probability(r, c, ir.grades))
                     for r in RELIABILITY for c in CREDIBILITY),
        bands=tuple((b.estimate.value, b.low, b.high) for b in BANDS),
        given=tuple(given),
    )


def _conditional_roots(compiled: Compiled) -> list[tuple[int, str, int, int]]:
    """Each question read given a condition: its position, the condition,
    and the circuit's nodes of condition ∧ evidence and of member ∧
    condition ∧ evidence (``Compiled.set_formula_indices``)."""
    model = compiled.model
    blocks = compiled.set_formula_indices()
    out = []
    for atom, i in conditional_members(compiled).items():
        s, block = compiled.sets[i], blocks[i]
        if atom not in compiled.questions or s.condition is None:
            continue
        joint = block[1 + s.members.index(atom)]
        out.append((compiled.questions.index(atom), atom_text(s.condition),
                    model.circuit.roots[model.formulas[block[0]]],
                    model.circuit.roots[model.formulas[joint]]))
    return sorted(out)


def _reachable(low: Sequence[int], high: Sequence[int], roots: Sequence[int]) -> list[int]:
    """Nodes under ``roots`` (with FALSE and TRUE), in the circuit's order."""
    seen = {0, 1}
    stack = list(roots)
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        stack.extend((low[n], high[n]))
    return sorted(seen)


def node_details(
    compiled: Compiled, graph: ArgumentMap, known: dict[GroundAtom, SensitivityResult]
) -> dict[str, NodeDetail]:
    """What each node of ``graph`` (drawn from ``compiled``) explains; the
    sensitivities ``known`` already are not computed again."""
    asked = {*compiled.questions, *compiled.targets}
    out: dict[str, NodeDetail] = {}
    for node in graph.nodes:
        if node.id[0] not in "ad":
            continue  # an observation: its label says it all
        number = int(node.id[1:])
        if node.id.startswith("a"):
            atom: GroundAtom = compiled.graph.atoms[number]
            levers = known.get(atom) or (sensitivity(compiled, atom) if atom in asked else None)
            out[node.id] = NodeDetail(why(compiled, atom), levers)
            continue
        der = compiled.graph.derivations[number]
        if der.rule == FACT:
            continue
        reports = tuple(report_info(compiled.ir, r) for r in compiled.ir.reports.get(der.rule, ()))
        out[node.id] = NodeDetail(rule=rule_info(compiled, der.rule), reports=reports)
    return out


def report_data(compiled: Compiled, track: TrackResult | None = None) -> ReportData:
    """The report of ``compiled`` (see the module docstring)."""
    judged = judge(compiled)
    expanded = argument_map(compiled, expand=True)
    levers = {j.atom: sensitivity(compiled, j.atom) for j in judged.judgements}
    return ReportData(
        judgements=judged,
        matrices=tuple(matrices(compiled)),
        map=argument_map(compiled),
        expanded=expanded,
        details=node_details(compiled, expanded, levers),
        sensitivities=tuple(levers[j.atom] for j in judged.judgements),
        track=track,
        circuit=page_circuit(compiled),
        sources={n: (s.description, s.reliability) for n, s in compiled.ir.sources.items()},
    )

