"""pyDatalog as a second, independent grounder of the crisp model.

``pydatalog_model(program, goals)`` computes the same least model as
``evaluate`` (no provenance) by translating the rules to pyDatalog:

* each predicate becomes ``q0, q1, …`` (so ``~p`` and any name are safe); a
  nullary predicate gets one constant argument, dropped again on the way out;
* body order: positive literals of the head's own stratum first (left
  recursion: pyDatalog 0.22 does not terminate on a right-recursive closure
  over a cyclic graph, while the left-recursive form does), then the other
  positive literals, then tests, ``is`` and negations in written order;
* a negated literal with a variable of its own (projected) reads an auxiliary
  predicate over the shared variables; rules that need a predicate with no
  facts and no rules are dropped (pyDatalog rejects undefined predicates);
* comparisons and arithmetic map to Python's operators, as ProbLog's do.

The static meaning is checked by the engine's own passes first (strata,
safety), so both grounders reject the same programs with the same codes.
pyDatalog runs in a forked child with a time budget: if it has not answered
in ``budget`` seconds the child is killed and ``pydatalog_timeout`` raised,
so a call never hangs.

Example: ``p(X, Y) :- e(X, Z), p(Z, Y).`` with ``p`` as ``q1`` and ``e`` as
``q0`` becomes ``q1(V0, V1) <= q1(V2, V1) & q0(V0, V2)``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from assess.diagnostics import AssessError, error
from assess.engine.evaluate import Model, select_rules
from assess.engine.ir import (
    IBinary,
    IConst,
    IExpr,
    INeg,
    IRAssign,
    IRAtom,
    IRBodyItem,
    IRCompare,
    IRLiteral,
    IRProgram,
    IRRule,
    IVar,
    Pred,
    Value,
)
from assess.engine.plans import atom_vars, plan_rule
from assess.engine.strata import PredicateGraph, strata
from assess.syntax.ast import ArithOp, CompareOp

_ARITH = {ArithOp.ADD: "+", ArithOp.SUB: "-", ArithOp.MUL: "*", ArithOp.DIV: "/",
          ArithOp.INT_DIV: "//", ArithOp.MOD: "%", ArithOp.POW: "**"}
_COMPARE = {
    CompareOp.LT: "<", CompareOp.LE: "<=", CompareOp.GT: ">", CompareOp.GE: ">=",
    CompareOp.ARITH_EQ: "==", CompareOp.ARITH_NE: "!=", CompareOp.UNIFY: "==",
    CompareOp.NOT_UNIFY: "!=", CompareOp.IDENTICAL: "==", CompareOp.NOT_IDENTICAL: "!=",
}
NULLARY = 0
"""The constant argument standing in for a nullary predicate's empty tuple."""


@dataclass
class Translation:
    """pyDatalog text of the rules, the facts to assert, the predicates to ask."""

    names: dict[Pred, str] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    facts: list[tuple[str, tuple[Value, ...]]] = field(default_factory=list)
    asked: dict[str, tuple[Pred, int]] = field(default_factory=dict)

    def name(self, pred: Pred) -> str:
        return self.names.setdefault(pred, f"q{len(self.names)}")


def _expr(expr: IExpr) -> str:
    if isinstance(expr, IVar):
        return f"V{expr.index}"
    if isinstance(expr, IConst):
        return repr(expr.value)
    if isinstance(expr, INeg):
        return f"(-{_expr(expr.operand)})"
    assert isinstance(expr, IBinary)
    return f"({_expr(expr.left)} {_ARITH[expr.op]} {_expr(expr.right)})"


def _atom(t: Translation, atom: IRAtom) -> str:
    args = [_expr(a) for a in atom.args] or [repr(NULLARY)]
    return f"{t.name(atom.pred)}({', '.join(args)})"


class _RuleWriter:
    def __init__(self, t: Translation, rule: IRRule, component: frozenset[Pred]) -> None:
        self.t, self.rule, self.component = t, rule, component
        self.shared = _shared_vars(rule)

    def text(self) -> str:
        body = self.rule.body
        positives = [i for i in body if isinstance(i, IRLiteral) and not i.negated]
        ordered = sorted(positives, key=lambda i: i.atom.pred not in self.component)
        rest = [i for i in body if not (isinstance(i, IRLiteral) and not i.negated)]
        parts = [self.item(i) for i in (*ordered, *rest)]
        return f"{_atom(self.t, self.rule.head)} <= {' & '.join(parts)}"

    def item(self, item: IRBodyItem) -> str:
        if isinstance(item, IRLiteral):
            if not item.negated:
                return _atom(self.t, item.atom)
            return f"~{self.negated(item.atom)}"
        if isinstance(item, IRCompare):
            return f"({_expr(item.left)} {_COMPARE[item.op]} {_expr(item.right)})"
        assert isinstance(item, IRAssign)
        return f"({_expr(item.var)} == {_expr(item.expr)})"

    def negated(self, atom: IRAtom) -> str:
        own = atom_vars(atom) - self.shared
        if not own:
            return _atom(self.t, atom)
        keep = tuple(IVar(v) for v in sorted(atom_vars(atom) & self.shared))
        aux = IRAtom(Pred(f"aux{len(self.t.rules)}", len(keep)), keep)
        self.t.rules.append(f"{_atom(self.t, aux)} <= {_atom(self.t, atom)}")
        return _atom(self.t, aux)


def _shared_vars(rule: IRRule) -> set[int]:
    found = atom_vars(rule.head)
    for item in rule.body:
        if isinstance(item, IRLiteral):
            if not item.negated:
                found |= atom_vars(item.atom)
        elif isinstance(item, IRAssign):
            found.add(item.var.index)
    return found


def _live_rules(rules: list[IRRule], facts: dict[Pred, set[tuple[Value, ...]]]) -> list[IRRule]:
    """Rules whose positive body predicates can hold (to a fixpoint)."""
    defined = {p for p, rows in facts.items() if rows}
    live: list[IRRule] = []
    changed = True
    while changed:
        live = [r for r in rules if all(
            i.atom.pred in defined for i in r.body if isinstance(i, IRLiteral) and not i.negated
        )]
        changed = not {r.head.pred for r in live} <= defined
        defined |= {r.head.pred for r in live}
    return live


def translate(rules: list[IRRule], facts: dict[Pred, set[tuple[Value, ...]]]) -> Translation:
    """The pyDatalog form of ``rules`` over ``facts`` (see the module docstring)."""
    t = Translation()
    components = strata(PredicateGraph(rules, facts))
    component_of = {p: c for c in components for p in c}
    for rule in rules:
        plan_rule(rule, None)  # the engine's safety check
    live = _live_rules(rules, facts)
    defined = {p for p, rows in facts.items() if rows} | {r.head.pred for r in live}
    for rule in live:
        rule = _without_undefined_negations(rule, defined)
        if not rule.body:
            t.facts.append((t.name(rule.head.pred), _ground(rule.head)))
            continue
        t.rules.append(_RuleWriter(t, rule, component_of[rule.head.pred]).text())
    for pred, rows in facts.items():
        t.facts.extend((t.name(pred), row or (NULLARY,)) for row in rows)
    t.asked = {t.name(p): (p, p.arity) for p in sorted(defined)}
    return t


def _without_undefined_negations(rule: IRRule, defined: set[Pred]) -> IRRule:
    body = tuple(
        i for i in rule.body
        if not (isinstance(i, IRLiteral) and i.negated and i.atom.pred not in defined)
    )
    return IRRule(rule.id, rule.head, body, rule.var_names, rule.kind)


def _ground(atom: IRAtom) -> tuple[Value, ...]:
    values = tuple(a.value for a in atom.args if isinstance(a, IConst))
    return values or (NULLARY,)


def _child(t: Translation, conn: Any) -> None:
    """Run pyDatalog on ``t`` and send back every asked relation (or an error)."""
    try:
        from pyDatalog import pyDatalog

        pyDatalog.clear()
        for name, row in t.facts:
            pyDatalog.assert_fact(name, *row)
        if t.rules:
            pyDatalog.load("\n".join(t.rules))
        found: dict[str, list[tuple[Value, ...]]] = {}
        for name, (_, arity) in t.asked.items():
            args = ", ".join(f"V{n}" for n in range(max(arity, 1)))
            answer = pyDatalog.ask(f"{name}({args})")
            found[name] = [tuple(row) for row in answer.answers] if answer else []
        conn.send(("ok", found))
    except Exception as exc:  # reported to the parent, which raises
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _run(t: Translation, budget: float) -> dict[str, list[tuple[Value, ...]]]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(t, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(budget):
            raise AssessError([error(
                "pydatalog_timeout", None,
                f"pyDatalog gave no answer within {budget:g} s and was stopped "
                "(its resolution does not terminate on some recursive programs)",
            )])
        status, payload = receive.recv()
    finally:
        child.kill()
        child.join()
    if status != "ok":
        raise AssessError([error("pydatalog_error", None, f"pyDatalog failed: {payload}")])
    result: dict[str, list[tuple[Value, ...]]] = payload
    return result


def pydatalog_model(
    program: IRProgram, goals: Collection[Pred] | None = None, budget: float = 60.0
) -> Model:
    """The crisp model of ``program`` computed by pyDatalog (see module docstring)."""
    rules, facts = select_rules(program, goals, include_defeaters=False)
    t = translate(rules, facts)
    answers = _run(t, budget)
    relations: dict[Pred, set[tuple[Value, ...]]] = {p: set() for p in PredicateGraph(
        rules, facts).nodes}
    for name, (pred, arity) in t.asked.items():
        relations[pred] = {row[:arity] for row in answers.get(name, [])}
    return Model(relations)
