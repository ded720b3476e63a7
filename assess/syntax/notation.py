"""The canonical text of each node, written on one line.

Constants: a symbol is written bare when it is a name (``[a-z][A-Za-z0-9_]*``)
and the lexer would not read it as a keyword where it stands (only ``not``,
at the start of a body literal, is such a word), else single-quoted; strings
are double-quoted; both escape quotes, backslashes and unprintable
characters as Python does, which is how the parser reads them back. Numbers
are written with ``repr``, so a float reads back as the same float.

Arithmetic gets the fewest parentheses that keep its shape under the
grammar: ``+ -`` bind loosest and ``* / // mod`` next, both left-associative;
``**`` is right-associative; unary ``-`` binds tightest, so ``-X ** 2`` is
``(-X) ** 2``.

Example::

    >>> from assess.syntax import ast
    >>> expression(ast.BinaryOp(ast.ArithOp.SUB, ast.Var("X"),
    ...     ast.BinaryOp(ast.ArithOp.SUB, ast.Var("Y"), ast.Number(1))))
    'X - (Y - 1)'
    >>> term(ast.Symbol("Kyiv's"))
    "'Kyiv\\\\'s'"
"""

from __future__ import annotations

import math
import re

from assess.syntax import ast

BARE_NAME = re.compile(r"[a-z][A-Za-z0-9_]*\Z")

# Words read as keywords at the start of a body literal: `not X` is negation.
BODY_START_KEYWORDS = frozenset({"not"})

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quoted(value: str, quote: str) -> str:
    """``value`` between ``quote`` characters, escaped as Python would."""
    out = [quote]
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == quote:
            out.append("\\" + quote)
        elif not char.isprintable():
            out.append(_code_escape(ord(char)))
        else:
            out.append(char)
    out.append(quote)
    return "".join(out)


def _code_escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def string(value: str) -> str:
    return quoted(value, '"')


def symbol(value: str, keywords: frozenset[str] = frozenset()) -> str:
    if BARE_NAME.match(value) and value not in keywords:
        return value
    return quoted(value, "'")


def number(value: int | float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def term(node: ast.Term, keywords: frozenset[str] = frozenset()) -> str:
    if isinstance(node, ast.Var):
        return node.name
    if isinstance(node, ast.Compound):
        args = ", ".join(term(arg) for arg in node.args)
        return f"{symbol(node.functor, keywords)}({args})"
    if isinstance(node, ast.ListTerm):
        items = ", ".join(term(item) for item in node.items)
        tail = "" if node.tail is None else f"|{term(node.tail)}"
        return f"[{items}{tail}]"
    if isinstance(node, ast.Symbol):
        return symbol(node.value, keywords)
    if isinstance(node, ast.String):
        return string(node.value)
    return number(node.value)


# ---- arithmetic --------------------------------------------------------------

_SUM, _PRODUCT, _POWER, _UNARY, _LEAF = 1, 2, 3, 4, 5
_LEVEL = {
    ast.ArithOp.ADD: _SUM,
    ast.ArithOp.SUB: _SUM,
    ast.ArithOp.MUL: _PRODUCT,
    ast.ArithOp.DIV: _PRODUCT,
    ast.ArithOp.INT_DIV: _PRODUCT,
    ast.ArithOp.MOD: _PRODUCT,
    ast.ArithOp.REM: _PRODUCT,
    ast.ArithOp.DIV_FLOOR: _PRODUCT,
    ast.ArithOp.SHIFT_LEFT: _PRODUCT,
    ast.ArithOp.SHIFT_RIGHT: _PRODUCT,
    ast.ArithOp.BIT_AND: _SUM,
    ast.ArithOp.BIT_OR: _SUM,
    ast.ArithOp.XOR: _SUM,
    ast.ArithOp.POW: _POWER,
    ast.ArithOp.CARET: _POWER,
}


def _level(node: ast.Expr) -> int:
    if isinstance(node, ast.BinaryOp):
        return _LEVEL[node.op]
    if isinstance(node, ast.Negated) or (isinstance(node, ast.Function) and node.name == "\\"):
        return _UNARY
    if isinstance(node, ast.Number) and math.copysign(1, node.value) < 0:
        return _UNARY  # written `-3`, read as a negation of 3
    return _LEAF


def expression(node: ast.Expr, keywords: frozenset[str] = frozenset()) -> str:
    """``node`` with minimal parentheses; ``keywords`` are quoted if first."""
    if isinstance(node, ast.BinaryOp):
        level = _LEVEL[node.op]
        left_min, right_min = (_UNARY, _POWER) if level == _POWER else (level, level + 1)
        left = _operand(node.left, left_min, keywords)
        right = _operand(node.right, right_min, frozenset())
        return f"{left} {node.op.value} {right}"
    if isinstance(node, ast.Negated):
        return "-" + _operand(node.operand, _UNARY, frozenset())
    if isinstance(node, ast.Function):
        if node.name == "\\":
            return "\\" + _operand(node.args[0], _UNARY, frozenset())
        return f"{node.name}({', '.join(expression(a) for a in node.args)})"
    return term(node, keywords)


def _operand(node: ast.Expr, minimum: int, keywords: frozenset[str]) -> str:
    if _level(node) < minimum:
        return "(" + expression(node) + ")"
    return expression(node, keywords)


# ---- atoms and literals ------------------------------------------------------


def atom(node: ast.Atom) -> str:
    text = ("~" if node.contrary else "") + node.predicate
    if node.args:
        text += "(" + ", ".join(term(arg) for arg in node.args) + ")"
    return text


def conjunction(items: tuple[ast.BodyLiteral, ...]) -> str:
    return ", ".join(literal(item) for item in items)


def goal_atom(node: ast.Atom) -> str:
    """An atom as a goal: a bare ``not`` is quoted, since ``not`` and a space
    open a negation there."""
    if node.predicate in BODY_START_KEYWORDS and not node.args and not node.contrary:
        return symbol(node.predicate, BODY_START_KEYWORDS)
    return atom(node)


def literal(node: ast.BodyLiteral) -> str:
    if isinstance(node, ast.Atom):
        return goal_atom(node)
    if isinstance(node, ast.Negation):
        return f"{node.style.value} {goal_atom(node.atom)}"
    if isinstance(node, ast.Alternatives):
        return "(" + " ; ".join(conjunction(b) for b in node.branches) + ")"
    if isinstance(node, ast.IfThenElse):
        otherwise = "" if node.otherwise is None else f" ; {conjunction(node.otherwise)}"
        return f"({conjunction(node.condition)} -> {conjunction(node.then)}{otherwise})"
    if isinstance(node, ast.NotGroup):
        return f"{node.style.value} ({conjunction(node.body)})"
    if isinstance(node, ast.Comparison):
        left = expression(node.left, BODY_START_KEYWORDS)
        return f"{left} {node.op.value} {expression(node.right)}"
    return f"{node.target.name} is {expression(node.expr)}"


# ---- statements --------------------------------------------------------------


def rule_head(node: ast.Clause | ast.Disjunction) -> str:
    """Label, weights and heads: everything before the neck."""
    label = f"[{node.label}] " if node.label is not None else ""
    if isinstance(node, ast.Disjunction):
        heads = "; ".join(f"{weight(c.probability, c.weight)}::{atom(c.atom)}"
                          for c in node.choices)
        return label + heads
    written = weight(node.probability, node.weight)
    return label + (f"{written}::" if written else "") + atom(node.head)


def weight(probability: float | None, written: ast.Expr | None) -> str:
    """A rule's weight: as written when it is an expression (``(1 / 6)``,
    ``P``), else its number; ``""`` for none. An expression other than a
    variable or a number is parenthesised."""
    if written is None:
        return "" if probability is None else number(probability)
    text = expression(written)
    return text if isinstance(written, ast.Var | ast.Number) else f"({text})"


def neck(node: ast.Clause | ast.Disjunction) -> str:
    return node.kind.value if isinstance(node, ast.Clause) else ast.RuleKind.STRICT.value


def report_parts(node: ast.Report) -> tuple[str, str | None]:
    """The report up to its date, and its quote (None if it has none)."""
    text = f"report {atom(node.atom)} by {node.source} credibility {node.credibility}"
    if node.date is not None:
        text += f" on {node.date}"
    return text, None if node.quote is None else string(node.quote)


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(names)


def _described(keyword: str, name: str, params: tuple[str, ...], description: str) -> str:
    parameters = f"({_names(params)})" if params else ""
    return f"{keyword} {name}{parameters} {string(description)}."


def _expectation(node: ast.Expectation) -> str:
    if isinstance(node, ast.ExpectEstimate):
        return f"expect {atom(node.atom)} is {node.estimate.value}."
    if isinstance(node, ast.ExpectStatus):
        return f"expect {atom(node.atom)} is {node.status.value}."
    if isinstance(node, ast.ExpectRank):
        return f"expect {atom(node.higher)} > {atom(node.lower)}."
    if isinstance(node, ast.ExpectCites):
        return f"expect why({atom(node.atom)}) cites {node.source}."
    within = "" if node.tolerance is None else f" within {number(node.tolerance)}"
    return f"expect probability({atom(node.atom)}) {node.op.value} {number(node.bound)}{within}."


def statement(node: ast.Statement | ast.ScenarioItem) -> str:
    """One line for any statement or scenario item except a scenario."""
    if isinstance(node, ast.Clause | ast.Disjunction):
        if not node.body:
            return rule_head(node) + "."
        body = ", ".join(literal(item) for item in node.body)
        return f"{rule_head(node)} {neck(node)} {body}."
    if isinstance(node, ast.Report):
        text, quote = report_parts(node)
        return text + ("" if quote is None else " " + quote) + "."
    if isinstance(node, ast.Scenario):
        raise ValueError("a scenario takes several lines")
    return _declaration(node)


def _competing(node: ast.CompetingDecl) -> str:
    """``competing s exclusive given c: a, b, otherwise r.``"""
    head = f"competing {node.name}" + (" exclusive" if node.exclusive else "")
    if node.condition is not None:
        head += f" given {atom(node.condition)}"
    members = list(node.members)
    if node.residual:
        members[-1] = f"otherwise {members[-1]}"
    return f"{head}: {', '.join(members)}."


def _declaration(node: ast.Statement | ast.Expectation | ast.Drop) -> str:
    if isinstance(node, ast.Query):
        negated = "\\+ " if node.negated else ""
        return f"query({negated}{atom(node.atom)})."
    if isinstance(node, ast.UseModule):
        return f":- use_module(library({symbol(node.library)}))."
    if isinstance(node, ast.Unknown):
        return f":- unknown({node.action})."
    if isinstance(node, ast.Evidence):
        return f"evidence({atom(node.atom)}, {'true' if node.value else 'false'})."
    if isinstance(node, ast.Superiority):
        return f"[{node.superior}] > [{node.inferior}]."
    if isinstance(node, ast.SourceDecl):
        derived = f" derived_from {_names(node.derived_from)}" if node.derived_from else ""
        return (
            f"source {node.name} {string(node.description)} "
            f"reliability {node.reliability}{derived}."
        )
    if isinstance(node, ast.IndicatorDecl):
        text = _described("indicator", node.name, node.params, node.description)
        return text[:-1] + " current." if node.current else text
    if isinstance(node, ast.HypothesisDecl):
        return _described("hypothesis", node.name, node.params, node.description)
    if isinstance(node, ast.CompetingDecl):
        return _competing(node)
    if isinstance(node, ast.ConflictDecl):
        return f"conflict {node.first}, {node.second}."
    if isinstance(node, ast.Load):
        if node.relation is None:
            return f"load {string(node.path)}."
        r = node.relation
        return f"load {string(node.path)} as {'~' if r.contrary else ''}{r.name}/{r.arity}."
    if isinstance(node, ast.GradeOverride):
        return f"grade {node.grade} = {number(node.probability)}."
    if isinstance(node, ast.Drop):
        if node.atom is None:
            return f"drop source {node.source}."
        by = "" if node.source is None else f" by {node.source}"
        return f"drop {atom(node.atom)}{by}."
    if isinstance(node, ast.Clause | ast.Disjunction | ast.Report | ast.Scenario):
        raise TypeError(f"not a declaration: {type(node).__name__}")
    return _expectation(node)
