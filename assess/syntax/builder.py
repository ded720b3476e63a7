"""Builds AST nodes while lark parses: one method per grammar rule.

The builder runs *inside* the LALR parser (its methods are the parser's rule
callbacks, as with lark's inline transformer), so no parse tree is built and
walked a second time; that halves the time to parse
a large file. It sees every token, punctuation included (``keep_all_tokens``),
and computes each node's span from its first and last child, as lark's
``propagate_positions`` would: a statement's span runs from its first token
to its final ``.``; a parenthesised expression's parentheses belong to the
span of what contains it, not to the expression itself.

Methods pick their parts by kind (``_tokens(c, "NAME")``, ``_node(c, Atom)``)
rather than by position, so optional parts need no placeholder bookkeeping.

Example: ``edge(a, b).`` on line 3 becomes ``Clause(Atom("edge", (Symbol("a"),
Symbol("b"))))`` with span ``3:1-3:12``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from lark import Token

from assess.syntax import ast
from assess.syntax.numbers import NumberError, read_number

T = TypeVar("T")


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
    weight: float | None
    atom: ast.Atom
    span: ast.Span


@dataclass(frozen=True, slots=True)
class _Paren:
    """``( expr )``: the expression, and a span that includes the parentheses."""

    expr: ast.Expr
    span: ast.Span


def unquote(text: str) -> str:
    """The value of a quoted token, escapes resolved as in Python."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    import ast as python_ast  # only for escapes: most files have none

    quote = text[0]
    try:
        value = python_ast.literal_eval(quote + body + quote)
    except (SyntaxError, ValueError):
        return body
    return str(value)


def token_span(file: str, token: Token) -> ast.Span:
    line = token.line or 0
    column = token.column or 0
    return ast.Span(file, line, column, token.end_line or line, token.end_column or column)


def _tokens(children: list[Any], kind: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type == kind]


def _token(children: list[Any], kind: str) -> Token | None:
    found = _tokens(children, kind)
    return found[0] if found else None


def _is_last_member(children: list[Any]) -> bool:
    """Whether the one ``otherwise`` of a competing set comes before its last name."""
    kinds = [c.type for c in children if isinstance(c, Token)]
    return kinds.count("OTHERWISE") == 1 and kinds[-3:] == ["OTHERWISE", "NAME", "DOT"]


def _node(children: list[Any], kind: type[T]) -> T:
    return next(c for c in children if isinstance(c, kind))


def _nodes(children: list[Any], kind: type[T]) -> list[T]:
    return [c for c in children if isinstance(c, kind)]


def _parts(children: list[Any]) -> tuple[Any, ...]:
    """The children that are nodes: neither tokens nor missing optionals."""
    return tuple(c for c in children if c is not None and not isinstance(c, Token))


def _expr(value: Any) -> ast.Expr:
    expr: ast.Expr = value.expr if isinstance(value, _Paren) else value
    return expr


def _edge(value: Any, first: bool) -> tuple[int, int] | None:
    """Start (``first``) or end position of a child, or None if it has none."""
    if value is None:
        return None
    if isinstance(value, Token):
        if first:
            return (value.line or 0, value.column or 0)
        return (value.end_line or 0, value.end_column or 0)
    if isinstance(value, list | tuple):
        for item in value if first else reversed(value):
            edge = _edge(item, first)
            if edge is not None:
                return edge
        return None
    span: ast.Span = value.span
    return (span.line, span.column) if first else (span.end_line, span.end_column)


class Builder:
    """The rule callbacks of one parse, for the file ``file``.

    A builder holds nothing but the file name its spans carry, so each parse
    has its own and parses of different files never share one.
    """

    __slots__ = ("file",)

    def __init__(self, file: str) -> None:
        self.file = file

    def _span(self, children: list[Any]) -> ast.Span:
        start, end = _edge(children, True), _edge(children, False)
        if start is None or end is None:
            return ast.NO_SPAN
        return ast.Span(self.file, start[0], start[1], end[0], end[1])

    def _at(self, token: Token) -> ast.Span:
        return token_span(self.file, token)

    def _number(self, token: Token) -> int | float:
        try:
            return read_number(str(token))
        except NumberError as exc:
            raise BadNumber(self._at(token), str(exc)) from None

    # ---- top level
    def start(self, c: list[ast.Statement]) -> list[ast.Statement]:
        return c

    # ---- terms and arithmetic
    def variable(self, c: list[Token]) -> ast.Var:
        return ast.Var(str(c[0]), self._span(c))

    def symbol(self, c: list[Token]) -> ast.Symbol:
        return ast.Symbol(str(c[0]), self._span(c))

    def quoted_symbol(self, c: list[Token]) -> ast.Symbol:
        return ast.Symbol(unquote(str(c[0])), self._span(c))

    def string(self, c: list[Token]) -> ast.String:
        return ast.String(unquote(str(c[0])), self._span(c))

    def number(self, c: list[Token]) -> ast.Number:
        return ast.Number(self._number(c[0]), self._span(c))

    def negative_number(self, c: list[Token]) -> ast.Number:
        return ast.Number(-self._number(c[-1]), self._span(c))

    def compound(self, c: list[Any]) -> ast.Compound:
        functor = str(c[0])
        if c[0].type == "QUOTED":
            functor = unquote(functor)
        return ast.Compound(functor, _parts(c[1:]), self._span(c))

    def list_term(self, c: list[Any]) -> ast.ListTerm:
        return ast.ListTerm(_parts(c), None, self._span(c))

    def partial_list(self, c: list[Any]) -> ast.ListTerm:
        parts = _parts(c)
        return ast.ListTerm(parts[:-1], parts[-1], self._span(c))

    def binary_op(self, c: list[Any]) -> ast.BinaryOp:
        return ast.BinaryOp(ast.ArithOp(str(c[1])), _expr(c[0]), _expr(c[2]), self._span(c))

    def negated(self, c: list[Any]) -> ast.Negated | ast.Number:
        # `-3` is the number -3 in an expression as it is in an argument, so
        # that `X = -3` and `p(-3)` agree and the printer has one text for it.
        operand = _expr(c[-1])
        if isinstance(operand, ast.Number):
            return ast.Number(-operand.value, self._span(c))
        return ast.Negated(operand, self._span(c))

    def unary(self, c: list[Any]) -> _Paren:
        return _Paren(_expr(c[1]), self._span(c))

    # ---- atoms and literals
    def atom(self, c: list[Any]) -> ast.Atom:
        args = _parts(c[1:])
        return ast.Atom(str(c[0]), args, False, self._span(c))

    def literal(self, c: list[Any]) -> ast.Atom:
        atom = _node(c, ast.Atom)
        contrary = _token(c, "TILDE") is not None
        return ast.Atom(atom.predicate, atom.args, contrary, self._span(c))

    def condition(self, c: list[Any]) -> ast.Atom:
        """The literal after ``given`` in a competing declaration."""
        name = _tokens(c, "NAME")[0]
        args = _parts(c)
        contrary = _token(c, "TILDE") is not None
        return ast.Atom(str(name), args, contrary, self._span(c))

    def negation(self, c: list[Any]) -> ast.Negation:
        style = ast.NafStyle.NOT if str(c[0]) == "not" else ast.NafStyle.BACKSLASH_PLUS
        return ast.Negation(_node(c, ast.Atom), style, self._span(c))

    def comparison(self, c: list[Any]) -> ast.Comparison:
        op = ast.CompareOp(str(c[1]))
        return ast.Comparison(op, _expr(c[0]), _expr(c[2]), self._span(c))

    def assignment(self, c: list[Any]) -> ast.Assignment:
        target = ast.Var(str(c[0]), self._at(c[0]))
        return ast.Assignment(target, _expr(c[-1]), self._span(c))

    def body(self, c: list[Any]) -> tuple[ast.BodyLiteral, ...]:
        return _parts(c)

    # ---- clauses
    def label(self, c: list[Token]) -> _Label:
        return _Label(str(_tokens(c, "NAME")[0]), self._span(c))

    def head(self, c: list[Any]) -> _Head:
        weight = _token(c, "NUMBER")
        return _Head(
            None if weight is None else self._number(weight), _node(c, ast.Atom), self._span(c)
        )

    def heads(self, c: list[Any]) -> list[_Head]:
        return _nodes(c, _Head)

    def clause(self, c: list[Any]) -> ast.Clause | ast.Disjunction:
        labels = _nodes(c, _Label)
        label = labels[0].name if labels else None
        heads = _node(c, list)
        neck = _token(c, "NECK")
        bodies = _nodes(c, tuple)
        body = bodies[0] if bodies else ()
        span = self._span(c)
        kind = ast.RuleKind(str(neck)) if neck is not None else ast.RuleKind.STRICT
        if len(heads) == 1:
            return ast.Clause(heads[0].atom, body, heads[0].weight, label, kind, span)
        if kind is not ast.RuleKind.STRICT:
            raise BuildError(span, f"an annotated disjunction must use ':-', not {neck}")
        choices = []
        for head in heads:
            if head.weight is None:
                raise BuildError(
                    span,
                    "every head of an annotated disjunction needs a probability: "
                    f"write 'P::{head.atom.predicate}…'",
                )
            choices.append(ast.Choice(head.weight, head.atom, head.span))
        return ast.Disjunction(tuple(choices), body, label, span)

    def superiority(self, c: list[Any]) -> ast.Superiority:
        superior, inferior = _nodes(c, _Label)
        return ast.Superiority(superior.name, inferior.name, self._span(c))

    def query(self, c: list[Any]) -> ast.Query:
        return ast.Query(_node(c, ast.Atom), self._span(c))

    def evidence(self, c: list[Any]) -> ast.Evidence:
        value = _token(c, "NAME")
        if value is not None and str(value) not in ("true", "false"):
            raise BuildError(self._at(value), f"evidence is 'true' or 'false', not '{value}'")
        truth = value is None or str(value) == "true"
        return ast.Evidence(_node(c, ast.Atom), truth, self._span(c))

    # ---- declarations
    def parameters(self, c: list[Token]) -> tuple[str, ...]:
        return tuple(str(t) for t in _tokens(c, "NAME"))

    def source_decl(self, c: list[Any]) -> ast.SourceDecl:
        name, *derived = (str(t) for t in _tokens(c, "NAME"))
        description = unquote(str(_tokens(c, "STRING")[0]))
        reliability = str(_tokens(c, "RELIABILITY")[0])
        return ast.SourceDecl(name, description, reliability, tuple(derived), self._span(c))

    def indicator_decl(self, c: list[Any]) -> ast.IndicatorDecl:
        name, params, description = self._declared(c)
        current = _token(c, "CURRENT") is not None
        return ast.IndicatorDecl(name, params, description, current, self._span(c))

    def hypothesis_decl(self, c: list[Any]) -> ast.HypothesisDecl:
        name, params, description = self._declared(c)
        return ast.HypothesisDecl(name, params, description, self._span(c))

    def _declared(self, c: list[Any]) -> tuple[str, tuple[str, ...], str]:
        params = _nodes(c, tuple)
        description = unquote(str(_tokens(c, "STRING")[0]))
        return str(_tokens(c, "NAME")[0]), params[0] if params else (), description

    def competing_decl(self, c: list[Any]) -> ast.CompetingDecl:
        name, *members = (str(t) for t in _tokens(c, "NAME"))
        exclusive = _token(c, "EXCLUSIVE") is not None
        condition = next((x for x in c if isinstance(x, ast.Atom)), None)
        residual = _token(c, "OTHERWISE") is not None
        if residual and not _is_last_member(c):
            raise BuildError(self._span(c), "`otherwise` marks the last member of a set: "
                             "the residual that holds where no other member does")
        return ast.CompetingDecl(
            name, tuple(members), exclusive, condition, residual, self._span(c)
        )

    def conflict_decl(self, c: list[Token]) -> ast.ConflictDecl:
        first, second = (str(t) for t in _tokens(c, "NAME"))
        return ast.ConflictDecl(first, second, self._span(c))

    def report(self, c: list[Any]) -> ast.Report:
        credibility = _tokens(c, "NUMBER")[0]
        value = self._number(credibility)
        if not isinstance(value, int):
            raise BuildError(
                self._at(credibility), f"credibility is a whole number 1-6, not {credibility}"
            )
        date, quote = _token(c, "DATE"), _token(c, "STRING")
        return ast.Report(
            _node(c, ast.Atom),
            str(_tokens(c, "NAME")[0]),
            value,
            None if date is None else str(date),
            None if quote is None else unquote(str(quote)),
            self._span(c),
        )

    def load(self, c: list[Any]) -> ast.Load:
        relations = _nodes(c, ast.Relation)
        path = unquote(str(_tokens(c, "STRING")[0]))
        if relations and path.endswith(".assess"):
            raise BuildError(
                self._span(c), "'as name/arity' loads the rows of a CSV or TSV file, not a program"
            )
        return ast.Load(path, relations[0] if relations else None, self._span(c))

    def relation(self, c: list[Any]) -> ast.Relation:
        arity = _tokens(c, "NUMBER")[0]
        value = self._number(arity)
        if not isinstance(value, int):
            raise BuildError(self._at(arity), f"an arity is a whole number, not {arity}")
        name = str(_tokens(c, "NAME")[0])
        return ast.Relation(name, value, _token(c, "TILDE") is not None)

    def grade(self, c: list[Token]) -> ast.GradeOverride:
        code, value = _tokens(c, "GRADE_CODE")[0], _tokens(c, "NUMBER")[0]
        return ast.GradeOverride(str(code), float(self._number(value)), self._span(c))

    # ---- scenarios
    def scenario(self, c: list[Any]) -> ast.Scenario:
        name = unquote(str(_tokens(c, "STRING")[0]))
        items = _parts(c)
        return ast.Scenario(name, items, self._span(c))

    def drop(self, c: list[Any]) -> ast.Drop:
        atoms, names = _nodes(c, ast.Atom), _tokens(c, "NAME")
        source = str(names[0]) if names else None
        return ast.Drop(atoms[0] if atoms else None, source, self._span(c))

    def expect_phrase(self, c: list[Any]) -> ast.ExpectEstimate | ast.ExpectStatus:
        atom, words = _node(c, ast.Atom), _tokens(c, "NAME")
        phrase = " ".join(str(t) for t in words)
        span = self._span(c)
        for estimate in ast.Estimate:
            if phrase == estimate.value:
                return ast.ExpectEstimate(atom, estimate, span)
        for status in ast.Status:
            if phrase == status.value:
                return ast.ExpectStatus(atom, status, span)
        known = ", ".join(e.value for e in ast.Estimate)
        statuses = ", ".join(s.value for s in ast.Status)
        raise BuildError(
            self._at(words[0]),
            f"'{phrase}' is neither an ICD 203 term ({known}) nor a status ({statuses})",
        )

    def expect_rank(self, c: list[Any]) -> ast.ExpectRank:
        higher, lower = _nodes(c, ast.Atom)
        return ast.ExpectRank(higher, lower, self._span(c))

    def expect_probability(self, c: list[Any]) -> ast.ExpectProbability:
        numbers = [float(self._number(t)) for t in _tokens(c, "NUMBER")]
        op = ast.CompareOp(str(_tokens(c, "COMPARE")[0]))
        tolerance = numbers[1] if len(numbers) > 1 else None
        return ast.ExpectProbability(_node(c, ast.Atom), op, numbers[0], tolerance, self._span(c))

    def expect_cites(self, c: list[Any]) -> ast.ExpectCites:
        return ast.ExpectCites(_node(c, ast.Atom), str(_tokens(c, "NAME")[0]), self._span(c))
