"""Test helpers: ground programs built by hand, and a brute-force oracle.

``ground_program(text)`` turns a *ground* program (no variables) into an
``IRProgram`` and the ``DerivationGraph`` an evaluator would record for it:
every clause whose positive body is derivable is one derivation, negated
atoms included as they are. ``enumerate_worlds`` is the oracle: it lists
every possible world of the choices, computes each world's stratified least
model directly from the clauses, and sums — exponential, for tiny programs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from assess.engine.ir import (
    GroundAtom,
    IConst,
    IRAtom,
    IREvidence,
    IRLiteral,
    IRProgram,
    IRQuery,
    IRRule,
    Pred,
    Value,
)
from assess.engine.provenance import FACT, DerivationGraph
from assess.syntax import ast
from assess.syntax.parser import parse


def _ground(atom: ast.Atom) -> GroundAtom:
    args: list[Value] = []
    for term in atom.args:
        assert isinstance(term, ast.Symbol | ast.String | ast.Number), "ground programs only"
        args.append(term.value)
    return (Pred(atom.predicate, len(atom.args), atom.contrary), tuple(args))


def _ir_atom(ground: GroundAtom) -> IRAtom:
    return IRAtom(ground[0], tuple(IConst(v) for v in ground[1]))


@dataclass(frozen=True)
class GroundClause:
    head: GroundAtom
    pos: tuple[GroundAtom, ...]
    neg: tuple[GroundAtom, ...]
    rule: int  # FACT for a certain fact


def _body(
    literals: tuple[ast.BodyLiteral, ...],
) -> tuple[tuple[GroundAtom, ...], tuple[GroundAtom, ...]]:
    pos = tuple(_ground(lit) for lit in literals if isinstance(lit, ast.Atom))
    neg = tuple(_ground(lit.atom) for lit in literals if isinstance(lit, ast.Negation))
    return pos, neg


def _rule(
    rules: list[IRRule],
    head: GroundAtom,
    pos: tuple[GroundAtom, ...],
    neg: tuple[GroundAtom, ...],
    origin: ast.Clause | ast.Disjunction,
    probability: float | None,
    label: str | None,
    disjunction: int | None,
) -> int:
    body = tuple(IRLiteral(_ir_atom(a)) for a in pos) + tuple(
        IRLiteral(_ir_atom(a), negated=True) for a in neg
    )
    rules.append(
        IRRule(
            len(rules),
            _ir_atom(head),
            body,
            (),
            probability=probability,
            label=label,
            disjunction=disjunction,
            origin=origin,
        )
    )
    return len(rules) - 1


def ground_program(text: str) -> tuple[IRProgram, DerivationGraph]:
    """The IR and derivation graph of a ground program (see module doc)."""
    ir, clauses = lower_ground(text)
    return ir, record(clauses)


def lower_ground(text: str) -> tuple[IRProgram, list[GroundClause]]:
    ir = IRProgram()
    clauses: list[GroundClause] = []
    groups = 0
    for st in parse(text).statements:
        if isinstance(st, ast.Clause):
            head, (pos, neg) = _ground(st.head), _body(st.body)
            if st.probability is None and st.label is None and not pos and not neg:
                ir.facts.setdefault(head[0], set()).add(head[1])
                clauses.append(GroundClause(head, (), (), FACT))
                continue
            rid = _rule(ir.rules, head, pos, neg, st, st.probability, st.label, None)
            clauses.append(GroundClause(head, pos, neg, rid))
        elif isinstance(st, ast.Disjunction):
            pos, neg = _body(st.body)
            for choice in st.choices:
                head = _ground(choice.atom)
                rid = _rule(ir.rules, head, pos, neg, st, choice.probability, st.label, groups)
                clauses.append(GroundClause(head, pos, neg, rid))
            groups += 1
        elif isinstance(st, ast.Query):
            ir.queries.append(IRQuery(_ir_atom(_ground(st.atom))))
        elif isinstance(st, ast.Evidence):
            ir.evidence.append(IREvidence(_ir_atom(_ground(st.atom)), st.value))
    return ir, clauses


def record(clauses: list[GroundClause]) -> DerivationGraph:
    """Naive bottom-up recording: a clause fires once its positive body is derivable."""
    graph = DerivationGraph()
    derived: set[GroundAtom] = set()
    changed = True
    while changed:
        changed = False
        for c in clauses:
            if c.head not in derived and all(a in derived for a in c.pos):
                derived.add(c.head)
                changed = True
    for c in clauses:
        if all(a in derived for a in c.pos):
            head = graph.atom(c.head)
            graph.derivation(
                head,
                c.rule,
                tuple(graph.atom(a) for a in c.pos),
                tuple(graph.atom(a) for a in c.neg),
            )
    return graph


def _strata(clauses: list[GroundClause]) -> dict[GroundAtom, int]:
    atoms = {c.head for c in clauses} | {a for c in clauses for a in c.pos + c.neg}
    stratum = dict.fromkeys(atoms, 0)
    for _ in range(len(atoms) + 2):
        for c in clauses:
            need = max([stratum[a] for a in c.pos] + [stratum[a] + 1 for a in c.neg] + [0])
            if need > stratum[c.head]:
                stratum[c.head] = need
    assert max(stratum.values(), default=0) <= len(atoms), "not stratified"
    return stratum


def _least_model(clauses: list[GroundClause], stratum: dict[GroundAtom, int]) -> set[GroundAtom]:
    true: set[GroundAtom] = set()
    for level in sorted(set(stratum.values())):
        layer = [c for c in clauses if stratum[c.head] == level]
        grew = True
        while grew:
            grew = False
            for c in layer:
                if (
                    c.head not in true
                    and all(a in true for a in c.pos)
                    and not any(a in true for a in c.neg)
                ):
                    true.add(c.head)
                    grew = True
    return true


def enumerate_worlds(ir: IRProgram, clauses: list[GroundClause]) -> tuple[float, list[float]]:
    """(P(evidence), [P(query | evidence)]) by summing over every world."""
    stratum = _strata(clauses)
    options: list[list[tuple[float, list[GroundClause]]]] = []
    fixed = [c for c in clauses if c.rule == FACT or ir.rules[c.rule].probability is None]
    groups: dict[int, list[GroundClause]] = {}
    for c in clauses:
        if c.rule == FACT or ir.rules[c.rule].probability is None:
            continue
        rule = ir.rules[c.rule]
        if rule.disjunction is None:
            options.append([(rule.probability or 0.0, [c]), (1 - (rule.probability or 0.0), [])])
        else:
            groups.setdefault(rule.disjunction, []).append(c)
    for members in groups.values():
        ps = [ir.rules[c.rule].probability or 0.0 for c in members]
        options.append([(p, [c]) for p, c in zip(ps, members, strict=True)] + [(1 - sum(ps), [])])
    queries = [
        (q.atom.pred, tuple(t.value for t in q.atom.args if isinstance(t, IConst)))
        for q in ir.queries
    ]
    evidence = [
        ((e.atom.pred, tuple(t.value for t in e.atom.args if isinstance(t, IConst))), e.value)
        for e in ir.evidence
    ]
    mass, joint = 0.0, [0.0] * len(queries)
    for world in itertools.product(*options):
        weight = 1.0
        chosen = list(fixed)
        for p, cs in world:
            weight *= p
            chosen.extend(cs)
        model = _least_model(chosen, stratum)
        if all((g in model) == v for g, v in evidence):
            mass += weight
            for i, q in enumerate(queries):
                joint[i] += weight * (q in model)
    return mass, [j / mass if mass else float("nan") for j in joint]
