"""Semi-naive bottom-up evaluation, stratum by stratum.

``evaluate(program)`` computes the least model of the program's rules over
its certain facts, with stratified negation as failure:

1. the rules (defeaters only with ``include_defeaters``; with ``goals`` only
   the rules of predicates the goals depend on) give the dependency graph;
   its strongly connected components are the strata (``strata.py``), and a
   negation inside one is a ``negative_cycle`` error;
2. each stratum runs to a fixpoint: rules with no literal of the stratum run
   once (their *full* variant); every other rule runs one *delta* variant per
   literal of the stratum, reading that literal from ``recent`` and the rest
   from the totals, until no relation ``changed()``;
3. a negated literal reads only relations of finished strata (anti-join);
4. a non-ground fact (``0.6::f(X).``) makes ``f`` *open*: its literals are
   asked for once bound (``plans``), and each instance asked for, or named by
   a ground query or evidence, is made by every open rule whose head it
   matches, after the rule that asked (recorded as that rule's choice).

Every kind of rule derives — strict, defeasible, probabilistic, annotated
disjunction heads, choices — because grounding ignores weights; ``~p`` is a
predicate like any other. With ``possible`` a negation does not prune: the
result is every atom true in *some* world, which is what ``prob`` and
``defeasible`` ground; each instance then records the atoms that must fail.
``max_ground`` bounds the ground atoms of any predicate and the recorded
rule instances: past it, ``grounding_too_large`` names the rule running.

With ``record`` every ground rule instance is added to a ``DerivationGraph``
(certain facts get a ``FACT`` derivation, choices one of their rule id; a
derivation's ``neg`` lists the negated atoms in the model, i.e. none without
``possible``). Recording is compiled into separate plans, so it costs
nothing when off. The cycle collector is paused while evaluating (the
relations are millions of acyclic tuples) and restored after.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse("e(a,b). e(b,c). p(X,Y) :- e(X,Y). p(X,Z) :- p(X,Y), e(Y,Z).")])
    >>> sorted(evaluate(ir).relations[Pred("p", 2)])
    [('a', 'b'), ('a', 'c'), ('b', 'c')]
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from typing import Any

from assess import progress
from assess.diagnostics import AssessError, error
from assess.engine.codegen import Compiled, generate
from assess.engine.ir import (
    ClauseOrder,
    GroundAtom,
    IConst,
    IRLiteral,
    IRProgram,
    IRRule,
    Pred,
    Value,
    bind,
)
from assess.engine.library import FindallRefused
from assess.engine.plans import is_open, open_predicates, plan_rule
from assess.engine.provenance import DerivationGraph
from assess.engine.record import Instance, Recorder
from assess.engine.relations import Row, Variable
from assess.engine.strata import PredicateGraph, strata
from assess.engine.terms import TermTooDeep
from assess.syntax.ast import RuleKind


@dataclass
class Model:
    """The derived relations, and the derivation graph when recorded."""

    relations: dict[Pred, set[tuple[Value, ...]]]
    graph: DerivationGraph | None = None

    def holds(self, pred: Pred, values: tuple[Value, ...]) -> bool:
        return values in self.relations.get(pred, ())


class _Evaluation:
    def __init__(
        self, rules: list[IRRule], facts: dict[Pred, set[Row]],
        record: bool, possible: bool, max_ground: int | None = None,
    ) -> None:
        self.rules = rules
        self.max_ground = max_ground
        self.stage = (0, 0)
        """Strata done and strata in all, for progress and limit errors."""
        self.graph = PredicateGraph(rules, facts)
        self.variables = {p: Variable(facts.get(p, ())) for p in self.graph.nodes}
        self.recorder = Recorder() if record else None
        self.possible = possible
        self.by_head: dict[Pred, list[IRRule]] = {}
        self.open = open_predicates(rules)
        self.open_rules: dict[Pred, list[IRRule]] = {}
        for rule in rules:
            if is_open(rule):
                self.open_rules.setdefault(rule.head.pred, []).append(rule)
            else:
                self.by_head.setdefault(rule.head.pred, []).append(rule)
        self.asked: dict[Pred, dict[Row, None]] = {p: {} for p in self.open}
        """Per open predicate, the instances asked for and not yet made."""
        self.made: dict[Pred, set[Row]] = {p: set() for p in self.open}
        """Per open predicate, the rows already answered (made, or no instance)."""
        self.demands = {p: self._demand_function(p) for p in self.open}
        self.component: frozenset[Pred] = frozenset()
        self.clause_order: dict[Pred, ClauseOrder] = {}
        """The clauses ``findall/3`` reads, in order (``IRProgram.clause_order``)."""
        self.facts = facts

    def run(self, asked: Collection[GroundAtom] = ()) -> Model:
        layers = list(strata(self.graph))
        for done, component in enumerate(layers):
            self.stage = (done, len(layers))
            self.component = component
            self._stratum(component)
        self.component = frozenset()
        for pred, values in asked:
            if pred in self.open:
                self.demands[pred](values)
        self._make_asked()
        relations = {p: v.total for p, v in self.variables.items()}
        return Model(relations, self.recorder.graph if self.recorder else None)

    def _stratum(self, component: frozenset[Pred]) -> None:
        once: list[Compiled | IRRule] = []
        deltas: list[Compiled] = []
        for pred in sorted(component):
            if self.recorder is not None:
                self.recorder.facts(pred, self.variables[pred].to_add)
            for rule in self.by_head.get(pred, ()):
                recursive = [
                    n for n, i in enumerate(rule.body)
                    if isinstance(i, IRLiteral) and not i.negated and i.atom.pred in component
                ]
                if not recursive:
                    once.append(rule if self._plainly_ground(rule) else self._compile(rule, None))
                deltas.extend(self._compile(rule, n) for n in recursive)
        for item in once:
            if isinstance(item, IRRule):
                self._run_ground(item)
            else:
                self._run(item)
        variables = [self.variables[p] for p in component]
        while any([v.changed() for v in variables]) and deltas:
            for compiled in deltas:
                self._run(compiled)

    def _plainly_ground(self, rule: IRRule) -> bool:
        """A rule of ground atoms, its body positive and of closed predicates:
        it fires when its body rows are known, with no plan to make."""
        return rule.weight is None and all(
            isinstance(t, IConst) for t in rule.head.args
        ) and all(
            isinstance(i, IRLiteral) and not i.negated and i.atom.pred not in self.open
            and all(isinstance(t, IConst) for t in i.atom.args)
            for i in rule.body
        )

    def _run_ground(self, rule: IRRule) -> None:
        """``_run`` of a ``_plainly_ground`` rule outside any recursion (its
        body predicates are complete): what its generated plan would do."""
        body = tuple(
            tuple(t.value for t in i.atom.args)  # type: ignore[union-attr]
            for i in rule.body
        )
        if all(
            row in self.variables[i.atom.pred].total  # type: ignore[union-attr]
            for i, row in zip(rule.body, body, strict=True)
        ):
            head = tuple(t.value for t in rule.head.args)  # type: ignore[union-attr]
            self.variables[rule.head.pred].to_add.add(head)
            if self.recorder is not None:
                self.recorder.flush(rule, [(head, body, ())])
        self._ran(rule)

    def _compile(self, rule: IRRule, delta: int | None) -> Compiled:
        plan = plan_rule(rule, delta, self.open)
        return generate(plan, self.recorder is not None, self.possible)

    def _demand_function(self, pred: Pred) -> Callable[[Row], bool]:
        """Whether an open rule of ``pred`` has the instance ``row``; if so it
        is asked for, to be made after the running rule (``_make_asked``)."""
        heads = [rule.head for rule in self.open_rules[pred]]
        asked = self.asked[pred]
        made = self.made[pred]

        def demand(row: Row) -> bool:
            if row in made or row in asked:
                return True
            if any(bind(head, row) is not None for head in heads):
                asked[row] = None
                return True
            made.add(row)  # known not to be an instance: never asked again
            return False

        return demand

    def _group_function(self, pred: Pred) -> Callable[[Row], Hashable]:
        """For ``findall``: a key per row of ``pred`` that rows holding in the
        same worlds share: their recorded derivations, when every one is by
        a rule with no weight, label or choice and nothing contradicts
        ``pred``; otherwise the row itself."""
        recorder = self.recorder
        plain = {
            r.id for r in self.rules
            if r.probability is None and r.label is None and r.disjunction is None
            and r.kind is RuleKind.STRICT and not is_open(r)
        }
        contested = pred.complement in self.graph.nodes
        if recorder is None or contested:
            return lambda row: row
        ids, graph = recorder.ids(pred), recorder.graph

        def group(row: Row) -> Hashable:
            atom = ids.get(row)
            if atom is None:
                return row
            derivations = graph.derivations_of(atom)
            if not derivations or any(d.rule not in plain for d in derivations):
                return row
            return frozenset((d.pos, d.neg) for d in derivations)

        return group

    def _make_asked(self) -> None:
        """Make the instances of open predicates asked for: each open rule
        whose head matches derives it (a choice of its own per instance)."""
        for pred in sorted(p for p, rows in self.asked.items() if rows):
            rows = list(self.asked[pred])
            self.asked[pred].clear()
            self.made[pred].update(rows)
            variable = self.variables[pred]
            for rule in self.open_rules[pred]:
                made = [row for row in rows if bind(rule.head, row) is not None]
                variable.to_add.update(made)
                if self.recorder is not None:
                    self.recorder.flush(rule, [(row, (), ()) for row in made])
            if pred not in self.component:
                variable.changed()

    def _inputs(self, compiled: Compiled) -> tuple[Any, ...]:
        found: list[Any] = []
        for kind, pred, positions in compiled.inputs:
            variable = self.variables[pred]
            if kind == "recent":
                found.append(variable.recent)
            elif kind == "set":
                found.append(variable.total)
            elif kind == "demand":
                found.append(self.demands[pred])
            elif kind == "order":
                found.append(self.clause_order.get(pred, ClauseOrder()))
            elif kind == "certain":
                found.append(self.facts.get(pred, frozenset()))
            elif kind == "group":
                found.append(self._group_function(pred))
            else:
                found.append(variable.index(positions))
        return tuple(found)

    def _run(self, compiled: Compiled) -> None:
        rule = compiled.plan.rule
        if compiled.plan.delta is not None:
            literal = rule.body[compiled.plan.delta]
            assert isinstance(literal, IRLiteral)
            if not self.variables[literal.atom.pred].recent:
                return
        out = self.variables[rule.head.pred].to_add
        instances: list[Instance] = []
        try:
            compiled.run(self._inputs(compiled), out, instances.append)
        except FindallRefused as exc:
            raise AssessError([error("unsupported_findall", rule.span, str(exc))]) from None
        except TermTooDeep as exc:
            raise AssessError([error(
                "term_too_deep", rule.span,
                f"{exc} while running this rule: the program has no finite model "
                "to ground (a rule builds ever deeper terms, e.g. `p(s(X)) :- p(X).`)",
            )]) from None
        except (ArithmeticError, TypeError, ValueError) as exc:
            raise AssessError([error(
                "arithmetic_error", rule.span, f"arithmetic or comparison failed: {exc}",
            )]) from exc
        self._make_asked()
        if self.recorder is not None:
            self.recorder.flush(rule, instances)
        self._ran(rule)

    def _ran(self, rule: IRRule) -> None:
        """After a rule ran: progress, and the size limit."""
        variable = self.variables[rule.head.pred]
        atoms = len(variable.total) + len(variable.to_add)
        progress.report("grounding", *self.stage, f"{atoms:,} atoms of {rule.head.pred}")
        if self.max_ground is not None:
            self._check_size(rule)

    def _check_size(self, rule: IRRule) -> None:
        """Stop once a predicate or the recorded graph outgrows ``max_ground``."""
        assert self.max_ground is not None
        variable = self.variables[rule.head.pred]
        atoms = len(variable.total) + len(variable.to_add)
        instances = len(self.recorder.graph.derivations) if self.recorder else 0
        if max(atoms, instances) > self.max_ground:
            what = f"{atoms} ground atoms of {rule.head.pred}" if atoms > self.max_ground else (
                f"{instances} ground rule instances")
            done, total = self.stage
            raise AssessError([error(
                "grounding_too_large", rule.span,
                f"grounding stopped at {what} while running this rule, in stratum "
                f"{done + 1} of {total} (limit {self.max_ground}; raise it with --max-ground)",
            )])


def select_rules(
    program: IRProgram, goals: Collection[Pred] | None, include_defeaters: bool
) -> tuple[list[IRRule], dict[Pred, set[Row]]]:
    """The rules and facts that evaluation needs (relevance by ``goals``)."""
    rules = [r for r in program.rules if include_defeaters or r.kind is not RuleKind.DEFEATER]
    if goals is None:
        return rules, program.facts
    relevant = PredicateGraph(rules, goals).depends_on(goals)
    rules = [r for r in rules if r.head.pred in relevant]
    facts = {p: rows for p, rows in program.facts.items() if p in relevant}
    return rules, facts


def evaluate(
    program: IRProgram,
    *,
    record: bool = False,
    goals: Collection[Pred] | None = None,
    include_defeaters: bool = False,
    possible: bool = False,
    max_ground: int | None = None,
) -> Model:
    """The least model of ``program`` (see the module docstring)."""
    rules, facts = select_rules(program, goals, include_defeaters)
    collecting = gc.isenabled()
    gc.disable()  # millions of acyclic tuples: the cycle collector only slows them down
    try:
        asked = [
            (a.pred, tuple(t.value for t in a.args if isinstance(t, IConst)))
            for a in [*(q.atom for q in program.queries), *(e.atom for e in program.evidence)]
            if all(isinstance(t, IConst) for t in a.args)
        ]
        evaluation = _Evaluation(rules, facts, record, possible, max_ground)
        evaluation.clause_order = program.clause_order
        return evaluation.run(asked)
    finally:
        if collecting:
            gc.enable()
