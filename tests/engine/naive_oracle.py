"""A naive evaluator, used only as a test oracle for the engine.

It shares nothing with the engine but the IR: strata come from iterating
``level(head) >= level(body)`` (``>`` through negation) to a fixpoint, and each
stratum recomputes every rule over substitutions (dicts) until nothing new
appears. Body items are taken in written order, an item that is not ready yet
(a comparison with an unbound side, a negation with a variable still to be
bound elsewhere) waits for the others. A variable occurring only in a negated
literal is projected away, as in the engine.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import Any

from assess.engine.ir import (
    IBinary,
    IConst,
    INeg,
    IRAssign,
    IRCompare,
    IRLiteral,
    IRProgram,
    IRRule,
    IVar,
    Pred,
)
from assess.engine.terms import number, numeric
from assess.syntax.ast import ArithOp, CompareOp, RuleKind

Sub = dict[int, Any]

ARITH = {
    ArithOp.ADD: operator.add, ArithOp.SUB: operator.sub, ArithOp.MUL: operator.mul,
    ArithOp.DIV: operator.truediv, ArithOp.INT_DIV: operator.floordiv,
    ArithOp.MOD: operator.mod, ArithOp.POW: operator.pow,
}
NUMERIC = {
    CompareOp.LT: operator.lt, CompareOp.LE: operator.le, CompareOp.GT: operator.gt,
    CompareOp.GE: operator.ge, CompareOp.ARITH_EQ: operator.eq, CompareOp.ARITH_NE: operator.ne,
}
TERM = {
    CompareOp.UNIFY: operator.eq, CompareOp.NOT_UNIFY: operator.ne,
    CompareOp.IDENTICAL: operator.eq, CompareOp.NOT_IDENTICAL: operator.ne,
}


def arith(expr: Any, sub: Sub) -> Any:
    """The number ``expr`` evaluates to (an atom or string: TypeError)."""
    if isinstance(expr, IBinary):
        return ARITH[expr.op](arith(expr.left, sub), arith(expr.right, sub))
    if isinstance(expr, INeg):
        return -arith(expr.operand, sub)
    return numeric(expr.value if isinstance(expr, IConst) else sub[expr.index])


def value(expr: Any, sub: Sub) -> Any:
    """The term ``expr`` stands for (arithmetic: the term of its value)."""
    if isinstance(expr, IConst):
        return expr.value
    if isinstance(expr, IVar):
        return sub[expr.index]
    return number(arith(expr, sub))


def holds(item: IRCompare, sub: Sub) -> bool:
    if item.op in NUMERIC:
        return NUMERIC[item.op](arith(item.left, sub), arith(item.right, sub))
    return TERM[item.op](value(item.left, sub), value(item.right, sub))


def variables(expr: Any) -> set[int]:
    if isinstance(expr, IVar):
        return {expr.index}
    if isinstance(expr, IBinary):
        return variables(expr.left) | variables(expr.right)
    if isinstance(expr, INeg):
        return variables(expr.operand)
    return set()


def levels(rules: list[IRRule], preds: set[Pred]) -> dict[Pred, int]:
    level = dict.fromkeys(preds, 0)
    for _ in range(len(preds) + 2):
        moved = False
        for rule in rules:
            for item in rule.body:
                if isinstance(item, IRLiteral):
                    need = level[item.atom.pred] + (1 if item.negated else 0)
                    if level[rule.head.pred] < need:
                        level[rule.head.pred] = need
                        moved = True
        if not moved:
            return level
    raise ValueError("not stratifiable")


def match(args: tuple[Any, ...], row: tuple[Any, ...], sub: Sub) -> Sub | None:
    out = dict(sub)
    for term, v in zip(args, row, strict=True):
        if isinstance(term, IConst):
            if term.value != v:
                return None
        elif term.index in out:
            if out[term.index] != v:
                return None
        else:
            out[term.index] = v
    return out


def solve(rule: IRRule, items: list[Any], sub: Sub, db: dict[Pred, set[Any]],
          shared: set[int]) -> Iterator[Sub]:
    if not items:
        yield sub
        return
    for n, item in enumerate(items):
        rest = items[:n] + items[n + 1:]
        if isinstance(item, IRLiteral) and not item.negated:
            for row in list(db.get(item.atom.pred, ())):
                out = match(item.atom.args, row, sub)
                if out is not None:
                    yield from solve(rule, rest, out, db, shared)
            return
        if isinstance(item, IRLiteral):
            need = {t.index for t in item.atom.args if isinstance(t, IVar)} & shared
            if need <= set(sub):
                if not any(match(item.atom.args, row, sub) is not None
                           for row in db.get(item.atom.pred, ())):
                    yield from solve(rule, rest, sub, db, shared)
                return
        elif isinstance(item, IRAssign):
            if variables(item.expr) <= set(sub):
                v = number(arith(item.expr, sub))
                if item.var.index in sub:
                    if sub[item.var.index] == v:
                        yield from solve(rule, rest, sub, db, shared)
                else:
                    yield from solve(rule, rest, {**sub, item.var.index: v}, db, shared)
                return
        elif isinstance(item, IRCompare):
            left, right = variables(item.left), variables(item.right)
            if left | right <= set(sub):
                if holds(item, sub):
                    yield from solve(rule, rest, sub, db, shared)
                return
            if item.op is CompareOp.UNIFY and isinstance(item.left, IVar) and right <= set(sub):
                yield from solve(rule, rest, {**sub, item.left.index: value(item.right, sub)},
                                 db, shared)
                return
            if item.op is CompareOp.UNIFY and isinstance(item.right, IVar) and left <= set(sub):
                yield from solve(rule, rest, {**sub, item.right.index: value(item.left, sub)},
                                 db, shared)
                return
    raise ValueError(f"unsafe rule {rule}")


def shared_vars(rule: IRRule) -> set[int]:
    found = variables(IConst(0))
    for t in rule.head.args:
        found |= variables(t)
    for item in rule.body:
        if isinstance(item, IRLiteral):
            if not item.negated:
                found |= {t.index for t in item.atom.args if isinstance(t, IVar)}
        elif isinstance(item, IRAssign):
            found |= {item.var.index} | variables(item.expr)
        else:
            found |= variables(item.left) | variables(item.right)
    return found


def naive_model(program: IRProgram, include_defeaters: bool = False) -> dict[Pred, set[Any]]:
    """The least stratified model, computed the slow, obvious way."""
    rules = [r for r in program.rules if include_defeaters or r.kind is not RuleKind.DEFEATER]
    preds = set(program.facts) | {r.head.pred for r in rules}
    for rule in rules:
        preds |= {i.atom.pred for i in rule.body if isinstance(i, IRLiteral)}
    level = levels(rules, preds)
    db: dict[Pred, set[Any]] = {p: set(program.facts.get(p, ())) for p in preds}
    for stratum in sorted(set(level.values())):
        todo = [r for r in rules if level[r.head.pred] == stratum]
        changed = True
        while changed:
            changed = False
            for rule in todo:
                for sub in list(solve(rule, list(rule.body), {}, db, shared_vars(rule))):
                    row = tuple(value(t, sub) for t in rule.head.args)
                    if row not in db[rule.head.pred]:
                        db[rule.head.pred].add(row)
                        changed = True
    return db
