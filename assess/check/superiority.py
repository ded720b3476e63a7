"""``superiority_cycle``: the superiority relation between labels is acyclic.

``[a] > [b].`` says a rule labelled ``a`` beats one labelled ``b``. Defeasible
logic needs the relation to be acyclic (a strict partial order): with
``[a] > [b]. [b] > [a].`` neither rule wins and the ruleset says nothing
consistent. Each strongly connected component of the superiority graph with
an edge inside it (``[a] > [a].`` included) is one finding, at its first
statement, naming every label and every statement (file:line) on it.

Example: ``[a] > [b].  [b] > [c].  [c] > [a].`` is one finding naming a, b
and c and the three statements.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.check.walk import all_items
from assess.diagnostics import Diagnostic, error
from assess.graphs import DependencyGraph
from assess.syntax import ast


def _key(span: ast.Span) -> tuple[str, int, int]:
    return (span.file, span.line, span.column)


def check_superiority_cycle(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """One finding per cycle of the superiority relation."""
    graph: DependencyGraph[str, ast.Span] = DependencyGraph()
    for item in all_items(programs):
        if isinstance(item, ast.Superiority):
            graph.add_edge(item.superior, item.inferior, False, item.span)
    findings = []
    for component in graph.components():
        spans = sorted({edge.origin for edge in graph.inner_edges(component)}, key=_key)
        if not spans:
            continue
        labels = ", ".join(f"[{label}]" for label in sorted(component))
        places = ", ".join(f"{span.file}:{span.line}" for span in spans)
        if len(component) == 1:
            message = f"{labels} is declared superior to itself ({places})"
        else:
            message = (
                f"superiority goes round in a cycle between {labels} ({places}): "
                "no rule on it can beat the others; remove one of these statements"
            )
        findings.append(error("superiority_cycle", spans[0], message))
    return findings
