"""Lineage: each atom's truth as a formula over the choices, as a BDD.

Read off the derivation graph, component by component (``order.plan``):

* a derivation's lineage is ``coin ∧ pos₁ ∧ … ∧ ¬neg₁ ∧ …`` — its own choice
  (TRUE for a certain fact or an ordinary rule; for a disjunction member
  ``x_i ∧ ¬x_1 ∧ … ∧ ¬x_{i-1}``), its positive body atoms, and the failure of
  its negated ones (which belong to earlier components);
* an atom's lineage is the OR of its derivations' — or whatever a
  ``Combine`` hook makes of them (contraries post-process it there);
* a cycle is solved by iteration from FALSE within its component until no
  atom's diagram changes (``fixpoint``): the *least* fixpoint, the worlds in
  which the atom has a well-founded proof, never an unfolding that would let
  ``p :- q. q :- p.`` support itself.

Example: ``0.5::e(a,b). 0.5::e(b,a). r(a). r(Y) :- r(X), e(X,Y).`` gives
r(b) = e(a,b) and r(a) = TRUE (the cycle back adds nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol

from assess import progress
from assess.diagnostics import AssessError
from assess.engine.ir import GroundAtom, IRRule
from assess.engine.provenance import FACT, DerivationGraph
from assess.engine.strata import ground_negative_cycle
from assess.semantics.prob.bdd import FALSE, TRUE, Manager
from assess.semantics.prob.fixpoint import solve_component
from assess.semantics.prob.order import Extra

Combine = Callable[["Lineage", int, list[tuple[int, int]]], int]
"""``combine(lineage, atom, [(derivation id, its lineage), …]) -> atom lineage``.

The default is the OR of the derivation lineages. A hook may read any other
atom's derivations through ``lineage.derivation(d)`` provided its body atoms
are of earlier components (declare them through the plan's ``extra``).
"""


class Readout(Protocol):
    """Further named formulas about each query, counted alongside it.

    ``compile_model`` plans ``reads(q)`` with the roots, and after solving
    adds each of ``formulas(lineage, q)`` to the circuit; the model reports
    its probability under the name (given the evidence, as queries are).
    """

    def reads(self, query: GroundAtom) -> Iterable[int]:
        """Graph atoms the formulas read beyond ``query`` itself."""
        ...

    def formulas(self, lineage: Lineage, query: GroundAtom) -> Mapping[str, int]:
        """Name → diagram over the solved lineage (empty: nothing to add)."""
        ...


class Hooks(NamedTuple):
    """What a reading other than plain ProbLog's gives the compiler."""

    combine: Combine
    extra: Extra
    readout: Readout | None = None


def disjoin(lineage: Lineage, atom: int, derivations: list[tuple[int, int]]) -> int:
    """The plain distribution semantics: an atom holds if some derivation does."""
    return lineage.manager.disj_all([f for _, f in derivations])


class Lineage:
    """Atom and derivation lineages in one manager; fill with ``solve``."""

    def __init__(
        self,
        rules: Sequence[IRRule],
        graph: DerivationGraph,
        manager: Manager,
        coins: dict[int, int],
        combine: Combine = disjoin,
    ) -> None:
        self.rules, self.graph, self.manager = rules, graph, manager
        self.coins = coins
        """Derivation id → the diagram of its own choice (absent: TRUE)."""
        self.combine = combine
        self.plain = combine is disjoin
        """Plain OR: cycles may be solved semi-naively."""
        self.atoms: dict[int, int] = {}
        self.current: int | None = None
        """The atom being compiled (for error messages)."""
        self._negated: dict[int, int] = {}
        self.max_sweeps: int | None = None
        """At most this many sweeps per cycle (``bounds``: under-diagrams)."""

    def of(self, atom: int) -> int:
        """The lineage of a solved atom (FALSE if it is not in the cone)."""
        return self.atoms.get(atom, FALSE)

    def negated(self, atom: int) -> int:
        found = self._negated.get(atom)
        if found is None:
            found = self._negated[atom] = self.manager.neg(self.of(atom))
        return found

    def derivation(self, d: int) -> int:
        """``coin ∧ positive body ∧ ¬negative body`` under current values."""
        der = self.graph.derivations[d]
        if der.rule == FACT:
            return TRUE
        parts = [self.coins.get(d, TRUE)]
        parts.extend(self.of(a) for a in der.pos)
        if FALSE in parts:
            return FALSE
        parts.extend(self.negated(a) for a in der.neg)
        return self.manager.conj_all(parts)

    def value(self, atom: int) -> int:
        """``atom``'s lineage from its derivations under the current values."""
        self.current = atom
        found = [(d, self.derivation(d)) for d in self.graph.by_head[atom]]
        return self.combine(self, atom, found)

    def solve(self, components: Sequence[Sequence[int]]) -> None:
        """Compile each component in turn (dependencies first)."""
        total = len(components)
        for done, component in enumerate(components):
            progress.report("compiling", done, total, f"{len(self.manager):,} nodes")
            if len(component) == 1 and not self._self_loop(component[0]):
                self.atoms[component[0]] = self.value(component[0])
            else:
                solve_component(self, component)
            self.collect()

    def collect(self) -> None:
        """Let the manager release the formulas no atom, negation or coin
        holds (plain OR only: a hook may hold formulas of its own)."""
        collect = getattr(self.manager, "collect", None)
        due = getattr(self.manager, "due", None)
        if self.plain and collect is not None and due is not None and due():
            collect([*self.atoms.values(), *self._negated.values(), *self.coins.values()])

    def _self_loop(self, atom: int) -> bool:
        return any(atom in d.pos or atom in d.neg for d in self.graph.derivations_of(atom))

    def negative_cycle(self, component: Sequence[int]) -> None:
        raise AssessError([ground_negative_cycle(self.rules, self.graph, component)])
