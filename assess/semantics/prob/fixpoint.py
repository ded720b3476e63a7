"""Lineage of a cycle: the least fixpoint inside one component.

Within a strongly connected component the lineages depend on each other.
Starting from FALSE and applying ``atom = OR of its derivations`` until no
diagram changes gives the least fixpoint — the worlds where the atom has a
well-founded proof (``p :- q. q :- p.`` supports nothing). Diagrams are
canonical, so "no change" is an integer comparison.

The work is ordered and semi-naive:

* atoms are visited in Gauss-Seidel sweeps, ordered by breadth-first rank
  from the *base* atoms (those with a derivation that reads nothing of the
  component) and alternately back, so a proof travelling outward settles in
  one sweep and one winding back in the next;
* an atom is recomputed only when something it reads has changed, and then
  only the derivations that read a changed atom, OR-ed into its current
  diagram (sound because every lineage only grows).

With a ``Combine`` hook other than plain OR, atoms are recomputed whole
(the hook sees every derivation), in the same sweeps.

Example: ``r(a). r(Y) :- r(X), e(X,Y).`` over ``0.5::e(a,b). 0.5::e(b,a).``
settles r(b) = e(a,b) after one propagation; r(a) stays TRUE.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assess.semantics.prob.bdd import FALSE

if TYPE_CHECKING:
    from assess.semantics.prob.lineage import Lineage


def _ranks(
    members: Sequence[int], readers: dict[int, list[tuple[int, int]]], base: set[int]
) -> dict[int, int]:
    """Breadth-first distance from the base atoms along reading edges."""
    rank = dict.fromkeys(members, len(members))
    queue = deque(sorted(base))
    for atom in queue:
        rank[atom] = 0
    while queue:
        atom = queue.popleft()
        for reader, _ in readers[atom]:
            if rank[reader] > rank[atom] + 1:
                rank[reader] = rank[atom] + 1
                queue.append(reader)
    return rank


def solve_component(lineage: Lineage, component: Sequence[int]) -> None:
    """Set ``lineage.atoms`` for every atom of ``component`` (see module doc)."""
    members = set(component)
    readers: dict[int, list[tuple[int, int]]] = {a: [] for a in component}
    base: dict[int, list[int]] = {a: [] for a in component}
    for atom in component:
        for d in lineage.graph.by_head[atom]:
            der = lineage.graph.derivations[d]
            if members.intersection(der.neg):
                lineage.negative_cycle(component)
            inside = members.intersection(der.pos)
            if not inside:
                base[atom].append(d)
            for body in inside:
                readers[body].append((atom, d))
    for atom in component:
        lineage.atoms[atom] = FALSE
    rank = _ranks(component, readers, {a for a in component if base[a]})
    _sweeps(lineage, sorted(component, key=lambda a: (rank[a], a)), readers)


def _sweeps(lineage: Lineage, order: list[int], readers: dict[int, list[tuple[int, int]]]) -> None:
    """Gauss-Seidel sweeps, alternately outward from the base and back.

    ``dirty[a]`` holds the derivations of ``a`` that read an atom changed
    since ``a`` was last computed; with plain OR only those are recomputed
    and joined to the current diagram (lineages only grow), otherwise the
    whole atom is recomputed through the hook.
    """
    dirty: dict[int, set[int]] = {a: set(lineage.graph.by_head[a]) for a in order}
    if not lineage.plain:
        # A hook may make something of an atom with no derivation (the
        # residual of an exclusive set): every atom is computed at least once.
        dirty = {a: found or {_UNDERIVED} for a, found in dirty.items()}
    sweeps = 0
    while any(dirty.values()):
        sweeps += 1
        if lineage.max_sweeps is not None and sweeps > lineage.max_sweeps:
            return
        for atom in order:
            if not dirty[atom]:
                continue
            new = _recompute(lineage, atom, dirty[atom])
            dirty[atom] = set()
            if new != lineage.atoms[atom]:
                lineage.atoms[atom] = new
                for reader, d in readers[atom]:
                    dirty[reader].add(d)
        order.reverse()
        lineage.collect()


_UNDERIVED = -1
"""Marks an atom with no derivation as due for its first computation."""


def _recompute(lineage: Lineage, atom: int, changed: set[int]) -> int:
    if not lineage.plain:
        return lineage.value(atom)
    lineage.current = atom
    parts = [lineage.atoms[atom], *(lineage.derivation(d) for d in sorted(changed))]
    return lineage.manager.disj_all(parts)
