"""What one scenario's evidence says: the readings its expectations consult.

A scenario runs against the statements of its file (and the programs that
file loads) together with its own reports and facts (those it loads
included), less the reports its ``drop`` statements take out of the
program and of what it loads (``analysis.drops``); its expectations are
questions to one ``ScenarioReading``, computed lazily so that a scenario
with only probability expectations never runs the defeasible reading.

``contributions(atom)`` is the evidence behind an answer: each input's
contribution (``explain.effects.contributions``, the definition ``why``
uses): P(atom | evidence) minus the same with the input at 0.

Example: with ``0.3::a. 0.6::b. c :- a. c :- b.`` the contribution of ``a``
to P(c) = 0.72 is 0.72 − 0.6 = 0.12.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from assess.analysis.drops import droppable, matches, without_dropped
from assess.engine.ir import IRProgram
from assess.engine.ir import matches as instance_of
from assess.engine.lower import lower, pattern
from assess.explain.effects import Contribution, contributions
from assess.semantics.defeasible.answers import DefeasibleResult, defeasible
from assess.semantics.prob.compiled import Compiled, compile_assessment
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


@dataclass
class ScenarioReading:
    """The base program plus one scenario's items, read on demand."""

    programs: Sequence[ast.Program]
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

    @cached_property
    def drops(self) -> tuple[ast.Drop, ...]:
        return tuple(i for i in self.scenario.items if isinstance(i, ast.Drop))

    def extra(self) -> list[ast.ScenarioItem | ast.Query]:
        """The scenario's evidence less what it drops, and a query for every
        atom it asks about."""
        dropped = {id(r) for r in droppable(self.scenario)
                   if any(matches(d, r) for d in self.drops)}
        evidence = [
            i
            for i in self.scenario.items
            if isinstance(i, ast.Clause | ast.Disjunction)
            or (isinstance(i, ast.Report) and id(i) not in dropped)
        ]
        return [*evidence, *(ast.Query(a, span=a.span) for a in self.asked)]

    @cached_property
    def compiled(self) -> Compiled:
        """The compiled assessment of the program with this scenario's evidence."""
        return compile_assessment(self.ir)

    @cached_property
    def ir(self) -> IRProgram:
        """The program, less the reports the scenario drops, lowered with the
        scenario's evidence (once for all readings)."""
        return lower(without_dropped(self.programs, self.drops), self.extra())

    def probability(self, atom: ast.Atom) -> float:
        """P(atom | evidence); an atom with variables: the most probable answer."""
        return max((a.probability for a in self._answers(atom)), default=0.0)

    def contributions(self, atom: ast.Atom) -> list[Contribution]:
        """Each input's contribution to P(atom), largest in size first."""
        answers = self._answers(atom)
        if not answers:
            return []
        best = max(answers, key=lambda a: a.probability)
        model = self.compiled.model
        return contributions(model, model.query_index(best.atom))

    @cached_property
    def defeasible(self) -> DefeasibleResult:
        """The statuses under defeasible logic (ambiguity blocking)."""
        return defeasible(self.ir)

    def status(self, atom: ast.Atom) -> str:
        """The status in words of the literal ``atom`` names ('not provable'
        when no ground literal matches; the strongest when several do)."""
        wanted = pattern(atom)
        answers = self.defeasible.answers
        found = {a.status for a in answers if instance_of(wanted, (a.pred, a.values))}
        for status in STATUS_ORDER:
            if status in found:
                return status
        return ast.Status.NOT_PROVABLE.value

    def _answers(self, atom: ast.Atom) -> list[QueryResult]:
        """The model's answers that ``atom`` matches."""
        wanted = pattern(atom)
        return [a for a in self.compiled.answers() if instance_of(wanted, a.atom)]

