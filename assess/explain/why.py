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
* each report in the atom's lineage with its *contribution*: the probability
  of the atom without that report and the difference, computed exactly by
  re-evaluating the compiled model with that report's choice set to what is
  left of it (``evidence.choice_probability``) — no re-grounding.

Example: with ``source s "S" reliability B. report a by s credibility 2.
0.5::c :- a. query(c).``, P(c) = 0.4, one proof ``c <- a`` (0.4), and the
report of ``a`` contributes 0.4 (without it P(c) = 0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assess.diagnostics import AssessError, error
from assess.engine import show
from assess.engine.ir import GroundAtom
from assess.engine.provenance import FACT
from assess.explain.evidence import (
    ReportInfo,
    choice_probability,
    graded,
    report_info,
    without,
)
from assess.explain.proofs import Proof, top_proofs
from assess.explain.session import COMMAND_LINE, Session, term
from assess.semantics.prob.choices import atom_text
from assess.syntax import ast


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
class Contribution:
    report: ReportInfo
    without: float
    delta: float


@dataclass(frozen=True, slots=True)
class WhyResult:
    atom: str
    probability: float
    term: str
    proofs: tuple[ProofTree, ...]
    contributions: tuple[Contribution, ...]


def rule_info(session: Session, rule_id: int) -> RuleInfo:
    rule = session.ir.rules[rule_id]
    span = rule.span
    return RuleInfo(rule.label, rule.probability, show.rule_text(rule), span.file, span.line)


class _Trees:
    def __init__(self, session: Session, marginals: dict[GroundAtom, float]) -> None:
        self.session, self.marginals = session, marginals

    def step(self, atom: int, proof: Proof, shown: set[int]) -> Step:
        graph = self.session.graph
        ground = graph.atoms[atom]
        text, p = atom_text(ground), self.marginals.get(ground)
        if atom in shown:
            return Step(text, p, None, (), (), (), shared=True)
        shown.add(atom)
        der = graph.derivations[proof.picks[atom]]
        attacks = tuple(
            (atom_text(graph.atoms[r]), self.marginals.get(graph.atoms[r]))
            for r in self.session.rivals(atom)
        )
        if der.rule == FACT:
            return Step(text, p, None, (), (), (), attacked_by=attacks)
        reports = tuple(
            report_info(self.session.ir, r) for r in self.session.ir.reports.get(der.rule, ())
        )
        premises = tuple(self.step(a, proof, shown) for a in der.pos)
        conditions = tuple(
            (atom_text(graph.atoms[a]), self.marginals.get(graph.atoms[a], 0.0)) for a in der.neg
        )
        return Step(text, p, rule_info(self.session, der.rule), reports, premises, conditions,
                    attacked_by=attacks)


def _is(report: ast.Report) -> Callable[[ast.Report], bool]:
    return lambda r: r is report


def contributions(session: Session, atom: GroundAtom) -> list[Contribution]:
    """Each report in ``atom``'s lineage: P without it, and the difference."""
    ir = session.ir
    base = session.probability(atom)
    grader = graded(ir)
    out: list[Contribution] = []
    for rule in session.lineage_reports(atom):
        for report in ir.reports[rule]:
            left = choice_probability(ir.reports[rule], without(grader, _is(report)))
            p = session.probability(atom, {rule: left})
            out.append(Contribution(report_info(ir, report), p, base - p))
    out.sort(key=lambda c: (-abs(c.delta), c.report.key))
    return out


def why(session: Session, atom: GroundAtom, k: int = 3) -> WhyResult:
    """The answer for ``atom`` (see the module docstring)."""
    if k < 1:
        raise AssessError([error("bad_option", COMMAND_LINE, "-k must be at least 1")])
    marginals = session.probabilities()
    p = session.probability(atom)
    node = session.graph.find(atom)
    proofs = [] if node is None else top_proofs(session.ir.rules, session.graph, node, k)
    trees = _Trees(session, marginals)
    return WhyResult(
        atom_text(atom),
        p,
        term(p),
        tuple(ProofTree(pr.probability, trees.step(node, pr, set())) for pr in proofs
              if node is not None),
        tuple(contributions(session, atom)),
    )

