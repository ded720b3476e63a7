"""``negative_cycle``: negation inside recursion has no stratified meaning.

The crisp reading evaluates strata bottom-up, so a predicate may depend on
the negation of another only if that one does not depend back on it. Using
``dependencies.program_graph``, each strongly connected component with a
negative edge inside it is one finding, reported at its first negative rule.
The message names *every* predicate of the component and *every* rule that
links them (with file:line), so the whole cycle can be untangled at once.

``negative_cycle`` builds that diagnostic for any graph of predicates whose
edges carry rule spans: the checker's here, the engine's stratification and
the probabilistic compiler's ground components (projected onto their
predicates) all report it through this one function, in one wording.

Example::

    win(X) :- move(X, Y), \\+ win(Y).

gives ``negation inside recursion: win/1 depends on itself through negation,
so there is no stratified reading; rules on the cycle: f.assess:1 (win/1 :-
not win/1)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Sequence
from typing import TypeVar

from assess.check.dependencies import describe_node, program_graph
from assess.diagnostics import Diagnostic, error
from assess.graphs import Edge
from assess.syntax import ast

N = TypeVar("N", bound=Hashable)


def _span_key(span: ast.Span) -> tuple[str, int, int]:
    return (span.file, span.line, span.column)


def _where(span: ast.Span) -> str:
    return f"{span.file}:{span.line}" if span.line else span.file


def _rules_text(edges: Collection[Edge[str, ast.Span]]) -> str:
    """One ``file:line (head :- body…)`` entry per rule on the cycle."""
    by_rule: dict[ast.Span, list[str]] = defaultdict(list)
    heads: dict[ast.Span, str] = {}
    for edge in sorted(edges, key=lambda e: (e.body, e.negative)):
        heads[edge.origin] = edge.head
        entry = f"not {edge.body}" if edge.negative else edge.body
        if entry not in by_rule[edge.origin]:
            by_rule[edge.origin].append(entry)
    entries = [
        f"{_where(span)} ({heads[span]} :- {', '.join(by_rule[span])})"
        for span in sorted(by_rule, key=_span_key)
    ]
    return "; ".join(entries)


def negative_cycle(
    edges: Collection[Edge[N, ast.Span]], describe: Callable[[N], str]
) -> Diagnostic:
    """The ``negative_cycle`` error of one recursive component.

    ``edges`` are the edges inside the component (at least one negative),
    each with the span of the rule that makes it; ``describe`` names a node
    (``p/1``). The error sits at the first negative rule.
    """
    named = [Edge(describe(e.head), describe(e.body), e.negative, e.origin) for e in edges]
    nodes = sorted({e.head for e in named} | {e.body for e in named})
    relation = (
        "depends on itself through negation"
        if len(nodes) == 1
        else "depend on each other, with a negation on the cycle"
    )
    first = min((edge.origin for edge in named if edge.negative), key=_span_key)
    return error(
        "negative_cycle",
        first,
        f"negation inside recursion: {', '.join(nodes)} {relation}, so there is no "
        f"stratified reading; rules on the cycle: {_rules_text(named)}",
    )


def check_negative_cycle(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """One finding per recursive component with a negative edge inside."""
    return [
        negative_cycle(cycle.edges, describe_node)
        for cycle in program_graph(programs).negative_cycles()
    ]
