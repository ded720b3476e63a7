"""Text to syntax tree: ``grammar/assess.lark`` (LALR) plus a transformer.

``parse(text, file)`` returns a ``Program`` or raises ``AssessError`` with one
``syntax_error`` diagnostic at the offending token. Mistakes people make often
(a missing final period, ``:=`` for ``:-``, a capitalised predicate, a weight
after the atom, unbalanced brackets) get a message that says so, chosen with
lark's ``match_examples``.

Shapes the grammar accepts but the language does not (an annotated
disjunction with an unweighted head, ``evidence(a, maybe)``, an expectation
phrase that is no ICD 203 term or status) are also ``syntax_error``.

Example::

    >>> parse("edge(a, b).").statements[0].head.predicate
    'edge'
"""

from __future__ import annotations

import ast as python_ast
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import lark
from lark import Token, Transformer, v_args
from lark.tree import Meta

from assess.diagnostics import AssessError, error
from assess.syntax import ast
from assess.syntax.errors import describe

GRAMMAR_NAME = "assess.lark"


def grammar_text() -> str:
    """The grammar, from the installed package or from the source tree."""
    packaged = resources.files("assess").joinpath("grammar", GRAMMAR_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    in_tree = Path(__file__).resolve().parents[2] / "grammar" / GRAMMAR_NAME
    return in_tree.read_text(encoding="utf-8")


class _CommentSink:
    """Collects comment tokens of the parse in progress (lark's lexer
    callbacks are fixed when the parser is built, so they write here)."""

    def __init__(self) -> None:
        self.file = "<string>"
        self.comments: list[ast.Comment] = []

    def __call__(self, token: Token) -> Token:
        self.comments.append(ast.Comment(str(token), _token_span(self.file, token)))
        return token


_SINK = _CommentSink()


@cache
def _parser() -> lark.Lark:
    return lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        lexer_callbacks={"LINE_COMMENT": _SINK, "BLOCK_COMMENT": _SINK},
    )


def parse(text: str, file: str = "<string>") -> ast.Program:
    """Parse ``text`` (reported as ``file``) into a ``Program``."""
    _SINK.file, _SINK.comments = file, []
    try:
        tree = _parser().parse(text)
    except lark.exceptions.UnexpectedInput as exc:
        span, message = describe(exc, text, file, _parser())
        raise AssessError([error("syntax_error", span, message)]) from None
    comments = tuple(_SINK.comments)
    statements = _Builder(file).transform(tree)
    return ast.Program(tuple(statements), comments, file)


def _token_span(file: str, token: Token) -> ast.Span:
    return ast.Span(
        file,
        token.line or 0,
        token.column or 0,
        token.end_line or token.line or 0,
        token.end_column or token.column or 0,
    )


def _unquote(text: str) -> str:
    """The value of a quoted token, escapes resolved as in Python."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    quote = text[0]
    try:
        value = python_ast.literal_eval(quote + body + quote)
    except (SyntaxError, ValueError):
        return body
    return str(value)


def _number(text: str) -> int | float:
    return float(text) if any(c in text for c in ".eE") else int(text)


class _BuildError(Exception):
    def __init__(self, meta: Meta | Token, message: str) -> None:
        self.meta = meta
        self.message = message


@v_args(meta=True)
class _Builder(Transformer[Token, list[ast.Statement]]):
    """Builds AST nodes; each method is named after the grammar rule."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file

    def transform(self, tree: lark.Tree[Token]) -> list[ast.Statement]:
        try:
            return super().transform(tree)
        except lark.exceptions.VisitError as exc:
            inner = exc.orig_exc
            if isinstance(inner, _BuildError):
                span = self._span(inner.meta)
                raise AssessError([error("syntax_error", span, inner.message)]) from None
            raise

    def _span(self, meta: Meta | Token) -> ast.Span:
        if isinstance(meta, Token):
            return _token_span(self.file, meta)
        if getattr(meta, "empty", True):
            return ast.NO_SPAN
        return ast.Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    # ---- top level
    def start(self, meta: Meta, items: list[ast.Statement]) -> list[ast.Statement]:
        return items

    # ---- terms
    def variable(self, meta: Meta, c: list[Token]) -> ast.Var:
        return ast.Var(str(c[0]), self._span(meta))

    def symbol(self, meta: Meta, c: list[Token]) -> ast.Symbol:
        return ast.Symbol(str(c[0]), self._span(meta))

    def quoted_symbol(self, meta: Meta, c: list[Token]) -> ast.Symbol:
        return ast.Symbol(_unquote(str(c[0])), self._span(meta))

    def string(self, meta: Meta, c: list[Token]) -> ast.String:
        return ast.String(_unquote(str(c[0])), self._span(meta))

    def number(self, meta: Meta, c: list[Token]) -> ast.Number:
        return ast.Number(_number(str(c[0])), self._span(meta))

    def negative_number(self, meta: Meta, c: list[Token]) -> ast.Number:
        return ast.Number(-_number(str(c[0])), self._span(meta))

    def binary_op(self, meta: Meta, c: list[Any]) -> ast.BinaryOp:
        return ast.BinaryOp(ast.ArithOp(str(c[1])), c[0], c[2], self._span(meta))

    def negated(self, meta: Meta, c: list[Any]) -> ast.Negated | ast.Number:
        # `-3` is the number -3 in an expression as it is in an argument, so
        # that `X = -3` and `p(-3)` agree and the printer has one text for it.
        if isinstance(c[0], ast.Number):
            return ast.Number(-c[0].value, self._span(meta))
        return ast.Negated(c[0], self._span(meta))

    # ---- atoms and literals
    def atom(self, meta: Meta, c: list[Any]) -> ast.Atom:
        args = tuple(x for x in c[1:] if x is not None)
        return ast.Atom(str(c[0]), args, False, self._span(meta))

    def literal(self, meta: Meta, c: list[Any]) -> ast.Atom:
        tilde, atom = c
        return ast.Atom(atom.predicate, atom.args, tilde is not None, self._span(meta))

    def negation(self, meta: Meta, c: list[Any]) -> ast.Negation:
        style = ast.NafStyle.NOT if str(c[0]) == "not" else ast.NafStyle.BACKSLASH_PLUS
        return ast.Negation(c[1], style, self._span(meta))

    def comparison(self, meta: Meta, c: list[Any]) -> ast.Comparison:
        return ast.Comparison(ast.CompareOp(str(c[1])), c[0], c[2], self._span(meta))

    def assignment(self, meta: Meta, c: list[Any]) -> ast.Assignment:
        return ast.Assignment(ast.Var(str(c[0]), self._span(c[0])), c[1], self._span(meta))

    def body(self, meta: Meta, c: list[Any]) -> tuple[ast.BodyLiteral, ...]:
        return tuple(c)

    # ---- clauses
    def label(self, meta: Meta, c: list[Token]) -> str:
        return str(c[0])

    def head(self, meta: Meta, c: list[Any]) -> tuple[float | None, ast.Atom, ast.Span]:
        weight, atom = c
        return (None if weight is None else _number(str(weight)), atom, self._span(meta))

    def heads(self, meta: Meta, c: list[Any]) -> list[Any]:
        return c

    def clause(self, meta: Meta, c: list[Any]) -> ast.Clause | ast.Disjunction:
        label, heads, neck, body = c
        body = body or ()
        span = self._span(meta)
        kind = ast.RuleKind(str(neck)) if neck is not None else ast.RuleKind.STRICT
        if len(heads) == 1:
            weight, atom, _ = heads[0]
            return ast.Clause(atom, body, weight, label, kind, span)
        if kind is not ast.RuleKind.STRICT:
            raise _BuildError(meta, "an annotated disjunction must use ':-', not " + str(neck))
        choices = []
        for weight, atom, head_span in heads:
            if weight is None:
                raise _BuildError(
                    meta,
                    f"every head of an annotated disjunction needs a probability: "
                    f"write 'P::{atom.predicate}…'",
                )
            choices.append(ast.Choice(weight, atom, head_span))
        return ast.Disjunction(tuple(choices), body, label, span)

    def superiority(self, meta: Meta, c: list[str]) -> ast.Superiority:
        return ast.Superiority(c[0], c[1], self._span(meta))

    def query(self, meta: Meta, c: list[Any]) -> ast.Query:
        return ast.Query(c[1], self._span(meta))

    def evidence(self, meta: Meta, c: list[Any]) -> ast.Evidence:
        value = c[2]
        if value is not None and str(value) not in ("true", "false"):
            raise _BuildError(value, f"evidence is 'true' or 'false', not '{value}'")
        return ast.Evidence(c[1], value is None or str(value) == "true", self._span(meta))

    # ---- declarations
    def parameters(self, meta: Meta, c: list[Token]) -> tuple[str, ...]:
        return tuple(str(t) for t in c)

    def source_decl(self, meta: Meta, c: list[Any]) -> ast.SourceDecl:
        _, name, description, reliability, _derived, *derived = c
        names = tuple(str(t) for t in derived if t is not None)
        return ast.SourceDecl(
            str(name), _unquote(str(description)), str(reliability), names, self._span(meta)
        )

    def indicator_decl(self, meta: Meta, c: list[Any]) -> ast.IndicatorDecl:
        _, name, params, description = c
        return ast.IndicatorDecl(
            str(name), params or (), _unquote(str(description)), self._span(meta)
        )

    def hypothesis_decl(self, meta: Meta, c: list[Any]) -> ast.HypothesisDecl:
        _, name, params, description = c
        return ast.HypothesisDecl(
            str(name), params or (), _unquote(str(description)), self._span(meta)
        )

    def competing_decl(self, meta: Meta, c: list[Token]) -> ast.CompetingDecl:
        return ast.CompetingDecl(str(c[1]), tuple(str(t) for t in c[2:]), self._span(meta))

    def conflict_decl(self, meta: Meta, c: list[Token]) -> ast.ConflictDecl:
        return ast.ConflictDecl(str(c[1]), str(c[2]), self._span(meta))

    def report(self, meta: Meta, c: list[Any]) -> ast.Report:
        _, atom, source, credibility, date, quote = c
        value = _number(str(credibility))
        if not isinstance(value, int):
            raise _BuildError(credibility, f"credibility is a whole number 1-6, not {credibility}")
        return ast.Report(
            atom,
            str(source),
            value,
            None if date is None else str(date),
            None if quote is None else _unquote(str(quote)),
            self._span(meta),
        )

    def load(self, meta: Meta, c: list[Token]) -> ast.Load:
        return ast.Load(_unquote(str(c[1])), self._span(meta))

    def grade(self, meta: Meta, c: list[Token]) -> ast.GradeOverride:
        return ast.GradeOverride(str(c[1]), float(_number(str(c[2]))), self._span(meta))

    # ---- scenarios
    def scenario(self, meta: Meta, c: list[Any]) -> ast.Scenario:
        return ast.Scenario(_unquote(str(c[1])), tuple(c[2:]), self._span(meta))

    def expect_phrase(self, meta: Meta, c: list[Any]) -> ast.ExpectEstimate | ast.ExpectStatus:
        atom = c[1]
        phrase = " ".join(str(t) for t in c[2:])
        span = self._span(meta)
        for estimate in ast.Estimate:
            if phrase == estimate.value:
                return ast.ExpectEstimate(atom, estimate, span)
        for status in ast.Status:
            if phrase == status.value:
                return ast.ExpectStatus(atom, status, span)
        known = ", ".join(e.value for e in ast.Estimate)
        statuses = ", ".join(s.value for s in ast.Status)
        raise _BuildError(
            c[2],
            f"'{phrase}' is neither an ICD 203 term ({known}) nor a status ({statuses})",
        )

    def expect_rank(self, meta: Meta, c: list[Any]) -> ast.ExpectRank:
        return ast.ExpectRank(c[1], c[2], self._span(meta))

    def expect_probability(self, meta: Meta, c: list[Any]) -> ast.ExpectProbability:
        _, _, atom, op, bound, tolerance = c
        return ast.ExpectProbability(
            atom,
            ast.CompareOp(str(op)),
            float(_number(str(bound))),
            None if tolerance is None else float(_number(str(tolerance))),
            self._span(meta),
        )

    def expect_cites(self, meta: Meta, c: list[Any]) -> ast.ExpectCites:
        return ast.ExpectCites(c[2], str(c[3]), self._span(meta))
