"""Builds AST nodes while lark parses: one method per grammar rule.

The builder runs *inside* the LALR parser (its methods are the parser's rule
callbacks, as with lark's inline transformer), so no parse tree is built and
walked a second time; that halves the time to parse
a large file. It sees every token, punctuation included (``keep_all_tokens``),
and computes each node's span from its first and last child, as lark's
``propagate_positions`` would: a statement's span runs from its first token
to its final ``.``; a parenthesised expression's parentheses belong to the
span of what contains it, not to the expression itself.

Methods pick their parts by kind (``_tokens(c, "NAME")``, ``_node(c, Atom)``:
``assess.syntax.tree``) rather than by position, so optional parts need no
placeholder bookkeeping; goals, bodies and terms are made by
``assess.syntax.goals``.

Example: ``edge(a, b).`` on line 3 becomes ``Clause(Atom("edge", (Symbol("a"),
Symbol("b"))))`` with span ``3:1-3:12``.
"""

from __future__ import annotations

from typing import Any

from lark import Token

from assess.syntax import ast, notation
from assess.syntax.expand import check_conditions, literal_vars
from assess.syntax.functions import evaluate
from assess.syntax.goals import (
    _SCOPE,
    BadNumber,
    BuildError,
    Refused,
    _argument,
    _Branch,
    _combine,
    _conjunction,
    _expr,
    _Goal,
    _goal_text,
    _Group,
    _has_vars,
    _Head,
    _Label,
    _library,
    _neck,
    _Paren,
    _unknown,
    _value,
)
from assess.syntax.numbers import NumberError, read_number
from assess.syntax.tree import (
    _edge,
    _is_last_member,
    _node,
    _nodes,
    _parts,
    _token,
    _tokens,
    token_span,
    unquote,
)

__all__ = ["BadNumber", "BuildError", "Builder", "Refused", "token_span", "unquote"]


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

    def function(self, c: list[Any]) -> ast.Function:
        parts = _parts(c[1:])
        for part in parts:
            if isinstance(part, _Group):
                raise Refused("unsupported_term", part.span, (
                    f"a goal as an argument of {c[0]}(…) is a compound term, which is "
                    "not supported"))
        name = unquote(str(c[0])) if c[0].type == "QUOTED" else str(c[0])
        return ast.Function(name, tuple(_expr(a) for a in parts), self._span(c))

    def list_expr(self, c: list[Any]) -> ast.ListTerm:
        parts = _parts(c)
        for part in parts:
            if isinstance(part, _Group):
                raise Refused("unsupported_term", part.span,
                              "a goal as an item of a list is not supported")
        tail = _argument(parts[-1]) if _token(c, "VBAR") is not None else None
        items = parts[:-1] if tail is not None else parts
        return ast.ListTerm(tuple(_argument(a) for a in items), tail, self._span(c))

    def tuple_term(self, c: list[Any]) -> ast.Term:
        raise Refused("unsupported_term", self._span(c),
                      "a tuple term (a, b) as an argument is not supported")

    def univ_goal(self, c: list[Any]) -> ast.Atom:
        raise Refused("unsupported_builtin", self._span(c),
                      "=../2 (univ) is a ProbLog built-in that assess does not provide")

    def bit_not(self, c: list[Any]) -> ast.Function:
        return ast.Function("\\", (_expr(c[-1]),), self._span(c))

    # ---- atoms and literals
    def atom(self, c: list[Any]) -> ast.Atom:
        args = _parts(c[1:])
        return ast.Atom(str(c[0]), args, False, self._span(c))

    def literal(self, c: list[Any]) -> ast.Atom:
        atom = _node(c, ast.Atom)
        contrary = _token(c, "TILDE") is not None
        return ast.Atom(atom.predicate, atom.args, contrary, self._span(c))

    def scoped_literal(self, c: list[Any]) -> ast.Atom:
        raise Refused("unsupported_scope", self._span(c), _SCOPE)

    def condition(self, c: list[Any]) -> ast.Atom:
        """The literal after ``given`` in a competing declaration."""
        name = _tokens(c, "NAME")[0]
        args = _parts(c)
        contrary = _token(c, "TILDE") is not None
        return ast.Atom(str(name), args, contrary, self._span(c))

    scoped_goal = scoped_query = scoped_literal

    contrary_goal = literal

    def goal(self, c: list[Any]) -> _Goal:
        parts = _parts(c)
        compare = _token(c, "COMPARE")
        if compare is None:
            return _Goal(parts[0], None, None, self._span(c))
        return _Goal(parts[0], ast.CompareOp(str(compare)), parts[1], self._span(c))

    def negation(self, c: list[Any]) -> ast.Negation | ast.NotGroup:
        style = ast.NafStyle.NOT if str(c[0]) == "not" else ast.NafStyle.BACKSLASH_PLUS
        target = _parts(c)[0]
        span = self._span(c)
        items = _conjunction([target])
        if len(items) == 1 and isinstance(items[0], ast.Atom):
            return ast.Negation(items[0], style, span)
        return ast.NotGroup(items, style, span)

    def assignment(self, c: list[Any]) -> ast.Assignment:
        target = ast.Var(str(c[0]), self._at(c[0]))
        return ast.Assignment(target, _value(c[-1]), self._span(c))

    def conj(self, c: list[Any]) -> tuple[ast.BodyLiteral, ...]:
        return _conjunction(_parts(c))

    def branch(self, c: list[Any]) -> _Branch:
        parts = [p for p in _parts(c) if isinstance(p, tuple)]
        return _Branch(parts[0], parts[1] if len(parts) > 1 else None, self._span(c))

    def disjunction(self, c: list[Any]) -> _Group:
        return _Group(_combine(_nodes(c, _Branch), self._span(c)), self._span(c))

    def group(self, c: list[Any]) -> _Group:
        return _Group(_node(c, _Group).items, self._span(c))

    def body(self, c: list[Any]) -> tuple[ast.BodyLiteral, ...]:
        return _node(c, _Group).items

    # ---- clauses
    def label(self, c: list[Token]) -> _Label:
        return _Label(str(_tokens(c, "NAME")[0]), self._span(c))

    def head(self, c: list[Any]) -> _Head:
        naf = _token(c, "NAF_SIGN")
        if naf is not None:
            raise Refused("unsupported_negative_head", self._span(c), (
                "a negated head (ProbLog's '\\+a :- …', which lowers the probability "
                "of a) is not supported"))
        written = [_expr(p) for p in _parts(c) if not isinstance(p, ast.Atom)]
        weight = written[0] if written else None
        probability, shown = self._weight(weight)
        return _Head(probability, shown, _node(c, ast.Atom), self._span(c))

    def _weight(self, weight: ast.Expr | None) -> tuple[float | None, ast.Expr | None]:
        """The probability of a weight (None when it has variables) and the
        weight as written when it is not a plain number."""
        if weight is None:
            return None, None
        if isinstance(weight, ast.Number):
            return weight.value, None
        if _has_vars(weight):
            return None, weight
        try:
            value = evaluate(weight)
        except (ArithmeticError, TypeError, ValueError) as exc:
            raise Refused("invalid_probability", weight.span,
                          f"the weight {notation.expression(weight)} has no value: {exc}") from None
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise Refused("invalid_probability", weight.span,
                          f"the weight {notation.expression(weight)} is not a number")
        return value, weight

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
        kind = _neck(neck)
        later = frozenset(v for h in heads for v in literal_vars(h.atom))
        binding = check_conditions(body, frozenset(), later)
        if binding is not None:
            raise Refused("unsupported_if_then_else", span, (
                f"the condition of an if-then-else binds {binding}, which is read after it: "
                "Prolog would take its first solution only, and a rule has no order of "
                "solutions (write the condition's cases as separate rules)"))
        if len(heads) == 1:
            head = heads[0]
            if head.weight is not None and head.probability is None and not body:
                raise Refused("unsafe_variable", span, (
                    f"the weight {notation.expression(head.weight)} has variables, and a "
                    "fact has no body to bind them"))
            return ast.Clause(head.atom, body, head.probability, label, kind, head.weight, span)
        if kind is not ast.RuleKind.STRICT:
            raise BuildError(span, f"an annotated disjunction must use ':-', not {neck}")
        choices = []
        for head in heads:
            if head.probability is None and head.weight is not None:
                raise Refused("unsupported_flexible_probability", head.span, (
                    "a head of an annotated disjunction with a flexible probability "
                    f"({notation.expression(head.weight)}) is not supported"))
            if head.probability is None:
                raise BuildError(
                    span,
                    "every head of an annotated disjunction needs a probability: "
                    f"write 'P::{head.atom.predicate}…'",
                )
            choices.append(ast.Choice(head.probability, head.atom, head.weight, head.span))
        return ast.Disjunction(tuple(choices), body, label, span)

    def superiority(self, c: list[Any]) -> ast.Superiority:
        superior, inferior = _nodes(c, _Label)
        return ast.Superiority(superior.name, inferior.name, self._span(c))

    def query(self, c: list[Any]) -> ast.Query | ast.Clause:
        negated = _token(c, "NAF_SIGN") is not None
        if _token(c, "NECK") is not None:
            atom = _node(c, ast.Atom)
            if negated or atom.contrary or str(_token(c, "NECK")) != ":-":
                raise Refused("unsupported_query_body", self._span(c), (
                    "a query with a body asks for atoms, not their negation or contrary, "
                    "after ':-'"))
            # As in ProbLog, a clause of query/1: each answer of its body is a query.
            term: ast.Term = (ast.Compound(atom.predicate, atom.args, atom.span) if atom.args
                              else ast.Symbol(atom.predicate, atom.span))
            bodies = _nodes(c, tuple)
            return ast.Clause(ast.Atom("query", (term,), span=atom.span),
                              bodies[0] if bodies else (), span=self._span(c))
        return ast.Query(_node(c, ast.Atom), negated, self._span(c))

    def evidence(self, c: list[Any]) -> ast.Evidence:
        value = _token(c, "NAME")
        if value is not None and str(value) not in ("true", "false"):
            raise BuildError(self._at(value), f"evidence is 'true' or 'false', not '{value}'")
        truth = value is None or str(value) == "true"
        if _token(c, "NAF_SIGN") is not None:
            truth = not truth
        return ast.Evidence(_node(c, ast.Atom), truth, self._span(c))

    def directive(self, c: list[Any]) -> ast.UseModule | ast.Unknown:
        goals = _nodes(c, _Goal)
        span = self._span(c)
        if _token(c, "NECK") is None or str(_token(c, "NECK")) != ":-":
            raise BuildError(span, "a directive is written ':- goal.'")
        text = ", ".join(_goal_text(g) for g in goals)
        if len(goals) == 1:
            library = _library(goals[0])
            if library in ast.LIBRARIES:
                return ast.UseModule(library, span)
            action = _unknown(goals[0])
            if action in ast.UNKNOWN_ACTIONS:
                return ast.Unknown(action, span)
        raise Refused("unsupported_directive", span, (
            f"the directive ':- {text}.' is not supported (accepted: "
            + ", ".join(f"use_module(library({n}))" for n in sorted(ast.LIBRARIES))
            + ", unknown(fail), unknown(error))"))

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
