"""The predicate dependency graph of IR rules, and its strata.

The graph and its components are ``assess.graphs``'s (the one
``DependencyGraph``, also the checker's); this module builds it over the
IR's predicates (``PredicateGraph``) and adds stratification. A rule
``h :- b1, \\+ b2`` gives the edges ``h -> b1`` (positive) and
``h -> b2`` (negative): ``h`` depends on them; ``findall(T, g, L)`` gives
a negative edge too (it reads all of ``g``, so ``g`` must be finished). Each strongly connected
component (SCC) of this graph is one stratum; ``strata`` lists them so that
every predicate comes after everything it depends on (Tarjan's algorithm
emits components in exactly that order). A program is stratifiable iff no
negative edge joins two predicates of one component; otherwise
``negative_cycle`` errors name the whole cycle, every predicate and rule on it.

Example: for ``p :- q.  q :- \\+ r.  r :- r.`` the strata are
``[{r}, {q}, {p}]``; adding ``r :- p.`` makes one component {p, q, r} with
the negative edge q -> r inside: one ``negative_cycle`` error at the rule of
q, naming p, q, r and the rules of all three (``assess.check.cycles``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from assess import graphs
from assess.check import cycles
from assess.diagnostics import AssessError, Diagnostic
from assess.engine.ir import IRFindall, IRLiteral, IRRule, Pred
from assess.engine.provenance import DerivationGraph

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
                elif isinstance(item, IRFindall):  # all answers: a finished stratum
                    self.add_edge(rule.head.pred, item.goal.pred, True, rule.id)


def negative_cycle(
    rules: Mapping[int, IRRule] | Sequence[IRRule], edges: Iterable[Edge]
) -> Diagnostic:
    """The checker's ``negative_cycle`` error for edges whose origins are rule ids."""
    located = {graphs.Edge(e.head, e.body, e.negative, rules[e.origin].span) for e in edges}
    return cycles.negative_cycle(located, str)


def negative_cycles(graph: PredicateGraph) -> list[Diagnostic]:
    """One ``negative_cycle`` error per component that negation runs through."""
    return [negative_cycle(graph.rules, c.edges) for c in graph.negative_cycles()]


def ground_negative_cycle(
    rules: Sequence[IRRule], graph: DerivationGraph, component: Iterable[int]
) -> Diagnostic:
    """``negative_cycle`` for a component of ground atoms, named by their predicates."""
    members = set(component)
    edges: list[Edge] = []
    for atom in members:
        head = graph.atoms[atom][0]
        for der in graph.derivations_of(atom):
            inside = [(b, False) for b in der.pos if b in members]
            inside += [(b, True) for b in der.neg if b in members]
            edges.extend(
                graphs.Edge(head, graph.atoms[b][0], negative, der.rule)
                for b, negative in inside
            )
    return negative_cycle(rules, edges)


def strata(graph: PredicateGraph) -> list[frozenset[Pred]]:
    """The components in evaluation order; raise on a negative cycle."""
    problems = negative_cycles(graph)
    if problems:
        raise AssessError(problems)
    return graph.components()
