"""The argument map: hypotheses, arguments, evidence and observations as one graph.

Read off the derivation graph of an assessment compiled with marginals, over
the cone of the questions (hypotheses, queries), of the contraries ``~h``
of nullary hypotheses and of the atoms observed with ``evidence/2``. The
*expanded* map (``argument_map(compiled, expand=True)``) has

* an **atom node** per ground atom (kind ``hypothesis``, ``indicator`` or
  ``atom``; ``contrary`` for ``~x``), labelled with P(atom | evidence); a
  certain fact says so;
* an **argument node** per ground instance of a rule, labelled with the
  rule's label, its weight and P(the instance fires | evidence)
  (``firing``); ``support`` edges run from each positive premise to it and
  from it to its conclusion, a ``condition`` edge from each negated premise
  (the argument needs it to fail);
* an **evidence node** per report choice (one origin's reports), labelled
  with the sources and grades and its probability, supporting its atom;
* an **observation node** per ``evidence(a, v)`` statement: an ``observed``
  edge from ``a`` to it, and a ``conditions`` edge from it to each question
  whose lineage shares a choice with ``a``'s (their numbers are posteriors
  given the observation);
* ``attack`` edges from ``~h`` to ``h`` and between the predicates of a
  ``conflict`` declaration (same arguments); ``given`` edges from a
  conditional competing set's condition to its members;
* groups (``mapdata.MapGroup``): one per competing set (members, each
  contrary after its positive, the residual), then the other hypotheses and
  questions, intermediate conclusions, indicators, evidence, observations.

The **grouped** map, the default, is the same map with the instances of one
rule, the reports of one atom, and the ground atoms of one predicate that is
neither a hypothesis nor asked collapsed into one node each
(``mapgroups.collapse``). Both carry the legend of what they use.

Example: ``[r] 0.5::h :- a.`` with a B2 report of ``a`` gives nodes h
(0.40), argument r (fires 0.40), a (0.80), the evidence "a by s B2", and
edges evidence → a → r → h.
"""

from __future__ import annotations

from assess.engine.ir import GroundAtom, IConst, IRProgram, Pred
from assess.engine.provenance import FACT
from assess.explain.evidence import report_info
from assess.explain.mapdata import (
    LEGEND,
    ArgumentMap,
    Instance,
    LegendEntry,
    MapEdge,
    MapGroup,
    MapNode,
    legend_for,
)
from assess.explain.mapgroups import collapse, group_nodes
from assess.explain.reading import conditional_members, reading
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compile import resolve
from assess.semantics.prob.compiled import Compiled, Formula, compile_assessment
from assess.semantics.prob.lineage import Lineage

__all__ = ["LEGEND", "ArgumentMap", "Instance", "LegendEntry", "MapEdge", "MapGroup",
           "MapNode", "argument_map", "contrary_targets", "firing", "map_targets",
           "observed_atoms"]


def contrary_targets(ir: IRProgram) -> list[GroundAtom]:
    """``~h`` for each nullary hypothesis whose contrary the program mentions."""
    preds = ir.predicates()
    return [(Pred(name, 0, True), ()) for name in ir.hypotheses if Pred(name, 0, True) in preds]


def map_targets(ir: IRProgram) -> list[GroundAtom]:
    """What the map compiles beyond the questions: the contraries
    (``contrary_targets``) and each ground atom ``evidence/2`` observes, so
    that every node of the map has its marginal."""
    observed = [(e.atom.pred, tuple(t.value for t in e.atom.args if isinstance(t, IConst)))
                for e in ir.evidence if all(isinstance(t, IConst) for t in e.atom.args)]
    return [*contrary_targets(ir), *dict.fromkeys(observed)]


def observed_atoms(compiled: Compiled) -> list[tuple[GroundAtom, bool, str]]:
    """The ground atoms ``evidence/2`` conditions on, with their values and
    where each was written (``file:line``)."""
    found: list[tuple[GroundAtom, bool, str]] = []
    for e in compiled.ir.evidence:
        where = "" if e.origin is None else f"{e.origin.span.file}:{e.origin.span.line}"
        found.extend((g, e.value, where) for g in resolve(e.atom, compiled.graph))
    return found


def _kind(compiled: Compiled, atom: GroundAtom) -> str:
    name = atom[0].name
    if name in compiled.ir.hypotheses:
        return "hypothesis"
    return "indicator" if name in compiled.ir.indicators else "atom"


def firing(compiled: Compiled, derivations: list[int]) -> dict[int, float]:
    """P(the rule instance fires | evidence) for each derivation, exactly.

    The instance fires when its own choice and its premises hold
    (``Lineage.derivation``: the same choice its conclusion reads, so under
    ``evidence/2`` it is conditioned with everything else); each is compiled
    as a formula of the same graph, one more compilation, no grounding.
    """
    graph = compiled.graph

    def formula(d: int) -> Formula:
        der = graph.derivations[d]

        def build(lineage: Lineage) -> int:
            return lineage.derivation(d)
        return (der.head, *der.pos, *der.neg), build

    wanted = [d for d in derivations if graph.derivations[d].rule != FACT]
    if not wanted:
        return {}
    probe = compile_assessment(compiled.ir, graph=graph, limits=compiled.limits,
                               formulas=[formula(d) for d in wanted])
    return dict(zip(wanted, probe.formula_values(), strict=True))


class _Builder:
    def __init__(self, compiled: Compiled, fires: dict[int, float]) -> None:
        self.compiled, self.fires = compiled, fires
        self.marginals = compiled.probabilities()
        self.conditional = conditional_members(compiled)
        self.nodes: list[MapNode] = []
        self.edges: list[MapEdge] = []

    def atom(self, a: int) -> None:
        graph = self.compiled.graph
        ground = graph.atoms[a]
        certain = any(d.rule == FACT for d in graph.derivations_of(a))
        self.nodes.append(MapNode(f"a{a}", _kind(self.compiled, ground), atom_text(ground),
                                  self.marginals.get(ground, 1.0 if certain else 0.0),
                                  "certain fact" if certain else "",
                                  contrary=ground[0].contrary, given=self._given(ground)))
        for d in graph.by_head[a]:
            self.derivation(d)

    def _given(self, ground: GroundAtom) -> tuple[str, float | None] | None:
        """(c, P(it | c)) for a member of a set given c (``reading``)."""
        if ground not in self.conditional:
            return None
        r = reading(self.compiled, ground)
        assert r.condition is not None
        return r.condition, r.judged

    def derivation(self, d: int) -> None:
        ir, der = self.compiled.ir, self.compiled.graph.derivations[d]
        if der.rule == FACT:
            return
        rule = ir.rules[der.rule]
        node = f"d{d}"
        if der.rule in ir.reports:
            infos = [report_info(ir, r) for r in ir.reports[der.rule]]
            label = "\n".join(f"{i.source} {i.grade}" for i in infos)
            self.nodes.append(MapNode(node, "evidence", label, rule.probability,
                                      f"{rule.span.file}:{rule.span.line}"))
        else:
            head = ("~" if rule.head.pred.contrary else "") + rule.head.pred.name
            plain = f"{head} {'rule' if rule.body else 'fact'}"
            name = f"[{rule.label}]" if rule.label else plain
            self.nodes.append(MapNode(node, "argument", name, self.fires.get(d),
                                      f"{rule.span.file}:{rule.span.line}", rule.probability))
        self.edges.extend(MapEdge(f"a{p}", node, "support") for p in der.pos)
        self.edges.extend(MapEdge(f"a{n}", node, "condition") for n in der.neg)
        self.edges.append(MapEdge(node, f"a{der.head}", "support"))

    def attacks(self, atoms: set[int]) -> None:
        graph = self.compiled.graph
        pairs = [(p, q) for p, q in self.compiled.ir.conflicts]
        for a in sorted(atoms):
            pred, values = graph.atoms[a]
            rivals = [pred.complement] if pred.contrary else []
            if not pred.contrary:
                rivals += [Pred(q, pred.arity) for p, q in pairs if p == pred.name]
            for rival in rivals:
                b = graph.find((rival, values))
                if b is not None and b in atoms:
                    self.edges.append(MapEdge(f"a{a}", f"a{b}", "attack"))

    def observations(self, questions: list[int]) -> None:
        """An observation node per observed atom, ``observed`` and ``conditions`` edges."""
        compiled, graph = self.compiled, self.compiled.graph
        inputs = {q: self._choices(q) for q in questions}
        for i, (ground, value, where) in enumerate(observed_atoms(compiled)):
            found = graph.find(ground)
            node = f"o{i}"
            self.nodes.append(MapNode(node, "observation",
                                      f"observed {str(value).lower()}:\n{atom_text(ground)}",
                                      None, where))
            if found is None:
                continue
            self.edges.append(MapEdge(f"a{found}", node, "observed"))
            seen = self._choices(found)
            self.edges.extend(MapEdge(node, f"a{q}", "conditions")
                              for q in questions if q != found and inputs[q] & seen)

    def _choices(self, atom: int) -> set[int]:
        graph, rules = self.compiled.graph, self.compiled.ir.rules
        return {d for a in self.compiled.cone([atom]) for d in graph.by_head[a]
                if graph.derivations[d].rule != FACT
                and rules[graph.derivations[d].rule].probability is not None}

    def given(self) -> None:
        graph = self.compiled.graph
        for s in self.compiled.sets:
            if s.condition_atom is not None and graph.by_head[s.condition_atom]:
                self.edges.extend(MapEdge(f"a{s.condition_atom}", f"a{m}", "given")
                                  for m in s.atoms)


def argument_map(compiled: Compiled, expand: bool = False) -> ArgumentMap:
    """The map of ``compiled``'s questions, targets and observed atoms
    (module docstring): grouped, or with ``expand`` one node per instance."""
    graph = compiled.graph
    questions = [a for g in [*compiled.questions, *compiled.targets]
                 if (a := graph.find(g)) is not None]
    observed = [a for g, _, _ in observed_atoms(compiled) if (a := graph.find(g)) is not None]
    atoms = compiled.cone(questions + observed)
    arguments = [d for a in sorted(atoms) for d in graph.by_head[a]
                 if graph.derivations[d].rule not in (FACT, *compiled.ir.reports)]
    builder = _Builder(compiled, firing(compiled, arguments))
    for a in sorted(atoms):
        builder.atom(a)
    builder.attacks(atoms)
    builder.given()
    asked = [a for g in compiled.questions if (a := graph.find(g)) is not None]
    builder.observations(asked)
    nodes, groups = group_nodes(compiled, builder.nodes, asked)
    edges = tuple(dict.fromkeys(builder.edges))
    flat = ArgumentMap(nodes, edges, groups, legend_for(nodes, edges, groups))
    if expand:
        return flat
    return collapse(flat, _keys(compiled, flat, set(questions + observed)))


def _keys(compiled: Compiled, flat: ArgumentMap, questions: set[int]) -> dict[str, str]:
    """Each node's collapse key (nodes with one key become one node): an
    argument's rule; for an atom that is neither a hypothesis nor asked nor
    observed, its predicate when the map holds more than one ground atom of
    it; for a report choice, its atom's key; else the node itself."""
    graph = compiled.graph
    keys: dict[str, str] = {}
    atoms: dict[Pred, int] = {}
    """How many ground atoms of each predicate the map holds."""
    for n in flat.nodes:
        if n.id.startswith("a"):
            pred = graph.atoms[int(n.id[1:])][0]
            atoms[pred] = atoms.get(pred, 0) + 1
    heads: dict[str, str] = {e.source: e.target for e in flat.edges
                             if e.kind == "support" and e.source.startswith("d")}
    for n in flat.nodes:
        keys[n.id] = n.id
        if n.kind == "argument":
            keys[n.id] = f"r{graph.derivations[int(n.id[1:])].rule}"
        elif n.id.startswith("a") and n.kind != "hypothesis":
            a = int(n.id[1:])
            pred = graph.atoms[a][0]
            if a not in questions and pred.arity > 0 and atoms[pred] > 1:
                keys[n.id] = f"p{pred.name}/{pred.arity}{'~' if pred.contrary else ''}"
    for n in flat.nodes:
        if n.kind == "evidence":
            keys[n.id] = f"e{keys[heads[n.id]]}"
    return keys

