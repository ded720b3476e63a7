"""Rule strings of the ``datalog-conformance`` corpus, read into IR rules.

The dialect (see ``assess.interop.datalog``): ``head :- lit, …, lit.`` (final
period optional); a literal is an atom ``Name(args)`` (``Name()`` or ``Name``
when nullary), a negated atom (``not``, ``!``, ``\\+``), or a comparison
``expr op expr`` possibly in parentheses. Every bare identifier in an
argument is a variable; ``_`` is a fresh anonymous one; constants are
numbers and double-quoted strings (the corpus's symbols: atoms here; a
float is a ``Float`` term, as the facts' floats are). An argument that is
arithmetic becomes a fresh variable ``T`` plus ``T is expr`` at the end of
the body.

Example::

    >>> rule = parse_rule("A(a, b, a+b) :- R(a,b).", 0)
    >>> [type(i).__name__ for i in rule.body], rule.var_names
    (['IRLiteral', 'IRAssign'], ('a', 'b', '#2'))
"""

from __future__ import annotations

import re

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
    IRRule,
    IVar,
    Pred,
)
from assess.engine.terms import constant
from assess.syntax.ast import ArithOp, CompareOp

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+\.\d+|\d+)|(?P<str>\"[^\"]*\")|(?P<id>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>:-|!=|<=|>=|=<|==|\\==|\\=|\\\+|[-+*/%<>=!(),.]))"
)
_COMPARE = {
    "<": CompareOp.LT, "<=": CompareOp.LE, "=<": CompareOp.LE, ">": CompareOp.GT,
    ">=": CompareOp.GE, "=": CompareOp.UNIFY, "==": CompareOp.IDENTICAL,
    "!=": CompareOp.NOT_UNIFY, "\\=": CompareOp.NOT_UNIFY, "\\==": CompareOp.NOT_IDENTICAL,
}
_ARITH = {"+": ArithOp.ADD, "-": ArithOp.SUB, "*": ArithOp.MUL, "/": ArithOp.DIV,
          "%": ArithOp.MOD}


class RuleSyntaxError(ValueError):
    """A rule string that this dialect cannot read."""


def _tokens(text: str) -> list[str]:
    found, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise RuleSyntaxError(f"cannot read {text[position:]!r}")
        found.append(match.group(match.lastgroup or ""))
        position = match.end()
    return found


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0
        self.names: list[str] = []
        self.index: dict[str, int] = {}
        self.extra: list[IRBodyItem] = []

    def peek(self, ahead: int = 0) -> str:
        n = self.at + ahead
        return self.tokens[n] if n < len(self.tokens) else ""

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if not token or (expected is not None and token != expected):
            raise RuleSyntaxError(f"expected {expected or 'more'}, found {token or 'the end'!r}")
        self.at += 1
        return token

    def var(self, name: str) -> IVar:
        if name == "_" or name.startswith("#"):
            self.names.append(name)
            return IVar(len(self.names) - 1)
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
        return IVar(self.index[name])

    def rule(self, number: int) -> IRRule:
        head = self.atom()
        body: list[IRBodyItem] = []
        if self.peek() == ":-":
            self.take()
            body.append(self.literal())
            while self.peek() == ",":
                self.take()
                body.append(self.literal())
        if self.peek() == ".":
            self.take()
        if self.peek():
            raise RuleSyntaxError(f"unexpected {self.peek()!r}")
        return IRRule(number, head, (*body, *self.extra), tuple(self.names))

    def literal(self) -> IRBodyItem:
        if self.peek() in ("not", "!", "\\+"):
            self.take()
            return IRLiteral(self.atom(), negated=True)
        if self.peek() == "(":
            saved = (self.at, list(self.names), dict(self.index), list(self.extra))
            try:
                self.take("(")
                compare = self.comparison()
                self.take(")")
                return compare
            except RuleSyntaxError:
                self.at, self.names, self.index, self.extra = saved
            return self.comparison()
        is_atom = self.peek(1) == "(" or self.peek(1) in (",", ".", "")
        if self.peek()[:1].isalpha() and is_atom and self.peek() not in _COMPARE:
            return IRLiteral(self.atom())
        return self.comparison()

    def comparison(self) -> IRCompare:
        left = self.expr()
        op = self.take()
        if op not in _COMPARE:
            raise RuleSyntaxError(f"expected a comparison, found {op!r}")
        return IRCompare(_COMPARE[op], left, self.expr())

    def atom(self) -> IRAtom:
        name = self.take()
        if not name[:1].isalpha():
            raise RuleSyntaxError(f"expected a predicate name, found {name!r}")
        args: list[IVar | IConst] = []
        if self.peek() == "(":
            self.take()
            if self.peek() != ")":
                args.append(self.argument())
                while self.peek() == ",":
                    self.take()
                    args.append(self.argument())
            self.take(")")
        return IRAtom(Pred(name, len(args)), tuple(args))

    def argument(self) -> IVar | IConst:
        expr = self.expr()
        if isinstance(expr, IVar | IConst):
            return expr
        fresh = self.var(f"#{len(self.names)}")
        self.extra.append(IRAssign(fresh, expr))
        return fresh

    def expr(self) -> IExpr:
        left = self.product()
        while self.peek() in ("+", "-"):
            left = IBinary(_ARITH[self.take()], left, self.product())
        return left

    def product(self) -> IExpr:
        left = self.factor()
        while self.peek() in ("*", "/", "%"):
            left = IBinary(_ARITH[self.take()], left, self.factor())
        return left

    def factor(self) -> IExpr:
        token = self.take()
        if token == "(":
            inner = self.expr()
            self.take(")")
            return inner
        if token == "-":
            operand = self.factor()
            if isinstance(operand, IConst) and isinstance(operand.value, int | float):
                return IConst(constant(-operand.value))
            return INeg(operand)
        if token[:1].isdigit():
            return IConst(constant(float(token) if "." in token else int(token)))
        if token.startswith('"'):
            return IConst(token[1:-1])
        if token[:1].isalpha() or token == "_":
            return self.var(token)
        raise RuleSyntaxError(f"unexpected {token!r}")


def parse_rule(text: str, number: int) -> IRRule:
    """The rule ``text`` as ``IRRule`` number ``number``."""
    return _Parser(text).rule(number)
