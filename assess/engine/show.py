"""Compact text of IR values, ground atoms and rules (for plans and answers).

Ground atoms print without spaces, as ProbLog prints answers: ``path(a,d)``.
An atom prints bare when it reads back as a symbol (``[a-z]\\w*``), otherwise
single-quoted; a string (``Str``) double-quoted; numbers as Python writes
them (``1``, ``1.0``), so different terms never print alike.

Example::

    >>> from assess.engine.terms import Float
    >>> print(atom_text(Pred("path", 4), ("a", "New York", Str("a"), Float(1.0))))
    path(a,'New York',"a",1.0)
"""

from __future__ import annotations

from assess.engine.ir import (
    IBinary,
    ICall,
    IConst,
    IExpr,
    INeg,
    IRAssign,
    IRAtom,
    IRBodyItem,
    IRBuiltin,
    IRCompare,
    IRLiteral,
    IRQuery,
    IRRule,
    IVar,
    Pred,
    Value,
)
from assess.engine.terms import Str
from assess.syntax import ast, notation


def value_text(value: Value) -> str:
    """The constant as written: ``a``, ``'New York'``, ``"a"``, ``1``, ``1.0``."""
    if isinstance(value, Str):
        return notation.string(value)
    if isinstance(value, str):
        return notation.symbol(value)
    return str(value)


def atom_text(pred: Pred, values: tuple[Value, ...]) -> str:
    """``~name(v1,…)``; a nullary atom is just its name."""
    name = f"{'~' if pred.contrary else ''}{pred.name}"
    if not values:
        return name
    return f"{name}({','.join(value_text(v) for v in values)})"


def _term(term: IVar | IConst, names: tuple[str, ...]) -> str:
    if isinstance(term, IVar):
        return names[term.index] if term.index < len(names) else f"V{term.index}"
    return value_text(term.value)


def _expr(expr: IExpr, names: tuple[str, ...]) -> str:
    if isinstance(expr, IBinary):
        return f"{_expr(expr.left, names)} {expr.op.value} {_expr(expr.right, names)}"
    if isinstance(expr, INeg):
        return f"-{_expr(expr.operand, names)}"
    if isinstance(expr, ICall):
        return f"{expr.name}({', '.join(_expr(a, names) for a in expr.args)})"
    return _term(expr, names)


def ir_atom_text(atom: IRAtom, names: tuple[str, ...], separator: str = ", ") -> str:
    """The atom with its variables named by ``names``."""
    name = f"{'~' if atom.pred.contrary else ''}{atom.pred.name}"
    if not atom.args:
        return name
    return f"{name}({separator.join(_term(t, names) for t in atom.args)})"


def query_text(query: IRQuery) -> str:
    """The query's atom as the analyst wrote it, compact: ``q(X,_)`` (a
    question nobody wrote, such as a declared hypothesis, has X0, X1, …)."""
    return ir_atom_text(query.atom, query_names(query), ",")


def query_names(query: IRQuery) -> tuple[str, ...]:
    """The variable names the analyst wrote, in order of first appearance."""
    names: list[str] = []
    if query.origin is not None:
        for term in query.origin.atom.args:
            if isinstance(term, ast.Var) and (term.is_anonymous or term.name not in names):
                names.append(term.name)
    count = 1 + max((t.index for t in query.atom.args if isinstance(t, IVar)), default=-1)
    return (*names, *(f"X{i}" for i in range(len(names), count)))


def _item(item: IRBodyItem, names: tuple[str, ...]) -> str:
    if isinstance(item, IRLiteral):
        text = ir_atom_text(item.atom, names)
        return f"\\+ {text}" if item.negated else text
    if isinstance(item, IRCompare):
        return f"{_expr(item.left, names)} {item.op.value} {_expr(item.right, names)}"
    if isinstance(item, IRBuiltin):
        return f"{item.name}({', '.join(_term(t, names) for t in item.args)})"
    assert isinstance(item, IRAssign)
    return f"{_term(item.var, names)} is {_expr(item.expr, names)}"


def rule_text(rule: IRRule) -> str:
    """The rule as Datalog text (weights and labels included)."""
    head = ir_atom_text(rule.head, rule.var_names)
    if rule.probability is not None:
        head = f"{rule.probability}::{head}"
    if rule.label is not None:
        head = f"[{rule.label}] {head}"
    if not rule.body:
        return f"{head}."
    body = ", ".join(_item(i, rule.var_names) for i in rule.body)
    return f"{head} {rule.kind.value} {body}."
