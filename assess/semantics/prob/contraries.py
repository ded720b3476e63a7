"""Contraries under ``prob``: an argument for ``~h`` attacks ``h``.

When a program has rules for both ``h`` and its contrary ``~h`` (DESIGN
§3.2), in each world:

* ``h`` holds iff some *supporting* derivation of ``h`` fires (any rule for
  ``h`` but a defeater) and every firing derivation of ``~h`` — defeaters
  included — is beaten by a firing supporting derivation of ``h`` whose rule
  is declared superior (``[a] > [b].``; team defeat: the beaters may differ
  from attacker to attacker);
* symmetrically for ``~h``; otherwise neither holds.

As a formula over derivation lineages, with S the supporters of ``h`` and A
every derivation of ``~h``::

    h  =  ⋁_{s ∈ S} s  ∧  ⋀_{a ∈ A} ( ¬a ∨ ⋁_{s ∈ S, s > a} s )

It is compiled into the same exact lineage as everything else, through the
compiler's ``Combine`` hook; the ``Extra`` hook makes each contested atom
depend on its contrary's derivations, so their bodies are solved first.
A superiority pair applies to every ground instance of the two labelled
rules. A certain fact or an unlabelled rule beats nothing, so any firing
attack blocks it. Defeaters only attack: programs with contraries are
grounded with them, and they never support their own head.

The reading is not monotone, so a contrary may not depend on its own
subject: ``~h`` derived (through any chain) from ``h`` is a
``contrary_cycle`` error, as negation through recursion is.

A program with no ``~`` keeps plain ProbLog semantics: ``hooks`` is None.

Example: ``0.8::bird. 0.3::penguin. [fly] fly :- bird.
[no_fly] ~fly :- penguin. [no_fly] > [fly].`` gives
P(fly) = 0.8 · (1 − 0.3) = 0.56 and P(~fly) = 0.3.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from assess.diagnostics import AssessError, error
from assess.engine.ir import IRProgram, IRRule, Pred
from assess.engine.provenance import FACT, DerivationGraph
from assess.engine.strata import DependencyGraph
from assess.semantics.prob.bdd import FALSE
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.lineage import Combine, Lineage
from assess.semantics.prob.order import Extra
from assess.syntax.ast import RuleKind


def contested_predicates(ir: IRProgram) -> set[Pred]:
    """Predicates that have a contrary with rules: both ``p`` and ``~p``."""
    heads = {r.head.pred for r in ir.rules}
    return {p for p in heads if p.contrary} | {p.complement for p in heads if p.contrary}


def grounding_goals(ir: IRProgram, goals: Collection[Pred]) -> set[Pred]:
    """``goals`` and, for every contested predicate they depend on, its contrary
    (closed: the contrary's own dependencies may be contested too)."""
    contested = contested_predicates(ir)
    found = set(goals)
    if not contested:
        return found
    graph = DependencyGraph(ir.rules, ir.facts)
    while True:
        relevant = graph.depends_on(found)
        more = {p.complement for p in relevant if p in contested} - found
        if not more:
            return found
        found |= more


@dataclass(frozen=True)
class _Contest:
    """The contested atoms of one graph and who beats whom."""

    rules: tuple[IRRule, ...]
    graph: DerivationGraph
    opponent: dict[int, int]
    """Atom id → the atom id of its contrary (both present in the graph)."""
    superior: frozenset[tuple[str, str]]

    def supporting(self, d: int) -> bool:
        rule = self.graph.derivations[d].rule
        return rule == FACT or self.rules[rule].kind is not RuleKind.DEFEATER

    def beats(self, winner: int, loser: int) -> bool:
        """Whether derivation ``winner``'s rule is declared superior to ``loser``'s."""
        w, lo = self.graph.derivations[winner].rule, self.graph.derivations[loser].rule
        if w == FACT or lo == FACT:
            return False
        a, b = self.rules[w].label, self.rules[lo].label
        return a is not None and b is not None and (a, b) in self.superior

    def combine(self, lineage: Lineage, atom: int, found: list[tuple[int, int]]) -> int:
        manager = lineage.manager
        support = [(d, f) for d, f in found if self.supporting(d)]
        holds = manager.disj_all([f for _, f in support])
        opponent = self.opponent.get(atom)
        if opponent is None or holds == FALSE:
            return holds
        for attack in self.graph.by_head[opponent]:
            fires = lineage.derivation(attack)
            if fires == FALSE:
                continue
            beaten = manager.disj_all([f for d, f in support if self.beats(d, attack)])
            holds = manager.conj(holds, manager.disj(manager.neg(fires), beaten))
        return holds

    def extra(self, atom: int) -> Iterable[int]:
        """The contrary's derivations, as successor nodes of the plan's search,
        and the contrary itself, so that the plan numbers its choices (an
        attack's own coin) even when nothing else asks for the contrary."""
        opponent = self.opponent.get(atom)
        if opponent is None:
            return ()
        n = len(self.graph.atoms)
        return [n + d for d in self.graph.by_head[opponent]] + [opponent]


def hooks(ir: IRProgram, graph: DerivationGraph) -> tuple[Combine, Extra] | None:
    """The compiler hooks for ``ir``'s contraries, or None when it has none."""
    if not contested_predicates(ir):
        return None
    opponent: dict[int, int] = {}
    for atom, (pred, values) in enumerate(graph.atoms):
        other = graph.find((pred.complement, values))
        if other is not None:
            opponent[atom] = other
    contest = _Contest(tuple(ir.rules), graph, opponent, frozenset(ir.superiority))
    _refuse_cycles(contest)
    return contest.combine, contest.extra


def _refuse_cycles(contest: _Contest) -> None:
    """Raise ``contrary_cycle`` if an atom's contrary depends on the atom."""
    graph = contest.graph
    for atom, opponent in contest.opponent.items():
        seen: set[int] = set()
        todo = [opponent]
        while todo:
            current = todo.pop()
            for der in graph.derivations_of(current):
                for body in (*der.pos, *der.neg):
                    if body == atom:
                        raise _cycle_error(contest, atom, opponent)
                    if body not in seen:
                        seen.add(body)
                        todo.append(body)


def _cycle_error(contest: _Contest, atom: int, opponent: int) -> AssessError:
    rules = [d.rule for d in contest.graph.derivations_of(opponent) if d.rule != FACT]
    span = contest.rules[rules[0]].span if rules else contest.rules[0].span
    subject, contrary = (atom_text(contest.graph.atoms[a]) for a in (atom, opponent))
    return AssessError([error(
        "contrary_cycle", span,
        f"{contrary} depends on {subject}, which it attacks: an argument cannot "
        "rest on the conclusion it contradicts",
    )])
