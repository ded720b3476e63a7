"""The predicate dependency graph and its strongly connected components.

A rule ``h :- b1, \\+ b2.`` gives the edges ``h → b1`` (positive) and
``h → b2`` (negative): *h depends on* b1 and b2. Predicates that depend on
each other, directly or not, form one strongly connected component (SCC);
a component is **recursive** when it has an edge inside it (a self-loop
counts). Negation is stratifiable exactly when no edge inside a component is
negative; a negative inner edge is *negation inside recursion*.

``components()`` returns the SCCs in **dependency order**: every component
comes after all the components it depends on, so evaluating them in that
order is a valid stratification (Tarjan's algorithm emits them so; it is
iterative here, so deep recursion chains do not hit Python's stack limit).

The graph is generic in the node type (the checker uses ``(name, arity,
contrary)`` tuples, the engine can use its ``Pred``) and in the *origin*
attached to each edge (a span, a rule id), so that a cycle can name the
rules that make it. Building is R(E); the SCCs are R(V + E).

Example::

    >>> g: DependencyGraph[str, int] = DependencyGraph()
    >>> g.add_edge("win", "move", False, 0)
    >>> g.add_edge("win", "win", True, 0)
    >>> [sorted(c) for c in g.components()]
    [['move'], ['win']]
    >>> [sorted(c.nodes) for c in g.negative_cycles()]
    [['win']]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from assess.check.walk import body_atoms, heads, rules
from assess.syntax import ast

N = TypeVar("N", bound=Hashable)
R = TypeVar("R")

PredicateNode = tuple[str, int, bool]
"""Name, arity and whether it is the contrary ``~name`` (a different node)."""


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


def node_of(atom: ast.Atom) -> PredicateNode:
    return (atom.predicate, len(atom.args), atom.contrary)


def describe_node(node: PredicateNode) -> str:
    """``~name/arity`` or ``name/arity``."""
    name, arity, contrary = node
    return f"{'~' if contrary else ''}{name}/{arity}"


def program_graph(
    programs: Iterable[ast.Program],
) -> DependencyGraph[PredicateNode, ast.Span]:
    """The dependency graph of all rules of ``programs``; origins are rule spans."""
    graph: DependencyGraph[PredicateNode, ast.Span] = DependencyGraph()
    for rule in rules(list(programs)):
        for head in heads(rule):
            graph.add_node(node_of(head))
            for atom, negated in body_atoms(rule.body):
                graph.add_edge(node_of(head), node_of(atom), negated, rule.span)
    return graph
