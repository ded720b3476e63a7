"""The predicate dependency graph, its strongly connected components, strata.

The graph and Tarjan's algorithm are the checker's
(``assess.check.dependencies``); this module adds stratification. A rule
``h :- b1, \\+ b2`` gives the edges ``h -> b1`` (positive) and
``h -> b2`` (negative): ``h`` depends on them. Each strongly connected
component (SCC) of this graph is one stratum; ``strata`` lists them so that
every predicate comes after everything it depends on (Tarjan's algorithm
emits components in exactly that order). A program is stratifiable iff no
negative edge joins two predicates of one component; otherwise
``negative_cycle`` errors name the whole cycle, every predicate and rule on it.

Example: for ``p :- q.  q :- \\+ r.  r :- r.`` the strata are
``[{r}, {q}, {p}]``; adding ``r :- p.`` makes one component {p, q, r} whose
negative edge q -> r is reported as the cycle ``q -> r -> p -> q``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

from assess.check import dependencies
from assess.diagnostics import AssessError, Diagnostic, error
from assess.engine.ir import IRLiteral, IRRule, Pred

Edge = dependencies.Edge[Pred, int]
"""``head`` depends on ``body`` (``negative``: through negation) by rule ``origin``."""


class DependencyGraph:
    """The checker's generic graph over ``Pred`` nodes, rule ids as origins."""

    def __init__(self, rules: Iterable[IRRule], extra: Iterable[Pred] = ()) -> None:
        self.rules = {rule.id: rule for rule in rules}
        self.graph: dependencies.DependencyGraph[Pred, int] = dependencies.DependencyGraph()
        for pred in sorted(extra):
            self.graph.add_node(pred)
        for rule in self.rules.values():
            self.graph.add_node(rule.head.pred)
            for item in rule.body:
                if isinstance(item, IRLiteral):
                    self.graph.add_edge(rule.head.pred, item.atom.pred, item.negated, rule.id)

    @property
    def nodes(self) -> list[Pred]:
        return self.graph.nodes

    def depends_on(self, goals: Iterable[Pred]) -> set[Pred]:
        """Every predicate reachable from ``goals`` (the goals included)."""
        seen = set(goals)
        todo = list(seen)
        while todo:
            for edge in self.graph.edges_from(todo.pop()):
                if edge.body not in seen:
                    seen.add(edge.body)
                    todo.append(edge.body)
        return seen

    def components(self) -> list[frozenset[Pred]]:
        """The SCCs, each after every component it depends on (Tarjan)."""
        return self.graph.components()

    def cycle_through(self, edge: Edge, component: frozenset[Pred]) -> list[Edge]:
        """A cycle that starts with ``edge`` and stays inside ``component``."""
        came_from: dict[Pred, Edge | None] = {edge.body: None}
        todo = deque([edge.body])
        while todo:
            node = todo.popleft()
            if node == edge.head:
                break
            for step in self.graph.edges_from(node):
                if step.body in component and step.body not in came_from:
                    came_from[step.body] = step
                    todo.append(step.body)
        path: list[Edge] = []
        back = came_from.get(edge.head)
        while back is not None:
            path.append(back)
            back = came_from.get(back.head)
        return [edge, *reversed(path)]


def _describe(graph: DependencyGraph, cycle: Sequence[Edge]) -> str:
    steps = []
    for edge in cycle:
        rule = graph.rules[edge.origin]
        how = "negatively on" if edge.negative else "on"
        steps.append(f"{edge.head} depends {how} {edge.body} (rule at {rule.span})")
    return "; ".join(steps)


def negative_cycles(graph: DependencyGraph) -> list[Diagnostic]:
    """One ``negative_cycle`` error per component that negation runs through."""
    found: list[Diagnostic] = []
    for component in graph.components():
        inner = sorted(graph.graph.inner_edges(component), key=lambda e: e.origin)
        negative = [e for e in inner if e.negative]
        if not negative:
            continue
        cycle = graph.cycle_through(negative[0], component)
        names = ", ".join(str(e.head) for e in cycle)
        message = (
            f"negation inside a recursive cycle through {names}: "
            f"{_describe(graph, cycle)}; the program cannot be stratified"
        )
        found.append(error("negative_cycle", graph.rules[negative[0].origin].span, message))
    return found


def strata(graph: DependencyGraph) -> list[frozenset[Pred]]:
    """The components in evaluation order; raise on a negative cycle."""
    problems = negative_cycles(graph)
    if problems:
        raise AssessError(problems)
    return graph.components()
