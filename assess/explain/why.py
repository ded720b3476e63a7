"""``why``: the best proofs of an atom as trees, and what each report adds.

For a ground atom the answer holds

* its probability (conditioned on the program's evidence) and ICD 203 term,
  as ``assess run`` computes it (contraries attack their subjects);
* the ``k`` most probable proofs (``proofs.top_proofs``), each a tree of
  ``Step``: the atom, its probability, the rule instance that derives it
  (label, weight, file:line), its premises as sub-steps, its negated
  premises as conditions, and at the leaves the reports behind a report
  choice (source, grade, credibility, date, quote). An atom proved twice in
  one proof is shown once and then referred to (``shared``). A step whose
  conclusion is attacked by its contrary ``~h`` names it (``attacked_by``):
  the proof is the case for it, the attack is the case against, and the
  probability is what survives (``why ~h`` shows the other side);
* each report choice in the atom's lineage with its *contribution*
  (``effects.contributions``, the one definition): the probability of the
  atom without it and the difference, computed exactly by re-evaluating the
  compiled model with the choice at 0 — no re-grounding. Reports of one atom
  from one origin stand in for each other, so they are one choice, shown
  together with the effect of withdrawing them all;
* the reports that no longer count because a newer report of their origin
  superseded them (an indicator declared ``current``; ``analysis.timeline``),
  each with the report that superseded it: those of every predicate the
  atom depends on (through rules, contraries and conflicts), so a report
  that stopped counting is shown as superseded, never silently gone.

Example: with ``source s "S" reliability B. report a by s credibility 2.
0.5::c :- a. query(c).``, P(c) = 0.4, one proof ``c <- a`` (0.4), and the
report of ``a`` contributes 0.4 (without it P(c) = 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.analysis.icd203 import term
from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.engine import show
from assess.engine.ir import GroundAtom
from assess.engine.lower import ground_atom
from assess.engine.provenance import FACT
from assess.engine.strata import PredicateGraph
from assess.explain.effects import contributions
from assess.explain.evidence import ReportInfo, report_info
from assess.explain.proofs import Proof, top_proofs
from assess.explain.reading import conditional_members, reading
from assess.results import Result
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compiled import Compiled
from assess.semantics.prob.contraries import grounding_goals


@dataclass(frozen=True, slots=True)
class RuleInfo:
    label: str | None
    weight: float | None
    text: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Step:
    atom: str
    probability: float | None
    rule: RuleInfo | None
    """None for a certain fact."""
    reports: tuple[ReportInfo, ...]
    premises: tuple[Step, ...]
    conditions: tuple[tuple[str, float | None], ...]
    """Negated premises (must fail), with their own probability."""
    shared: bool = False
    attacked_by: tuple[tuple[str, float | None], ...] = ()
    """What attacks this conclusion (its contrary, conflict partners), with probabilities."""


@dataclass(frozen=True, slots=True)
class ProofTree:
    probability: float
    root: Step


@dataclass(frozen=True, slots=True)
class ReportContribution:
    """What one report choice adds (``effects.contributions``): the reports
    of one atom from one origin, which stand in for each other, best first."""

    reports: tuple[ReportInfo, ...]
    without: float | None
    delta: float | None
    """None: without these reports the evidence is impossible."""

    @property
    def key(self) -> str:
        """``atom@source`` of each report, joined by `` + ``."""
        return " + ".join(r.key for r in self.reports)


@dataclass(frozen=True, slots=True)
class SupersededReport:
    """A report that no longer counts, and the newer one of its origin that
    superseded it."""

    report: ReportInfo
    by: ReportInfo


@dataclass(frozen=True, slots=True, repr=False)
class WhyResult(Result):
    atom: str
    probability: float
    term: str
    proofs: tuple[ProofTree, ...]
    contributions: tuple[ReportContribution, ...]
    superseded: tuple[SupersededReport, ...] = ()
    residual_of: tuple[str, tuple[str, ...]] | None = None
    """For the residual of an exclusive set: the set and its other members."""
    given: WhyGiven | None = None
    """For a member of a set ``given c``: how ``run`` judges it, on P(h | c);
    ``probability``, the proofs and the contributions stay of P(h)."""


@dataclass(frozen=True, slots=True)
class WhyGiven:
    """``run``'s reading of a member of a set ``given c`` (``reading``)."""

    condition: str
    condition_probability: float
    probability: float | None
    """P(h | c); None where c cannot hold."""
    term: str
    """Its ICD 203 words as ``run`` prints them (or that there is no judgement)."""


def _given(compiled: Compiled, atom: GroundAtom) -> WhyGiven | None:
    if atom not in conditional_members(compiled):
        return None
    r = reading(compiled, atom)
    assert r.condition is not None
    return WhyGiven(r.condition, r.condition_probability, r.judged, r.term())


def _residual_of(compiled: Compiled, atom: GroundAtom) -> tuple[str, tuple[str, ...]] | None:
    pred, values = atom
    for decl in compiled.ir.competing:
        if decl.exclusive and decl.residual and not values and decl.members[-1] == pred.name:
            return decl.name, decl.members[:-1]
    return None


def rule_info(compiled: Compiled, rule_id: int) -> RuleInfo:
    rule = compiled.ir.rules[rule_id]
    span = rule.span
    return RuleInfo(rule.label, rule.probability, show.rule_text(rule), span.file, span.line)


class _Trees:
    def __init__(self, compiled: Compiled, marginals: dict[GroundAtom, float]) -> None:
        self.compiled, self.marginals = compiled, marginals

    def step(self, atom: int, proof: Proof, shown: set[int]) -> Step:
        graph = self.compiled.graph
        ground = graph.atoms[atom]
        text, p = atom_text(ground), self.marginals.get(ground)
        if atom in shown:
            return Step(text, p, None, (), (), (), shared=True)
        shown.add(atom)
        der = graph.derivations[proof.picks[atom]]
        attacks = tuple(
            (atom_text(graph.atoms[r]), self.marginals.get(graph.atoms[r]))
            for r in self.compiled.rivals(atom)
        )
        if der.rule == FACT:
            return Step(text, p, None, (), (), (), attacked_by=attacks)
        reports = tuple(
            report_info(self.compiled.ir, r) for r in self.compiled.ir.reports.get(der.rule, ())
        )
        premises = tuple(self.step(a, proof, shown) for a in der.pos)
        conditions = tuple(
            (atom_text(graph.atoms[a]), self.marginals.get(graph.atoms[a], 0.0)) for a in der.neg
        )
        return Step(text, p, rule_info(self.compiled, der.rule), reports, premises, conditions,
                    attacked_by=attacks)


def report_contributions(compiled: Compiled, atom: GroundAtom) -> list[ReportContribution]:
    """Each report choice in ``atom``'s lineage and what it adds to P(atom)."""
    if not compiled.has(atom):
        return []
    inputs = compiled.report_inputs()
    chosen = [inputs[r] for r in compiled.lineage_reports(atom) if r in inputs]
    found = contributions(compiled.model, compiled.model.query_index(atom), chosen)
    return [
        ReportContribution(_reports(compiled, c.input.rule), c.without, c.amount) for c in found
    ]


def _reports(compiled: Compiled, rule: int) -> tuple[ReportInfo, ...]:
    infos = [report_info(compiled.ir, r) for r in compiled.ir.reports[rule]]
    return tuple(sorted(infos, key=lambda r: (-r.probability, r.key)))


def superseded_reports(compiled: Compiled, atom: GroundAtom) -> list[SupersededReport]:
    """The superseded reports of every predicate ``atom`` depends on."""
    ir = compiled.ir
    if not ir.superseded:
        return []
    relevant = PredicateGraph(ir.rules, ir.facts).depends_on(grounding_goals(ir, [atom[0]]))
    found = []
    for gone in ir.superseded:
        ground = ground_atom(gone.report.atom)
        if ground is not None and ground[0] in relevant:
            found.append(SupersededReport(report_info(ir, gone.report), report_info(ir, gone.by)))
    return found


def why(compiled: Compiled, atom: GroundAtom, k: int = 3) -> WhyResult:
    """The answer for ``atom`` (see the module docstring)."""
    if k < 1:
        raise AssessError([error("bad_option", COMMAND_LINE, "-k must be at least 1")])
    marginals = compiled.probabilities()
    p = compiled.probability(atom)
    node = compiled.graph.find(atom)
    proofs = [] if node is None else top_proofs(compiled.ir.rules, compiled.graph, node, k)
    trees = _Trees(compiled, marginals)
    return WhyResult(
        atom_text(atom),
        p,
        term(p),
        tuple(ProofTree(pr.probability, trees.step(node, pr, set())) for pr in proofs
              if node is not None),
        tuple(report_contributions(compiled, atom)),
        tuple(superseded_reports(compiled, atom)),
        _residual_of(compiled, atom),
        _given(compiled, atom),
    )

