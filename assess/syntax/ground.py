"""The fast road for plain statements: facts, rules of literals, queries and
reports read by regular expressions, not one token at a time by the LALR
parser.

The bulk of a large file is ground facts (``edge(1, 2).``,
``0.7::e(3).``, ``~p(a).``), rules (``0.4::m(7) :- e(0).``, a generated
program's bulk; ``path(X, Y) :- edge(X, Z), \\+ cut(Z), path(Z, Y).``)
and reports (``report r(a) by s credibility 3 on 2022-01-02 "quote".``);
a Datalog or ProbLog program is often nothing else, with its
``query(path(0, 9)).``. ``statement(text, pos, …)`` reads one such
statement written on one line (a rule: with ``:-`` and a body of
literals, each perhaps under ``\\+`` or ``not``), whose arguments are
constants (symbols, quoted symbols, strings, numbers, negative numbers) or
variables, with no comment inside, and builds exactly the nodes and spans
the general parser builds (the builder's rules: ``assess.syntax.builder``).
Anything else — a comparison, a label, a comment or a line break inside, a
compound term, a keyword as a name, a number the language refuses —
returns None and is left to the general parser, so what the grammar grows
to accept keeps working. A file read by this road alone never builds the
general parser's lexers (about 40 ms at every start).

``gap(text, pos, …)`` reads the white space and comments between
statements, and ``statement_end`` finds where a statement the general
parser must read ends (its final ``.`` outside strings, comments and
numbers, or the ``}`` that closes a scenario).

Nodes are made by setting their slots directly (``object.__new__`` and the
slot descriptors): the same frozen objects as the dataclass constructors
make, in about half the time, which is most of the time a fact takes.

Example::

    >>> cursor = Cursor()
    >>> statement("edge(a, 1).", 0, "f", cursor).head.args[1].span
    Span(file='f', line=1, column=9, end_line=1, end_column=10)
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache
from typing import Any

from assess.syntax import ast
from assess.syntax.builder import unquote
from assess.syntax.numbers import NumberError, read_number

_WS = r"[ \t\f\r]*"
_NAME = r"[a-z][A-Za-z0-9_]*"
_NUMBER = r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
_VARIABLE = r"[A-Z_][A-Za-z0-9_]*"
_QUOTED = r"'(?:[^'\\\n]|\\.)*'"
_STRING = r'"(?:[^"\\\n]|\\.)*"'
_TERM = rf"(?:{_NAME}|{_VARIABLE}|{_NUMBER}|-{_WS}{_NUMBER}|{_QUOTED}|{_STRING})"
_ARGS = rf"{_WS}{_TERM}{_WS}(?:,{_WS}{_TERM}{_WS})*"
_LITERAL = rf"(~{_WS})?({_NAME})(?:{_WS}\(({_ARGS})\))?"

_FACT = re.compile(rf"(?:({_NUMBER}){_WS}::{_WS})?{_LITERAL}{_WS}\.")
"""``[W ::] [~] name [( args )] .``: groups weight, tilde, name, args."""

_NAF = r"(?:\\\+|not(?=[ \t\f\r]))"
"""``\\+``, or ``not`` before white space (``not(`` opens a group)."""
_BODY_LITERAL = re.compile(rf"(?:({_NAF}){_WS})?{_LITERAL}")
_ONE_LITERAL = rf"(?:{_NAF}{_WS})?(?:~{_WS})?{_NAME}(?:{_WS}\({_ARGS}\))?"
_RULE = re.compile(
    rf"(?:({_NUMBER}){_WS}::{_WS})?{_LITERAL}{_WS}:-{_WS}"
    rf"({_ONE_LITERAL}(?:{_WS},{_WS}{_ONE_LITERAL})*){_WS}\."
)
"""``[W ::] head :- literal, … .``, each body literal perhaps negated:
groups weight, tilde, name, args, body. (``finditer`` of ``_BODY_LITERAL``
over the body meets each literal in turn: groups negation, tilde, name,
args.)"""

_QUERY = re.compile(rf"query{_WS}\({_WS}{_LITERAL}{_WS}\){_WS}\.")
"""``query(literal).``: groups tilde, name, args."""

_REPORT = re.compile(
    rf"report[ \t\f\r]+{_LITERAL}{_WS}"
    rf"(?<![A-Za-z0-9_])by[ \t\f\r]+({_NAME})[ \t\f\r]+credibility[ \t\f\r]+({_NUMBER})"
    rf"(?:[ \t\f\r]+on[ \t\f\r]+(\d{{4}}-\d{{2}}-\d{{2}}))?(?:{_WS}({_STRING}))?{_WS}\."
)
"""``report literal by source credibility N [on DATE] ["quote"] .``: groups
tilde, name, args, source, credibility, date, quote."""

_TERMS = re.compile(_TERM)
"""One argument; ``finditer`` over a matched argument list meets each in turn
(white space and commas between them match nothing)."""

BLANK = re.compile(r"[ \t\f\r\n]*")
COMMENT_OPENERS = ("%", "/*")
_COMMENT = re.compile(r"%[^\n]*|/\*(?:.|\n)*?\*/")

_END = re.compile(
    r"""%[^\n]*|/\*(?:.|\n)*?\*/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
    rf"|{_NUMBER}|[A-Za-z_][A-Za-z0-9_]*|[{{}}.]"
)

KEYWORDS = frozenset(
    {"query", "evidence", "source", "indicator", "hypothesis", "competing", "conflict"}
    | {"report", "load", "grade", "scenario", "expect", "drop", "probability", "why"}
    | {"not", "is", "mod", "by", "credibility", "on", "reliability", "derived_from"}
    | {"current", "within", "cites", "true", "false", "as", "exclusive", "given", "otherwise"}
    | {"xor", "rem", "div", "fail"}
)
"""Words the grammar reads as keywords somewhere: a ground statement that uses
one as a name goes to the general parser, which knows where each one is one."""


class Cursor:
    """Where the scan is: the number of the current line and the offset at
    which that line starts (the ``\\n`` before it, plus one)."""

    __slots__ = ("line", "line_start", "pattern")

    def __init__(self) -> None:
        self.line = 1
        self.line_start = 0
        self.pattern: re.Pattern[str] | None = None  # that of the last fact read

    def advance(self, text: str, start: int, end: int) -> None:
        """Move over ``text[start:end]``, counting its line breaks."""
        breaks = text.count("\n", start, end)
        if breaks:
            self.line += breaks
            self.line_start = text.rindex("\n", start, end) + 1


def _setters(cls: type) -> tuple[Any, ...]:
    return tuple(getattr(cls, f.name).__set__ for f in fields(cls))


_new = object.__new__
_SPAN = _setters(ast.Span)
_SYMBOL = _setters(ast.Symbol)
_STRING_NODE = _setters(ast.String)
_NUMBER_NODE = _setters(ast.Number)
_VAR = _setters(ast.Var)
_ATOM = _setters(ast.Atom)
_CLAUSE = _setters(ast.Clause)
_STRICT = ast.RuleKind.STRICT
_Span, _Symbol, _String, _Number = ast.Span, ast.Symbol, ast.String, ast.Number
_NAF_STYLE = {"\\+": ast.NafStyle.BACKSLASH_PLUS, "not": ast.NafStyle.NOT}


def _span(file: str, line: int, column: int, end_column: int) -> ast.Span:
    span = _new(_Span)
    f, ln, c, el, ec = _SPAN
    f(span, file)
    ln(span, line)
    c(span, column)
    el(span, line)
    ec(span, end_column)
    return span


def _integer(text: str) -> int:
    return int(text) if len(text) <= 4_000 else int(read_number(text))


def _arguments(text: str, start: int, end: int, file: str, line: int, base: int) -> tuple[Any, ...]:
    """The arguments in ``text[start:end]`` (a matched argument list);
    ``base`` turns an offset into a column. Raises NumberError, KeyError."""
    args = []
    for m in _TERMS.finditer(text, start, end):
        cls, setters, value = _term(m.group())
        node: Any = _new(cls)
        setters[0](node, value)
        setters[1](node, _span(file, line, m.start() - base, m.end() - base))
        args.append(node)
    return tuple(args)


def _literal(m: re.Match[str], first: int, file: str, line: int, base: int) -> ast.Atom:
    """The literal of groups ``first`` (tilde), ``first + 1`` (name),
    ``first + 2`` (arguments) of ``m``."""
    name = m.group(first + 1)
    if name in KEYWORDS:
        raise KeyError(name)
    start = m.start(first) if m.group(first) is not None else m.start(first + 1)
    args_start = m.start(first + 2)
    if args_start < 0:
        args: tuple[Any, ...] = ()
        end = m.end(first + 1)
    else:
        args = _arguments(m.string, args_start, m.end(first + 2), file, line, base)
        end = m.end(first + 2) + 1
    atom = _new(ast.Atom)
    p, a, c, s = _ATOM
    p(atom, name)
    a(atom, args)
    c(atom, m.group(first) is not None)
    s(atom, _span(file, line, start - base, end - base))
    return atom


@cache
def _fact_pattern(arity: int) -> re.Pattern[str]:
    """A fact of ``arity`` arguments: groups weight, tilde, name, then one
    group per argument, then an empty group just past the ``)``."""
    terms = f"{_WS},{_WS}".join([f"({_TERM})"] * arity)
    args = rf"{_WS}\({_WS}{terms}{_WS}\)()" if arity else "()"
    return re.compile(rf"(?:({_NUMBER}){_WS}::{_WS})?(~{_WS})?({_NAME}){args}{_WS}\.")


MAX_ARITY = 8
"""Facts of more arguments are read by the generic pattern, a bit slower."""


def _term(text: str) -> tuple[type, tuple[Any, ...], Any]:
    """The constant or variable written ``text`` (a matched argument): its
    class, the class's slot setters and its value (a variable's: its
    name). Raises NumberError, KeyError."""
    first = text[0]
    if "A" <= first <= "Z" or first == "_":
        return ast.Var, _VAR, text
    if "a" <= first <= "z":
        if text in KEYWORDS:
            raise KeyError(text)
        return _Symbol, _SYMBOL, text
    if first == "'":
        return _Symbol, _SYMBOL, unquote(text)
    if first == '"':
        return _String, _STRING_NODE, unquote(text)
    if first == "-":
        return _Number, _NUMBER_NODE, -read_number(text[1:].lstrip(" \t\f\r"))
    if "." in text or "e" in text or "E" in text:
        return _Number, _NUMBER_NODE, read_number(text)
    return _Number, _NUMBER_NODE, _integer(text)


def statement(text: str, pos: int, file: str, cursor: Cursor) -> Any:
    """The plain fact, rule, query or report at ``pos`` (``Clause``,
    ``Query`` or ``Report``), or None when the general parser must read
    what stands there."""
    base = cursor.line_start - 1
    line = cursor.line
    try:
        if text.startswith("report", pos):
            m = _REPORT.match(text, pos)
            if m is not None:
                return _report(m, file, line, base)
        if text.startswith("query", pos):
            m = _QUERY.match(text, pos)
            if m is not None:
                atom = _literal(m, 1, file, line, base)
                return ast.Query(atom, False, _span(file, line, pos - base, m.end() - base))
        m = None if cursor.pattern is None else cursor.pattern.match(text, pos)
        if m is None:
            found = _FACT.match(text, pos)
            if found is None:
                rule = _RULE.match(text, pos)
                return None if rule is None else _rule(rule, file, line, base, pos)
            arity = 0
            if found.start(4) >= 0:
                arity = sum(1 for _ in _TERMS.finditer(text, found.start(4), found.end(4)))
            if arity > MAX_ARITY:
                return _fact_slow(found, file, line, base, pos)
            cursor.pattern = _fact_pattern(arity)
            m = cursor.pattern.match(text, pos)
            if m is None:  # pragma: no cover - the two patterns read alike
                return None
        return _fact(m, file, line, base, pos)
    except (NumberError, KeyError):
        return None


def _fact(m: re.Match[str], file: str, line: int, base: int, pos: int) -> ast.Clause:
    """The fact matched by a pattern of ``_fact_pattern``. (Node making is
    written out, and the match read in two calls, ``groups`` and ``regs``:
    this is the hot path.)"""
    new, span_cls = _new, _Span
    f, ln, c, el, ec = _SPAN
    groups = m.groups()
    regs = m.regs
    name = groups[2]
    if name in KEYWORDS:
        raise KeyError(name)
    last = len(groups)  # the empty group just past ")" (or the name)
    args: list[Any] = []
    cls: type
    for group in range(3, last - 1):
        text = groups[group]
        if text.isdecimal() and len(text) < 4_000:  # plain integer, the common case
            cls, setters, value = _Number, _NUMBER_NODE, int(text)
        else:
            cls, setters, value = _term(text)
        start, end = regs[group + 1]
        span = new(span_cls)
        f(span, file)
        ln(span, line)
        c(span, start - base)
        el(span, line)
        ec(span, end - base)
        node: Any = new(cls)
        setters[0](node, value)
        setters[1](node, span)
        args.append(node)
    tilde = regs[2][0]
    span = new(span_cls)
    f(span, file)
    ln(span, line)
    c(span, (tilde if tilde >= 0 else regs[3][0]) - base)
    el(span, line)
    ec(span, regs[last][0] - base)
    atom = new(ast.Atom)
    p, a, t, s = _ATOM
    p(atom, name)
    a(atom, tuple(args))
    t(atom, tilde >= 0)
    s(atom, span)
    weight = groups[0]
    span = new(span_cls)
    f(span, file)
    ln(span, line)
    c(span, pos - base)
    el(span, line)
    ec(span, regs[0][1] - base)
    clause = new(ast.Clause)
    h, b, w, lab, k, written, s = _CLAUSE
    h(clause, atom)
    b(clause, ())
    w(clause, None if weight is None else read_number(weight))
    lab(clause, None)
    k(clause, _STRICT)
    written(clause, None)
    s(clause, span)
    return clause


def _fact_slow(m: re.Match[str], file: str, line: int, base: int, pos: int) -> ast.Clause:
    """A fact of more than ``MAX_ARITY`` arguments."""
    weight = m.group(1)
    return ast.Clause(
        _literal(m, 2, file, line, base),
        (),
        None if weight is None else read_number(weight),
        None,
        _STRICT,
        None,
        _span(file, line, pos - base, m.end() - base),
    )


def _rule(m: re.Match[str], file: str, line: int, base: int, pos: int) -> ast.Clause:
    """A rule whose body is literals, each perhaps negated."""
    weight = m.group(1)
    body: list[ast.BodyLiteral] = []
    for literal in _BODY_LITERAL.finditer(m.string, m.start(5), m.end(5)):
        if literal.group(3) == "call":  # the builder unwraps call/N
            raise KeyError("call")
        atom = _literal(literal, 2, file, line, base)
        naf = literal.group(1)
        if naf is None:
            body.append(atom)
            continue
        span = _span(file, line, literal.start(1) - base, atom.span.end_column)
        body.append(ast.Negation(atom, _NAF_STYLE[naf], span))
    return ast.Clause(
        _literal(m, 2, file, line, base),
        tuple(body),
        None if weight is None else read_number(weight),
        None,
        _STRICT,
        None,
        _span(file, line, pos - base, m.end() - base),
    )


def _report(m: re.Match[str], file: str, line: int, base: int) -> ast.Report | None:
    source = m.group(4)
    if source in KEYWORDS:
        return None
    credibility = read_number(m.group(5))
    if not isinstance(credibility, int):
        return None
    quote = m.group(7)
    return ast.Report(
        _literal(m, 1, file, line, base),
        source,
        credibility,
        m.group(6),
        None if quote is None else unquote(quote),
        _span(file, line, m.start() - base, m.end() - base),
    )


def blank_end(text: str, pos: int) -> int:
    blank = BLANK.match(text, pos)
    assert blank is not None  # it matches the empty string
    return blank.end()


def gap(text: str, pos: int, file: str, cursor: Cursor, comments: list[ast.Comment]) -> int:
    """Where the next statement starts after ``pos``: past white space and
    comments, each comment added to ``comments``."""
    while True:
        end = blank_end(text, pos)
        if end != pos:
            cursor.advance(text, pos, end)
            pos = end
        if not text.startswith(COMMENT_OPENERS, pos):
            return pos
        m = _COMMENT.match(text, pos)
        if m is None:
            return pos
        end = m.end()
        line, column = cursor.line, pos - cursor.line_start + 1
        cursor.advance(text, pos, end)
        span = ast.Span(file, line, column, cursor.line, end - cursor.line_start + 1)
        comments.append(ast.Comment(m.group(), span))
        pos = end


def statement_end(text: str, pos: int) -> int:
    """Where the statement at ``pos`` ends (just past its ``.``, or past the
    ``}`` of a scenario), as far as tokens tell; the end of ``text`` if it
    does not. The general parser reads it and says whether it is right."""
    depth = 0
    for m in _END.finditer(text, pos):
        token = m.group()
        if token == "." and depth == 0:
            return m.end()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth <= 0:
                return m.end()
    return len(text)
