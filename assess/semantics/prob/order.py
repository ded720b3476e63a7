"""The cone of the queries: which atoms matter, in what order, which variables.

One depth-first search from the query and evidence atoms over the derivation
graph (atom → its derivations → their body atoms) yields, at once:

* the **cone**: only atoms the roots depend on are ever compiled;
* the **strongly connected components** of the cone (Tarjan), dependencies
  first — each is compiled after everything it reads, and a cycle is solved
  as a least fixpoint inside its component;
* the **variable order**: each choice is placed when the search leaves its
  derivation (post-order), *just above the topmost variable of its body*
  (keys are tuples: ``body key + (sequence,)`` sorts right after the body's
  top and before anything placed later). A derivation's coin thus lands on
  the diagram of its body, so ``coin ∧ body`` costs one node, even when the
  body was compiled for another query first (three hypotheses sharing
  indicators each keep their coin next to the indicator); a noisy-or keeps
  each indicator's reports together; on a grid the order sweeps across it
  and the frontier stays narrow. The choices of one annotated-disjunction
  group form one block. Derivations are visited in the order of their
  ground bodies (numbers numerically), so hashing never changes the order.

Example: for ``h :- c1, i1.  h :- c2, i2.`` (coins c, indicators i) the
order from the top is c2, i2's reports, c1, i1's reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from assess.engine.ir import IRRule
from assess.engine.provenance import DerivationGraph
from assess.semantics.prob.varorder import VariableOrder

Extra = Callable[[int], Iterable[int]]


@dataclass(frozen=True, slots=True)
class Cone:
    """The compile plan: components to solve in order, variables top-down."""

    components: tuple[tuple[int, ...], ...]
    blocks: tuple[tuple[int, ...], ...]
    """Choice derivations by variable, top first; a block is one coin or one group."""


class _Search:
    """Iterative Tarjan over atoms (ids < n) and derivations (ids ≥ n)."""

    def __init__(
        self,
        rules: Sequence[IRRule],
        graph: DerivationGraph,
        extra: Extra | None,
        ordered: Callable[[int], list[int]],
    ) -> None:
        self.rules, self.graph, self.extra = rules, graph, extra
        self.n = len(graph.atoms)
        self.index: dict[int, int] = {}
        self.lowlink: dict[int, int] = {}
        self.stack: list[int] = []
        self.on_stack: set[int] = set()
        self.components: list[tuple[int, ...]] = []
        self.ordered = ordered

    def successors(self, node: int) -> list[int]:
        n, graph = self.n, self.graph
        if node < n:
            found = [n + d for d in self.ordered(node)]
            if self.extra is not None:
                found.extend(self.extra(node))
            return found
        der = graph.derivations[node - n]
        return [*der.pos, *der.neg]

    def run(self, root: int) -> None:
        if root in self.index:
            return
        work: list[tuple[int, list[int], int]] = []
        self._enter(root, work)
        while work:
            node, succ, i = work[-1]
            if i < len(succ):
                work[-1] = (node, succ, i + 1)
                nxt = succ[i]
                if nxt not in self.index:
                    self._enter(nxt, work)
                elif nxt in self.on_stack:
                    self.lowlink[node] = min(self.lowlink[node], self.index[nxt])
                continue
            work.pop()
            self._leave(node)
            if work:
                parent = work[-1][0]
                self.lowlink[parent] = min(self.lowlink[parent], self.lowlink[node])

    def _enter(self, node: int, work: list[tuple[int, list[int], int]]) -> None:
        self.index[node] = self.lowlink[node] = len(self.index)
        self.stack.append(node)
        self.on_stack.add(node)
        work.append((node, self.successors(node), 0))

    def _leave(self, node: int) -> None:
        if self.lowlink[node] != self.index[node]:
            return
        atoms: list[int] = []
        while True:
            top = self.stack.pop()
            self.on_stack.discard(top)
            if top < self.n:
                atoms.append(top)
            if top == node:
                break
        if atoms:
            self.components.append(tuple(sorted(atoms)))


def plan(
    rules: Sequence[IRRule],
    graph: DerivationGraph,
    roots: Iterable[int],
    extra: Extra | None = None,
) -> Cone:
    """The cone of ``roots``: its components (dependencies first) and variable blocks."""
    order = VariableOrder(rules, graph)
    search = _Search(rules, graph, extra, order.derivations)
    roots = list(roots)
    for root in roots:
        search.run(root)
    n = len(graph.atoms)

    def attackers(atom: int) -> list[int]:
        # ``extra`` also names atoms (ids < n); only derivations carry choices.
        return [node - n for node in extra(atom) if node >= n] if extra is not None else []

    blocks = order.blocks(roots, search.components, attackers)
    return Cone(tuple(search.components), blocks)
