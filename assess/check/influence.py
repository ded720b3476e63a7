"""The influence graph the tradecraft checks read: who can push what, how hard.

Static, over predicates (the program's text, no evidence evaluated); not to
be confused with the argument map of ``explain.argmap``, which is read off
the compiled model, ground instance by ground instance.

Predicates are nodes ``(name, arity, contrary)``. Each rule ``[w] h :- b``
gives an edge from its head ``h`` to each body atom, *negative* if the atom
is under negation as failure, weighted by the rule's probability (1 when it
has none). Following edges from a hypothesis with the *parity* of the
negations crossed tells how an indicator bears on it:

* an indicator reached with even parity can **support** ``h``;
* reached with odd parity it can **count against** it. Contraries count as
  negations: from any node a route may step to ``~node`` or to a predicate
  declared in ``conflict`` with it, flipping the parity (what supports
  ``~p`` weakens ``p``, at any depth) — if some rule or report can make
  that opponent true.

In an **exclusive** competing set (``competing s exclusive: …``) what
supports one member counts against the others: each member opposes the
rest, like a ``conflict``. And since such a set may be read generatively
(rules from a hypothesis to the indicators it would produce,
``0.7::crossings :- offensive.``), an indicator a member produces bears on
it as well: each rule whose body holds a member, or something a member
produces, also gives the reverse edge from that body atom to its head
(Bayes' rule reads the likelihood backwards).

The **strength** of a route is the product of the weights of the rules along
it; ``strongest`` gives, per (node, polarity), the strongest route from the
start (weights are at most 1, so cycles never help and a simple relaxation
terminates). Evidence predicates are the declared indicators and, when a
program declares none, whatever is reported.

Example: with ``[a] 0.6::h :- x.``, ``[b] 0.8::~h :- y.`` and
``[c] 0.9::h :- z, \\+ w.``, ``influence(graph, ("h", 0, False))`` maps ``x``
to (0.6, 0), ``z`` to (0.9, 0), ``y`` to (0, 0.8) and ``w`` to
(0, 0.9): x and z can support h; y (through ~h) and w (through negation)
can only count against it.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from assess.analysis.icd203 import clamp
from assess.check.walk import all_items, body_atoms, heads, rules
from assess.syntax import ast

Node = tuple[str, int, bool]
SUPPORT, AGAINST = 0, 1


def node_of(atom: ast.Atom) -> Node:
    return (atom.predicate, len(atom.args), atom.contrary)


def _rule_edges(rule: ast.Clause | ast.Disjunction) -> list[tuple[Node, Node, bool, float]]:
    if isinstance(rule, ast.Clause):
        weighted = [(rule.head, 1.0 if rule.probability is None else rule.probability)]
    else:
        weighted = [(choice.atom, choice.probability) for choice in rule.choices]
    return [
        (node_of(head), node_of(atom), negated, clamp(weight))
        for head, weight in weighted
        for atom, negated in body_atoms(rule.body)
    ]


@dataclass
class InfluenceGraph:
    """Weighted, signed edges between predicates, and the analyst's declarations."""

    edges: dict[Node, list[tuple[Node, bool, float]]] = field(default_factory=dict)
    hypotheses: dict[str, ast.HypothesisDecl] = field(default_factory=dict)
    indicators: dict[str, ast.IndicatorDecl] = field(default_factory=dict)
    competing: list[ast.CompetingDecl] = field(default_factory=list)
    conflicts: dict[Node, set[Node]] = field(default_factory=dict)
    reported: set[Node] = field(default_factory=set)
    concluded: set[Node] = field(default_factory=set)
    """Heads of rules and facts: what some rule can make true."""
    rivals: dict[Node, set[Node]] = field(default_factory=dict)
    """Member -> the other members of its exclusive sets (every one can hold)."""
    residuals: set[str] = field(default_factory=set)
    """Residual members of exclusive sets (``otherwise r``)."""
    produced: set[Node] = field(default_factory=set)
    """What members of exclusive sets produce, through rules (generative)."""
    produces: dict[Node, list[tuple[Node, bool, float]]] = field(default_factory=dict)
    """The reverse edges: from a body atom to the head it produces."""

    def hypothesis_node(self, name: str) -> Node:
        declared = self.hypotheses.get(name)
        return (name, len(declared.params) if declared else 0, False)

    def evidence_nodes(self) -> set[Node]:
        """Declared indicators (either polarity), else whatever is reported."""
        if not self.indicators:
            return set(self.reported)
        found: set[Node] = set()
        for decl in self.indicators.values():
            found.add((decl.name, len(decl.params), False))
            found.add((decl.name, len(decl.params), True))
        return found

    def opponents(self, node: Node) -> set[Node]:
        """``~node`` and the predicates in conflict with it, that something can make true.

        A predicate with no rule and no report is never true, so it opposes nothing.
        """
        name, arity, contrary = node
        candidates = {(name, arity, not contrary)} | self.conflicts.get(node, set())
        found = {c for c in candidates if c in self.concluded or c in self.reported}
        return found | self.rivals.get(node, set())


_built: list[tuple[tuple[ast.Program, ...], InfluenceGraph]] = []
"""The last graph built, with its programs: four checks read the same graph."""


def build(programs: Sequence[ast.Program]) -> InfluenceGraph:
    """The argument map of every rule and declaration of ``programs``
    (built once for the same programs: they are immutable; callers only read it)."""
    key = tuple(programs)
    for seen, graph in list(_built):
        if len(seen) == len(key) and all(a is b for a, b in zip(seen, key, strict=True)):
            return graph
    graph = _build(programs)
    _built[:] = [(key, graph)]
    return graph


def _build(programs: Sequence[ast.Program]) -> InfluenceGraph:
    graph = InfluenceGraph()
    for rule in rules(programs):
        if isinstance(rule, ast.Clause) and not rule.body:  # a fact: concluded, no edges
            graph.concluded.add(node_of(rule.head))
            continue
        graph.concluded.update(node_of(head) for head in heads(rule))
        for head, body, negated, weight in _rule_edges(rule):
            graph.edges.setdefault(head, []).append((body, negated, weight))
    for item in all_items(programs):
        if isinstance(item, ast.HypothesisDecl):
            graph.hypotheses.setdefault(item.name, item)
        elif isinstance(item, ast.IndicatorDecl):
            graph.indicators.setdefault(item.name, item)
        elif isinstance(item, ast.CompetingDecl):
            graph.competing.append(item)
        elif isinstance(item, ast.Report):
            graph.reported.add(node_of(item.atom))
    _conflicts(graph, programs)
    _exclusive(graph, programs)
    return graph


def _exclusive(graph: InfluenceGraph, programs: Sequence[ast.Program]) -> None:
    """Rivals within exclusive sets, and the reverse edges of what their
    members produce (module docstring)."""
    produced: set[Node] = set()
    for decl in graph.competing:
        if not decl.exclusive:
            continue
        members = [graph.hypothesis_node(m) for m in decl.members]
        produced.update(members)
        graph.produced.update(members)
        if decl.residual:
            graph.residuals.add(decl.members[-1])
        for member in members:
            graph.rivals.setdefault(member, set()).update(m for m in members if m != member)
    reversed_: set[tuple[Node, Node, bool, float]] = set()
    grew = bool(produced)
    while grew:
        grew = False
        for rule in rules(programs):
            for head, body, negated, weight in _rule_edges(rule):
                if body in produced and (body, head, negated, weight) not in reversed_:
                    reversed_.add((body, head, negated, weight))
                    graph.produces.setdefault(body, []).append((head, negated, weight))
                    if head not in produced:
                        produced.add(head)
                        graph.produced.add(head)
                        grew = True


def _conflicts(graph: InfluenceGraph, programs: Sequence[ast.Program]) -> None:
    """Conflicting predicates, at every arity either is used with."""
    arities: dict[str, set[int]] = {}
    for head, targets in graph.edges.items():
        arities.setdefault(head[0], set()).add(head[1])
        for body, _, _ in targets:
            arities.setdefault(body[0], set()).add(body[1])
    for item in all_items(programs):
        if isinstance(item, ast.ConflictDecl):
            for one, other in ((item.first, item.second), (item.second, item.first)):
                for arity in arities.get(one, set()) | arities.get(other, set()) or {0}:
                    graph.conflicts.setdefault((one, arity, False), set()).add(
                        (other, arity, False)
                    )


def strongest(
    graph: InfluenceGraph, start: Node, rivals: bool = True, forward: bool = True,
    backward: bool = True,
) -> dict[tuple[Node, int], float]:
    """(node, SUPPORT|AGAINST) -> strength of the strongest route from ``start``.

    A route that crosses an odd number of negations or contraries reaches its
    end AGAINST: from any node it may step to ``~node`` or to a predicate in
    conflict with it (at no cost), since what supports those weakens the node.
    Weights are at most 1, so a route never gains strength: Dijkstra's order
    (strongest first) settles each (node, polarity) once, O(E log V).
    """
    best: dict[tuple[Node, int], float] = {(start, SUPPORT): 1.0}
    heap: list[tuple[float, Node, int]] = [(-1.0, start, SUPPORT)]
    settled: set[tuple[Node, int]] = set()
    while heap:
        _, node, polarity = heapq.heappop(heap)
        if (node, polarity) in settled:
            continue
        settled.add((node, polarity))
        strength = best[(node, polarity)]
        edges = [*(graph.edges.get(node, ()) if forward else ()),
                 *(graph.produces.get(node, ()) if backward else ())]
        steps = [
            (target, polarity ^ int(negated), strength * weight)
            for target, negated, weight in edges
        ]
        opponents = graph.opponents(node) if rivals else graph.opponents(node) - graph.rivals.get(
            node, set())
        steps += [(other, polarity ^ 1, strength) for other in opponents]
        for target, reached, value in steps:
            if value > best.get((target, reached), 0.0):
                best[(target, reached)] = value
                heapq.heappush(heap, (-value, target, reached))
    return best


def influence(
    graph: InfluenceGraph, hypothesis: Node, rivals: bool = True
) -> dict[Node, tuple[float, float]]:
    """Evidence node -> (strongest support, strongest count-against) for
    ``hypothesis``. Without ``rivals``: what bears on the hypothesis itself,
    not through the other members of its exclusive sets, along routes that
    go one way (from it to what supports it, or to what it produces)."""
    walks = [strongest(graph, hypothesis)] if rivals else [
        strongest(graph, hypothesis, False, backward=False),
        strongest(graph, hypothesis, False, forward=False),
    ]
    found: dict[Node, list[float]] = {}
    evidence = graph.evidence_nodes()
    for walk in walks:
        for (node, polarity), strength in walk.items():
            if node in evidence and strength > 0:
                slot = found.setdefault(node, [0.0, 0.0])
                slot[polarity] = max(slot[polarity], strength)
    return {node: (pair[0], pair[1]) for node, pair in found.items()}


def hypotheses_without(
    programs: Sequence[ast.Program], polarity: int
) -> list[ast.HypothesisDecl]:
    """Declared hypotheses that no evidence bears on with ``polarity``
    (0: can support, 1: can count against), in declaration order; the
    residual of an exclusive set is never without support."""
    graph = build(programs)
    found = []
    for name, decl in graph.hypotheses.items():
        if polarity == SUPPORT and name in graph.residuals:
            continue  # it holds where no other member does: it needs no indicator
        bearing = influence(graph, graph.hypothesis_node(name))
        if not any(pair[polarity] > 0 for pair in bearing.values()):
            found.append(decl)
    return found


def indicator_node(decl: ast.IndicatorDecl) -> Node:
    return (decl.name, len(decl.params), False)
