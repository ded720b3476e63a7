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
3. a negated literal reads only relations of finished strata (anti-join).

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
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from assess import progress
from assess.diagnostics import AssessError, error
from assess.engine.codegen import Compiled, generate
from assess.engine.ir import IRLiteral, IRProgram, IRRule, Pred, Value
from assess.engine.plans import plan_rule
from assess.engine.provenance import DerivationGraph
from assess.engine.record import Instance, Recorder
from assess.engine.relations import Row, Variable
from assess.engine.strata import PredicateGraph, strata
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
        for rule in rules:
            self.by_head.setdefault(rule.head.pred, []).append(rule)

    def run(self) -> Model:
        layers = list(strata(self.graph))
        for done, component in enumerate(layers):
            self.stage = (done, len(layers))
            self._stratum(component)
        relations = {p: v.total for p, v in self.variables.items()}
        return Model(relations, self.recorder.graph if self.recorder else None)

    def _stratum(self, component: frozenset[Pred]) -> None:
        once: list[Compiled] = []
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
                    once.append(self._compile(rule, None))
                deltas.extend(self._compile(rule, n) for n in recursive)
        for compiled in once:
            self._run(compiled)
        variables = [self.variables[p] for p in component]
        while any([v.changed() for v in variables]) and deltas:
            for compiled in deltas:
                self._run(compiled)

    def _compile(self, rule: IRRule, delta: int | None) -> Compiled:
        return generate(plan_rule(rule, delta), self.recorder is not None, self.possible)

    def _inputs(self, compiled: Compiled) -> tuple[Any, ...]:
        found: list[Any] = []
        for kind, pred, positions in compiled.inputs:
            variable = self.variables[pred]
            if kind == "recent":
                found.append(variable.recent)
            elif kind == "set":
                found.append(variable.total)
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
        except (ArithmeticError, TypeError, ValueError) as exc:
            raise AssessError([error(
                "arithmetic_error", rule.span, f"arithmetic or comparison failed: {exc}",
            )]) from exc
        if self.recorder is not None:
            self.recorder.flush(rule, instances)
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
        return _Evaluation(rules, facts, record, possible, max_ground).run()
    finally:
        if collecting:
            gc.enable()
