"""The checker's predicate dependency graph, built from the syntax tree.

A rule ``h :- b1, \\+ b2.`` gives the edges ``h → b1`` (positive) and
``h → b2`` (negative): *h depends on* b1 and b2. Nodes are ``(name, arity,
contrary)`` (``~p`` is a node of its own) and each edge's origin is the span
of the rule that makes it, so a cycle can name its rules. The graph itself,
its components in dependency order and its negative cycles are
``assess.graphs``; negation is stratifiable exactly when no component has a
negative edge inside it (``check.cycles``).

Example::

    >>> from assess.syntax.parser import parse
    >>> graph = program_graph([parse("win(X) :- move(X, Y), \\\\+ win(Y).")])
    >>> [describe_node(e.body) for e in graph.edges_from(("win", 1, False))]
    ['move/2', 'win/1']
    >>> [sorted(map(describe_node, c.nodes)) for c in graph.negative_cycles()]
    [['win/1']]
"""

from __future__ import annotations

from collections.abc import Iterable

from assess.check.walk import body_atoms, derive_once, heads, rules
from assess.graphs import DependencyGraph
from assess.syntax import ast

PredicateNode = tuple[str, int, bool]
"""Name, arity and whether it is the contrary ``~name`` (a different node)."""


def node_of(atom: ast.Atom) -> PredicateNode:
    return (atom.predicate, len(atom.args), atom.contrary)


def describe_node(node: PredicateNode) -> str:
    """``~name/arity`` or ``name/arity``."""
    name, arity, contrary = node
    return f"{'~' if contrary else ''}{name}/{arity}"


def program_graph(
    programs: Iterable[ast.Program],
) -> DependencyGraph[PredicateNode, ast.Span]:
    """The dependency graph of all rules of ``programs``; origins are rule
    spans. Built once per set of programs (``walk.derive_once``): the cycle and
    safety checks both read it, and must not change it."""
    listed = list(programs)
    return derive_once(listed, "program_graph", lambda: _graph(listed))


def _graph(programs: list[ast.Program]) -> DependencyGraph[PredicateNode, ast.Span]:
    graph: DependencyGraph[PredicateNode, ast.Span] = DependencyGraph()
    seen: set[PredicateNode] = set()  # the heads of facts, added once each
    for rule in rules(programs):
        if type(rule) is ast.Clause and not rule.body:
            node = node_of(rule.head)
            if node not in seen:
                seen.add(node)
                graph.add_node(node)
            continue
        for head in heads(rule):
            graph.add_node(node_of(head))
            for atom, negated in body_atoms(rule.body):
                graph.add_edge(node_of(head), node_of(atom), negated, rule.span)
    return graph
