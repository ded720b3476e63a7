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
* ``Anti``: a negated literal, an anti-join once its variables shared with
  the rest of the rule are bound; variables that occur *only* under this
  negation are projected away (``\\+ p(X, Y)`` with Y nowhere else means
  "no p(X, _)"), the reading Nemo takes.

Order: the delta literal first, then repeatedly every test, bind and
anti-join that has become ready, then the positive literal with most bound
argument positions (ties: body order). A head or test variable that no order
can bind raises ``unsafe_variable``.

Example: the delta variant of ``path(X, Y) :- edge(X, Z), path(Z, Y).`` for
``path`` is ``Scan(path, recent)`` binding Z, Y, then ``Scan(edge, bound=(1,))``
through the index of ``edge`` on its second position.
"""

from __future__ import annotations

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
    IRBuiltin,
    IRCompare,
    IRLiteral,
    IRRule,
    IVar,
)
from assess.syntax.ast import CompareOp


@dataclass(frozen=True, slots=True)
class Scan:
    """Match body literal ``literal``; ``bound`` are its positions known before."""

    literal: int
    atom: IRAtom
    recent: bool
    bound: tuple[int, ...]


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
    """Negated body literal ``literal``; positions not in ``bound`` are projected."""

    literal: int
    atom: IRAtom
    bound: tuple[int, ...]


Step = Scan | Test | Bind | Anti | Solve


@dataclass(frozen=True, slots=True)
class Plan:
    """The steps of one variant of ``rule``; ``delta`` is the recent literal."""

    rule: IRRule
    delta: int | None
    steps: tuple[Step, ...]


def expr_vars(expr: IExpr) -> set[int]:
    if isinstance(expr, IVar):
        return {expr.index}
    if isinstance(expr, IConst):
        return set()
    if isinstance(expr, INeg):
        return expr_vars(expr.operand)
    if isinstance(expr, ICall):
        return set().union(*(expr_vars(a) for a in expr.args))
    return expr_vars(expr.left) | expr_vars(expr.right)


def atom_vars(atom: IRAtom) -> set[int]:
    return {t.index for t in atom.args if isinstance(t, IVar)}


def _bound_positions(atom: IRAtom, bound: set[int]) -> tuple[int, ...]:
    return tuple(
        i for i, t in enumerate(atom.args)
        if isinstance(t, IConst) or t.index in bound
    )


def _positive_vars(rule: IRRule) -> set[int]:
    """Variables bound somewhere other than under a negation."""
    found = atom_vars(rule.head)
    for item in rule.body:
        if isinstance(item, IRLiteral):
            if not item.negated:
                found |= atom_vars(item.atom)
        elif isinstance(item, IRAssign):
            found |= {item.var.index} | expr_vars(item.expr)
        else:
            found |= _item_vars(item)
    return found


class _Planner:
    def __init__(self, rule: IRRule, delta: int | None) -> None:
        self.rule = rule
        self.delta = delta
        self.bound: set[int] = set()
        self.steps: list[Step] = []
        self.shared = _positive_vars(rule)
        self.pending: list[int] = [
            i for i, item in enumerate(rule.body)
            if not (isinstance(item, IRLiteral) and not item.negated) and i != delta
        ]
        self.positives: list[int] = [
            i for i, item in enumerate(rule.body)
            if isinstance(item, IRLiteral) and not item.negated and i != delta
        ]

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
                    progress = True

    def _ready(self, index: int) -> Step | None:
        item = self.rule.body[index]
        if isinstance(item, IRLiteral):
            needed = atom_vars(item.atom) & self.shared
            if needed <= self.bound:
                return Anti(index, item.atom, _bound_positions(item.atom, self.bound))
            return None
        if isinstance(item, IRBuiltin):
            known = frozenset(i for i, t in enumerate(item.args)
                              if isinstance(t, IConst) or t.index in self.bound)
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
                if isinstance(var, IVar) and var.index not in self.bound \
                        and other_vars <= self.bound:
                    return Bind(var, other)
        return None

    def _check_safe(self) -> None:
        unbound = atom_vars(self.rule.head) - self.bound
        for index in self.pending:
            item = self.rule.body[index]
            if not isinstance(item, IRLiteral):
                unbound |= _item_vars(item) - self.bound
        if unbound:
            names = ", ".join(sorted({self.rule.var_names[i] for i in unbound}))
            raise AssessError([error(
                "unsafe_variable", self.rule.span,
                f"variable(s) {names} cannot be bound by any positive body literal, "
                "`is` or `=` of this rule",
            )])


def _item_vars(item: IRCompare | IRAssign | IRBuiltin) -> set[int]:
    if isinstance(item, IRBuiltin):
        return {t.index for t in item.args if isinstance(t, IVar)}
    if isinstance(item, IRAssign):
        return {item.var.index} | expr_vars(item.expr)
    return expr_vars(item.left) | expr_vars(item.right)


def plan_rule(rule: IRRule, delta: int | None) -> Plan:
    """The join plan of ``rule`` reading literal ``delta`` from ``recent``."""
    return _Planner(rule, delta).plan()


