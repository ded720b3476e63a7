"""Groups and collapsing for the argument map (``explain.argmap``).

``group_nodes`` places each atom, evidence and observation node of the
expanded map in one ``MapGroup``, in this order of precedence: the competing
sets in declaration order (each member, its contrary ``~m`` right after it,
the residual last as written), the other hypotheses and questions (with
their contraries), intermediate conclusions, indicators, evidence,
observations. Arguments stay free: they sit between what they read and what
they conclude.

``collapse`` turns the expanded map into the grouped one: nodes with the
same key become one node (id: the key; ``count``; ``members``: each
instance with its probability and, for an argument, its premises' text);
edges between the same two nodes of the same kind become one (``count``);
groups and pairs follow their nodes. A node alone under its key keeps its
id, so a single instance has the same id in both views.

Example::

    >>> from assess.explain.mapdata import ArgumentMap, MapEdge, MapNode
    >>> flat = ArgumentMap((MapNode("a0", "indicator", "t(1)", 0.5),
    ...                     MapNode("a1", "indicator", "t(2)", 0.7),
    ...                     MapNode("a2", "hypothesis", "h", 0.4)),
    ...                    (MapEdge("a0", "a2", "support"), MapEdge("a1", "a2", "support")))
    >>> grouped = collapse(flat, {"a0": "pt/1", "a1": "pt/1", "a2": "a2"})
    >>> [(n.id, n.label, n.count) for n in grouped.nodes]
    [('pt/1', 't(…)', 2), ('a2', 'h', 1)]
    >>> [(e.source, e.target, e.count) for e in grouped.edges]
    [('pt/1', 'a2', 2)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from assess.analysis.icd203 import clamp, percent
from assess.explain.mapdata import (
    ArgumentMap,
    Instance,
    MapEdge,
    MapGroup,
    MapNode,
    legend_for,
)
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compiled import Compiled

_LABELS = {
    "hypotheses": "other hypotheses and questions",
    "conclusions": "intermediate conclusions",
    "indicators": "indicators",
    "evidence": "evidence (reports)",
    "observations": "observations (conditioned on)",
}


def _set_label(compiled: Compiled, index: int) -> str:
    s = compiled.sets[index]
    how = "exactly one holds" if s.exclusive else "competing, may overlap"
    if s.condition is not None:
        # Its members' nodes show P(h | c) as run judges them, then P(h).
        condition = compiled.set_readouts()[index].condition
        how += f", given {atom_text(s.condition)} ({percent(clamp(condition))})"
    return f"{s.name}: {how}"


def group_nodes(
    compiled: Compiled, nodes: Sequence[MapNode], questions: Sequence[int] = ()
) -> tuple[tuple[MapNode, ...], tuple[MapGroup, ...]]:
    """``nodes`` with their ``group`` set, and the groups (module docstring)."""
    graph = compiled.graph
    present = {n.id: n for n in nodes}
    placed: dict[str, str] = {}
    groups: list[MapGroup] = []

    def partner(node_id: str) -> str | None:
        pred, values = graph.atoms[int(node_id[1:])]
        found = graph.find((pred.complement, values))
        other = None if found is None else f"a{found}"
        return other if other in present and other not in placed else None

    def make(gid: str, kind: str, label: str, members: Sequence[str], exclusive: bool = False,
             residual: str | None = None, condition: str | None = None) -> None:
        ordered: list[str] = []
        pairs: list[tuple[str, str]] = []
        for m in members:
            if m not in present or m in placed:
                continue
            placed[m] = gid
            other = partner(m) if m.startswith("a") else None
            if other is None:
                ordered.append(m)
                continue
            placed[other] = gid
            pair = (other, m) if present[m].contrary else (m, other)
            ordered.extend(pair)                  # the positive first, its contrary after
            pairs.append(pair)
        if ordered:
            groups.append(MapGroup(gid, kind, label, tuple(ordered), tuple(pairs),
                                   exclusive, residual, condition))

    for i, s in enumerate(compiled.sets):
        ids = [f"a{a}" for a in s.atoms]
        residual = ids[-1] if s.decl.residual and ids[-1] in present else None
        condition = None if s.condition_atom is None else f"a{s.condition_atom}"
        make(f"set:{s.name}", "competing", _set_label(compiled, i), ids,
             exclusive=s.exclusive, residual=residual,
             condition=condition if condition in present else None)
    asked = [f"a{q}" for q in questions]
    make("hypotheses", "hypotheses", _LABELS["hypotheses"],
         [n.id for n in nodes if n.kind == "hypothesis"] + asked)
    for kind, of in (("conclusions", "atom"), ("indicators", "indicator"),
                     ("evidence", "evidence"), ("observations", "observation")):
        make(kind, kind, _LABELS[kind], [n.id for n in nodes if n.kind == of])
    return tuple(replace(n, group=placed.get(n.id)) for n in nodes), tuple(groups)


def _collapsed_label(first: MapNode, members: Sequence[MapNode]) -> str:
    if first.kind == "evidence":
        return "\n".join(dict.fromkeys(line for m in members for line in m.label.split("\n")))
    if first.kind in ("argument", "observation"):
        return first.label
    name = first.label.split("(", 1)[0]
    return f"{name}(…)"


def collapse(flat: ArgumentMap, keys: Mapping[str, str]) -> ArgumentMap:
    """The grouped view of ``flat``: nodes of one key as one (module docstring)."""
    by_key: dict[str, list[MapNode]] = {}
    for n in flat.nodes:
        by_key.setdefault(keys.get(n.id, n.id), []).append(n)
    labels = {n.id: n.label for n in flat.nodes}
    premises: dict[str, list[str]] = {}
    for e in flat.edges:
        if e.kind in ("support", "condition") and e.target.startswith("d"):
            shown = labels[e.source] if e.kind == "support" else f"\\+ {labels[e.source]}"
            premises.setdefault(e.target, []).append(shown)
    new_id: dict[str, str] = {}
    nodes: list[MapNode] = []
    for key, members in by_key.items():
        first = members[0]
        if len(members) == 1:
            new_id[first.id] = first.id
            nodes.append(first)
            continue
        new_id.update((m.id, key) for m in members)
        weights = {m.weight for m in members}
        instances = tuple(Instance(m.id, m.label, m.probability, m.detail,
                                   tuple(premises.get(m.id, ()))) for m in members)
        nodes.append(MapNode(key, first.kind, _collapsed_label(first, members), None,
                             first.detail, first.weight if len(weights) == 1 else None,
                             first.group, first.contrary, len(members), instances))
    counts: dict[tuple[str, str, str], int] = {}
    for e in flat.edges:
        s, t = new_id[e.source], new_id[e.target]
        if s != t:
            counts[(s, t, e.kind)] = counts.get((s, t, e.kind), 0) + e.count
    edges = tuple(MapEdge(s, t, k, c) for (s, t, k), c in counts.items())
    groups = tuple(_regroup(g, new_id) for g in flat.groups)
    out = tuple(nodes)
    return ArgumentMap(out, edges, groups, legend_for(out, edges, groups), expanded=False)


def _regroup(group: MapGroup, new_id: Mapping[str, str]) -> MapGroup:
    def one(node: str | None) -> str | None:
        return None if node is None else new_id[node]
    pairs = tuple(dict.fromkeys((new_id[p], new_id[c]) for p, c in group.pairs
                                if new_id[p] != new_id[c]))
    return replace(group, nodes=tuple(dict.fromkeys(new_id[n] for n in group.nodes)),
                   pairs=pairs, residual=one(group.residual), condition=one(group.condition))
