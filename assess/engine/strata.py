"""The predicate dependency graph, its strongly connected components, strata.

A rule ``h :- b1, \\+ b2`` gives the edges ``h -> b1`` (positive) and
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
from dataclasses import dataclass

from assess.diagnostics import AssessError, Diagnostic, error
from assess.engine.ir import IRLiteral, IRRule, Pred


@dataclass(frozen=True, slots=True)
class Edge:
    """``head`` depends on ``body`` through ``rule`` (negatively or not)."""

    head: Pred
    body: Pred
    negated: bool
    rule: int


class DependencyGraph:
    """Predicates as nodes, one ``Edge`` per body literal of every rule."""

    def __init__(self, rules: Iterable[IRRule], extra: Iterable[Pred] = ()) -> None:
        self.rules = {rule.id: rule for rule in rules}
        self.edges: dict[Pred, list[Edge]] = {p: [] for p in extra}
        for rule in self.rules.values():
            self.edges.setdefault(rule.head.pred, [])
            for item in rule.body:
                if isinstance(item, IRLiteral):
                    edge = Edge(rule.head.pred, item.atom.pred, item.negated, rule.id)
                    self.edges[rule.head.pred].append(edge)
                    self.edges.setdefault(item.atom.pred, [])

    def depends_on(self, goals: Iterable[Pred]) -> set[Pred]:
        """Every predicate reachable from ``goals`` (the goals included)."""
        seen = set(goals)
        todo = list(seen)
        while todo:
            for edge in self.edges.get(todo.pop(), ()):
                if edge.body not in seen:
                    seen.add(edge.body)
                    todo.append(edge.body)
        return seen

    def components(self) -> list[frozenset[Pred]]:
        """The SCCs, each after every component it depends on (Tarjan)."""
        index: dict[Pred, int] = {}
        low: dict[Pred, int] = {}
        stack: list[Pred] = []
        on_stack: set[Pred] = set()
        found: list[frozenset[Pred]] = []
        for root in sorted(self.edges):
            if root not in index:
                self._tarjan(root, index, low, stack, on_stack, found)
        return found

    def _tarjan(
        self,
        root: Pred,
        index: dict[Pred, int],
        low: dict[Pred, int],
        stack: list[Pred],
        on_stack: set[Pred],
        found: list[frozenset[Pred]],
    ) -> None:
        """Iterative Tarjan from ``root`` (no recursion limit on deep chains)."""
        work: list[tuple[Pred, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = self.edges[node]
            if position < len(edges):
                work.append((node, position + 1))
                child = edges[position].body
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                component: set[Pred] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                found.append(frozenset(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])

    def cycle_through(self, edge: Edge, component: frozenset[Pred]) -> list[Edge]:
        """A cycle that starts with ``edge`` and stays inside ``component``."""
        came_from: dict[Pred, Edge | None] = {edge.body: None}
        todo = deque([edge.body])
        while todo:
            node = todo.popleft()
            if node == edge.head:
                break
            for step in self.edges[node]:
                if step.body in component and step.body not in came_from:
                    came_from[step.body] = step
                    todo.append(step.body)
        path: list[Edge] = []
        node = edge.head
        back = came_from.get(node)
        while back is not None:
            path.append(back)
            back = came_from.get(back.head)
        return [edge, *reversed(path)]


def _describe(graph: DependencyGraph, cycle: Sequence[Edge]) -> str:
    steps = []
    for edge in cycle:
        rule = graph.rules[edge.rule]
        how = "negatively on" if edge.negated else "on"
        steps.append(f"{edge.head} depends {how} {edge.body} (rule at {rule.span})")
    return "; ".join(steps)


def negative_cycles(graph: DependencyGraph) -> list[Diagnostic]:
    """One ``negative_cycle`` error per component that negation runs through."""
    found: list[Diagnostic] = []
    for component in graph.components():
        negative = [
            e for p in sorted(component) for e in graph.edges[p]
            if e.negated and e.body in component
        ]
        if not negative:
            continue
        cycle = graph.cycle_through(negative[0], component)
        names = ", ".join(str(e.head) for e in cycle)
        message = (
            f"negation inside a recursive cycle through {names}: "
            f"{_describe(graph, cycle)}; the program cannot be stratified"
        )
        found.append(error("negative_cycle", graph.rules[negative[0].rule].span, message))
    return found


def strata(graph: DependencyGraph) -> list[frozenset[Pred]]:
    """The components in evaluation order; raise on a negative cycle."""
    problems = negative_cycles(graph)
    if problems:
        raise AssessError(problems)
    return graph.components()
