"""Compact text of IR values, ground atoms and rules (for plans and answers).

Ground atoms print as ProbLog prints answers: no spaces between arguments
(``path(a,d)``, ``f(a,b)``), lists as ``[1, 2]`` and ``[a | T]``.
An atom prints bare when it reads back as a symbol (``[a-z]\\w*``), otherwise
single-quoted; a string (``Str``) double-quoted; numbers as Python writes
them (``1``, ``1.0``), so different terms never print alike.

Example::

    >>> from assess.engine.terms import Float
    >>> print(atom_text(Pred("path", 4), ("a", "New York", Str("a"), Float(1.0))))
    path(a,'New York',"a",1.0)
"""

from __future__ import annotations

from assess.check.walk import atom_vars
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
    IRCall,
    IRCompare,
    IRFindall,
    IRLiteral,
    IRQuery,
    IRRule,
    IStruct,
    ITerm,
    IVar,
    Pred,
    Value,
    term_vars,
)
from assess.engine.terms import CONS, NIL, Compound, Str, list_items
from assess.syntax import notation


def value_text(value: Value) -> str:
    """The term as ProbLog prints it: ``a``, ``'New York'``, ``"a"``, ``1``,
    ``1.0``, ``f(a,b)``, ``[1, 2]``, ``[a | T]``, ``60-a1`` (iterative: a long list
    does not exhaust the stack)."""
    parts: list[str] = []
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Text):
            parts.append(item.text)
        elif isinstance(item, Compound):
            stack.extend(reversed(_pieces(item)))
        elif isinstance(item, Str):
            parts.append(notation.string(item))
        elif isinstance(item, str):
            parts.append("[]" if item == NIL else notation.symbol(item))
        else:
            parts.append(str(item))
    return "".join(parts)


class _Text:
    """Literal text among the terms still to print."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_COMMA, _LIST_COMMA, _CLOSE = _Text(","), _Text(", "), _Text(")")


def _pieces(term: Compound) -> list[object]:
    """What prints ``term``, in order: texts and the subterms between them."""
    items, tail = list_items(term)
    if items:
        pieces: list[object] = [_Text("[")]
        for n, item in enumerate(items):
            pieces.extend([_LIST_COMMA, item] if n else [item])
        if tail != NIL:
            pieces.extend([_Text(" | "), tail])
        pieces.append(_Text("]"))
        return pieces
    operator = OPERATORS.get(term.name) if len(term.args) == 2 else None
    if operator is not None:
        priority, kind = operator
        left, right = term.args
        name = f" {term.name} " if term.name.isalpha() else term.name
        return [*_operand(left, priority, kind[0] == "y"), _Text(name),
                *_operand(right, priority, kind[2] == "y")]
    pieces = [_Text(notation.symbol(term.name) + "(")]
    for n, arg in enumerate(term.args):
        pieces.extend([_COMMA, arg] if n else [arg])
    pieces.append(_CLOSE)
    return pieces


OPERATORS: dict[str, tuple[int, str]] = {
    "**": (200, "xfx"), "^": (200, "xfy"),
    **{op: (400, "yfx") for op in ("*", "/", "//", "mod", "rem", "div", "<<", ">>")},
    **{op: (500, "yfx") for op in ("+", "-", "/\\", "\\/", "xor")},
}
"""The arithmetic operators a compound prints between its two arguments,
with their Prolog priority and type, as ProbLog prints ``60-a1`` and
``(1+2)*3``; a word operator has spaces around it (``a mod b``)."""


def _operand(term: object, priority: int, may_equal: bool) -> list[object]:
    """An operand, in parentheses where its own operator binds more loosely."""
    inner = (OPERATORS.get(term.name) if isinstance(term, Compound) and len(term.args) == 2
             else None)
    if inner is not None and (inner[0] > priority or (inner[0] == priority and not may_equal)):
        return [_Text("("), term, _CLOSE]
    return [term]


def atom_text(pred: Pred, values: tuple[Value, ...]) -> str:
    """``~name(v1,…)``; a nullary atom is just its name."""
    name = f"{'~' if pred.contrary else ''}{pred.name}"
    if not values:
        return name
    return f"{name}({','.join(value_text(v) for v in values)})"


def _term(term: ITerm, names: tuple[str, ...]) -> str:
    if isinstance(term, IVar):
        return names[term.index] if term.index < len(names) else f"V{term.index}"
    if isinstance(term, IConst):
        return value_text(term.value)
    items: list[str] = []
    while isinstance(term, IStruct) and term.name == CONS and len(term.args) == 2:
        items.append(_term(term.args[0], names))
        term = term.args[1]
    if items and isinstance(term, IConst) and isinstance(term.value, Compound):
        rest, end_value = list_items(term.value)
        items.extend(value_text(v) for v in rest)
        term = IConst(end_value)
    if items:
        end = "" if isinstance(term, IConst) and term.value == NIL else f" | {_term(term, names)}"
        return f"[{', '.join(items)}{end}]"
    if isinstance(term, IConst):
        return value_text(term.value)  # a ground list's last cells
    assert isinstance(term, IStruct)
    return f"{notation.symbol(term.name)}({','.join(_term(a, names) for a in term.args)})"


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
        for term in atom_vars(query.origin.atom):
            if term.is_anonymous or term.name not in names:
                names.append(term.name)
    count = 1 + max((v for t in query.atom.args for v in term_vars(t)), default=-1)
    return (*names, *(f"X{i}" for i in range(len(names), count)))


def term_text(term: ITerm, names: tuple[str, ...]) -> str:
    """A term of a rule, its variables named by ``names``: ``[H | T]``, ``f(X,a)``."""
    return _term(term, names)


def body_item_text(item: IRBodyItem, names: tuple[str, ...]) -> str:
    """A body item as Datalog text: ``member(X, L)``, ``\\+ p(X)``, ``X is Y + 1``."""
    return _item(item, names)


def _item(item: IRBodyItem, names: tuple[str, ...]) -> str:
    if isinstance(item, IRLiteral):
        text = ir_atom_text(item.atom, names)
        return f"\\+ {text}" if item.negated else text
    if isinstance(item, IRCompare):
        return f"{_expr(item.left, names)} {item.op.value} {_expr(item.right, names)}"
    if isinstance(item, IRBuiltin):
        return f"{item.name}({', '.join(_term(t, names) for t in item.args)})"
    if isinstance(item, IRCall):
        return f"{item.name}({', '.join(_term(a, names) for a in item.args)})"
    if isinstance(item, IRFindall):
        goal = ir_atom_text(item.goal, names)
        return f"findall({_term(item.template, names)}, {goal}, {_term(item.result, names)})"
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
