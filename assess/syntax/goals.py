"""The parser's intermediate pieces and what they become: goals, bodies, terms.

While the builder (``assess.syntax.builder``) runs, a body arrives as goals
(``_Goal``: a term, or two sides of a comparison), groups and branches; this
module turns them into body literals: a goal written as a term is an atom
(``call/N`` unwrapped), ``;`` and ``->`` become ``Alternatives`` and
``IfThenElse``, an argument is a term (``f(…)`` a compound), an expression of
``is`` a function where ProbLog has one of that name. Errors are
``BuildError`` (a syntax error at a span) and ``Refused`` (a construct with a
code of its own).

Example: the goal ``call(p, X)`` is the atom ``p(X)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lark import Token

from assess.diagnostics import error
from assess.syntax import ast, notation
from assess.syntax.functions import FUNCTIONS


class BuildError(Exception):
    """A shape the grammar accepts but the language does not."""

    def __init__(self, span: ast.Span, message: str) -> None:
        super().__init__(message)
        self.span = span
        self.message = message


class BadNumber(BuildError):
    """A number the language refuses (``numbers``)."""


@dataclass(frozen=True, slots=True)
class _Label:
    name: str
    span: ast.Span


@dataclass(frozen=True, slots=True)
class _Head:
    probability: float | None
    weight: ast.Expr | None
    atom: ast.Atom
    span: ast.Span


@dataclass(frozen=True, slots=True)
class _Paren:
    """``( expr )``: the expression, and a span that includes the parentheses."""

    expr: ast.Expr
    span: ast.Span


@dataclass(frozen=True, slots=True)
class _Goal:
    """A goal as read: one expression, or two with a comparison between
    (``_body_goal`` tells an atom from a comparison)."""

    left: Any
    op: ast.CompareOp | None
    right: Any
    span: ast.Span


@dataclass(frozen=True, slots=True)
class _Branch:
    """One alternative of a disjunction: a conjunction, or ``cond -> then``."""

    condition: tuple[ast.BodyLiteral, ...]
    then: tuple[ast.BodyLiteral, ...] | None
    span: ast.Span


@dataclass(frozen=True, slots=True)
class _Group:
    """A parenthesised body, as the literals it stands for in a conjunction."""

    items: tuple[ast.BodyLiteral, ...]
    span: ast.Span


class Refused(BuildError):
    """A construct of ProbLog the language does not accept, with its own code."""

    def __init__(self, code: str, span: ast.Span, message: str) -> None:
        super().__init__(span, message)
        self.diagnostic = error(code, span, message)


_SCOPE = "scoped atoms ('scope:atom', ProbLog's library(scope)) are not supported"
_CALL = "call/N is supported with a predicate name or an atom as its first argument"


def _neck(neck: Token | None) -> ast.RuleKind:
    """The kind of rule a neck makes: ``<-`` is ProbLog's ``:-``."""
    if neck is None or str(neck) == "<-":
        return ast.RuleKind.STRICT
    return ast.RuleKind(str(neck))


def _has_vars(expr: ast.Expr) -> bool:
    if isinstance(expr, ast.Var):
        return True
    if isinstance(expr, ast.BinaryOp):
        return _has_vars(expr.left) or _has_vars(expr.right)
    if isinstance(expr, ast.Negated):
        return _has_vars(expr.operand)
    if isinstance(expr, ast.Function):
        return any(_has_vars(a) for a in expr.args)
    return False


def _argument(value: Any) -> ast.Term:
    """An argument of a body atom, a term: ``f(…)`` read in an expression is the
    compound term ``f(…)``; arithmetic written as an argument is refused."""
    expr = _expr(value)
    if isinstance(expr, ast.Var | ast.Symbol | ast.String | ast.Number):
        return expr
    if isinstance(expr, ast.Function) and expr.name != "\\":
        return ast.Compound(expr.name, tuple(_argument(a) for a in expr.args), expr.span)
    if isinstance(expr, ast.Compound):
        return ast.Compound(expr.functor, tuple(_argument(a) for a in expr.args), expr.span)
    if isinstance(expr, ast.ListTerm):
        tail = None if expr.tail is None else _argument(expr.tail)
        return ast.ListTerm(tuple(_argument(a) for a in expr.items), tail, expr.span)
    raise Refused("unsupported_term", expr.span, (
        f"{notation.expression(expr)} as an argument is an arithmetic term, which is not "
        "supported: compute it with 'X is …' first"))


def _value(value: Any) -> ast.Expr:
    """An expression of ``is`` or a comparison: ``f(…)`` is an arithmetic
    function when its name and arity are one of ProbLog's
    (``assess.syntax.functions``), else the compound term ``f(…)``."""
    expr = _expr(value)
    if isinstance(expr, ast.Function):
        if expr.name == "\\" or (expr.name, len(expr.args)) in FUNCTIONS:
            return ast.Function(expr.name, tuple(_value(a) for a in expr.args), expr.span)
        return _argument(expr)
    if isinstance(expr, ast.BinaryOp):
        return ast.BinaryOp(expr.op, _value(expr.left), _value(expr.right), expr.span)
    if isinstance(expr, ast.Negated):
        return ast.Negated(_value(expr.operand), expr.span)
    if isinstance(expr, ast.Compound | ast.ListTerm):
        return _argument(expr)
    return expr


def _atom_goal(expr: Any, span: ast.Span) -> ast.Atom:
    """The atom a goal written as a term stands for (``call/N`` unwrapped)."""
    expr = _expr(expr)
    if isinstance(expr, ast.Symbol):
        return ast.Atom(expr.value, (), False, span)
    if isinstance(expr, ast.Function) and expr.name != "\\":
        if expr.name == "call":
            return _call(expr, span)
        return ast.Atom(expr.name, tuple(_argument(a) for a in expr.args), False, span)
    if isinstance(expr, ast.Var):
        raise Refused("unsupported_builtin", span, (
            f"a variable as a goal ({expr.name}, call/1), or in a tuple term such as "
            f"({expr.name}, …), is not supported"))
    raise Refused("unsupported_builtin", span,
                  f"{notation.expression(expr)} is not a goal (an atom, a comparison or 'is')")


def _call(expr: ast.Function, span: ast.Span) -> ast.Atom:
    """``call(p, X)`` and ``call(p(X), Y)`` are the goals ``p(X)`` and ``p(X, Y)``."""
    if not expr.args:
        raise Refused("unsupported_builtin", span, _CALL)
    first, extra = _expr(expr.args[0]), tuple(_argument(a) for a in expr.args[1:])
    if isinstance(first, ast.Symbol):
        return ast.Atom(first.value, extra, False, span)
    if isinstance(first, ast.Function) and first.name not in ("call", "\\"):
        return ast.Atom(first.name, tuple(_argument(a) for a in first.args) + extra, False, span)
    raise Refused("unsupported_builtin", span, _CALL)


def _body_goal(goal: _Goal) -> ast.BodyLiteral:
    if goal.op is None:
        return _atom_goal(goal.left, goal.span)
    return ast.Comparison(goal.op, _value(goal.left), _value(goal.right), goal.span)


def _conjunction(parts: Sequence[Any]) -> tuple[ast.BodyLiteral, ...]:
    """Goals and groups as body literals: a parenthesised conjunction joins
    the conjunction around it."""
    out: list[ast.BodyLiteral] = []
    for part in parts:
        if isinstance(part, _Goal):
            out.append(_body_goal(part))
        elif isinstance(part, _Group):
            out.extend(part.items)
        else:
            out.append(part)
    return tuple(out)


def _combine(branches: Sequence[_Branch], span: ast.Span) -> tuple[ast.BodyLiteral, ...]:
    """``b1 ; b2 ; …`` as a conjunction: ``;`` is right-associative, and a
    branch ``c -> t`` takes the branches after it as its else."""
    first, rest = branches[0], branches[1:]
    if first.then is not None:
        otherwise = _combine(rest, span) if rest else None
        return (ast.IfThenElse(first.condition, first.then, otherwise, span),)
    if not rest:
        return first.condition
    tail = _combine(rest, span)
    if len(tail) == 1 and isinstance(tail[0], ast.Alternatives):
        return (ast.Alternatives((first.condition, *tail[0].branches), span),)
    return (ast.Alternatives((first.condition, tail), span),)


def _goal_text(goal: _Goal) -> str:
    left = notation.expression(_expr(goal.left))
    if goal.op is None:
        return left
    return f"{left} {goal.op.value} {notation.expression(_expr(goal.right))}"


def _library(goal: _Goal) -> str | None:
    """``lists`` for the goal ``use_module(library(lists))``, else None."""
    expr = _expr(goal.left)
    if goal.op is not None or not isinstance(expr, ast.Function) or expr.name != "use_module":
        return None
    if len(expr.args) != 1 or not isinstance(inner := _expr(expr.args[0]), ast.Function):
        return None
    if inner.name != "library" or len(inner.args) != 1:
        return None
    name = _expr(inner.args[0])
    return name.value if isinstance(name, ast.Symbol) else None


def _unknown(goal: _Goal) -> str | None:
    """``fail`` for the goal ``unknown(fail)``, else None."""
    expr = _expr(goal.left)
    if goal.op is not None or not isinstance(expr, ast.Function) or expr.name != "unknown":
        return None
    action = _expr(expr.args[0]) if len(expr.args) == 1 else None
    return action.value if isinstance(action, ast.Symbol) else None


def _expr(value: Any) -> ast.Expr:
    expr: ast.Expr = value.expr if isinstance(value, _Paren) else value
    return expr
