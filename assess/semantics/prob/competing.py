"""Competing sets under ``prob``: exclusive choices, overlap, residuals, conditions.

A set ``competing s: m1, …, mn.`` of hypotheses without parameters is read
two ways, both from the one lineage:

**Not exclusive** (the default): each member keeps its own lineage; the set
adds three readouts, exact and conditioned on the evidence like every
answer: P(more than one member holds), P(none holds) and, for each
member, P(member) — so ``assess run`` can say how far the members overlap
instead of printing them as alternatives.

**Exclusive** (``competing s exclusive: m1, …, mk, otherwise r.``): in
every world exactly one member holds. Each member's *own* verdict (its
rules, its contrary and ``conflict`` partners: ``contraries``) makes it a
*contender*; among the contenders of a world,

* a contender ``x`` *defeats* ``y`` when every firing supporting rule of
  ``y`` is beaten by a firing rule of ``x`` declared superior
  (``[rx] > [ry].``; team defeat, as for contraries);
* the winner is the first contender in declaration order that no other
  contender defeats (with a cycle of defeats, the first contender): the
  order of the declaration is the analyst's precedence where no superiority
  decides. A rule's weight is not compared again: it already is how often
  the argument fires;
* with no contender at all, the residual ``r`` (written ``otherwise r``,
  last) holds; a set without one must be exhaustive on its own (an
  annotated disjunction over its members, say), or compiling it is the
  error ``not_exhaustive``.

So Σ P(m) = 1 over the set, and nothing is lost to "contested": an analyst
who wants to see contested mass declares ``conflict a, b.`` inside the set,
and a world where neither prevails goes to the residual. The generative
reading (priors as an annotated disjunction over the members, rules from
members to the indicators they would produce, reports conditioned on with
``evidence``) is the case where exactly one member is ever a contender: the
posterior is Bayes' rule, exactly as ProbLog computes it.

**Conditional** (``given c``, a ground literal): the set speaks of the
worlds where ``c`` holds. Exclusive members hold only there
(``m ∧ c``); the readouts are P(m | c), P(more than one | c) and
P(none | c), and P(c) itself.

A member's own arguments may not rest on another member of its exclusive
set (or the condition on a member): the choice would then depend on
itself, and it is refused as ``exclusive_cycle``.

Example: ``0.6::a. 0.5::b. competing s exclusive: a, b, otherwise r.``
gives P(a) = 0.6 (first in order), P(b) = 0.4 · 0.5 = 0.2, P(r) = 0.2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from assess.diagnostics import AssessError, error
from assess.engine.ir import GroundAtom, IRProgram, IRRule, Pred
from assess.engine.lower import ground_atom
from assess.engine.provenance import FACT, DerivationGraph
from assess.graphs import DependencyGraph
from assess.semantics.prob.bdd import FALSE, TRUE, Manager
from assess.semantics.prob.lineage import Combine, Hooks, Lineage, disjoin
from assess.semantics.prob.order import Extra
from assess.syntax import ast
from assess.syntax.ast import RuleKind


@dataclass(frozen=True, slots=True)
class CompetingSet:
    """One declared set over a graph: its members' atoms in declaration
    order (the residual last) and its condition's atom."""

    decl: ast.CompetingDecl
    members: tuple[GroundAtom, ...]
    atoms: tuple[int, ...]
    condition: GroundAtom | None
    condition_atom: int | None

    @property
    def name(self) -> str:
        return self.decl.name

    @property
    def exclusive(self) -> bool:
        return self.decl.exclusive


def member_atoms(ir: IRProgram, decl: ast.CompetingDecl) -> tuple[GroundAtom, ...] | None:
    """The members as ground atoms, or None when one has parameters (or is
    not a declared hypothesis): such a set has no set-wide reading."""
    found: list[GroundAtom] = []
    for name in decl.members:
        declared = ir.hypotheses.get(name)
        if declared is None or declared.params:
            return None
        found.append((Pred(name, 0), ()))
    return tuple(found)


def condition_atom(decl: ast.CompetingDecl) -> GroundAtom | None:
    return None if decl.condition is None else ground_atom(decl.condition)


def resolve_sets(ir: IRProgram, graph: DerivationGraph) -> tuple[CompetingSet, ...]:
    """Every set with a set-wide reading, its atoms interned in ``graph``
    (a residual with no rule of its own is still an atom of the lineage)."""
    found: list[CompetingSet] = []
    for decl in ir.competing:
        members = member_atoms(ir, decl)
        if members is None or len(set(members)) != len(members):
            continue
        condition = condition_atom(decl)
        atoms = tuple(graph.atom(m) for m in members)
        cond = None if condition is None else graph.atom(condition)
        found.append(CompetingSet(decl, members, atoms, condition, cond))
    return tuple(found)


def needed_predicates(ir: IRProgram) -> set[Pred]:
    """What grounding must reach for the sets: members and conditions."""
    found: set[Pred] = set()
    for decl in ir.competing:
        found.update(Pred(name, 0) for name in decl.members if name in ir.hypotheses)
        if (c := condition_atom(decl)) is not None:
            found.add(c[0])
    return found


class _Exclusive:
    """The combine and extra hooks of the exclusive sets, over an inner reading."""

    def __init__(
        self, rules: Sequence[IRRule], graph: DerivationGraph, sets: Sequence[CompetingSet],
        superior: Iterable[tuple[str, str]], inner: Hooks | None,
    ) -> None:
        self.rules, self.graph = rules, graph
        self.sets = [s for s in sets if s.exclusive]
        self.of_atom = {a: s for s in self.sets for a in s.atoms}
        self.superior = frozenset(superior)
        self.inner_combine: Combine = inner.combine if inner is not None else disjoin
        self.inner_extra: Extra | None = inner.extra if inner is not None else None
        self.decided: dict[tuple[int, str], dict[int, int]] = {}

    def combine(self, lineage: Lineage, atom: int, found: list[tuple[int, int]]) -> int:
        chosen = self.of_atom.get(atom)
        if chosen is None:
            return self.inner_combine(lineage, atom, found)
        key = (id(lineage), chosen.name)
        if key not in self.decided:
            self.decided[key] = self.decide(lineage, chosen)
        return self.decided[key][atom]

    def extra(self, atom: int) -> list[int]:
        """A member reads every member's derivations (and the condition)."""
        out = list(self.inner_extra(atom)) if self.inner_extra is not None else []
        chosen = self.of_atom.get(atom)
        if chosen is None:
            return out
        n = len(self.graph.atoms)
        for other in chosen.atoms:
            if other != atom:
                out += [n + d for d in self.graph.by_head[other]]
                out.append(other)
        if chosen.condition_atom is not None:
            out.append(chosen.condition_atom)
        return out

    def _supporting(self, d: int) -> bool:
        rule = self.graph.derivations[d].rule
        return rule == FACT or self.rules[rule].kind is not RuleKind.DEFEATER

    def _beats(self, winner: int, loser: int) -> bool:
        w, lo = self.graph.derivations[winner].rule, self.graph.derivations[loser].rule
        if w == FACT or lo == FACT:
            return False
        a, b = self.rules[w].label, self.rules[lo].label
        return a is not None and b is not None and (a, b) in self.superior

    def decide(self, lineage: Lineage, chosen: CompetingSet) -> dict[int, int]:
        """Each member's lineage: the winner of each world (module docstring)."""
        m = lineage.manager
        atoms = chosen.atoms
        own = {a: [(d, lineage.derivation(d)) for d in self.graph.by_head[a]] for a in atoms}
        pre = {a: self.inner_combine(lineage, a, own[a]) for a in atoms}
        firing = {a: [(d, f) for d, f in own[a] if self._supporting(d)] for a in atoms}
        undefeated = {}
        for a in atoms:
            beaten = [self._defeats(m, firing, pre, x, a) for x in atoms if x != a]
            undefeated[a] = m.conj(pre[a], m.neg(m.disj_all(beaten)))
        nobody: list[int] = []
        out: dict[int, int] = {}
        earlier_free, earlier_any = FALSE, FALSE
        for a in atoms:
            first_free = m.conj(undefeated[a], m.neg(earlier_free))
            # Undefeated wherever it contends (the same node: diagrams are
            # canonical), ``a`` never wins as "first of all contenders":
            # nobody ∧ pre[a] is FALSE. Until some member is defeated,
            # earlier_any is earlier_free, and neither is built twice.
            plain = undefeated[a] == pre[a]
            if plain:
                out[a] = first_free
            else:
                if not nobody:
                    nobody.append(m.conj_all([m.neg(u) for u in undefeated.values()]))
                first_any = m.conj_all([nobody[0], pre[a], m.neg(earlier_any)])
                out[a] = m.disj(first_free, first_any)
            same = plain and earlier_any == earlier_free
            earlier_free = m.disj(earlier_free, undefeated[a])
            earlier_any = earlier_free if same else m.disj(earlier_any, pre[a])
        if chosen.decl.residual:
            last = atoms[-1]
            out[last] = m.disj(out[last], m.neg(earlier_any))
        if chosen.condition_atom is not None:
            holds = lineage.of(chosen.condition_atom)
            out = {a: m.conj(f, holds) for a, f in out.items()}
        return out

    def _defeats(
        self, m: Manager, firing: dict[int, list[tuple[int, int]]], pre: dict[int, int],
        x: int, y: int,
    ) -> int:
        """Worlds where contender ``x``'s firing rules beat every firing rule of ``y``."""
        pairs = [(d, [g for e, g in firing[x] if self._beats(e, d)]) for d, _ in firing[y]]
        if not firing[y] or not any(beaters for _, beaters in pairs):
            return FALSE
        parts = [pre[x], pre[y]]
        for (_, f), (_, beaters) in zip(firing[y], pairs, strict=True):
            parts.append(m.disj(m.neg(f), m.disj_all(beaters)))
        return m.conj_all(parts)


def hooks(
    ir: IRProgram, graph: DerivationGraph, sets: Sequence[CompetingSet], inner: Hooks | None
) -> Hooks | None:
    """The compiler hooks with the exclusive sets built in (``inner``: the
    contraries' hooks, or None); ``inner`` itself when no set is exclusive."""
    exclusive = [s for s in sets if s.exclusive]
    if not exclusive:
        return inner
    _refuse_cycles(ir, graph, exclusive)
    built = _Exclusive(ir.rules, graph, exclusive, ir.superiority, inner)
    readout = inner.readout if inner is not None else None
    return Hooks(built.combine, built.extra, readout)


def _refuse_cycles(ir: IRProgram, graph: DerivationGraph, sets: Sequence[CompetingSet]) -> None:
    """``exclusive_cycle`` when a member's own arguments, or the set's
    condition, rest on a member of the same exclusive set."""
    deps: DependencyGraph[int, int] = DependencyGraph()
    for atom in range(len(graph.atoms)):
        deps.add_node(atom)
        for der in graph.derivations_of(atom):
            for body in (*der.pos, *der.neg):
                deps.add_edge(atom, body, False, atom)
    for s in sets:
        for member in s.atoms:
            bodies = [b for d in graph.derivations_of(member) for b in (*d.pos, *d.neg)]
            reached = deps.depends_on(bodies) if bodies else set()
            inside = [a for a in s.atoms if a in reached]
            if inside:
                name = graph.atoms[member][0].name
                raise _cycle_error(ir, graph, s, member, f"an argument for {name}", inside[0])
        if s.condition_atom is not None:
            reached = deps.depends_on([s.condition_atom])
            inside = [a for a in s.atoms if a in reached]
            if inside:
                raise _cycle_error(ir, graph, s, None, f"the condition of {s.name}", inside[0])


def _cycle_error(
    ir: IRProgram, graph: DerivationGraph, s: CompetingSet, member: int | None, what: str,
    other: int,
) -> AssessError:
    rules = [] if member is None else [
        d.rule for d in graph.derivations_of(member) if d.rule != FACT
    ]
    span = ir.rules[rules[0]].span if rules else s.decl.span
    rested = graph.atoms[other][0].name
    return AssessError([error(
        "exclusive_cycle", span,
        f"{what} rests on {rested}, a member of the exclusive set {s.name}: the set "
        f"already decides between its members (drop premises such as `\\+ {rested}`)",
    )])


SetFormula = tuple[tuple[int, ...], Callable[[Lineage], int]]
"""(graph atoms a formula reads, how to build it from the solved lineage)."""


def decides(s: CompetingSet, sets: Sequence[CompetingSet]) -> bool:
    """Whether ``s`` makes the exclusive choice among all its members: it is
    exclusive and none of its members is also in a later exclusive set
    (whose choice ``_Exclusive`` would read for that member instead)."""
    if not s.exclusive:
        return False
    later = sets[list(sets).index(s) + 1:]
    return not any(t.exclusive and set(t.atoms) & set(s.atoms) for t in later)


def set_formulas(s: CompetingSet, decided: bool = False) -> list[SetFormula]:
    """The readouts of one set, in ``SetReadout`` order: the condition (TRUE
    without one), then ``member ∧ condition`` for each member, more than one
    ∧ condition, none ∧ condition.

    ``decided`` (``decides``): more than one member is FALSE, and so is none
    with a residual, without building them. In ``decide``, a world's winner
    is its first undefeated contender, else (``nobody``) its first
    contender: each first is "this one and no earlier one", so no two
    members hold together; a world with a contender has a winner, and the
    residual takes every world without one; ``∧ holds`` keeps both."""
    reads = s.atoms + (() if s.condition_atom is None else (s.condition_atom,))

    def condition(lineage: Lineage) -> int:
        return TRUE if s.condition_atom is None else lineage.of(s.condition_atom)

    def member(i: int) -> Callable[[Lineage], int]:
        return lambda lineage: lineage.manager.conj(lineage.of(s.atoms[i]), condition(lineage))

    def overlap(lineage: Lineage) -> int:
        m, held = lineage.manager, [lineage.of(a) for a in s.atoms]
        pairs = [m.conj(x, y) for i, x in enumerate(held) for y in held[i + 1:]]
        return m.conj(m.disj_all(pairs), condition(lineage))

    def none(lineage: Lineage) -> int:
        m = lineage.manager
        return m.conj(m.conj_all([m.neg(lineage.of(a)) for a in s.atoms]), condition(lineage))

    def false(lineage: Lineage) -> int:
        return FALSE

    built: list[Callable[[Lineage], int]] = [
        condition, *(member(i) for i in range(len(s.atoms))),
        false if decided else overlap, false if decided and s.decl.residual else none,
    ]
    return [(reads, f) for f in built]


@dataclass(frozen=True, slots=True)
class SetReadout:
    """A set's probabilities, given the evidence (and its condition).

    ``members`` are P(m | condition) in declaration order; ``condition`` is
    P(condition) (1 without one); ``overlap`` P(more than one | condition),
    ``none`` P(no member | condition). With a condition of probability 0
    the conditional ones are 0.
    """

    name: str
    exclusive: bool
    given: GroundAtom | None
    atoms: tuple[GroundAtom, ...]
    members: tuple[float, ...]
    condition: float
    overlap: float
    none: float

    @staticmethod
    def of(s: CompetingSet, values: Sequence[float]) -> SetReadout:
        """From the values of ``set_formulas(s)``, in order."""
        c, *rest = values
        members, (overlap, none) = rest[: len(s.atoms)], rest[len(s.atoms):]

        def given(p: float) -> float:
            return p / c if c > 0 else 0.0

        return SetReadout(
            s.name, s.exclusive, s.condition, s.members, tuple(given(p) for p in members),
            c, given(overlap), given(none),
        )


def refuse_gaps(readouts: Sequence[SetReadout], sets: Sequence[CompetingSet]) -> None:
    """``not_exhaustive``: an exclusive set without a residual in which, on
    the program's own weights and evidence, no member holds in some worlds."""
    for s, r in zip(sets, readouts, strict=True):
        if s.exclusive and not s.decl.residual and r.none > 1e-9:
            raise AssessError([error(
                "not_exhaustive", s.decl.span,
                f"no member of the exclusive set {s.name} holds in {r.none:.1%} of the "
                f"worlds{' where its condition holds' if s.condition else ''}: name a residual "
                f"(`otherwise none_of_these`) or give the members a prior that sums to 1",
            )])


__all__ = [
    "CompetingSet", "SetReadout", "decides", "hooks", "member_atoms", "needed_predicates",
    "refuse_gaps", "resolve_sets", "set_formulas",
]
