"""The variable order of the diagrams: where each choice sits.

A BDD is small when the variables that interact sit close together. Two
kinds of choice get two placements, both keyed by tuples of ints (a smaller
key sits *higher* in the diagram):

* a **leaf choice** (probabilistic fact, report, or a disjunction with an
  empty body) is keyed ``(i, 0)`` by breadth-first discovery from the query and
  evidence atoms, so the leaves nearest the queries sit on top. On a graph
  this sweeps outward from the source, so a reachability diagram's frontier
  stays a few edges wide; in a noisy-or the reports of each indicator are
  discovered together;
* a **rule choice** (a ground instance of a probabilistic rule, or a
  disjunction group with a body) is keyed ``last(body) + (j,)``, j ≥ 1
  counting rule choices (so no two keys collide): it sorts right below the
  deepest variable of its body and above anything keyed later, so
  ``coin ∧ body`` is one node, even when the body was compiled for another
  query (three hypotheses sharing an indicator each keep their coin next to
  it). ``last`` is computed bottom-up over the components; an atom whose
  lineage also reads a contrary's derivations (an attack) counts their
  choices as its own.

Leaves first and each coin under its body beat the mirror image (coins above
their bodies) on every family of ``bench/prob.py`` and by 30x on the
flagship ruleset, whose hypotheses share long chains of contested arguments.

Derivations are visited in the order of their ground bodies (numbers
numerically, then symbols), so Python's hashing never changes the order.

Example: for ``0.6::ind(I) :- rep(R), feeds(R, I).`` and
``0.7::h :- ind(I).`` the order from the top is rep(1)'s report, ind(1)'s
coin, h's coin for ind(1), then the same for ind(2).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence

from assess.engine.ir import IRRule
from assess.engine.provenance import DerivationGraph
from assess.semantics.prob.choices import GroupKey, group_key, is_choice

Key = tuple[int, ...]


def disjunction_groups(
    rules: Sequence[IRRule], graph: DerivationGraph
) -> dict[GroupKey, list[int]]:
    """Every disjunction group of the graph: key → member derivations by rule id."""
    groups: dict[GroupKey, list[int]] = {}
    for d, der in enumerate(graph.derivations):
        key = group_key(rules, der)
        if key is not None:
            groups.setdefault(key, []).append(d)
    for members in groups.values():
        members.sort(key=lambda d: graph.derivations[d].rule)
    return groups


def _value_key(value: object) -> tuple[int, str]:
    if isinstance(value, int | float):
        return (0, f"{float(value):+030.9f}")
    return (1, str(value))


class VariableOrder:
    """Computes the blocks of choice variables, top first (see module doc)."""

    def __init__(self, rules: Sequence[IRRule], graph: DerivationGraph) -> None:
        self.rules, self.graph = rules, graph
        self.groups = disjunction_groups(rules, graph)
        self._sorted: dict[int, list[int]] = {}

    def derivations(self, atom: int) -> list[int]:
        """``atom``'s derivations in the order of their ground bodies."""
        found = self._sorted.get(atom)
        if found is None:
            atoms = self.graph.atoms
            found = self._sorted[atom] = sorted(
                self.graph.by_head[atom],
                key=lambda d: [
                    (atoms[a][0].name, tuple(_value_key(v) for v in atoms[a][1]))
                    for a in (*self.graph.derivations[d].pos, *self.graph.derivations[d].neg)
                ],
            )
        return found

    def _block(self, d: int) -> tuple[int, ...]:
        group = group_key(self.rules, self.graph.derivations[d])
        return tuple(self.groups[group]) if group is not None else (d,)

    def _leaves(self, roots: Iterable[int]) -> dict[int, Key]:
        """Breadth-first keys of the leaf choices under ``roots``."""
        keys: dict[int, Key] = {}
        seen = set(roots)
        queue = deque(seen)
        while queue:
            atom = queue.popleft()
            for d in self.derivations(atom):
                der = self.graph.derivations[d]
                if not der.pos and not der.neg and is_choice(self.rules, der) and d not in keys:
                    keys.update(dict.fromkeys(self._block(d), (len(keys), 0)))
                for body in (*der.pos, *der.neg):
                    if body not in seen:
                        seen.add(body)
                        queue.append(body)
        return keys

    def blocks(
        self,
        roots: Sequence[int],
        components: Sequence[Sequence[int]],
        attackers: Callable[[int], Iterable[int]] | None = None,
    ) -> tuple[tuple[int, ...], ...]:
        """The choice blocks under ``roots``, top first.

        ``attackers(atom)`` lists derivations (not of ``atom``) that its
        lineage also reads, as a contrary's do: their choices are placed as if
        they were ``atom``'s own, and ``atom``'s top covers them.
        """
        keys = self._leaves(roots)
        top: dict[int, Key] = {}  # the deepest key under each atom
        rule_choices = 0
        for component in components:
            for _ in range(2 if len(component) > 1 else 1):
                for atom in component:
                    extra = attackers(atom) if attackers is not None else ()
                    for d in (*self.graph.by_head[atom], *extra):
                        der = self.graph.derivations[d]
                        body = max((top.get(a, ()) for a in (*der.pos, *der.neg)), default=())
                        if is_choice(self.rules, der):
                            if d not in keys:
                                rule_choices += 1
                                keys.update(dict.fromkeys(self._block(d), (*body, rule_choices)))
                            body = max(body, keys[d])
                        top[atom] = max(top.get(atom, ()), body)
        firsts: dict[Key, tuple[int, ...]] = {}
        for d, key in keys.items():
            firsts.setdefault(key, self._block(d))
        return tuple(firsts[k] for k in sorted(firsts))
