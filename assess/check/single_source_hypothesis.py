"""``single_source_hypothesis`` (a warning): every route to a hypothesis rests on one source.

Sources linked by ``derived_from`` are one *origin* (``source_clusters``):
circular reporting is not corroboration. A predicate is **supportable** from
a set of origins when it has a certain fact, is reported by one of them, or
some rule for it has every positive body atom supportable (negations and
tests are ignored: they can only block a route). Priors (probabilistic
facts) are not evidence and support nothing here. Only the reports at the
top level of the files count; scenarios are hypothetical.

A hypothesis supportable from all origins *rests on* origin S when it is no
longer supportable once S's reports are removed: S is a single point of
failure, and the judgement should say so or seek a second source.

Example: ``[a] 0.7::attack :- convoy.`` with ``report convoy by tass …``
and ``report convoy by ria …`` where ``ria`` is ``derived_from tass``, is
one finding at ``hypothesis attack …`` naming ria and tass as one origin.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assess.analysis.grading import source_clusters
from assess.check.influence import Node, build, node_of
from assess.check.walk import body_atoms, heads, rules
from assess.diagnostics import Diagnostic, warning
from assess.syntax import ast

RuleShape = tuple[tuple[Node, ...], tuple[Node, ...]]  # heads, positive body


def _shapes(programs: Sequence[ast.Program]) -> tuple[list[RuleShape], set[Node]]:
    """Rules as (heads, positive body nodes), and the nodes of certain facts."""
    shapes: list[RuleShape] = []
    certain: set[Node] = {("true", 0, False)}
    for rule in rules(programs):
        targets = tuple(node_of(h) for h in heads(rule))
        positive = tuple(node_of(a) for a, negated in body_atoms(rule.body) if not negated)
        if isinstance(rule, ast.Clause) and not rule.body:
            if rule.probability is None and rule.kind is ast.RuleKind.STRICT:
                certain.update(targets)
            continue
        if rule.body:
            shapes.append((targets, positive))
    return shapes, certain


def supportable(shapes: Iterable[RuleShape], base: set[Node]) -> set[Node]:
    """The least set of nodes containing ``base`` and closed under the rules.

    Linear in the size of the rules (Dowling and Gallier's Horn closure): each
    rule counts the distinct body nodes it still waits for, and fires when
    the count reaches zero.
    """
    found = set(base)
    shapes = list(shapes)
    missing: list[int] = []
    waiting: dict[Node, list[int]] = {}
    ready: list[int] = []
    for index, (_, body) in enumerate(shapes):
        need = set(body) - found
        missing.append(len(need))
        for node in need:
            waiting.setdefault(node, []).append(index)
        if not need:
            ready.append(index)
    while ready:
        for target in shapes[ready.pop()][0]:
            if target in found:
                continue
            found.add(target)
            for waiter in waiting.get(target, ()):
                missing[waiter] -= 1
                if missing[waiter] == 0:
                    ready.append(waiter)
    return found


def _clusters(programs: Sequence[ast.Program]) -> dict[str, str]:
    """Each declared source -> the name of its origin."""
    return source_clusters(
        {s.name: s.derived_from for p in programs for s in p.statements
         if isinstance(s, ast.SourceDecl)}
    )


def _origins(programs: Sequence[ast.Program]) -> dict[str, set[Node]]:
    """Origin (cluster name) -> nodes reported by its sources, at top level."""
    cluster = _clusters(programs)
    reported: dict[str, set[Node]] = {}
    for program in programs:
        for statement in program.statements:
            if isinstance(statement, ast.Report):
                origin = cluster.get(statement.source, statement.source)
                reported.setdefault(origin, set()).add(node_of(statement.atom))
    return reported


def _describe(origin: str, clusters: dict[str, str]) -> str:
    """``isw``, or ``ria and tass (one origin, linked by derived_from)``."""
    members = sorted(n for n, root in clusters.items() if root == origin) or [origin]
    if len(members) == 1:
        return members[0]
    return f"{', '.join(members[:-1])} and {members[-1]} (one origin, linked by derived_from)"


def _necessary(
    shapes: list[RuleShape], certain: set[Node], reported: dict[str, set[Node]], goals: set[Node]
) -> dict[Node, list[str]]:
    """Goal -> the origins without whose reports it is no longer supportable.

    One closure per origin; an origin that reports nothing that certain facts
    or another origin do not also report cannot be necessary and is skipped.
    """
    necessary: dict[Node, list[str]] = {goal: [] for goal in goals}
    for origin in sorted(reported):
        others = certain.union(*(v for k, v in reported.items() if k != origin))
        if reported[origin] <= others:
            continue
        still = supportable(shapes, others)
        for goal in goals:
            if goal not in still:
                necessary[goal].append(origin)
    return necessary


def check_single_source_hypothesis(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Hypotheses that every route reaches only through one origin's reports."""
    graph = build(programs)
    if not graph.hypotheses:
        return []
    shapes, certain = _shapes(programs)
    reported = _origins(programs)
    everything = supportable(shapes, certain.union(*reported.values()))
    goals = {graph.hypothesis_node(name) for name in graph.hypotheses} & everything
    necessary = _necessary(shapes, certain, reported, goals)
    clusters = _clusters(programs)
    findings = []
    for name, decl in graph.hypotheses.items():
        origins = necessary.get(graph.hypothesis_node(name), [])
        if origins:
            described = [_describe(o, clusters) for o in origins]
            names = described[0] if len(described) == 1 else "each of " + "; ".join(described)
            findings.append(
                warning(
                    "single_source_hypothesis",
                    decl.span,
                    f"every route to hypothesis {name} rests on reports from {names}: "
                    f"without them nothing supports it; seek an independent source",
                )
            )
    return findings
