"""The argument map as Graphviz DOT, and as SVG through Graphviz's ``dot``.

Hypotheses are bold rounded boxes, indicators pale yellow ellipses, other
conclusions plain ellipses, arguments small grey boxes (label, weight and
the probability that the argument fires),
evidence pale blue notes (sources and grades). Support edges are solid
black arrows; attacks are red, dashed, ending in a bar; a condition (a
premise that must fail) is grey, dotted, ending in a circle. Every atom and
evidence node shows its probability; an argument its weight.

``svg(dot_text)`` runs ``dot -Tsvg``; when Graphviz is missing it raises
``GraphvizMissing`` with a one-line message on how to install it.

Example::

    >>> from assess.explain.argmap import ArgumentMap, MapNode
    >>> print(to_dot(ArgumentMap((MapNode("a0", "hypothesis", "h", 0.4),), ())).splitlines()[3])
      a0 [label="h\\n40 %", shape=box, style="rounded,bold"];
"""

from __future__ import annotations

import shutil
import subprocess

from assess.analysis.icd203 import clamp, percent
from assess.explain.argmap import ArgumentMap, MapEdge, MapNode

INSTALL = ("Graphviz's 'dot' is not installed; install it (apt-get install graphviz, "
           "brew install graphviz, or https://graphviz.org/download/) or use --format dot")

_NODE_STYLE = {
    "hypothesis": 'shape=box, style="rounded,bold"',
    "indicator": 'shape=ellipse, style=filled, fillcolor="#fff7d6"',
    "atom": "shape=ellipse",
    "argument": 'shape=box, style=filled, fillcolor="#eeeeee", fontsize=10',
    "evidence": 'shape=note, style=filled, fillcolor="#dcebfa", fontsize=10',
}
_EDGE_STYLE = {
    "support": "color=black",
    "attack": 'color="#c0392b", style=dashed, arrowhead=tee',
    "condition": 'color="#888888", style=dotted, arrowhead=odot, label="unless"',
}


class GraphvizMissing(Exception):
    """Graphviz's ``dot`` is not on PATH."""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _label(node: MapNode) -> str:
    if node.probability is None:
        return node.label
    if node.kind == "argument":
        weight = "" if node.weight is None else f"weight {node.weight:g}, "
        return f"{node.label}\n{weight}fires {percent(clamp(node.probability))}"
    return f"{node.label}\n{percent(clamp(node.probability))}"


def _node(node: MapNode) -> str:
    return f"  {node.id} [label={_quote(_label(node))}, {_NODE_STYLE[node.kind]}];"


def _edge(edge: MapEdge) -> str:
    return f"  {edge.source} -> {edge.target} [{_EDGE_STYLE[edge.kind]}];"


def to_dot(graph: ArgumentMap, title: str = "argument map") -> str:
    lines = [
        f"digraph {_quote(title)} {{",
        "  rankdir=BT;",
        '  node [fontname="Helvetica"]; edge [fontname="Helvetica", fontsize=9];',
    ]
    lines += [_node(n) for n in graph.nodes]
    lines += [_edge(e) for e in graph.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(dot_text: str) -> str:
    """``dot_text`` rendered by ``dot -Tsvg``."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing(INSTALL)
    done = subprocess.run([exe, "-Tsvg"], input=dot_text, capture_output=True, text=True,
                          check=False, timeout=120)
    if done.returncode != 0:
        raise GraphvizMissing(f"dot failed: {done.stderr.strip().splitlines()[0:1]}")
    return done.stdout
