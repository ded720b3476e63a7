"""What one scenario's evidence says: the readings its expectations consult.

A scenario runs against the statements of its file (and the programs that
file loads) together with its own reports and facts; its expectations are
questions to one ``ScenarioReading``, computed lazily so that a scenario
with only probability expectations never runs the defeasible reading.

``contributions(atom)`` is the evidence behind an answer: for each input
(a report, a probabilistic fact or rule instance) its exact contribution to
P(atom | evidence) — the probability with it minus the probability with that
input set to 0. Under the distribution semantics P is linear in each input's
probability p, so the contribution is ``gradient × p`` and one backward pass
gives all of them.

Example: with ``0.3::a. 0.6::b. c :- a. c :- b.`` the contribution of ``a``
to P(c) = 0.72 is 0.72 − 0.6 = 0.12.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from assess.api import Assessment
from assess.engine.ir import IRProgram
from assess.engine.lower import pattern
from assess.semantics.defeasible.answers import DefeasibleResult, defeasible
from assess.semantics.prob.choices import Input
from assess.semantics.prob.compile import matches
from assess.semantics.prob.infer import ProbResult, prob
from assess.semantics.prob.model import QueryResult
from assess.syntax import ast

SINGLE_ATOM_EXPECTATIONS = (
    ast.ExpectEstimate,
    ast.ExpectStatus,
    ast.ExpectProbability,
    ast.ExpectCites,
)

STATUS_ORDER = tuple(s.value for s in ast.Status)
"""Statuses from strongest to weakest."""


@dataclass(frozen=True, slots=True)
class Contribution:
    """How much one input moves P(atom): positive supports, negative undercuts."""

    input: Input
    amount: float

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of the reports behind this input (none for a rule)."""
        return tuple(sorted({r.source for r in self.input.reports}))


@dataclass
class ScenarioReading:
    """The base program plus one scenario's items, read on demand."""

    assessment: Assessment
    scenario: ast.Scenario

    @cached_property
    def asked(self) -> tuple[ast.Atom, ...]:
        """Every atom an expectation of the scenario names."""
        atoms: list[ast.Atom] = []
        for item in self.scenario.items:
            if isinstance(item, ast.ExpectRank):
                atoms.extend((item.higher, item.lower))
            elif isinstance(item, SINGLE_ATOM_EXPECTATIONS):
                atoms.append(item.atom)
        return tuple(dict.fromkeys(atoms))

    def extra(self) -> list[ast.ScenarioItem | ast.Query]:
        """The scenario's evidence, and a query for every atom it asks about."""
        evidence = [
            i
            for i in self.scenario.items
            if isinstance(i, ast.Report | ast.Clause | ast.Disjunction)
        ]
        return [*evidence, *(ast.Query(a, a.span) for a in self.asked)]

    @cached_property
    def prob(self) -> ProbResult:
        """The exact probabilities of the program with this scenario's evidence."""
        return prob(self.ir)

    @cached_property
    def ir(self) -> IRProgram:
        """The program lowered with the scenario's evidence (once for all readings)."""
        return self.assessment.lower(self.extra())

    def probability(self, atom: ast.Atom) -> float:
        """P(atom | evidence); an atom with variables: the most probable answer."""
        return max((a.probability for a in self._answers(atom)), default=0.0)

    def contributions(self, atom: ast.Atom) -> list[Contribution]:
        """Each input's exact contribution to P(atom), largest in size first."""
        model = self.prob.model
        answers = self._answers(atom)
        if not answers:
            return []
        best = max(answers, key=lambda a: a.probability)
        probabilities = model.input_probabilities()
        gradient = model.gradient(best.atom)
        found = [
            Contribution(i, gradient.get(i, 0.0) * p)
            for i, p in zip(model.inputs, probabilities, strict=True)
        ]
        found = [c for c in found if abs(c.amount) > 1e-12]
        return sorted(found, key=lambda c: (-abs(c.amount), c.input.name))

    @cached_property
    def defeasible(self) -> DefeasibleResult:
        """The statuses under defeasible logic (ambiguity blocking)."""
        return defeasible(self.ir)

    def status(self, atom: ast.Atom) -> str:
        """The status in words of the literal ``atom`` names ('not provable'
        when no ground literal matches; the strongest when several do)."""
        wanted = pattern(atom)
        answers = self.defeasible.answers
        found = {a.status for a in answers if matches(wanted, (a.pred, a.values))}
        for status in STATUS_ORDER:
            if status in found:
                return status
        return ast.Status.NOT_PROVABLE.value

    def _answers(self, atom: ast.Atom) -> list[QueryResult]:
        """The model's answers that ``atom`` matches."""
        wanted = pattern(atom)
        return [a for a in self.prob.answers if matches(wanted, a.atom)]


def cited_sources(contributions: Sequence[Contribution]) -> set[str]:
    """The sources whose reports support the answer (positive contribution)."""
    return {s for c in contributions if c.amount > 0 for s in c.sources}
