"""``why-not``: which premise stops each rule that could derive an atom.

For a ground atom, every rule whose head matches it is tried top-down
against the atoms that hold in *some* world (the derivation graph grounded
in possible mode), body left to right, as Prolog reads it:

* a positive premise fails when no possible atom matches it; if it is then
  ground, it is explained in turn (to ``depth``), and an indicator that
  fails is simply *not reported*;
* a negated premise ``\\+ x`` fails when ``x`` is a certain fact;
* a comparison fails when it is false for the values bound so far (shown
  with the values: ``12500 >= 2 * 40000``).

The first failure is the answer for that rule. A rule with no failure can
fire in some world; then its premises' probabilities are listed instead
(the lowest is what holds the atom down). Cycles are cut: an atom already
being explained is not explained again.

While walking, every ground indicator premise that fails is also collected,
so that ``abduce`` can try to report sets of them: after a ground positive
premise fails the walk goes on as if it held (explaining it too), since a
rule may need several premises that are all missing; it stops at a failed
comparison or negation, or at a premise that is not ground.

Example: with ``[r] h :- a, b.`` and only ``a`` reported, ``why-not h``
says rule r fails at premise ``b``, an indicator not reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assess.engine.ir import (
    ClauseOrder,
    GroundAtom,
    IBinary,
    IConst,
    IExpr,
    INeg,
    IRAssign,
    IRAtom,
    IRCall,
    IRCompare,
    IRFindall,
    IRLiteral,
    IRRule,
    IStruct,
    IVar,
    Value,
    bind,
    build,
    match,
    term_vars,
)
from assess.engine.library import collect, solutions
from assess.engine.provenance import FACT
from assess.engine.show import body_item_text, term_text, value_text
from assess.engine.terms import ARITH, compare, number, numeric
from assess.explain.why import RuleInfo, rule_info
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compiled import Compiled
from assess.syntax.ast import RuleKind

Binding = dict[int, Value]
MAX_BINDINGS = 1000

@dataclass(frozen=True, slots=True)
class Attempt:
    rule: RuleInfo
    failed: str | None
    """The first premise that fails, as instantiated; None: the rule can fire."""
    reason: str
    below: WhyNotNode | None
    premises: tuple[tuple[str, float], ...] = ()
    """For a rule that can fire: its premises and their probabilities."""


@dataclass(frozen=True, slots=True)
class WhyNotNode:
    atom: str
    probability: float
    note: str
    attempts: tuple[Attempt, ...]
    attacked_by: tuple[tuple[str, float], ...] = ()
    """The contrary that attacks it (prob's contraries), with its probability."""


def _value(expr: IExpr, b: Binding) -> Any:
    """A term, or the number that arithmetic on terms gives (as the engine reads it)."""
    if isinstance(expr, IConst):
        return expr.value
    if isinstance(expr, IVar | IStruct):
        return build(expr, b)
    if isinstance(expr, INeg):
        return -numeric(_value(expr.operand, b))
    assert isinstance(expr, IBinary)
    return ARITH[expr.op](numeric(_value(expr.left, b)), numeric(_value(expr.right, b)))


def _solutions(item: IRCall, b: Binding) -> list[Binding]:
    """The library call's answers (a call ``length/2`` refuses: none)."""
    try:
        return solutions(item, b)
    except TypeError:
        return []


def _holds(item: IRCompare, b: Binding) -> bool:
    """The comparison on the values bound so far (an arithmetic error: false)."""
    try:
        return compare(item.op, _value(item.left, b), _value(item.right, b))
    except (ArithmeticError, TypeError, ValueError):
        return False


def _assigned(item: IRAssign, b: Binding) -> Value | None:
    """The term ``X is E`` gives ``X`` (None on an arithmetic error)."""
    try:
        value: Value = number(numeric(_value(item.expr, b)))
    except (ArithmeticError, TypeError, ValueError):
        return None
    return value


def _text(expr: IExpr, b: Binding, names: tuple[str, ...]) -> str:
    if isinstance(expr, IConst):
        return value_text(expr.value)
    if isinstance(expr, IVar):
        return value_text(b[expr.index]) if expr.index in b else names[expr.index]
    if isinstance(expr, IStruct):
        return value_text(build(expr, b)) if term_vars(expr) <= b.keys() else term_text(
            expr, names)
    if isinstance(expr, INeg):
        return f"-{_text(expr.operand, b, names)}"
    assert isinstance(expr, IBinary)
    return f"{_text(expr.left, b, names)} {expr.op.value} {_text(expr.right, b, names)}"


def _atom_text(atom: IRAtom, b: Binding, names: tuple[str, ...]) -> str:
    name = f"{'~' if atom.pred.contrary else ''}{atom.pred.name}"
    args = [_text(t, b, names) for t in atom.args]
    return f"{name}({', '.join(args)})" if args else name


def _ground(atom: IRAtom, b: Binding) -> GroundAtom | None:
    values = []
    for t in atom.args:
        if not term_vars(t) <= b.keys():
            return None
        values.append(build(t, b))
    return atom.pred, tuple(values)


class Tracer:
    """Explains failures over one compiled; collects missing indicators."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        graph = compiled.graph
        self.possible: dict[object, list[tuple[Value, ...]]] = {}
        self.certain: set[GroundAtom] = set()
        for a, ground in enumerate(graph.atoms):
            ders = graph.derivations_of(a)
            if ders:
                self.possible.setdefault(ground[0], []).append(ground[1])
            if any(d.rule == FACT for d in ders):
                self.certain.add(ground)
        self.missing: list[GroundAtom] = []
        self.marginals = compiled.probabilities()

    def is_indicator(self, atom: GroundAtom) -> bool:
        return atom[0].name in self.compiled.ir.indicators

    def explain(self, atom: GroundAtom, depth: int, active: frozenset[GroundAtom]) -> WhyNotNode:
        p = self.marginals.get(atom, 0.0)
        rules = [r for r in self.compiled.ir.rules
                 if r.head.pred == atom[0] and bind(r.head, atom[1], {}) is not None
                 and r.id not in self.compiled.ir.reports and r.kind is not RuleKind.DEFEATER]
        if self.is_indicator(atom) and not rules:
            reported = atom[0] in self.possible and atom[1] in self.possible[atom[0]]
            if not reported and atom not in self.missing:
                self.missing.append(atom)
            note = "reported" if reported else "indicator, not reported"
            return WhyNotNode(atom_text(atom), p, note, ())
        if not rules:
            return WhyNotNode(atom_text(atom), p, "no rule or fact derives it", ())
        if atom in active:
            return WhyNotNode(atom_text(atom), p, "circular: it would need itself", ())
        if depth <= 0:
            return WhyNotNode(atom_text(atom), p, "not explained further (--depth)", ())
        inner = active | {atom}
        attempts = tuple(self.attempt(r, atom, depth, inner) for r in rules)
        return WhyNotNode(atom_text(atom), p, "", attempts, self.attack(atom))

    def attack(self, atom: GroundAtom) -> tuple[tuple[str, float], ...]:
        node = self.compiled.graph.find(atom)
        rivals = [] if node is None else self.compiled.rivals(node)
        grounds = [self.compiled.graph.atoms[r] for r in rivals]
        return tuple((atom_text(g), self.marginals.get(g, 0.0)) for g in grounds)

    def attempt(self, rule: IRRule, atom: GroundAtom, depth: int,
                active: frozenset[GroundAtom]) -> Attempt:
        start = bind(rule.head, atom[1], {})
        assert start is not None
        bindings, first = [start], None
        for item in rule.body:
            survived = self._step(item, bindings, rule, depth, active)
            if survived:
                bindings = survived[:MAX_BINDINGS]
            else:
                failure = self._failure(item, bindings[0], rule, depth, active)
                first = first or failure
                if failure[2] is None:
                    break
        info = rule_info(self.compiled, rule.id)
        if first is not None:
            return Attempt(info, first[0], first[1], first[3])
        return Attempt(info, None, "can fire", None, self._premises(rule, bindings[0]))

    def _premises(self, rule: IRRule, b: Binding) -> tuple[tuple[str, float], ...]:
        out = []
        for item in rule.body:
            if isinstance(item, IRLiteral) and (g := _ground(item.atom, b)) is not None:
                p = self.marginals.get(g, 0.0)
                out.append(("\\+ " + atom_text(g) if item.negated else atom_text(g),
                            1 - p if item.negated else p))
        return tuple(out)

    def _step(self, item: object, bindings: list[Binding], rule: IRRule, depth: int,
              active: frozenset[GroundAtom]) -> list[Binding]:
        if isinstance(item, IRLiteral) and not item.negated:
            rows = self.possible.get(item.atom.pred, [])
            return [n for b in bindings for row in rows
                    if (n := bind(item.atom, row, b)) is not None]
        if isinstance(item, IRLiteral):
            return [b for b in bindings if _ground(item.atom, b) not in self.certain]
        if isinstance(item, IRCompare):
            return [b for b in bindings if _holds(item, b)]
        if isinstance(item, IRCall):
            return [n for b in bindings for n in _solutions(item, b)]
        if isinstance(item, IRFindall):
            rows = self.possible.get(item.goal.pred, [])
            order = self.compiled.ir.clause_order.get(item.goal.pred, ClauseOrder())
            found = []
            for b in bindings:
                n = dict(b)
                if match(item.result, collect(rows, item.goal, item.template, b, order), n):
                    found.append(n)
            return found
        assert isinstance(item, IRAssign)
        out = []
        for b in bindings:
            v = _assigned(item, b)
            if v is not None and b.setdefault(item.var.index, v) == v:
                out.append(b)
        return out

    def _failure(self, item: object, b: Binding, rule: IRRule, depth: int,
                 active: frozenset[GroundAtom]
                 ) -> tuple[str, str, GroundAtom | None, WhyNotNode | None]:
        names = rule.var_names
        if isinstance(item, IRLiteral) and not item.negated:
            g = _ground(item.atom, b)
            text = _atom_text(item.atom, b, names)
            if g is None:
                indicator = item.atom.pred.name in self.compiled.ir.indicators
                reason = "no report of this indicator" if indicator else "no such atom holds"
                return text, reason, None, None
            below = self.explain(g, depth - 1, active)
            return text, below.note or "does not hold", g, below
        if isinstance(item, IRLiteral):
            return "\\+ " + _atom_text(item.atom, b, names), "it is a certain fact", None, None
        if isinstance(item, IRCompare):
            text = f"{_text(item.left, b, names)} {item.op.value} {_text(item.right, b, names)}"
            return text, "false", None, None
        if isinstance(item, IRCall | IRFindall):
            return body_item_text(item, names), "no answer", None, None
        assert isinstance(item, IRAssign)
        return f"{names[item.var.index]} is {_text(item.expr, b, names)}", "false", None, None
