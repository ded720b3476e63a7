"""The argument map as data: nodes, edges, groups and a legend.

One shape serves both views of ``explain.argmap``: the *expanded* map (a
node per ground atom, ground rule instance, report choice and observation)
and the *grouped* map, the default, where the ground instances of one rule
are one node, likewise the reports of one atom and the ground atoms of one
predicate other than a hypothesis or question (``count`` says how many;
``members`` keeps each instance with its probability, so a viewer can
expand it). Every node may belong to one ``MapGroup`` (a competing set, the
indicators, the evidence, …); a group lists each contrary ``~h`` beside its
positive (``pairs``). The ``legend`` says, as data, what each node kind,
edge kind and group kind present in the map looks like, so a DOT picture and
an HTML page draw and explain it alike.

Example::

    >>> node = MapNode("a0", "hypothesis", "h", 0.4)
    >>> ArgumentMap((node,), ()).to_json()["nodes"][0]["count"]
    1
    >>> [e.kind for e in legend_for((node,), (), ())]
    ['hypothesis']
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.results import Result


@dataclass(frozen=True, slots=True)
class Instance:
    """One ground instance inside a collapsed node: its id in the expanded
    map, its text, its probability (an argument's: that it fires) and, for
    an argument, the text of its premises (a negated one as ``\\+ x``)."""

    id: str
    label: str
    probability: float | None
    detail: str = ""
    premises: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MapNode:
    id: str
    kind: str
    """``hypothesis``, ``indicator``, ``atom``, ``argument``, ``evidence`` or
    ``observation``."""
    label: str
    probability: float | None
    """An atom's P(atom | evidence); an argument's P(it fires | evidence);
    an evidence node's report probability; None for a collapsed node (its
    members have theirs) and for an observation."""
    detail: str = ""
    weight: float | None = None
    """An argument's rule weight (its ``probability`` is the chance it fires)."""
    group: str | None = None
    """The id of the ``MapGroup`` it is drawn in (None: drawn free)."""
    contrary: bool = False
    """An atom ``~h``: the contrary of the positive ``h``."""
    count: int = 1
    """How many ground instances the node stands for."""
    members: tuple[Instance, ...] = ()
    """The instances of a collapsed node (``count`` of them); () for one."""
    given: tuple[str, float | None] | None = None
    """A member of a set ``given c``: (c, P(it | c)), as ``run`` judges it
    (None where c cannot hold); ``probability`` stays P(it) overall."""


@dataclass(frozen=True, slots=True)
class MapEdge:
    source: str
    target: str
    kind: str
    """``support``, ``attack``, ``condition`` (a premise that must fail),
    ``given`` (a conditional set's condition, to its members), ``observed``
    (an atom to its observation) or ``conditions`` (an observation to a
    question whose probability is conditioned on it)."""
    count: int = 1
    """How many edges of the expanded map it stands for."""


@dataclass(frozen=True, slots=True)
class MapGroup:
    id: str
    kind: str
    """``competing`` (a competing set), ``hypotheses`` (hypotheses and queries
    in no set), ``conclusions`` (other derived atoms), ``indicators``,
    ``evidence`` or ``observations``."""
    label: str
    nodes: tuple[str, ...]
    """Its node ids, in drawing order (a contrary right after its positive)."""
    pairs: tuple[tuple[str, str], ...] = ()
    """(positive, contrary) node ids, to be drawn side by side."""
    exclusive: bool = False
    """A competing set in which exactly one member holds."""
    residual: str | None = None
    """The node id of a set's ``otherwise`` member."""
    condition: str | None = None
    """The node id of a conditional set's condition (``given``)."""


@dataclass(frozen=True, slots=True)
class LegendEntry:
    element: str
    """``node``, ``edge`` or ``group``."""
    kind: str
    text: str
    colour: str
    """Border (node, group) or line (edge) colour, ``#rrggbb``."""
    fill: str = ""
    shape: str = ""
    """Graphviz's shape name (``box``, ``ellipse``, ``note``, …) for a node;
    the arrowhead for an edge."""
    style: str = ""
    """Graphviz's style (``rounded,bold``, ``dashed``, ``dotted``, …)."""


@dataclass(frozen=True, slots=True, repr=False)
class ArgumentMap(Result):
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    groups: tuple[MapGroup, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    expanded: bool = True
    """One node per ground instance (else the grouped view)."""


# Okabe & Ito's colour-blind-safe palette: black, orange, sky blue, bluish
# green, yellow, blue, vermillion, reddish purple (pale tints for fills).
OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
             "#CC79A7")

LEGEND: tuple[LegendEntry, ...] = (
    LegendEntry("node", "hypothesis", "hypothesis: P(h | evidence)", "#000000", "#ffffff",
                "box", "rounded,bold"),
    LegendEntry("node", "contrary", "contrary ~h: the case against h", "#D55E00", "#fbe3d6",
                "box", "rounded,dashed"),
    LegendEntry("node", "indicator", "indicator: what reports speak of", "#E69F00", "#fdf0cf",
                "box", "rounded,filled"),
    LegendEntry("node", "atom", "intermediate conclusion", "#000000", "#ffffff", "ellipse",
                "filled"),
    LegendEntry("node", "argument", "argument: rule, weight, chance it fires", "#777777",
                "#eeeeee", "box", "filled"),
    LegendEntry("node", "evidence", "evidence: reports (source, grade)", "#0072B2", "#dcebfa",
                "note", "filled"),
    LegendEntry("node", "observation", "observation: conditioned on (evidence/2)", "#CC79A7",
                "#f6e0ec", "doubleoctagon", "filled"),
    LegendEntry("edge", "support", "supports", "#000000", shape="normal", style="solid"),
    LegendEntry("edge", "attack", "attacks", "#D55E00", shape="tee", style="dashed"),
    LegendEntry("edge", "condition", "unless (must fail)", "#777777", shape="odot",
                style="dotted"),
    LegendEntry("edge", "given", "set holds only given", "#009E73", shape="diamond",
                style="dashed"),
    LegendEntry("edge", "observed", "is observed", "#CC79A7", shape="dot", style="bold"),
    LegendEntry("edge", "conditions", "conditions (posterior given it)", "#CC79A7",
                shape="empty", style="dashed"),
    LegendEntry("group", "competing", "competing set (exclusive: exactly one holds)", "#0072B2",
                "#f5f9fd", style="rounded"),
    LegendEntry("group", "hypotheses", "other hypotheses and questions", "#000000", "#fafafa",
                style="rounded"),
    LegendEntry("group", "conclusions", "intermediate conclusions", "#777777", "#fbfbfb",
                style="rounded"),
    LegendEntry("group", "indicators", "indicators", "#E69F00", "#fffaf0", style="rounded"),
    LegendEntry("group", "evidence", "evidence", "#0072B2", "#f3f8fd", style="rounded"),
    LegendEntry("group", "observations", "observations", "#CC79A7", "#fdf5f9", style="rounded"),
)
"""Every kind, in the order a legend lists them (``contrary``: a node with
``contrary`` set)."""


def node_style(node: MapNode) -> LegendEntry:
    """The legend entry that draws ``node`` (a contrary atom as ``contrary``)."""
    kind = "contrary" if node.contrary and node.kind in ("hypothesis", "atom") else node.kind
    return next(e for e in LEGEND if e.element == "node" and e.kind == kind)


def entry(element: str, kind: str) -> LegendEntry:
    return next(e for e in LEGEND if e.element == element and e.kind == kind)


def legend_for(nodes: tuple[MapNode, ...], edges: tuple[MapEdge, ...],
               groups: tuple[MapGroup, ...]) -> tuple[LegendEntry, ...]:
    """The entries of ``LEGEND`` that the map uses, in ``LEGEND`` order."""
    used = ({("node", node_style(n).kind) for n in nodes} | {("edge", e.kind) for e in edges}
            | {("group", g.kind) for g in groups})
    return tuple(e for e in LEGEND if (e.element, e.kind) in used)
