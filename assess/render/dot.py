"""The argument map as Graphviz DOT, and as SVG or PNG through Graphviz's ``dot``.

Drawn left to right: evidence, indicators, intermediate conclusions,
hypotheses, each group of the map (``explain.mapdata.MapGroup``) a cluster
in the colours of its legend entry; a contrary ``~h`` sits beside ``h``
(``rank=same``), and attack, ``given`` and ``conditions`` edges do not
pull the layout (``constraint=false``), so they stay short instead of
crossing the canvas. Nodes and edges take their shape, colours and style
from the map's legend (``mapdata.LEGEND``: hypotheses bold rounded boxes,
contraries dashed vermillion, indicators orange rounded boxes, arguments grey
boxes with weight and the chance they fire, evidence blue notes,
observations purple octagons); a collapsed node says ``×n`` and the range
of its members' probabilities; the reports of one atom are listed in its
evidence note, each with its probability. A legend (one table) shows each node
kind, and each edge kind, that the map uses. In SVG, hovering a node shows
where it was written and, when collapsed, each of its instances (``tooltip``).

Every label is a DOT quoted string (``quote``): a ``"``, a backslash or a
newline in a name, quote or source cannot end it, so untrusted text stays
text; Graphviz's SVG escapes it for XML.

``render(dot_text, "svg" | "png")`` runs ``dot``; when Graphviz is missing it
raises ``GraphvizMissing`` with a one-line message on how to install it.

Example::

    >>> from assess.explain.mapdata import ArgumentMap, MapNode
    >>> line = to_dot(ArgumentMap((MapNode("a0", "hypothesis", "h", 0.4),), ())).splitlines()[5]
    >>> line.split(", tooltip")[0]
    '  "a0" [label="h  40 %"'
"""

from __future__ import annotations

import html
import shutil
import subprocess

from assess.analysis.icd203 import clamp, percent
from assess.explain.mapdata import (
    ArgumentMap,
    LegendEntry,
    MapEdge,
    MapGroup,
    MapNode,
    entry,
    node_style,
)

INSTALL = ("Graphviz's 'dot' is not installed; install it (apt-get install graphviz, "
           "brew install graphviz, or https://graphviz.org/download/) or use --format dot")
FREE_EDGES = ("attack", "conditions")
"""Edge kinds that do not rank the layout (they run across it, not along it;
a condition does: its set is drawn after it)."""
FONT = "Helvetica"


class GraphvizMissing(Exception):
    """Graphviz's ``dot`` is not on PATH, or failed."""


def quote(text: str) -> str:
    """``text`` as a DOT quoted string that nothing inside can end.

    >>> print(quote('a"]; b\\\\c\\nd'))
    "a\\"]; b\\\\c\\nd"
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _pct(p: float | None) -> str:
    return "" if p is None else percent(clamp(p))


def _range(node: MapNode) -> str:
    values = sorted(clamp(m.probability) for m in node.members if m.probability is not None)
    if not values:
        return ""
    low, high = percent(values[0]), percent(values[-1])
    return low if low == high else f"{low.removesuffix(' %')}–{high}"


def label(node: MapNode) -> str:
    """The text drawn in ``node`` (before quoting)."""
    if node.kind == "evidence":
        if node.count > 1:
            return "\n".join(f"{m.label.replace(chr(10), ' · ')}  {_pct(m.probability)}"
                             for m in node.members)
        return f"{node.label.replace(chr(10), ' · ')}  {_pct(node.probability)}"
    if node.kind == "observation":
        return node.label
    name = node.label if node.count == 1 else f"{node.label} ×{node.count}"
    shown = _pct(node.probability) if node.count == 1 else _range(node)
    if node.kind == "argument":
        weight = "" if node.weight is None else f"weight {node.weight:g} · "
        return f"{name}  {weight}fires {shown}" if shown else name
    if node.detail == "certain fact":
        return f"{name}  certain"
    if node.given is not None:  # as run judges it, then P(h) overall
        condition, given = node.given
        judged = "no judgement" if given is None else f"{_pct(given)} if {condition}"
        return f"{name}  {judged} · {shown} overall"
    return f"{name}  {shown}" if shown else name


def _node_attrs(style: LegendEntry) -> str:
    styles = ",".join(s for s in (style.style.replace("filled", ""), "filled") if s)
    styles = ",".join(s for s in styles.split(",") if s)
    size = ", fontsize=10" if style.kind in ("argument", "evidence") else ""
    return (f"shape={style.shape}, style={quote(styles)}, color={quote(style.colour)}, "
            f"fillcolor={quote(style.fill)}{size}")


def tooltip(node: MapNode) -> str:
    """What an SVG viewer shows on hovering ``node``: where it was written
    and, for a collapsed node, each instance with its probability and premises."""
    lines = [node.detail] if node.detail else []
    for m in node.members:
        premises = f"  <- {', '.join(m.premises)}" if m.premises else ""
        lines.append(f"{m.label.replace(chr(10), ' · ')}  {_pct(m.probability)}{premises}")
    return "\n".join(lines) or node.label


def _node(node: MapNode, indent: str = "  ", residual: bool = False) -> str:
    text = f"otherwise: {label(node)}" if residual else label(node)
    return (f"{indent}{quote(node.id)} [label={quote(text)}, tooltip={quote(tooltip(node))}, "
            f"{_node_attrs(node_style(node))}];")


def _edge_attrs(kind: str, count: int = 1) -> str:
    style = entry("edge", kind)
    attrs = [f"color={quote(style.colour)}", f"style={style.style}", f"arrowhead={style.shape}"]
    if kind == "condition":
        attrs.append('label="unless"')
    if kind in FREE_EDGES:
        attrs.append("constraint=false")
    if count > 1:
        attrs.append(f"penwidth={min(1 + 0.5 * count, 4):g}")
    return ", ".join(attrs)


def _edge(edge: MapEdge) -> str:
    return f"  {quote(edge.source)} -> {quote(edge.target)} [{_edge_attrs(edge.kind, edge.count)}];"


def _edges(graph: ArgumentMap) -> list[str]:
    """Each edge; a conditional set's ``given`` edges as one, to its cluster."""
    conditional = {(g.condition, n): g for g in graph.groups if g.condition is not None
                   for n in g.nodes}
    drawn: set[str] = set()
    lines: list[str] = []
    for e in graph.edges:
        group = conditional.get((e.source, e.target)) if e.kind == "given" else None
        if group is None:
            lines.append(_edge(e))
        elif group.id not in drawn:
            drawn.add(group.id)
            lines.append(f"  {quote(e.source)} -> {quote(group.nodes[0])} "
                         f"[{_edge_attrs('given')}, lhead={quote('cluster_' + group.id)}];")
    return lines


def _cluster(group: MapGroup, nodes: dict[str, MapNode]) -> list[str]:
    style = entry("group", group.kind)
    lines = [f"  subgraph {quote('cluster_' + group.id)} {{",
             f"    label={quote(group.label)}; labeljust=l; fontname={quote(FONT)}; fontsize=12;",
             f"    style={quote('rounded,filled')}; color={quote(style.colour)}; "
             f"fillcolor={quote(style.fill)};"]
    paired = {c: p for p, c in group.pairs}
    partner = {p: c for p, c in group.pairs}
    for n in group.nodes:
        if n not in nodes or n in paired:
            continue
        if n not in partner:
            lines.append(_node(nodes[n], "    ", n == group.residual))
            continue
        # a positive and its contrary: a borderless cluster of one rank keeps them together
        c = partner[n]
        lines += [f"    subgraph {quote('cluster_pair_' + n)} {{",
                  '      label=""; style=invis;',
                  _node(nodes[n], "      "), _node(nodes[c], "      "),
                  f"      {{rank=same; {quote(n)}; {quote(c)};}}",
                  "    }"]
    lines.append("  }")
    return lines


_HEADS = {"tee": "┤", "odot": "○", "dot": "●", "empty": "▷", "diamond": "◆"}
"""The legend's glyph for each Graphviz arrowhead it uses (else ``▶``)."""


def _html(text: str) -> str:
    return html.escape(text, quote=True)


def _legend(graph: ArgumentMap) -> list[str]:
    """One table node: a swatch of each node kind, a line of each edge kind
    and the words for each, only those the map uses."""
    if not graph.legend:
        return []
    rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>legend</B></TD></TR>']
    for e in graph.legend:
        if e.element == "node":
            border = ' STYLE="ROUNDED"' if "rounded" in e.style or e.shape == "ellipse" else ""
            swatch = (f'<TD BGCOLOR="{_html(e.fill)}" COLOR="{_html(e.colour)}" BORDER="2"'
                      f'{border} WIDTH="28"> </TD>')
        elif e.element == "edge":
            line = {"dashed": "╌╌", "dotted": "┈┈"}.get(e.style, "──")
            dash = line + _HEADS.get(e.shape, "▶")
            swatch = f'<TD><FONT COLOR="{_html(e.colour)}" POINT-SIZE="14">{dash}</FONT></TD>'
        else:
            continue
        rows.append(f'<TR>{swatch}<TD ALIGN="LEFT">{_html(e.text)}</TD></TR>')
    table = ('<<TABLE BORDER="1" COLOR="#999999" CELLBORDER="0" CELLSPACING="4" '
             f'CELLPADDING="2">{"".join(rows)}</TABLE>>')
    return [f'  "legend" [shape=plain, fontsize=10, label={table}];']


def to_dot(graph: ArgumentMap, title: str = "argument map") -> str:
    """``graph`` as DOT: clusters per group, free nodes, edges, a legend."""
    nodes = {n.id: n for n in graph.nodes}
    grouped = {n for g in graph.groups for n in g.nodes}
    lines = [
        f"digraph {quote(title)} {{",
        "  rankdir=LR; nodesep=0.12; ranksep=0.4; compound=true;",
        f"  node [fontname={quote(FONT)}, fontsize=11, margin=\"0.08,0.03\"];",
        f"  edge [fontname={quote(FONT)}, fontsize=9, arrowsize=0.7];",
        f"  graph [fontname={quote(FONT)}];",
    ]
    lines += [_node(n) for n in graph.nodes if n.id not in grouped]
    for group in graph.groups:
        lines += _cluster(group, nodes)
    lines += _edges(graph)
    lines += _legend(graph)
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(dot_text: str, output_format: str) -> bytes:
    """``dot_text`` rendered by ``dot -T<output_format>`` (``svg``, ``png``)."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing(INSTALL)
    done = subprocess.run([exe, f"-T{output_format}"], input=dot_text.encode(),
                          capture_output=True, check=False, timeout=120)
    if done.returncode != 0:
        first = done.stderr.decode(errors="replace").strip().splitlines()[:1]
        raise GraphvizMissing(f"dot failed: {first[0] if first else done.returncode}")
    return done.stdout


def svg(dot_text: str) -> str:
    """``dot_text`` rendered by ``dot -Tsvg``."""
    return render(dot_text, "svg").decode()
