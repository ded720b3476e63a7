"""The argument map: hypotheses, arguments and evidence as one graph.

Read off the derivation graph of an assessment compiled with marginals, over
the cone of the questions (hypotheses, queries) and of the contraries
``~h`` of nullary hypotheses:

* an **atom node** per ground atom (kind ``hypothesis``, ``indicator`` or
  ``atom``), labelled with its probability; a certain fact says so;
* an **argument node** per ground instance of a rule, labelled with the
  rule's label, its weight and the probability that it fires (``firing``);
  ``support`` edges run from each positive premise to it and from it to
  its conclusion, a ``condition`` edge from each
  negated premise (the argument needs it to fail);
* an **evidence node** per report choice (one origin's reports), labelled
  with the sources and grades and its probability, supporting its atom;
* ``attack`` edges from ``~h`` to ``h`` and between the predicates of a
  ``conflict`` declaration (same arguments).

Example: ``[r] 0.5::h :- a.`` with a B2 report of ``a`` gives nodes h
(0.40), argument r (0.5), a (0.80), the evidence "a by s B2", and edges
evidence → a → r → h.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from assess.engine.ir import GroundAtom, IRProgram, Pred
from assess.engine.provenance import FACT
from assess.explain.evidence import report_info
from assess.results import Result
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compiled import Compiled, compile_assessment


@dataclass(frozen=True, slots=True)
class MapNode:
    id: str
    kind: str
    """``hypothesis``, ``indicator``, ``atom``, ``argument`` or ``evidence``."""
    label: str
    probability: float | None
    detail: str = ""
    weight: float | None = None
    """An argument's rule weight (its ``probability`` is the chance it fires)."""


@dataclass(frozen=True, slots=True)
class MapEdge:
    source: str
    target: str
    kind: str
    """``support``, ``attack`` or ``condition``."""


@dataclass(frozen=True, slots=True, repr=False)
class ArgumentMap(Result):
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]


def contrary_targets(ir: IRProgram) -> list[GroundAtom]:
    """``~h`` for each nullary hypothesis whose contrary the program mentions."""
    preds = ir.predicates()
    return [(Pred(name, 0, True), ()) for name in ir.hypotheses if Pred(name, 0, True) in preds]


def _kind(compiled: Compiled, atom: GroundAtom) -> str:
    name = atom[0].name
    if name in compiled.ir.hypotheses:
        return "hypothesis"
    return "indicator" if name in compiled.ir.indicators else "atom"


ARGUMENT = Pred("__argument", 1)


def firing(compiled: Compiled, derivations: list[int]) -> dict[int, float]:
    """P(the rule instance fires | evidence) for each derivation, exactly.

    Each is copied under a fresh atom ``__argument(d)`` read by nothing else,
    so its copy's coin has the same probability and the copy's marginal is
    the instance's; one more compilation, no grounding. Members of an
    annotated disjunction are left out (a copy would join their group).
    """
    graph = copy.deepcopy(compiled.graph)
    wanted = [d for d in derivations
              if compiled.ir.rules[graph.derivations[d].rule].disjunction is None]
    targets: list[GroundAtom] = []
    for d in wanted:
        der = graph.derivations[d]
        targets.append((ARGUMENT, (d,)))
        graph.derivation(graph.atom(targets[-1]), der.rule, der.pos, der.neg)
    probe = compile_assessment(compiled.ir, targets=targets, graph=graph, limits=compiled.limits)
    return {d: probe.probability(t) for d, t in zip(wanted, targets, strict=True)}


class _Builder:
    def __init__(self, compiled: Compiled, fires: dict[int, float]) -> None:
        self.compiled, self.fires = compiled, fires
        self.marginals = compiled.probabilities()
        self.nodes: list[MapNode] = []
        self.edges: list[MapEdge] = []

    def atom(self, a: int) -> None:
        graph = self.compiled.graph
        ground = graph.atoms[a]
        certain = any(d.rule == FACT for d in graph.derivations_of(a))
        self.nodes.append(MapNode(f"a{a}", _kind(self.compiled, ground), atom_text(ground),
                                  self.marginals.get(ground, 1.0 if certain else 0.0),
                                  "certain fact" if certain else ""))
        for d in graph.by_head[a]:
            self.derivation(d)

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
            name = f"[{rule.label}]" if rule.label else f"{rule.head.pred.name} rule"
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


def argument_map(compiled: Compiled) -> ArgumentMap:
    """The map of ``compiled``'s questions and targets (see the module docstring)."""
    roots = [a for g in [*compiled.questions, *compiled.targets]
             if (a := compiled.graph.find(g)) is not None]
    atoms = compiled.cone(roots)
    arguments = [d for a in sorted(atoms) for d in compiled.graph.by_head[a]
                 if compiled.graph.derivations[d].rule not in (FACT, *compiled.ir.reports)]
    builder = _Builder(compiled, firing(compiled, arguments))
    for a in sorted(atoms):
        builder.atom(a)
    builder.attacks(atoms)
    return ArgumentMap(tuple(builder.nodes), tuple(builder.edges))
