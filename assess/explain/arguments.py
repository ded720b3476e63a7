"""The strongest argument for and against an answer, and the report behind it.

An **argument** is one probabilistic rule (all its ground instances): its
effect on P(h) is P(h) minus P(h) with the rule's weight at 0
(``effects``). Everything here is of the number the judgement reads
(``effects.Judged``): P(h), or P(h | c) for a member of a set ``given c``,
so a conditional member's arguments raise or lower P(h | c). The
strongest argument *for* h has the largest positive effect, the strongest
*against* the most negative; an effect smaller than ``NEGLIGIBLE`` in size
is no argument at all.

The argument's **source** is found by walking the derivation graph down
from the positive premises of the rule's ground instances to the report
choices they rest on (a premise ``\\+ x`` is not walked: a report that makes
x less likely feeds no premise, it only makes room). Each such choice is
weighed by its **effect through the argument** (``effects.through``): its
contribution to P(h) (``effects.contributions``, P(h) minus P(h) without
it, the definition ``why`` lists) less its contribution with the
argument's weight at 0, so that only what it adds by way of this argument
counts. The argument **rests on** the choice whose effect through it is
largest in the argument's direction, named with the first of its reports
(date, quote); it is **corroborated by** the other origins (one name each:
the source of their weightiest such report) whose choices under it move
P(h) the same way through it. An origin whose reports reach h only by
another route is not named, whatever its contribution.

Example: with ``[force] 0.7::attack :- troops(N), N >= 10000.`` and
``report troops(12500) by pentagon credibility 2 "…"``, the argument for
``attack`` is ``force``, resting on pentagon's report of troops(12500).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assess.engine.ir import IRProgram, Pred, Value
from assess.engine.lower import ground_term
from assess.engine.provenance import FACT, DerivationGraph
from assess.explain.effects import EffectTable, Groups, Judged, origin_of, through, through_table
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.model import CompiledModel
from assess.syntax import ast

NEGLIGIBLE = 1e-9


@dataclass(frozen=True, slots=True)
class Argument:
    """One rule's bearing on a hypothesis, and the report it rests on most."""

    rule: int
    label: str | None
    span: ast.Span
    effect: float
    """P(h) − P(h without this rule) (of P(h | c) for a member of a set given
    c): positive for, negative against."""
    origin: str | None = None
    report: ast.Report | None = None
    corroborating: tuple[str, ...] = ()
    """Other origins feeding this argument's premises that move P(h) the
    same way through it, each named by the source of its weightiest report."""

    @property
    def is_report(self) -> bool:
        """The argument is a report itself (``rule`` is -1), not a rule."""
        return self.rule < 0

    @property
    def name(self) -> str:
        return f"[{self.label}]" if self.label else f"the rule at {self.span}"


def choices_under(
    graph: DerivationGraph, ir: IRProgram, inputs: Iterable[Input]
) -> list[int]:
    """The report choices (rule ids) that the bodies of ``inputs`` rest on,
    every route once, in the order first reached."""
    found: list[int] = []
    seen: set[int] = set()
    stack = [graph.find(atom) for item in inputs for atom in item.body]
    while stack:
        atom = stack.pop()
        if atom is None or atom in seen:
            continue
        seen.add(atom)
        for derivation in graph.derivations_of(atom):
            rule = derivation.rule
            if rule != FACT and rule in ir.reports and rule not in found:
                found.append(rule)
            stack.extend(derivation.pos)
    return found


Through = dict[int, EffectTable]
"""Per argument (rule id): its choices' contributions with it at 0
(``effects.through_table``), shared by every query."""


def _origins_under(
    choices: list[Input], cluster: dict[str, str], table: EffectTable, held: EffectTable,
    judged: Judged, sign: float,
) -> list[tuple[str, ast.Report]]:
    """Origins under an argument that move the query its way through it,
    weightiest first (ties: by name), each with the first report of its
    weightiest choice; the others are left out."""
    scored: dict[str, tuple[float, int]] = {}
    for position, choice in enumerate(choices):
        origin = cluster.get(choice.reports[0].source, choice.reports[0].source)
        score = sign * (through(table, held, choice, judged) or 0.0)
        if origin not in scored or score > scored[origin][0]:
            scored[origin] = (score, position)
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(origin, choices[position].reports[0])
            for origin, (score, position) in ranked if score > NEGLIGIBLE]


def strongest(
    model: CompiledModel, ir: IRProgram, graph: DerivationGraph, groups: Groups,
    table: EffectTable, judged: Judged, cache: Through | None = None,
) -> tuple[Argument | None, Argument | None]:
    """The strongest argument for and against the number ``judged`` reads.

    When no rule counts against it but a report does (it blocks a rule
    through ``\\+``), that report is the argument against. ``cache`` keeps
    each argument's ``through_table`` for the next query.
    """
    ctx = _Context(model, ir, graph, groups, table, origin_of(ir), {} if cache is None else cache)
    ranked = []
    for rule_id in groups.arguments:
        effect = judged.effect(table, ("argument", rule_id))
        if effect is not None and abs(effect) > NEGLIGIBLE:
            ranked.append((effect, rule_id))
    ranked.sort()
    support = _rule_argument(ctx, judged, ranked[-1]) if (
        ranked and ranked[-1][0] > 0) else None
    against = _rule_argument(ctx, judged, ranked[0]) if (
        ranked and ranked[0][0] < 0) else None
    return support, against or _blocking_report(ir, groups, table, judged)


@dataclass(frozen=True, slots=True)
class _Context:
    model: CompiledModel
    ir: IRProgram
    graph: DerivationGraph
    groups: Groups
    table: EffectTable
    cluster: dict[str, str]
    cache: Through


def _rule_argument(ctx: _Context, judged: Judged, pick: tuple[float, int]) -> Argument:
    effect, rule_id = pick
    rule = ctx.ir.rules[rule_id]
    inputs = {i.rule: i for items in ctx.groups.origins.values() for i in items}
    argument = ctx.groups.arguments[rule_id]
    choices = [inputs[r] for r in choices_under(ctx.graph, ctx.ir, argument) if r in inputs]
    if rule_id not in ctx.cache:
        ctx.cache[rule_id] = through_table(
            ctx.model, argument, choices, formulas=bool(ctx.table.formulas))
    under = _origins_under(choices, ctx.cluster, ctx.table, ctx.cache[rule_id], judged,
                           1 if effect > 0 else -1)
    origin, report = under[0] if under else (None, None)
    others = tuple(r.source for _, r in under[1:])
    return Argument(rule_id, rule.label, rule.span, effect, origin, report, others)


def _blocking_report(
    ir: IRProgram, groups: Groups, table: EffectTable, judged: Judged
) -> Argument | None:
    """The indicator whose reports lower the query most, as an argument of its own.

    Its effect is that of all its reports; the first is quoted, the other
    origins that reported it are listed as corroborating.
    """
    worst: tuple[float, str] | None = None
    for indicator in groups.indicators:
        effect = judged.effect(table, ("indicator", indicator))
        if effect is not None and effect < -NEGLIGIBLE and (worst is None or effect < worst[0]):
            worst = (effect, indicator)
    if worst is None:
        return None
    effect, indicator = worst
    inputs = groups.indicators[indicator]
    origins = [next(o for o, items in groups.origins.items() if i in items) for i in inputs]
    others = tuple(sorted(set(origins[1:]) - {origins[0]}))
    report = inputs[0].reports[0]
    return Argument(-1, None, report.span, effect, origins[0], report, others)


def report_text(report: ast.Report) -> str:
    """``troops_in_belarus(12500)`` as the report states it."""
    values = tuple(_value(t) for t in report.atom.args)
    pred = Pred(report.atom.predicate, len(values), report.atom.contrary)
    return atom_text((pred, values))


def _value(term: ast.Term) -> Value:
    return term.name if isinstance(term, ast.Var) else ground_term(term)
