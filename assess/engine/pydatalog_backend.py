"""pyDatalog as a second, independent grounder of the crisp model.

``pydatalog_model(program, goals)`` computes the same least model as
``evaluate`` (no provenance) by translating the rules to pyDatalog:

* each predicate becomes ``q0, q1, …`` (so ``~p`` and any name are safe); a
  nullary predicate gets one constant argument, dropped again on the way out;
* body order: positive literals of the head's own stratum first (left
  recursion: pyDatalog 0.22 does not terminate on a right-recursive closure
  over a cyclic graph, while the left-recursive form does), then the other
  positive literals, then tests, ``is`` and negations in written order;
* a negated literal with a variable of its own (projected) reads an auxiliary
  predicate over the shared variables; rules that need a predicate with no
  facts and no rules are dropped (pyDatalog rejects undefined predicates);
* constants are Python values the text names (``K0, K1, …``), so terms
  keep their types (``assess.engine.terms``: ``1`` is not ``1.0``, ``"a"``
  is not ``a``; pyDatalog's own rounding of floats is switched off);
  ``=``, ``\\=``, ``==`` and ``\\==`` between terms are pyDatalog's own;
  ``is``, arithmetic and numeric comparisons are computed by Python functions
  (``lambda V0: F3(V0)``) that read terms as the engine does, and an
  arithmetic error in one stops the run with ``arithmetic_error``.

The static meaning is checked by the engine's own passes first (strata,
safety), so both grounders reject the same programs with the same codes.
pyDatalog runs in a forked child with a time budget: if it has not answered
in ``budget`` seconds the child is killed and ``pydatalog_timeout`` raised,
so a call never hangs.

Example: ``p(X, Y) :- e(X, Z), p(Z, Y).`` with ``p`` as ``q1`` and ``e`` as
``q0`` becomes ``q1(V0, V1) <= q1(V2, V1) & q0(V0, V2)``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from assess.diagnostics import AssessError, error
from assess.engine.evaluate import Model, select_rules
from assess.engine.ir import (
    IBinary,
    IConst,
    IExpr,
    INeg,
    IRAssign,
    IRAtom,
    IRBodyItem,
    IRCall,
    IRCompare,
    IRFindall,
    IRLiteral,
    IRProgram,
    IRRule,
    IStruct,
    ITerm,
    IVar,
    Pred,
    Value,
)
from assess.engine.plans import atom_vars, expr_vars, is_open, open_predicates, plan_rule
from assess.engine.strata import PredicateGraph, strata
from assess.engine.terms import ARITH, compare, number, numeric
from assess.syntax.ast import CompareOp

NULLARY = 0
"""The constant argument standing in for a nullary predicate's empty tuple."""

_ERRORS: list[tuple[int, str]] = []
"""Arithmetic errors met in the child: (rule id, message)."""
_TOP = Pred("", 0)
"""A predicate no program can name (it always holds)."""
_FAILED = object()
"""What a failed computation binds (the run is then reported as failed)."""


@dataclass
class Translation:
    """pyDatalog text of the rules, the facts to assert, the predicates to ask,
    and the Python values the text names (constants ``K0…``, computations ``F0…``)."""

    names: dict[Pred, str] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    facts: list[tuple[str, tuple[Value, ...]]] = field(default_factory=list)
    asked: dict[str, tuple[Pred, int]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)

    def name(self, pred: Pred) -> str:
        return self.names.setdefault(pred, f"q{len(self.names)}")

    def value(self, prefix: str, value: Any) -> str:
        name = f"{prefix}{len(self.values)}"
        self.values[name] = value
        return name

    def top(self) -> IRAtom:
        """An atom that holds: the first literal of a clause with no positive one."""
        if _TOP not in self.names:
            self.facts.append((self.name(_TOP), (NULLARY,)))
        return IRAtom(_TOP, ())


def _arith(expr: IExpr, env: dict[int, Any]) -> Any:
    if isinstance(expr, IBinary):
        return ARITH[expr.op](_arith(expr.left, env), _arith(expr.right, env))
    if isinstance(expr, INeg):
        return -_arith(expr.operand, env)
    assert not isinstance(expr, IStruct)  # _refuse_structure
    return numeric(expr.value if isinstance(expr, IConst) else env[expr.index])


def _side(expr: IExpr, env: dict[int, Any]) -> Any:
    """A term, or the number an arithmetic expression evaluates to."""
    if isinstance(expr, IConst):
        return expr.value
    if isinstance(expr, IVar):
        return env[expr.index]
    return _arith(expr, env)


def _computation(rule: int, variables: tuple[int, ...], run: Callable[[dict[int, Any]], Any],
                 failed: Any, gated: bool) -> Callable[..., Any]:
    """``run`` over the variables' values (after a gate: only once the previous
    test holds); an arithmetic error is recorded and gives ``failed``."""
    def compute(*values: Any) -> Any:
        if gated:
            if values[0] is not True:
                return failed
            values = values[1:]
        try:
            return run(dict(zip(variables, values, strict=True)))
        except (ArithmeticError, TypeError, ValueError) as exc:
            _ERRORS.append((rule, str(exc)))
            return failed
    return compute


class _RuleWriter:
    """One clause. After its positive literals the other items keep their
    written order: each computation (``is``, a test) also takes the previous
    test's outcome ``B<n>``, so pyDatalog, which calls a function as soon as
    its arguments are bound, cannot compute ``X > 1`` before ``X \\== a``."""

    def __init__(self, t: Translation, rule: IRRule, component: frozenset[Pred]) -> None:
        self.t, self.rule, self.component = t, rule, component
        self.shared = _shared_vars(rule)
        self.bound: set[int] = set()
        self.gate: str | None = None

    def text(self) -> str:
        body = self.rule.body
        positives = [i for i in body if isinstance(i, IRLiteral) and not i.negated]
        ordered = sorted(positives, key=lambda i: i.atom.pred not in self.component)
        rest = [i for i in body if not (isinstance(i, IRLiteral) and not i.negated)]
        parts = [self.atom(i.atom) for i in ordered] or [self.atom(self.t.top())]
        self.bound = {v for i in ordered for v in atom_vars(i.atom)}
        parts += [self.item(n, i) for n, i in enumerate(rest)]
        return f"{self.atom(self.rule.head)} <= {' & '.join(parts)}"

    def term(self, term: ITerm) -> str:
        assert not isinstance(term, IStruct)  # _refuse_structure
        return f"V{term.index}" if isinstance(term, IVar) else self.t.value("K", term.value)

    def atom(self, atom: IRAtom) -> str:
        args = [self.term(a) for a in atom.args] or [repr(NULLARY)]
        return f"{self.t.name(atom.pred)}({', '.join(args)})"

    def lambda_(self, variables: set[int], run: Callable[[dict[int, Any]], Any],
                failed: Any) -> str:
        """``(lambda B1, V0: F3(B1, V0))``: called once the gate and variables are bound."""
        ordered = tuple(sorted(variables))
        compute = _computation(self.rule.id, ordered, run, failed, self.gate is not None)
        args = ", ".join([*([self.gate] if self.gate else []), *(f"V{v}" for v in ordered)])
        return f"(lambda {args}: {self.t.value('F', compute)}({args}))"

    def item(self, n: int, item: IRBodyItem) -> str:
        if isinstance(item, IRLiteral):
            return f"~{self.negated(item.atom)}"
        if isinstance(item, IRAssign):
            self.bound.add(item.var.index)
            return f"(V{item.var.index} == {self.evaluated(item.expr)})"
        assert isinstance(item, IRCompare)  # _refuse_structure
        left, right = item.left, item.right
        if item.op is CompareOp.UNIFY:
            for var, other in ((left, right), (right, left)):
                if isinstance(var, IVar) and var.index not in self.bound:
                    self.bound.add(var.index)
                    value = self.term(other) if isinstance(other, IVar | IConst) \
                        else self.evaluated(other)
                    return f"({self.term(var)} == {value})"
        op = item.op
        test = self.lambda_(
            expr_vars(left) | expr_vars(right),
            lambda env: compare(op, _side(left, env), _side(right, env)), False)
        self.gate = f"B{n}"
        return f"(B{n} == {test}) & (B{n} == True)"

    def evaluated(self, expr: IExpr) -> str:
        """The term of ``expr``'s arithmetic value, as ``is`` computes it."""
        return self.lambda_(expr_vars(expr), lambda env: number(_arith(expr, env)), _FAILED)

    def negated(self, atom: IRAtom) -> str:
        own = atom_vars(atom) - self.shared
        if not own:
            return self.atom(atom)
        keep = tuple(IVar(v) for v in sorted(atom_vars(atom) & self.shared))
        aux = IRAtom(Pred(f"aux{len(self.t.rules)}", len(keep)), keep)
        self.t.rules.append(f"{self.atom(aux)} <= {self.atom(atom)}")
        return self.atom(aux)


def _shared_vars(rule: IRRule) -> set[int]:
    found = atom_vars(rule.head)
    for item in rule.body:
        if isinstance(item, IRLiteral):
            if not item.negated:
                found |= atom_vars(item.atom)
        elif isinstance(item, IRAssign):
            found.add(item.var.index)
    return found


def _live_rules(rules: list[IRRule], facts: dict[Pred, set[tuple[Value, ...]]]) -> list[IRRule]:
    """Rules whose positive body predicates can hold (to a fixpoint)."""
    defined = {p for p, rows in facts.items() if rows}
    live: list[IRRule] = []
    changed = True
    while changed:
        live = [r for r in rules if all(
            i.atom.pred in defined for i in r.body if isinstance(i, IRLiteral) and not i.negated
        )]
        changed = not {r.head.pred for r in live} <= defined
        defined |= {r.head.pred for r in live}
    return live


def _refuse_structure(rule: IRRule) -> None:
    """pyDatalog matches no compound term and knows no list library."""
    terms = [*rule.head.args, *(
        t for i in rule.body if isinstance(i, IRLiteral) for t in i.atom.args
    ), *(t for i in rule.body if isinstance(i, IRCompare) for t in (i.left, i.right))]
    if (is_open(rule) or any(isinstance(i, IRCall | IRFindall) for i in rule.body)
            or any(isinstance(t, IStruct) for t in terms)):
        raise AssessError([error(
            "pydatalog_unsupported", rule.span,
            "--engine pydatalog runs no rule with compound-term patterns, list library "
            "predicates, findall/3 or a non-ground fact; the native engine runs this one",
        )])


def translate(rules: list[IRRule], facts: dict[Pred, set[tuple[Value, ...]]]) -> Translation:
    """The pyDatalog form of ``rules`` over ``facts`` (see the module docstring)."""
    t = Translation()
    components = strata(PredicateGraph(rules, facts))
    component_of = {p: c for c in components for p in c}
    for rule in rules:
        plan_rule(rule, None, open_predicates(rules))  # the engine's safety check
        _refuse_structure(rule)
    live = _live_rules(rules, facts)
    defined = {p for p, rows in facts.items() if rows} | {r.head.pred for r in live}
    for rule in live:
        rule = _without_undefined_negations(rule, defined)
        if not rule.body:
            t.facts.append((t.name(rule.head.pred), _ground(rule.head)))
            continue
        t.rules.append(_RuleWriter(t, rule, component_of[rule.head.pred]).text())
    for pred, rows in facts.items():
        t.facts.extend((t.name(pred), row or (NULLARY,)) for row in rows)
    t.asked = {t.name(p): (p, p.arity) for p in sorted(defined)}
    return t


def _without_undefined_negations(rule: IRRule, defined: set[Pred]) -> IRRule:
    body = tuple(
        i for i in rule.body
        if not (isinstance(i, IRLiteral) and i.negated and i.atom.pred not in defined)
    )
    return IRRule(rule.id, rule.head, body, rule.var_names, rule.kind)


def _ground(atom: IRAtom) -> tuple[Value, ...]:
    values = tuple(a.value for a in atom.args if isinstance(a, IConst))
    return values or (NULLARY,)


def _child(t: Translation, conn: Any) -> None:
    """Run pyDatalog on ``t`` and send back every asked relation (or an error)."""
    try:
        from pyDatalog import pyDatalog, pyEngine, pyParser

        pyEngine.Float_Precision = None  # keep floats as they are (it rounds to 8 digits)
        pyDatalog.clear()
        for name, row in t.facts:
            pyDatalog.assert_fact(name, *row)
        if t.rules:
            pyParser.load("\n".join(t.rules), newglobals=dict(t.values), defined=set(t.values))
        found: dict[str, list[tuple[Value, ...]]] = {}
        for name, (_, arity) in t.asked.items():
            args = ", ".join(f"V{n}" for n in range(max(arity, 1)))
            answer = pyDatalog.ask(f"{name}({args})")
            found[name] = [tuple(row) for row in answer.answers] if answer else []
        conn.send(("arithmetic", _ERRORS[0]) if _ERRORS else ("ok", found))
    except Exception as exc:  # reported to the parent, which raises
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _run(t: Translation, budget: float) -> tuple[str, Any]:
    """The child's answer: ``("ok", relations)`` or ``("arithmetic", (rule, message))``."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(t, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(budget):
            raise AssessError([error(
                "pydatalog_timeout", None,
                f"pyDatalog gave no answer within {budget:g} s and was stopped "
                "(its resolution does not terminate on some recursive programs)",
            )])
        status, payload = receive.recv()
    finally:
        child.kill()
        child.join()
    if status == "error":
        raise AssessError([error("pydatalog_error", None, f"pyDatalog failed: {payload}")])
    return status, payload


def pydatalog_model(
    program: IRProgram, goals: Collection[Pred] | None = None, budget: float = 60.0
) -> Model:
    """The crisp model of ``program`` computed by pyDatalog (see module docstring)."""
    rules, facts = select_rules(program, goals, include_defeaters=False)
    t = translate(rules, facts)
    status, answers = _run(t, budget)
    if status == "arithmetic":
        rule, message = answers
        span = next(r.span for r in rules if r.id == rule)
        raise AssessError([error(
            "arithmetic_error", span, f"arithmetic or comparison failed: {message}",
        )])
    relations: dict[Pred, set[tuple[Value, ...]]] = {p: set() for p in PredicateGraph(
        rules, facts).nodes}
    for name, (pred, arity) in t.asked.items():
        relations[pred] = {row[:arity] for row in answers.get(name, [])}
    return Model(relations)
