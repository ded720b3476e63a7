"""``negative_cycle``: negation inside recursion has no stratified meaning.

The crisp reading evaluates strata bottom-up, so a predicate may depend on
the negation of another only if that one does not depend back on it. Using
``dependencies.program_graph``, each strongly connected component with a
negative edge inside it is one finding, reported at its first negative rule.
The message names *every* predicate of the component and *every* rule that
links them (with file:line), so the whole cycle can be untangled at once.

Example::

    win(X) :- move(X, Y), \\+ win(Y).

gives ``negation inside recursion: win/1 depends on itself through negation;
rules on the cycle: f.assess:1 (win/1 :- not win/1)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from assess.check.dependencies import PredicateNode, describe_node, program_graph
from assess.diagnostics import Diagnostic, error
from assess.graphs import Cycle
from assess.syntax import ast


def _span_key(span: ast.Span) -> tuple[str, int, int]:
    return (span.file, span.line, span.column)


def _rules_text(cycle: Cycle[PredicateNode, ast.Span]) -> str:
    """One ``file:line (head :- body…)`` entry per rule on the cycle."""
    by_rule: dict[ast.Span, list[str]] = defaultdict(list)
    heads: dict[ast.Span, str] = {}
    for edge in cycle.edges:
        heads[edge.origin] = describe_node(edge.head)
        body = describe_node(edge.body)
        entry = f"not {body}" if edge.negative else body
        if entry not in by_rule[edge.origin]:
            by_rule[edge.origin].append(entry)
    entries = [
        f"{span.file}:{span.line} ({heads[span]} :- {', '.join(by_rule[span])})"
        for span in sorted(by_rule, key=_span_key)
    ]
    return "; ".join(entries)


def _finding(cycle: Cycle[PredicateNode, ast.Span]) -> Diagnostic:
    names = ", ".join(sorted(describe_node(node) for node in cycle.nodes))
    relation = (
        "depends on itself through negation"
        if len(cycle.nodes) == 1
        else "depend on each other, with a negation on the cycle"
    )
    first = min((edge.origin for edge in cycle.edges if edge.negative), key=_span_key)
    return error(
        "negative_cycle",
        first,
        f"negation inside recursion: {names} {relation}, so there is no stratified "
        f"reading; rules on the cycle: {_rules_text(cycle)}",
    )


def check_negative_cycle(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """One finding per recursive component with a negative edge inside."""
    return [_finding(cycle) for cycle in program_graph(programs).negative_cycles()]
