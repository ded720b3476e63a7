"""Contraries under ``prob``: an argument for ``~h`` attacks ``h``.

When a program has rules for both ``h`` and its contrary ``~h`` (DESIGN
§3.2), in each world:

* ``h`` holds iff some *supporting* derivation of ``h`` fires (any rule for
  ``h`` but a defeater) and every firing derivation of ``~h`` — defeaters
  included — is beaten by a firing supporting derivation of ``h`` whose rule
  is declared superior (``[a] > [b].``; team defeat: the beaters may differ
  from attacker to attacker);
* symmetrically for ``~h``; otherwise neither holds.

A declaration ``conflict p, q.`` makes ``p(ā)`` and ``q(ā)`` contradict
like ``p(ā)`` and ``~p(ā)`` (at every arity where both names occur; the
positive predicates only, as the defeasible reading has it): a derivation
of ``q(ā)`` attacks ``p(ā)`` and one of ``p(ā)`` attacks ``q(ā)``, with
superiority deciding. An atom's attackers are then the derivations of
everything it conflicts with — ``~p(ā)`` and every declared partner.

As a formula over derivation lineages, with S the supporters of ``h`` and A
every derivation of what ``h`` conflicts with::

    h  =  ⋁_{s ∈ S} s  ∧  ⋀_{a ∈ A} ( ¬a ∨ ⋁_{s ∈ S, s > a} s )

It is compiled into the same exact lineage as everything else, through the
compiler's ``Combine`` hook; the ``Extra`` hook makes each contested atom
depend on its attackers' derivations, so their bodies are solved first.
A superiority pair applies to every ground instance of the two labelled
rules. A certain fact or an unlabelled rule beats nothing, so any firing
attack blocks it. Defeaters only attack: programs with contraries are
grounded with them, and they never support their own head.

The ``Readout`` hook adds two named formulas about each queried atom of a
contested predicate, so analysts see how the matter stands, not only who
wins: with C the atoms ``h`` conflicts with,

    contrary(h)   =  ⋁_{c ∈ C} c
    contested(h)  =  ⋁S  ∧  ⋁A  ∧  ¬h  ∧  ¬contrary(h)

(an argument for ``h`` fires, an attack on it fires — a supporting rule or
a defeater — and neither side prevails). ``contested(~h)`` differs from
``contested(h)`` only in whose support is asked for.

The reading is not monotone, so an attacker may not depend on what it
attacks: ``~h`` (or a declared partner) derived, through any chain, from
``h`` is a ``contrary_cycle`` error, as negation through recursion is.

A program with no ``~`` and no ``conflict`` keeps plain ProbLog semantics:
``hooks`` is None.

Example: ``0.8::bird. 0.3::penguin. [fly] fly :- bird.
[no_fly] ~fly :- penguin. [no_fly] > [fly].`` gives
P(fly) = 0.8 · (1 − 0.3) = 0.56 and P(~fly) = 0.3; without the superiority
P(~fly) = 0.3 · 0.2 = 0.06 and P(fly contested) = 0.8 · 0.3 = 0.24.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from assess.diagnostics import AssessError, error
from assess.engine.ir import GroundAtom, IRProgram, IRRule, Pred
from assess.engine.provenance import FACT, DerivationGraph
from assess.engine.strata import PredicateGraph
from assess.graphs import DependencyGraph
from assess.semantics.prob.bdd import FALSE
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.lineage import Hooks, Lineage
from assess.semantics.prob.model import CONTESTED, CONTRARY
from assess.syntax.ast import RuleKind


def declared_conflicts(ir: IRProgram) -> list[tuple[Pred, Pred]]:
    """``conflict p, q.`` as predicate pairs: ``p/n`` and ``q/n`` for every
    arity ``n`` at which both names occur (the positive predicates only, as
    the defeasible reading has it)."""
    if not ir.conflicts:
        return []
    preds = ir.predicates()
    pairs: list[tuple[Pred, Pred]] = []
    for first, second in ir.conflicts:
        arities = {p.arity for p in preds if p.name == first}
        arities &= {p.arity for p in preds if p.name == second}
        pairs += [(Pred(first, n), Pred(second, n)) for n in sorted(arities) if first != second]
    return pairs


def conflicting(ir: IRProgram) -> dict[Pred, frozenset[Pred]]:
    """What each predicate contradicts: its contrary, and its declared partners."""
    found: dict[Pred, set[Pred]] = {}
    for p in ir.predicates():
        found.setdefault(p, set()).add(p.complement)
        found.setdefault(p.complement, set()).add(p)
    for one, other in declared_conflicts(ir):
        found.setdefault(one, set()).add(other)
        found.setdefault(other, set()).add(one)
    return {p: frozenset(c) for p, c in found.items()}


def contested_predicates(ir: IRProgram) -> set[Pred]:
    """Predicates that something with rules may attack: ``p`` and ``~p`` when
    ``~p`` has rules, and both sides of a declared conflict."""
    heads = {r.head.pred for r in ir.rules}
    found = {p for p in heads if p.contrary} | {p.complement for p in heads if p.contrary}
    return found.union(*declared_conflicts(ir))


def grounding_goals(ir: IRProgram, goals: Collection[Pred]) -> set[Pred]:
    """``goals`` and, for every contested predicate they depend on, what it
    conflicts with (closed: their own dependencies may be contested too)."""
    contested = contested_predicates(ir)
    found = set(goals)
    if not contested:
        return found
    table = conflicting(ir)
    graph = PredicateGraph(ir.rules, ir.facts)
    while True:
        relevant = graph.depends_on(found)
        more = {o for p in relevant if p in contested for o in table[p]} - found
        if not more:
            return found
        found |= more


@dataclass(frozen=True)
class _Contest:
    """The contested atoms of one graph and who beats whom."""

    rules: tuple[IRRule, ...]
    graph: DerivationGraph
    table: dict[Pred, frozenset[Pred]]
    """Predicate → the predicates it conflicts with (``conflicting``)."""
    contested: frozenset[Pred]
    opponents: dict[int, tuple[int, ...]]
    """Atom id → the ids of the atoms it conflicts with (those in the graph)."""
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

    def attacks(self, atom: int) -> list[int]:
        """Every derivation of an atom that ``atom`` conflicts with."""
        return [d for o in self.opponents.get(atom, ()) for d in self.graph.by_head[o]]

    def combine(self, lineage: Lineage, atom: int, found: list[tuple[int, int]]) -> int:
        manager = lineage.manager
        support = [(d, f) for d, f in found if self.supporting(d)]
        holds = manager.disj_all([f for _, f in support])
        if holds == FALSE:
            return holds
        for attack in self.attacks(atom):
            fires = lineage.derivation(attack)
            if fires == FALSE:
                continue
            beaten = manager.disj_all([f for d, f in support if self.beats(d, attack)])
            holds = manager.conj(holds, manager.disj(manager.neg(fires), beaten))
        return holds

    def extra(self, atom: int) -> Iterable[int]:
        """The attacking derivations, as successor nodes of the plan's search,
        and the attacking atoms themselves, so that the plan numbers their
        choices (an attack's own coin) even when nothing else asks for them."""
        n = len(self.graph.atoms)
        return [n + d for d in self.attacks(atom)] + list(self.opponents.get(atom, ()))

    def rivals(self, query: GroundAtom) -> list[int]:
        """The ids of the atoms in the graph that ground atom ``query`` conflicts with."""
        pred, values = query
        found = (self.graph.find((o, values)) for o in sorted(self.table.get(pred, ()), key=str))
        return [a for a in found if a is not None and self.graph.by_head[a]]

    def reads(self, query: GroundAtom) -> Iterable[int]:
        return self.rivals(query) if query[0] in self.contested else ()

    def formulas(self, lineage: Lineage, query: GroundAtom) -> dict[str, int]:
        """``contrary``: some atom that ``query`` conflicts with holds;
        ``contested``: a supporting derivation of ``query`` fires, an attack
        on it fires, and neither it nor anything it conflicts with holds."""
        if query[0] not in self.contested:
            return {}
        m = lineage.manager
        atom = self.graph.find(query)
        rivals = self.rivals(query)
        contrary = m.disj_all([lineage.of(r) for r in rivals])
        if atom is None:
            return {CONTRARY: contrary, CONTESTED: FALSE}
        derivations = self.graph.by_head[atom]
        support = m.disj_all([lineage.derivation(d) for d in derivations if self.supporting(d)])
        attack = m.disj_all([lineage.derivation(d) for r in rivals for d in self.graph.by_head[r]])
        settled = m.disj(lineage.of(atom), contrary)
        return {CONTRARY: contrary, CONTESTED: m.conj_all([support, attack, m.neg(settled)])}


def hooks(ir: IRProgram, graph: DerivationGraph) -> Hooks | None:
    """The compiler hooks for ``ir``'s contraries, or None when it has none."""
    contested = contested_predicates(ir)
    if not contested:
        return None
    table = conflicting(ir)
    opponents: dict[int, tuple[int, ...]] = {}
    for atom, (pred, values) in enumerate(graph.atoms):
        found = [graph.find((o, values)) for o in sorted(table.get(pred, ()), key=str)]
        if present := tuple(a for a in found if a is not None):
            opponents[atom] = present
    contest = _Contest(
        tuple(ir.rules), graph, table, frozenset(contested), opponents, frozenset(ir.superiority)
    )
    _refuse_cycles(contest)
    return Hooks(contest.combine, contest.extra, contest)


def _refuse_cycles(contest: _Contest) -> None:
    """Raise ``contrary_cycle`` if an attack lies on a cycle of dependencies.

    Nodes are the graph's atoms; an atom depends on the body atoms of its own
    derivations and, as an *attack* edge (marked negative), on the body atoms
    of its attackers' derivations. An attack inside a recursive component —
    ``~h :- h.``, or crosswise ``~p :- s. ~s :- p.`` with ``p`` and ``s``
    contested — has no stratified reading (the iteration could oscillate),
    exactly as negation through recursion has none.
    """
    graph = contest.graph
    deps: DependencyGraph[int, int] = DependencyGraph()
    for atom in range(len(graph.atoms)):
        deps.add_node(atom)
        for der in graph.derivations_of(atom):
            for body in (*der.pos, *der.neg):
                deps.add_edge(atom, body, False, atom)
    for atom, opponents in contest.opponents.items():
        for opponent in opponents:
            for der in graph.derivations_of(opponent):
                for body in (*der.pos, *der.neg):
                    deps.add_edge(atom, body, True, opponent)
    for cycle in deps.negative_cycles():
        attack = next(e for e in cycle.edges if e.negative)
        raise _cycle_error(contest, attack.head, attack.origin)


def _cycle_error(contest: _Contest, atom: int, opponent: int) -> AssessError:
    rules = [d.rule for d in contest.graph.derivations_of(opponent) if d.rule != FACT]
    span = contest.rules[rules[0]].span if rules else contest.rules[0].span
    subject, contrary = (atom_text(contest.graph.atoms[a]) for a in (atom, opponent))
    return AssessError([error(
        "contrary_cycle", span,
        f"the attack of {contrary} on {subject} rests, through a cycle of "
        f"arguments, on {subject} itself: an argument cannot rest on the "
        "conclusion it contradicts",
    )])
