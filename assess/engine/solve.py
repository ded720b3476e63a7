"""Running one clause top-down against a call (for ``engine.demand``).

``Solver.clause(rule, call, reader)`` unifies the rule's head with the call
and runs its body left to right, yielding every way it succeeds: the head's
arguments, the substitution, the answers it used (``pos``) and the ground
atoms that must fail (``neg``). What each body item means:

* a positive literal reads the answers of its call's table (``answers``),
  each renamed apart and unified with the literal;
* ``\\+ g``: ``g`` must be ground; it is called (so that it is grounded) and
  recorded in ``neg``, not tested: in some world it fails;
* ``=``/``\\=`` unify (``X = 1+2`` binds X to the term ``1+2``), ``==`` and
  the ``@<`` family compare terms as they stand, ``<`` and the other
  arithmetic comparisons and ``is`` evaluate (``unify.evaluate``);
* ``between/3``, ``succ/2``, ``plus/3`` run in the modes ``builtins.MODES``
  allows; ``member/2``, ``append/3``, ``length/2`` are the Prolog
  definitions, on partial lists too;
* ``findall/3`` reads the completed table of its goal (``completed``) and
  gives one list per world of its uncertain answers (``library.worlds``).

Example: with ``n(1). n(2).``, ``p(X, Y) :- n(X), Y is X * 10.`` asked
``p(X, 20)`` succeeds once, with X = 2.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import product
from typing import Any

from assess.diagnostics import AssessError, error
from assess.engine import builtins, prolog, show
from assess.engine.ir import (
    IBinary,
    IConst,
    IExpr,
    INeg,
    IRAssign,
    IRBodyItem,
    IRBuiltin,
    IRCall,
    IRCompare,
    IRFindall,
    IRLiteral,
    IRProgram,
    IRRule,
    IStruct,
    IVar,
    Pred,
)
from assess.engine.library import MAX_UNCERTAIN, FindallRefused
from assess.engine.terms import NUMERIC_COMPARE, Compound, compare, make_list
from assess.engine.terms import number as as_number
from assess.engine.unify import (
    Ref,
    Subst,
    Term,
    Unbound,
    canonical,
    evaluate,
    fresh,
    has_refs,
    is_ground,
    resolve,
    unify,
)
from assess.syntax import ast

Key = tuple[Pred, tuple[Any, ...]]
"""A call: its predicate and canonical arguments (also a stored atom)."""

Used = tuple[Key, tuple[Any, ...]]
"""An answer of a call: the call's key and the canonical answer."""

Instance = tuple[int, tuple[Used, ...], tuple[Used, ...]]
"""(rule id or ``FACT``, answers used, answers that must fail)."""

Found = tuple[Subst, list[Used], list[Used]]


class Body:
    """IR terms and expressions as running terms."""

    @staticmethod
    def term(term: IExpr, refs: Sequence[Ref]) -> Term:
        """The running term of ``term`` (an expression as its compound:
        ``1+2`` is ``+(1, 2)``)."""
        if isinstance(term, IVar):
            return refs[term.index]
        if isinstance(term, IConst):
            return term.value
        if isinstance(term, IStruct):
            return Compound(term.name, tuple(Body.term(a, refs) for a in term.args))
        if isinstance(term, IBinary):
            return Compound(term.op.value, (Body.term(term.left, refs),
                                            Body.term(term.right, refs)))
        if isinstance(term, INeg):
            return Compound("-", (Body.term(term.operand, refs),))
        return Compound(term.name, tuple(Body.term(a, refs) for a in term.args))


def unify_args(left: Sequence[Term], right: Sequence[Term], s: Subst) -> Subst | None:
    out = s
    for a, b in zip(left, right, strict=True):
        found = unify(a, b, out)
        if found is None:
            return None
        out = found
    return out


class Solver(ABC):
    """Clauses and built-ins; the tables are the subclass's (``answers``,
    ``completed``, ``table``, ``certain``)."""

    def __init__(self, ir: IRProgram) -> None:
        self.ir = ir
        self.by_pred: dict[Pred, list[IRRule]] = {}
        for rule in ir.rules:
            self.by_pred.setdefault(rule.head.pred, []).append(rule)
        self.extra: list[IRRule] = []
        self._flexible: dict[tuple[int, float], int] = {}
        self._facts: dict[Pred, list[tuple[Any, ...]]] = {}
        self.running: ast.Span | None = None
        defined = set(ir.facts) | {r.head.pred for r in ir.rules}
        self.library = {k for k in prolog.RELATIONS if Pred(*k) not in defined}
        """The library relations the program leaves to the engine."""

    # -- what the tables provide -------------------------------------------------

    @abstractmethod
    def answers(self, key: Key, reader: Key | None) -> list[tuple[Any, ...]]:
        """Provided by the table-keeping subclass (``demand.Grounder``)."""

    @abstractmethod
    def completed(self, key: Key) -> list[tuple[Any, ...]]:
        """Provided by the table-keeping subclass (``demand.Grounder``)."""

    @abstractmethod
    def table(self, key: Key, reader: Key | None) -> object:
        """Provided by the table-keeping subclass (``demand.Grounder``)."""

    @abstractmethod
    def certain(self, used: Used) -> bool:
        """Provided by the table-keeping subclass (``demand.Grounder``)."""

    @abstractmethod
    def together(self, used: Used) -> object:
        """Provided by the table-keeping subclass (``demand.Grounder``)."""

    # -- clauses -----------------------------------------------------------------

    def refs(self, names: Sequence[str]) -> list[Ref]:
        return [Ref() for _ in names]

    def rule(self, rule_id: int) -> IRRule:
        n = len(self.ir.rules)
        return self.ir.rules[rule_id] if rule_id < n else self.extra[rule_id - n]

    def all_rules(self) -> list[IRRule]:
        return [*self.ir.rules, *self.extra]

    def rules_of(self, pred: Pred) -> list[IRRule]:
        return self.by_pred.get(pred, [])

    def facts(self, pred: Pred, args: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        """The certain facts of ``pred`` matching the call, in the order written."""
        rows = self._facts.get(pred)
        if rows is None:
            order = self.ir.clause_order.get(pred)
            found = self.ir.facts.get(pred, set())
            rows = self._facts[pred] = sorted(
                found, key=(lambda r: (order.key(r)[0], repr(r))) if order else repr)
        if is_ground(args):
            if args in self.ir.facts.get(pred, ()):
                yield args
            return
        call = fresh(args)
        for row in rows:
            if unify_args(call, row, {}) is not None:
                yield row

    def clause(self, rule: IRRule, call: tuple[Term, ...], reader: Key
               ) -> Iterator[tuple[tuple[Any, ...], Instance]]:
        """Every way ``rule`` proves ``call`` (module docstring): the
        canonical answer and the instance that makes it."""
        self.running = rule.span
        refs = self.refs(rule.var_names)
        head = tuple(Body.term(t, refs) for t in rule.head.args)
        s = unify_args(head, call, {})
        if s is None:
            return
        for s2, pos, neg in self.body(rule.body, 0, s, [], [], refs, reader):
            self.running = rule.span
            answer = canonical(resolve(t, s2) for t in call)
            yield answer, (self.choose(rule, refs, s2, answer), tuple(pos), tuple(neg))

    def choose(self, rule: IRRule, refs: Sequence[Ref], s: Subst, answer: tuple[Any, ...]
               ) -> int:
        """The rule id an instance records: a probabilistic one must be ground;
        a flexible probability's value picks (or makes) its rule."""
        if rule.probability is None and rule.weight is None:
            return rule.id
        if not is_ground(answer):
            raise AssessError([error(
                "unsafe_variable", rule.span,
                "an instance of this probabilistic clause, "
                f"{show.atom_text(rule.head.pred, answer)}, is not ground: each "
                "instance is a choice of its own (ProbLog: NonGroundProbabilisticClause)",
            )])
        if rule.weight is None:
            return rule.id
        value = evaluate(Body.term(rule.weight, refs), s)
        if isinstance(value, bool) or not 0.0 <= value <= 1.0:
            raise AssessError([error(
                "invalid_probability", rule.span,
                f"the flexible probability of {rule.head.pred} is {value}, outside [0, 1]",
            )])
        key = (rule.id, float(value))
        found = self._flexible.get(key)
        if found is None:
            found = self._flexible[key] = len(self.ir.rules) + len(self.extra)
            self.extra.append(replace(rule, id=found, probability=float(value), weight=None))
        return found

    # -- bodies ------------------------------------------------------------------

    def body(self, items: tuple[IRBodyItem, ...], i: int, s: Subst, pos: list[Used],
             neg: list[Used], refs: Sequence[Ref], reader: Key) -> Iterator[Found]:
        if i == len(items):
            yield s, pos, neg
            return
        for s2, pos2, neg2 in self.item(items[i], s, pos, neg, refs, reader):
            yield from self.body(items, i + 1, s2, pos2, neg2, refs, reader)

    def item(self, item: IRBodyItem, s: Subst, pos: list[Used], neg: list[Used],
             refs: Sequence[Ref], reader: Key) -> Iterator[Found]:
        if isinstance(item, IRLiteral):
            yield from self._literal(item, s, pos, neg, refs, reader)
        elif isinstance(item, IRCompare):
            if self._compare(item, s, refs, out := [s]):
                yield out[-1], pos, neg
        elif isinstance(item, IRAssign):
            value = as_number(evaluate(Body.term(item.expr, refs), s))
            s2 = unify(refs[item.var.index], value, s)
            if s2 is not None:
                yield s2, pos, neg
        elif isinstance(item, IRBuiltin):
            for s2 in self._builtin(item, s, refs):
                yield s2, pos, neg
        elif isinstance(item, IRCall):
            args = [Body.term(a, refs) for a in item.args]
            for s2 in prolog.RELATIONS[item.name, len(args)](*args, s):
                yield s2, pos, neg
        else:
            yield from self._findall(item, s, pos, neg, refs, reader)

    def _literal(self, item: IRLiteral, s: Subst, pos: list[Used], neg: list[Used],
                 refs: Sequence[Ref], reader: Key) -> Iterator[Found]:
        args = tuple(resolve(Body.term(t, refs), s) for t in item.atom.args)
        pred = item.atom.pred
        key: Key = (pred, canonical(args))
        if item.negated and (pred.name, pred.arity) in self.library:
            # A built-in holds or fails alike in every world: test it.
            if next(iter(prolog.RELATIONS[pred.name, pred.arity](*args, s)), None) is None:
                yield s, pos, neg
            return
        if item.negated:
            if any(map(has_refs, args)):
                raise Unbound(f"\\+ {pred} is called with a free variable (it must be ground)")
            self.table(key, None)
            yield s, pos, [*neg, (key, key[1])]
            return
        for answer in self.answers(key, reader):
            s2 = unify_args(args, fresh(answer), s)
            if s2 is not None:
                yield s2, [*pos, (key, answer)], neg

    def _compare(self, item: IRCompare, s: Subst, refs: Sequence[Ref], out: list[Subst]) -> bool:
        left, right = Body.term(item.left, refs), Body.term(item.right, refs)
        op = item.op
        if op is ast.CompareOp.UNIFY:
            found = unify(left, right, s)
            if found is None:
                return False
            out.append(found)
            return True
        if op is ast.CompareOp.NOT_UNIFY:
            return unify(left, right, s) is None
        if op in NUMERIC_COMPARE:
            return compare(op, as_number(evaluate(left, s)), as_number(evaluate(right, s)))
        a, b = resolve(left, s), resolve(right, s)
        if op is ast.CompareOp.IDENTICAL:
            return a is b or a == b
        if op is ast.CompareOp.NOT_IDENTICAL:
            return not (a is b or a == b)
        cmp = prolog.standard_order(a, b)
        return {ast.CompareOp.BEFORE: cmp < 0, ast.CompareOp.BEFORE_EQ: cmp <= 0,
                ast.CompareOp.AFTER: cmp > 0, ast.CompareOp.AFTER_EQ: cmp >= 0}[op]

    def _builtin(self, item: IRBuiltin, s: Subst, refs: Sequence[Ref]) -> Iterator[Subst]:
        args = [resolve(Body.term(a, refs), s) for a in item.args]
        given = tuple(None if has_refs(a) else a for a in args)
        bound = frozenset(n for n, a in enumerate(given) if a is not None)
        if not any(mode <= bound for mode in builtins.MODES[item.name]):
            raise Unbound(f"{item.name}/{len(args)} is called with too few arguments bound")
        for values in builtins.solve(item.name, given):
            s2 = unify_args(args, values, s)
            if s2 is not None:
                yield s2

    def _findall(self, item: IRFindall, s: Subst, pos: list[Used], neg: list[Used],
                 refs: Sequence[Ref], reader: Key) -> Iterator[Found]:
        goal = tuple(resolve(Body.term(t, refs), s) for t in item.goal.args)
        pred = item.goal.pred
        key: Key = (pred, canonical(goal))
        found: list[tuple[Used, Term]] = []
        for answer in self._ordered(pred, self.completed(key)):
            s2 = unify_args(goal, fresh(answer), s)
            if s2 is not None:
                found.append(((key, answer), resolve(Body.term(item.template, refs), s2)))
        self.table(key, reader)
        uncertain = [n for n, (atom, _) in enumerate(found) if not self.certain(atom)]
        groups: dict[object, list[int]] = {}
        for n in uncertain:  # answers that hold in the same worlds go together
            groups.setdefault(self.together(found[n][0]), []).append(n)
        if len(groups) > MAX_UNCERTAIN:
            raise FindallRefused(
                f"findall/3 over {pred} has {len(groups)} uncertain answers, each subset "
                f"a world of its own (at most {MAX_UNCERTAIN})")
        result = Body.term(item.result, refs)
        for subset in product((True, False), repeat=len(groups)):
            held = {n for members, keep in zip(groups.values(), subset, strict=True) if keep
                    for n in members}
            kept = [v for n, (_, v) in enumerate(found) if n not in uncertain or n in held]
            s2 = unify(result, make_list(kept), s)
            if s2 is not None:
                yield (s2, [*pos, *(found[n][0] for n in sorted(held))],
                       [*neg, *(found[n][0] for n in uncertain if n not in held)])

    def _ordered(self, pred: Pred, answers: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Answers in the order of the clauses that make them (ProbLog's)."""
        order = self.ir.clause_order.get(pred)
        if order is None or not all(map(is_ground, answers)):
            return answers
        return sorted(answers, key=lambda a: order.key(a)[0])
