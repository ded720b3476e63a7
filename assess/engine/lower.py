"""Syntax trees to the engine's IR: numbered variables, interned constants.

``lower(programs, extra)`` turns the statements of every file of one
invocation (and optionally the items of one scenario, ``extra``) into one
``IRProgram``:

* a fact with no probability, no label and the strict neck goes into
  ``facts``; every other clause is an ``IRRule`` (a probabilistic or labelled
  fact is a rule with an empty body, i.e. a choice of its own);
* an annotated disjunction gives one rule per head, sharing ``disjunction``;
* reports of one ground atom are grouped by *origin*: sources linked by
  ``derived_from`` (``source_clusters``) or the same source twice count once.
  Each origin gives one choice rule with an empty body whose probability is
  the highest grade probability among its reports (``grade XN = p.``
  overrides honoured); ``IRProgram.reports`` maps the rule id to the reports
  behind it. Independent origins are independent choices (noisy-or);
* before that, the reports of an indicator declared ``current`` that a newer
  report of their origin supersedes (``analysis.timeline.supersede``) are
  set aside: no choice is built from them, and ``IRProgram.superseded``
  holds each with the report that superseded it;
* ``load`` statements and scenarios are not lowered here; expectations in
  ``extra`` are ignored (a scenario runner reads them itself);
* a rule with ``;``, ``->`` or ``\\+ ( … )`` is first the plain rules it
  stands for (``syntax.expand``); in a body ``true`` is dropped, ``fail``
  and ``false`` drop the rule, ``between/3``, ``succ/2`` and ``plus/3`` are
  ``IRBuiltin`` (``builtins``);
* a rule with a flexible probability (``P::h :- b(P).``) becomes one rule
  per value its weight takes (``flexible.specialize``);
* ``query(\\+ a)`` asks about the atom ``\\+a`` of a rule
  ``\\+a :- \\+ a.`` (``a`` ground).

Constants become term values (``assess.engine.terms``): a symbol a ``str``, a
"string" a ``Str``, an integer an ``int``, a float a ``Float``, a ground
compound term or list a ``Compound`` (``[a, b]`` is two ``terms.CONS`` cells),
and one with variables an ``IStruct``; variables
are numbered per rule in order of first appearance, head first, and each
anonymous ``_`` is a variable of its own.

Example: with ``source a "A" reliability B.`` and ``source b "B" reliability
C derived_from a.``, the reports ``report x by a credibility 2.`` and
``report x by b credibility 1.`` become *one* choice rule ``x`` with
probability max(0.80, 0.80) = 0.80, because b's reporting derives from a.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from assess.analysis.grading import choice_probability, report_probability, source_clusters
from assess.analysis.timeline import current_indicators, supersede
from assess.check.walk import LIBRARY, UNSUPPORTED_BUILTINS, describe, heads
from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.engine import builtins, terms
from assess.engine.flexible import specialize
from assess.engine.ir import (
    ClauseOrder,
    GroundAtom,
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
    IREvidence,
    IRFindall,
    IRLiteral,
    IRProgram,
    IRQuery,
    IRRule,
    IStruct,
    ITerm,
    IVar,
    Pred,
    Value,
)
from assess.engine.terms import NUMERIC_COMPARE, Str
from assess.syntax import ast
from assess.syntax.expand import expand
from assess.syntax.parser import parse

Lowerable = ast.Statement | ast.ScenarioItem


class _Vars:
    """Numbers a rule's variables in order of first appearance."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, var: ast.Var) -> IVar:
        if var.is_anonymous:
            self.names.append("_")
            return IVar(len(self.names) - 1)
        found = self._index.get(var.name)
        if found is None:
            found = self._index[var.name] = len(self.names)
            self.names.append(var.name)
        return IVar(found)


def constant(term: ast.Symbol | ast.String | ast.Number) -> Value:
    """The term value of a constant: ``a`` is ``"a"``, ``"a"`` is ``Str("a")``,
    ``1.0`` is ``Float(1.0)``."""
    if isinstance(term, ast.String):
        return Str(term.value)
    if isinstance(term, ast.Number):
        return terms.constant(term.value)
    return term.value


def _term(term: ast.Term, names: _Vars) -> ITerm:
    if isinstance(term, ast.Var):
        return names(term)
    if isinstance(term, ast.Compound):
        return _struct(term.functor, tuple(_term(a, names) for a in term.args), term.span)
    if isinstance(term, ast.ListTerm):
        items = [_term(item, names) for item in term.items]  # variables numbered left to right
        tail = _term(term.tail, names) if term.tail is not None else IConst(terms.NIL)
        for item in reversed(items):
            tail = _struct(terms.CONS, (item, tail), term.span)
        return tail
    return IConst(constant(term))


def ground_term(term: ast.Term) -> Value:
    """The value of a ground term (a constant, or a compound term or list of
    them); ``ValueError`` if it holds a variable."""
    lowered = _term(term, _Vars())
    if not isinstance(lowered, IConst):
        raise ValueError("the term has variables")
    return lowered.value


def _struct(name: str, args: tuple[ITerm, ...], span: ast.Span) -> ITerm:
    """``name(args)``: a constant when ground (``terms.Compound``), else an ``IStruct``."""
    if not all(isinstance(a, IConst) for a in args):
        return IStruct(name, args)
    try:
        return IConst(terms.Compound(name, tuple(a.value for a in args if isinstance(a, IConst))))
    except terms.TermTooDeep as exc:
        raise AssessError([error("term_too_deep", span, str(exc))]) from None


def _expr(expr: ast.Expr, names: _Vars) -> IExpr:
    if isinstance(expr, ast.BinaryOp):
        return IBinary(expr.op, _expr(expr.left, names), _expr(expr.right, names))
    if isinstance(expr, ast.Negated):
        return INeg(_expr(expr.operand, names))
    if isinstance(expr, ast.Function):
        return ICall(expr.name, tuple(_expr(a, names) for a in expr.args))
    return _term(expr, names)


def _as_term(expr: ast.Expr, names: _Vars) -> ITerm:
    """An expression read as a term, where ``=``, ``==`` and ``@<`` compare
    terms: ``1+2`` is the compound ``+(1, 2)``, not 3 (``-1`` stays the number)."""
    if isinstance(expr, ast.BinaryOp):
        return _struct(expr.op.value, (_as_term(expr.left, names), _as_term(expr.right, names)),
                       expr.span)
    if isinstance(expr, ast.Negated):
        if isinstance(expr.operand, ast.Number):
            return IConst(terms.constant(-expr.operand.value))
        return _struct("-", (_as_term(expr.operand, names),), expr.span)
    if isinstance(expr, ast.Function):
        return _struct(expr.name, tuple(_as_term(a, names) for a in expr.args), expr.span)
    return _term(expr, names)


def lower_atom(atom: ast.Atom, names: _Vars) -> IRAtom:
    pred = Pred(atom.predicate, len(atom.args), atom.contrary)
    return IRAtom(pred, tuple(_term(t, names) for t in atom.args))


def pattern(atom: ast.Atom) -> IRAtom:
    """``atom`` on its own, as a query pattern (its variables numbered afresh)."""
    return lower_atom(atom, _Vars())


TRUE = ("true", 0)
FAILS = frozenset({("fail", 0), ("false", 0)})


class _Fails(Exception):
    """A body that can never hold (``fail``, ``\\+ true``): its rule is dropped."""


def _body_item(
    item: ast.BodyLiteral, names: _Vars, library: frozenset[tuple[str, int]] = frozenset(),
    defined: frozenset[tuple[str, int]] = frozenset(),
) -> IRBodyItem | None:
    """The IR of a body literal; None for one that always holds (``true``);
    ``_Fails`` for one that never does. ``library``: the list predicates the
    program calls and does not define; ``defined``: what it defines."""
    if isinstance(item, ast.Atom | ast.Negation):
        atom = item if isinstance(item, ast.Atom) else item.atom
        negated = isinstance(item, ast.Negation)
        _provided(atom, defined)
        if not atom.contrary and (atom.signature == TRUE or atom.signature in FAILS):
            if negated == (atom.signature == TRUE):
                raise _Fails
            return None
        if not negated and not atom.contrary and builtins.ARITY.get(atom.predicate) == len(
                atom.args):
            args = tuple(_term(t, names) for t in atom.args)
            if any(isinstance(a, IStruct) or (isinstance(a, IConst) and isinstance(
                    a.value, terms.Compound)) for a in args):
                raise AssessError([error(
                    "arithmetic_error", atom.span,
                    f"{describe(atom.signature)} takes integers, not a compound term "
                    "(ProbLog: a type error)",
                )])
            return IRBuiltin(atom.predicate, args)
        if not negated and not atom.contrary and atom.signature in library:
            return _library_call(atom, names)
        return IRLiteral(lower_atom(atom, names), negated=negated)
    if isinstance(item, ast.Comparison):
        side = _expr if item.op in NUMERIC_COMPARE else _as_term
        return IRCompare(item.op, side(item.left, names), side(item.right, names))
    assert isinstance(item, ast.Assignment), "groups are expanded before lowering"
    return IRAssign(names(item.target), _expr(item.expr, names))


def _body(
    items: Sequence[ast.BodyLiteral], names: _Vars,
    library: frozenset[tuple[str, int]] = frozenset(),
    defined: frozenset[tuple[str, int]] = frozenset(),
) -> tuple[IRBodyItem, ...]:
    """The IR of a body (``_Fails`` if it can never hold)."""
    lowered = (_body_item(item, names, library, defined) for item in items)
    return tuple(i for i in lowered if i is not None)


@lru_cache(maxsize=4096)
def _pred(name: str, arity: int, contrary: bool) -> Pred:
    return Pred(name, arity, contrary)


def _provided(atom: ast.Atom, defined: frozenset[tuple[str, int]]) -> None:
    """Refuse a ProbLog built-in that assess lacks, unless the program defines it."""
    if atom.signature in UNSUPPORTED_BUILTINS and atom.signature not in defined:
        raise AssessError([error(
            "unsupported_builtin", atom.span,
            f"{describe(atom.signature)} is a ProbLog built-in or library predicate "
            "that assess does not provide (define it, or see the README's language section)",
        )])


def _library_call(atom: ast.Atom, names: _Vars) -> IRBodyItem:
    """``member/2``, ``append/3``, ``length/2`` or ``findall/3`` (``engine.library``)."""
    if atom.predicate != "findall":
        return IRCall(atom.predicate, tuple(_term(t, names) for t in atom.args))
    template, goal, result = atom.args
    if isinstance(goal, ast.Symbol):
        goal_atom = IRAtom(Pred(goal.value, 0), ())
    elif isinstance(goal, ast.Compound):
        goal_atom = IRAtom(
            Pred(goal.functor, len(goal.args)), tuple(_term(t, names) for t in goal.args)
        )
    else:
        raise AssessError([error(
            "unsupported_findall", goal.span,
            "the goal of findall/3 must be one atom such as p(X, Y) "
            "(define a predicate for a conjunction)",
        )])
    return IRFindall(_term(template, names), goal_atom, _term(result, names))


def ground_atom(atom: ast.Atom) -> tuple[Pred, tuple[Value, ...]] | None:
    """``(pred, values)`` when every argument is ground, else None.
    (Called once per fact: symbols and integers, the common arguments, are
    read without a call, and the predicate is made once; a compound term or
    a list goes the general way, through ``pattern``.)"""
    values: list[Any] = []
    for t in atom.args:
        kind = type(t)
        if kind is ast.Var:
            return None
        if kind is ast.Compound or kind is ast.ListTerm:
            lowered = pattern(atom)
            if not all(isinstance(a, IConst) for a in lowered.args):
                return None
            return lowered.pred, tuple(a.value for a in lowered.args if isinstance(a, IConst))
        value = t.value  # type: ignore[union-attr]
        if kind is ast.Symbol or type(value) is int:
            values.append(value)
        else:
            values.append(constant(t))  # type: ignore[arg-type]
    return _pred(atom.predicate, len(atom.args), atom.contrary), tuple(values)


def _defining(s: ast.Disjunction | ast.Report) -> tuple[ast.Atom, ...]:
    """The atoms an annotated disjunction or a report defines."""
    return (s.atom,) if isinstance(s, ast.Report) else heads(s)


class _Lowering:
    """Accumulates one ``IRProgram`` statement by statement."""

    def __init__(self, statements: Sequence[Lowerable]) -> None:
        self.ir = IRProgram()
        self.statements = statements
        self._disjunctions = 0
        self._reports: list[ast.Report] = []
        self._origin: dict[str, str] = {}
        self._negations: set[IRAtom] = set()
        self.flexible: list[tuple[IRRule, IExpr]] = []
        self._library: frozenset[tuple[str, int]] = frozenset()
        """The library predicates the program calls without defining them."""
        self._findall_goals: dict[Pred, ast.Span] = {}
        self._defined: frozenset[tuple[str, int]] = frozenset()

    def run(self) -> IRProgram:
        defined: set[tuple[str, int]] = set()
        for s in self.statements:
            if type(s) is ast.Clause:
                defined.add((s.head.predicate, len(s.head.args)))
            elif isinstance(s, ast.Disjunction | ast.Report):
                defined.update(a.signature for a in _defining(s))
        self._library = LIBRARY - defined
        self._defined = frozenset(defined)
        self._findall_goals = self._goals_of_findall()
        self._declarations()
        facts, strict, order = self.ir.facts, ast.RuleKind.STRICT, self._findall_goals
        last: tuple[Pred | None, set[tuple[Value, ...]]] = (None, set())
        for statement in self.statements:
            # A certain ground fact, the bulk of a large program, straight
            # into its relation (``_clause`` reads it the same way); facts
            # of one predicate come in runs, and ``ground_atom`` gives each
            # predicate as one object.
            if (type(statement) is ast.Clause and not statement.body
                    and statement.probability is None and statement.label is None
                    and statement.weight is None and statement.kind is strict
                    and (ground := ground_atom(statement.head)) is not None
                    and ground[0] not in order):
                if ground[0] is not last[0]:
                    last = (ground[0], facts.setdefault(ground[0], set()))
                last[1].add(ground[1])
                continue
            self._statement(statement)
        self._lower_reports()
        for rule in specialize(self.ir, self.flexible):
            self._add_rule(rule)
        return self.ir

    def _goals_of_findall(self) -> dict[Pred, ast.Span]:
        """The predicates the program's ``findall/3`` calls read, with where."""
        if ("findall", 3) not in self._library:
            return {}
        goals: dict[Pred, ast.Span] = {}
        for s in self.statements:
            if isinstance(s, ast.Clause | ast.Disjunction):
                for item in s.body:
                    if isinstance(item, ast.Atom) and item.signature == ("findall", 3):
                        goal = item.args[1]
                        if isinstance(goal, ast.Compound):
                            goals.setdefault(Pred(goal.functor, len(goal.args)), item.span)
                        elif isinstance(goal, ast.Symbol):
                            goals.setdefault(Pred(goal.value, 0), item.span)
        return goals

    def _declarations(self) -> None:
        for s in self.statements:
            if isinstance(s, ast.SourceDecl):
                self.ir.sources[s.name] = s
            elif isinstance(s, ast.IndicatorDecl):
                self.ir.indicators[s.name] = s
            elif isinstance(s, ast.HypothesisDecl):
                self.ir.hypotheses[s.name] = s
            elif isinstance(s, ast.CompetingDecl):
                self.ir.competing.append(s)
            elif isinstance(s, ast.GradeOverride):
                self.ir.grades[s.grade] = s.probability
        derived = {name: s.derived_from for name, s in self.ir.sources.items()}
        self._origin = source_clusters(derived)

    def _statement(self, s: Lowerable) -> None:
        if isinstance(s, ast.Clause):
            self._clause(s)
        elif isinstance(s, ast.Disjunction):
            self._disjunction(s)
        elif isinstance(s, ast.Report):
            self._collect_report(s)
        elif isinstance(s, ast.Query):
            _provided(s.atom, self._defined)
            self.ir.queries.append(IRQuery(self._query_atom(s), s))
        elif isinstance(s, ast.Evidence):
            _provided(s.atom, self._defined)
            self.ir.evidence.append(IREvidence(lower_atom(s.atom, _Vars()), s.value, s))
        elif isinstance(s, ast.Superiority):
            self.ir.superiority.append((s.superior, s.inferior))
        elif isinstance(s, ast.ConflictDecl):
            self.ir.conflicts.append((s.first, s.second))

    def _add_rule(self, rule: IRRule) -> None:
        self.ir.rules.append(replace(rule, id=len(self.ir.rules)))
        self._order(rule.head)

    def _query_atom(self, query: ast.Query) -> IRAtom:
        """The atom a query asks about; for ``query(\\+ p(a))`` the atom
        ``\\+p(a)`` of a rule ``\\+p(a) :- \\+ p(a).`` (a ground atom only:
        ``\\+ p(X)`` has no rule that could bind X)."""
        atom = lower_atom(query.atom, _Vars())
        if not query.negated:
            return atom
        if not all(isinstance(t, IConst) for t in atom.args):
            raise AssessError([error(
                "unsafe_variable", query.span,
                "a negated query must be ground: query(\\+ p(a)), not query(\\+ p(X))",
            )])
        name = ("~" if atom.pred.contrary else "") + atom.pred.name
        negation = IRAtom(Pred(f"\\+{name}", atom.pred.arity), atom.args)
        if negation not in self._negations:
            self._negations.add(negation)
            self._add_rule(IRRule(len(self.ir.rules), negation, (IRLiteral(atom, negated=True),),
                                  (), ast.RuleKind.STRICT, None, None, None, None))
        return negation

    def _order(self, head: IRAtom) -> None:
        """Note a clause of a predicate some ``findall/3`` reads, in order."""
        if head.pred in self._findall_goals:
            self.ir.clause_order.setdefault(head.pred, ClauseOrder()).add(head)

    def _clause(self, clause: ast.Clause) -> None:
        certain = clause.probability is None and clause.label is None and not clause.flexible
        ground = ground_atom(clause.head) if clause.is_fact and certain else None
        if ground is not None:
            pred, values = ground
            self.ir.facts.setdefault(pred, set()).add(values)
            if pred in self._findall_goals:
                self._order(IRAtom(pred, tuple(IConst(v) for v in values)))
            return
        names = _Vars()
        head = lower_atom(clause.head, names)
        try:
            body = _body(clause.body, names, self._library, self._defined)
        except _Fails:
            return
        rule = IRRule(
            len(self.ir.rules), head, body, tuple(names.names), clause.kind,
            clause.probability, clause.label, None, clause,
        )
        if clause.flexible:
            assert clause.weight is not None
            self.flexible.append((rule, _expr(clause.weight, names)))
            return
        self._add_rule(rule)

    def _disjunction(self, disjunction: ast.Disjunction) -> None:
        group = self._disjunctions
        self._disjunctions += 1
        for choice in disjunction.choices:
            names = _Vars()
            head = lower_atom(choice.atom, names)
            try:
                body = _body(disjunction.body, names, self._library, self._defined)
            except _Fails:
                return
            self._add_rule(
                IRRule(
                    len(self.ir.rules), head, body, tuple(names.names), ast.RuleKind.STRICT,
                    choice.probability, disjunction.label, group, disjunction,
                )
            )

    def _collect_report(self, report: ast.Report) -> None:
        ground = ground_atom(report.atom)
        if ground is None:
            raise AssessError([error(
                "nonground_report", report.span,
                "a report must name a ground atom (no variables)",
            )])
        if report.source not in self.ir.sources:
            raise AssessError([error(
                "unknown_source", report.span,
                f"source {report.source!r} is reported but never declared",
            )])
        self._reports.append(report)

    def _probability(self, report: ast.Report) -> float:
        reliability = self.ir.sources[report.source].reliability
        return report_probability(reliability, report.credibility, self.ir.grades)

    def _lower_reports(self) -> None:
        current = current_indicators(self.ir.indicators.values())
        standing, self.ir.superseded = supersede(self._reports, current, self._origin)
        groups: dict[tuple[Pred, tuple[Value, ...], str], list[ast.Report]] = {}
        for report in standing:
            ground = ground_atom(report.atom)
            assert ground is not None
            origin = self._origin.get(report.source, report.source)
            groups.setdefault((*ground, origin), []).append(report)
        # A report's probability is its source's and its credibility's:
        # worked out once per pair, not twice per report.
        graded: dict[tuple[str, int], float] = {}

        def probability_of(report: ast.Report) -> float:
            key = (report.source, report.credibility)
            if key not in graded:
                graded[key] = self._probability(report)
            return graded[key]

        for (pred, values, _origin), reports in groups.items():
            best = max(reports, key=probability_of)
            probability = choice_probability(reports, probability_of)
            rule = IRRule(
                len(self.ir.rules),
                IRAtom(pred, tuple(IConst(v) for v in values)),
                (), (), ast.RuleKind.STRICT, probability, None, None, best,
            )
            self._add_rule(rule)
            self.ir.reports[rule.id] = tuple(reports)


def statements_of(programs: Iterable[ast.Program]) -> list[Lowerable]:
    """Every statement of ``programs`` in order (scenarios stay out)."""
    return [s for p in programs for s in p.statements if not isinstance(s, ast.Scenario)]


def _expanded(statements: Iterable[Lowerable]) -> list[Lowerable]:
    """The statements with each rule's ``;``, ``->`` and ``\\+ (…)`` made rules
    (``syntax.expand``)."""
    out: list[Lowerable] = []
    for s in statements:
        # A fact has no body to expand (the bulk of a large program).
        if isinstance(s, ast.Clause | ast.Disjunction) and s.body:
            out.extend(expand(s))
        else:
            out.append(s)
    return out


def lower(programs: Sequence[ast.Program], extra: Sequence[Lowerable] = ()) -> IRProgram:
    """Lower ``programs`` (plus ``extra`` statements, e.g. a scenario's items)."""
    return _Lowering(_expanded([*statements_of(programs), *extra])).run()


def parse_atom(text: str) -> GroundAtom:
    """The ground atom written ``text`` on the command line (``troops(12500)``, ``~h``)."""
    try:
        program = parse(f"query({text.strip()}).", "<command line>")
    except AssessError:
        raise AssessError([error(
            "bad_atom", COMMAND_LINE, f"{text!r} is not an atom (write it as in a rule: p(a, 1))",
        )]) from None
    statement = program.statements[0] if len(program.statements) == 1 else None
    if not isinstance(statement, ast.Query):
        raise AssessError([error("bad_atom", COMMAND_LINE, f"{text!r} is not one atom")])
    if ground_atom(statement.atom) is None:
        raise AssessError([error(
            "nonground_atom", COMMAND_LINE, f"{text!r} has variables; name one ground atom",
        )])
    found = ground_atom(statement.atom)
    assert found is not None
    return found
