"""Dependency graphs and their strongly connected components.

A ``DependencyGraph`` has an edge ``head → body`` when *head depends on*
body, either positively or *negatively* (through negation, an attack), and
each edge keeps its *origin*: whatever made it (a rule's span, a rule id),
so that a cycle can name the rules that make it. The graph is generic in the
node type and in the origin; the checker builds one over predicates of the
syntax tree (``check.dependencies``), the engine one over IR predicates
(``engine.strata``), the probabilistic compiler one over ground atoms
(``semantics.prob.contraries``), and the superiority check one over labels.

Nodes that depend on each other, directly or not, form one strongly
connected component (SCC); a component is **recursive** when it has an edge
inside it (a self-loop counts). ``components()`` returns the SCCs in
**dependency order**: every component comes after all the components it
depends on, so evaluating them in that order is a valid stratification
(Tarjan's algorithm emits them so; it is iterative here, so deep chains do
not hit Python's recursion limit). A component with a negative edge inside
is a ``Cycle``: negation (or attack) inside recursion, which has no
stratified reading. Building is O(E); the SCCs are O(V + E).

Example::

    >>> g: DependencyGraph[str, int] = DependencyGraph()
    >>> g.add_edge("win", "move", False, 0)
    >>> g.add_edge("win", "win", True, 0)
    >>> [sorted(c) for c in g.components()]
    [['move'], ['win']]
    >>> [sorted(c.nodes) for c in g.negative_cycles()]
    [['win']]
    >>> sorted(g.depends_on(["win"]))
    ['move', 'win']
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

N = TypeVar("N", bound=Hashable)
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Edge(Generic[N, R]):
    """``head`` depends on ``body`` (negatively: through negation), by ``origin``."""

    head: N
    body: N
    negative: bool
    origin: R


@dataclass(frozen=True, slots=True)
class Cycle(Generic[N, R]):
    """A recursive component with a negative edge: its nodes and inner edges."""

    nodes: frozenset[N]
    edges: tuple[Edge[N, R], ...]


class DependencyGraph(Generic[N, R]):
    """Nodes in insertion order; edges from a head to what it depends on."""

    def __init__(self) -> None:
        self._successors: dict[N, list[Edge[N, R]]] = {}

    def add_node(self, node: N) -> None:
        self._successors.setdefault(node, [])

    def add_edge(self, head: N, body: N, negative: bool, origin: R) -> None:
        self.add_node(body)
        self._successors.setdefault(head, []).append(Edge(head, body, negative, origin))

    @property
    def nodes(self) -> list[N]:
        return list(self._successors)

    def edges_from(self, node: N) -> Sequence[Edge[N, R]]:
        return self._successors.get(node, ())

    def depends_on(self, goals: Iterable[N]) -> set[N]:
        """Every node reachable from ``goals`` (the goals included)."""
        seen = set(goals)
        todo = list(seen)
        while todo:
            for edge in self.edges_from(todo.pop()):
                if edge.body not in seen:
                    seen.add(edge.body)
                    todo.append(edge.body)
        return seen

    def components(self) -> list[frozenset[N]]:
        """The SCCs, each after every component it depends on."""
        return _tarjan(self._successors)

    def inner_edges(self, component: frozenset[N]) -> list[Edge[N, R]]:
        """The edges between nodes of ``component``: empty if not recursive."""
        return [
            edge
            for node in component
            for edge in self._successors.get(node, ())
            if edge.body in component
        ]

    def negative_cycles(self) -> list[Cycle[N, R]]:
        """Every component with negation inside its recursion."""
        cycles = []
        for component in self.components():
            inner = self.inner_edges(component)
            if any(edge.negative for edge in inner):
                cycles.append(Cycle(component, tuple(inner)))
        return cycles

    def cycle_through(self, edge: Edge[N, R], component: frozenset[N]) -> list[Edge[N, R]]:
        """A shortest cycle that starts with ``edge`` and stays inside ``component``."""
        came_from: dict[N, Edge[N, R] | None] = {edge.body: None}
        todo = deque([edge.body])
        while todo:
            node = todo.popleft()
            if node == edge.head:
                break
            for step in self.edges_from(node):
                if step.body in component and step.body not in came_from:
                    came_from[step.body] = step
                    todo.append(step.body)
        path: list[Edge[N, R]] = []
        back = came_from.get(edge.head)
        while back is not None:
            path.append(back)
            back = came_from.get(back.head)
        return [edge, *reversed(path)]


def _tarjan(successors: dict[N, list[Edge[N, R]]]) -> list[frozenset[N]]:
    """Tarjan's SCC algorithm with an explicit stack (no recursion)."""
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    found: list[frozenset[N]] = []
    for root in successors:
        if root in index:
            continue
        work: list[tuple[N, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = successors.get(node, [])
            while position < len(edges):
                target = edges[position].body
                position += 1
                if target not in index:
                    work.append((node, position))
                    work.append((target, 0))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    found.append(_pop_component(node, stack, on_stack))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return found


def _pop_component(root: N, stack: list[N], on_stack: set[N]) -> frozenset[N]:
    members = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        members.append(member)
        if member == root:
            return frozenset(members)
