"""Join plans: the order in which one rule's body is matched, for one variant.

A rule is evaluated in *variants*: the full variant reads every body literal
from the whole relation (used once, for rules with no recursive literal);
the delta variant for literal ``i`` reads literal ``i`` from ``recent`` and
the others from the whole relation (semi-naive evaluation). A plan is a list
of steps:

* ``Scan``: match a positive literal, from ``recent`` or through an index on
  the argument positions already bound (a membership test when all are);
* ``Test``: a comparison or ``is`` whose variables are all bound;
* ``Bind``: ``X is expr`` (evaluated) or ``X = t`` (the term) with ``X``
  still unbound;
* ``Call``: a library predicate on lists once its inputs are bound
  (``member/2``, ``append/3``, ``length/2``); ``Collect``: ``findall/3``
  once the variables its goal shares with the rule are bound;
* ``Match``: ``t = p`` with ``t`` bound and ``p`` a compound term with
  unbound variables (``L = [H|T]``): ``p`` is matched against ``t``'s value;
* ``Anti``: a negated literal, an anti-join once its variables shared with
  the rest of the rule are bound; variables that occur *only* under this
  negation are projected away (``\\+ p(X, Y)`` with Y nowhere else means
  "no p(X, _)"), the reading Nemo takes.

A literal of an *open* predicate (one with a non-ground fact such as
``0.6::f(X).``, true of each instance with its own choice) waits like a
test until its variables are bound, and is then asked for (``demand``):
the instance asked for is made. One that nothing binds is ``unsafe_variable``.

Order: the delta literal first, then repeatedly every test, bind and
anti-join that has become ready, then the positive literal with most bound
argument positions (ties: body order). A head or test variable that no order
can bind raises ``unsafe_variable``.

Example: the delta variant of ``path(X, Y) :- edge(X, Z), path(Z, Y).`` for
``path`` is ``Scan(path, recent)`` binding Z, Y, then ``Scan(edge, bound=(1,))``
through the index of ``edge`` on its second position.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from assess.diagnostics import AssessError, error
from assess.engine.builtins import MODES
from assess.engine.ir import (
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
    IRFindall,
    IRLiteral,
    IRRule,
    IStruct,
    IVar,
    Pred,
    term_vars,
)
from assess.engine.show import ir_atom_text
from assess.syntax.ast import CompareOp


@dataclass(frozen=True, slots=True)
class Scan:
    """Match body literal ``literal``; ``bound`` are its positions known before.
    ``demand``: the literal is of an open predicate (one with a non-ground
    fact), so it is asked once all its arguments are bound and the instance
    asked for is made (``evaluate``'s demand function)."""

    literal: int
    atom: IRAtom
    recent: bool
    bound: tuple[int, ...]
    demand: bool = False


@dataclass(frozen=True, slots=True)
class Test:
    item: IRCompare | IRAssign


@dataclass(frozen=True, slots=True)
class Bind:
    """``var`` takes the value of ``expr``: evaluated as arithmetic for ``is``
    (``evaluate``), the term itself for ``=``."""

    var: IVar
    expr: IExpr
    evaluate: bool = False


@dataclass(frozen=True, slots=True)
class Solve:
    """A built-in (``IRBuiltin``) run once the positions one of its modes
    needs are bound; it binds the others (``builtins.solve``)."""

    item: IRBuiltin
    bound: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Anti:
    """Negated body literal ``literal``; positions not in ``bound`` are projected.
    ``demand``: as for ``Scan`` (every position is then bound)."""

    literal: int
    atom: IRAtom
    bound: tuple[int, ...]
    demand: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """``pattern`` (a compound term with unbound variables) is matched against
    the value of ``source`` (all of whose variables are bound)."""

    pattern: IStruct
    source: IExpr


@dataclass(frozen=True, slots=True)
class Call:
    """A library predicate on lists (``engine.library``) once its inputs are
    bound; ``mode``: ``member``, ``join`` (append of bound A and B),
    ``split`` (append of a bound C) or ``length``."""

    literal: int
    item: IRCall
    mode: str


@dataclass(frozen=True, slots=True)
class Collect:
    """``findall`` once the variables it shares are bound; ``bound``: the
    goal's positions known then (read through an index)."""

    literal: int
    item: IRFindall
    bound: tuple[int, ...]


Step = Scan | Test | Bind | Anti | Solve | Match | Call | Collect


@dataclass(frozen=True, slots=True)
class Plan:
    """The steps of one variant of ``rule``; ``delta`` is the recent literal."""

    rule: IRRule
    delta: int | None
    steps: tuple[Step, ...]


def expr_vars(expr: IExpr) -> set[int]:
    if isinstance(expr, IVar | IConst | IStruct):
        return term_vars(expr)
    if isinstance(expr, INeg):
        return expr_vars(expr.operand)
    if isinstance(expr, ICall):
        return set().union(*(expr_vars(a) for a in expr.args))
    return expr_vars(expr.left) | expr_vars(expr.right)


def atom_vars(atom: IRAtom) -> set[int]:
    found: set[int] = set()
    for term in atom.args:
        found |= term_vars(term)
    return found


def _bound_positions(atom: IRAtom, bound: set[int]) -> tuple[int, ...]:
    return tuple(i for i, t in enumerate(atom.args) if term_vars(t) <= bound)


def _positive_vars(rule: IRRule) -> set[int]:
    """Variables bound somewhere other than under a negation (or inside a findall)."""
    found = atom_vars(rule.head)
    for item in rule.body:
        if isinstance(item, IRLiteral):
            if not item.negated:
                found |= atom_vars(item.atom)
        elif isinstance(item, IRFindall):
            found |= term_vars(item.result)
        else:
            found |= _item_vars(item)
    return found


def _outside(rule: IRRule, index: int) -> set[int]:
    """The variables of ``rule`` outside body item ``index``."""
    found = atom_vars(rule.head)
    for n, item in enumerate(rule.body):
        if n != index:
            found |= atom_vars(item.atom) if isinstance(item, IRLiteral) else _item_vars(item)
    return found


class _Planner:
    def __init__(self, rule: IRRule, delta: int | None, open_preds: Collection[Pred]) -> None:
        self.rule = rule
        self.delta = delta
        self.open = open_preds
        self.bound: set[int] = set()
        self.steps: list[Step] = []
        self.shared = _positive_vars(rule)
        self.pending: list[int] = [
            i for i, item in enumerate(rule.body)
            if not self._scanned(item) and i != delta
        ]
        self.positives: list[int] = [
            i for i, item in enumerate(rule.body) if self._scanned(item) and i != delta
        ]

    def _scanned(self, item: IRBodyItem) -> bool:
        """A positive literal that is scanned (an open one waits, as a test does)."""
        return isinstance(item, IRLiteral) and not item.negated and item.atom.pred not in self.open

    def plan(self) -> Plan:
        if self.delta is not None:
            self._scan(self.delta, recent=True)
        self._flush()
        while self.positives:
            best = max(self.positives, key=self._score)
            self.positives.remove(best)
            self._scan(best, recent=False)
            self._flush()
        self._check_safe()
        return Plan(self.rule, self.delta, tuple(self.steps))

    def _literal(self, index: int) -> IRLiteral:
        item = self.rule.body[index]
        assert isinstance(item, IRLiteral)
        return item

    def _score(self, index: int) -> tuple[bool, int, int]:
        atom = self._literal(index).atom
        bound = len(_bound_positions(atom, self.bound))
        return (bound == len(atom.args), bound, -index)

    def _scan(self, index: int, recent: bool) -> None:
        atom = self._literal(index).atom
        self.steps.append(Scan(index, atom, recent, _bound_positions(atom, self.bound)))
        self.bound |= atom_vars(atom)

    def _flush(self) -> None:
        progress = True
        while progress:
            progress = False
            for index in list(self.pending):
                step = self._ready(index)
                if step is not None:
                    self.pending.remove(index)
                    self.steps.append(step)
                    if isinstance(step, Bind):
                        self.bound.add(step.var.index)
                    elif isinstance(step, Solve):
                        self.bound |= _item_vars(step.item)
                    elif isinstance(step, Match):
                        self.bound |= term_vars(step.pattern)
                    elif isinstance(step, Call):
                        self.bound |= _item_vars(step.item)
                    elif isinstance(step, Collect):
                        self.bound |= term_vars(step.item.result)
                    progress = True

    def _ready(self, index: int) -> Step | None:
        item = self.rule.body[index]
        if isinstance(item, IRLiteral) and item.atom.pred in self.open:
            if not atom_vars(item.atom) <= self.bound:
                return None
            everything = tuple(range(len(item.atom.args)))
            if item.negated:
                return Anti(index, item.atom, everything, demand=True)
            return Scan(index, item.atom, False, everything, demand=True)
        if isinstance(item, IRCall):
            return self._call(index, item)
        if isinstance(item, IRFindall):
            shared = (atom_vars(item.goal) | term_vars(item.template)) & _outside(self.rule, index)
            shared -= term_vars(item.result)
            if shared <= self.bound:
                return Collect(index, item, _bound_positions(item.goal, self.bound))
            return None
        if isinstance(item, IRLiteral):
            needed = atom_vars(item.atom) & self.shared
            if needed <= self.bound:
                return Anti(index, item.atom, _bound_positions(item.atom, self.bound))
            return None
        if isinstance(item, IRBuiltin):
            known = frozenset(i for i, t in enumerate(item.args) if term_vars(t) <= self.bound)
            if any(mode <= known for mode in MODES[item.name]):
                return Solve(item, tuple(sorted(known)))
            return None
        if isinstance(item, IRAssign):
            if not expr_vars(item.expr) <= self.bound:
                return None
            if item.var.index in self.bound:
                return Test(item)
            return Bind(item.var, item.expr, evaluate=True)
        left, right = expr_vars(item.left), expr_vars(item.right)
        if left | right <= self.bound:
            return Test(item)
        if item.op is CompareOp.UNIFY:
            for var, other, other_vars in ((item.left, item.right, right),
                                           (item.right, item.left, left)):
                if not other_vars <= self.bound:
                    continue
                if isinstance(var, IVar) and var.index not in self.bound:
                    return Bind(var, other)
                if isinstance(var, IStruct):
                    return Match(var, other)
        return None

    def _call(self, index: int, item: IRCall) -> Call | None:
        if (item.name, len(item.args)) not in BOTTOM_UP_LIBRARY:
            raise AssessError([error(
                "unsafe_variable", self.rule.span,
                f"{_call_name(item)} runs only where a reading grounds from the queries "
                "(prob of a ProbLog program); this reading evaluates bottom-up",
            )])
        ready = [term_vars(t) <= self.bound for t in item.args]
        if item.name == "append":
            if ready[0] and ready[1]:
                return Call(index, item, "join")
            return Call(index, item, "split") if ready[2] else None
        if item.name == "member":
            return Call(index, item, "member") if ready[1] else None
        return Call(index, item, "length") if ready[0] else None

    def _check_safe(self) -> None:
        unbound = atom_vars(self.rule.head) - self.bound
        for index in self.pending:
            item = self.rule.body[index]
            if isinstance(item, IRLiteral) and item.atom.pred in self.open:
                raise AssessError([error(
                    "unsafe_variable", self.rule.span,
                    f"{item.atom.pred} has a non-ground fact, so the rest of the body "
                    "must bind every variable of its literal "
                    f"{ir_atom_text(item.atom, self.rule.var_names)}",
                )])
            if isinstance(item, IRCall | IRFindall):
                needs = {
                    "member": "its list (second argument)", "length": "its list (first argument)",
                    "append": "its first two arguments or its third",
                    "findall": "the variables its goal shares with the rule",
                }
                raise AssessError([error(
                    "unsafe_variable", self.rule.span,
                    f"{_call_name(item)} needs {needs[_call_name(item).split('/')[0]]} "
                    "bound by the rest of the body",
                )])
            if not isinstance(item, IRLiteral):
                unbound |= _item_vars(item) - self.bound
        if unbound:
            names = ", ".join(sorted({self.rule.var_names[i] for i in unbound}))
            raise AssessError([error(
                "unsafe_variable", self.rule.span,
                f"variable(s) {names} cannot be bound by any positive body literal, "
                "`is` or `=` of this rule",
            )])


def _item_vars(item: IRCompare | IRAssign | IRBuiltin | IRCall | IRFindall) -> set[int]:
    if isinstance(item, IRAssign):
        return {item.var.index} | expr_vars(item.expr)
    if isinstance(item, IRBuiltin | IRCall):
        found: set[int] = set()
        for term in item.args:
            found |= term_vars(term)
        return found
    if isinstance(item, IRFindall):
        return atom_vars(item.goal) | term_vars(item.template) | term_vars(item.result)
    return expr_vars(item.left) | expr_vars(item.right)


def _call_name(item: IRCall | IRFindall) -> str:
    return f"{item.name}/{len(item.args)}" if isinstance(item, IRCall) else "findall/3"


BOTTOM_UP_LIBRARY = frozenset({("member", 2), ("append", 3), ("length", 2)})
"""The library calls bottom-up plans run (``engine.library``); the others
are demand-driven grounding's only (``check.walk.DEMANDED``)."""


def plan_rule(rule: IRRule, delta: int | None, open_preds: Collection[Pred] = ()) -> Plan:
    """The join plan of ``rule`` reading literal ``delta`` from ``recent``;
    literals of ``open_preds`` (``open_predicates``) are asked once bound."""
    if rule.weight is not None:
        raise AssessError([error(
            "unsafe_variable", rule.span,
            "the values of this flexible probability are found only from the queries "
            "(demand-driven), which this reading does not do",
        )])
    return _Planner(rule, delta, open_preds).plan()


def is_open(rule: IRRule) -> bool:
    """A non-ground fact (``0.6::f(_).``, ``f(X).``): true of every instance."""
    return not rule.body and bool(atom_vars(rule.head))


def open_predicates(rules: Iterable[IRRule]) -> frozenset[Pred]:
    """The predicates that have a non-ground fact."""
    return frozenset(rule.head.pred for rule in rules if is_open(rule))


