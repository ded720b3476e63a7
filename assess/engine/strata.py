"""The predicate dependency graph of IR rules, and its strata.

The graph and its components are ``assess.graphs``'s (the one
``DependencyGraph``, also the checker's); this module builds it over the
IR's predicates (``PredicateGraph``) and adds stratification. A rule
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

from collections.abc import Iterable, Sequence

from assess import graphs
from assess.diagnostics import AssessError, Diagnostic, error
from assess.engine.ir import IRLiteral, IRRule, Pred

Edge = graphs.Edge[Pred, int]
"""``head`` depends on ``body`` (``negative``: through negation) by rule ``origin``."""


class PredicateGraph(graphs.DependencyGraph[Pred, int]):
    """The dependency graph of ``rules`` over ``Pred`` nodes, rule ids as
    origins (``rules`` maps them back); ``extra`` predicates (facts, goals)
    are nodes too."""

    def __init__(self, rules: Iterable[IRRule], extra: Iterable[Pred] = ()) -> None:
        super().__init__()
        self.rules = {rule.id: rule for rule in rules}
        for pred in sorted(extra):
            self.add_node(pred)
        for rule in self.rules.values():
            self.add_node(rule.head.pred)
            for item in rule.body:
                if isinstance(item, IRLiteral):
                    self.add_edge(rule.head.pred, item.atom.pred, item.negated, rule.id)


def _describe(graph: PredicateGraph, cycle: Sequence[Edge]) -> str:
    steps = []
    for edge in cycle:
        rule = graph.rules[edge.origin]
        how = "negatively on" if edge.negative else "on"
        steps.append(f"{edge.head} depends {how} {edge.body} (rule at {rule.span})")
    return "; ".join(steps)


def negative_cycles(graph: PredicateGraph) -> list[Diagnostic]:
    """One ``negative_cycle`` error per component that negation runs through."""
    found: list[Diagnostic] = []
    for component in graph.components():
        inner = sorted(graph.inner_edges(component), key=lambda e: e.origin)
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


def strata(graph: PredicateGraph) -> list[frozenset[Pred]]:
    """The components in evaluation order; raise on a negative cycle."""
    problems = negative_cycles(graph)
    if problems:
        raise AssessError(problems)
    return graph.components()
