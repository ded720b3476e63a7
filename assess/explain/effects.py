"""What each piece of the argument does to each answer: leave-one-out effects.

Every answer is read off one compiled model (``CompiledModel``), so removing
a piece of evidence or an argument is re-evaluating with some inputs set to
probability 0 — one forward pass, no grounding or compiling again. The
**effect** of a group of inputs on a query is

    effect = P(q) − P(q with the group's inputs at 0)

positive when the group supports q, negative when it counts against it.
Groups are the units an analyst reasons with:

* an **origin**: every report from one source, or from sources linked by
  ``derived_from`` (they count once, so they are removed together);
* an **indicator**: every report of any atom of one indicator;
* an **argument**: every ground instance of one probabilistic rule.

If removing a group makes the evidence (``evidence/2``) impossible, its
effect is undefined (None): the answer cannot be conditioned without it.

A **contribution** is the effect of one input alone (``contributions``):
what a report adds to an answer is the contribution of its report choice —
every report of that atom from one origin, because such reports stand in
for each other (the choice's probability is their best grade), so they are
withdrawn together and shown as one group, never as zeros. This one
definition is what ``why`` lists, what ``run``'s "rests on … corroborated
by …" names and what ``expect why(h) cites s`` checks. It is exact under
evidence too (re-evaluated, not a gradient times a probability, which is
exact only without evidence, where P is linear in each input).

Example: with ``0.3::a. 0.6::b. c :- a. c :- b.``, P(c) = 0.72; without
``b`` it is 0.3, so b's effect on c is +0.42.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from assess.analysis.grading import source_clusters
from assess.diagnostics import AssessError
from assess.engine.ir import IRProgram
from assess.semantics.prob.choices import Input
from assess.semantics.prob.model import CompiledModel, Weights


@dataclass(frozen=True)
class Groups:
    """The model's inputs grouped by origin, by indicator and by argument (rule id)."""

    origins: Mapping[str, tuple[Input, ...]]
    indicators: Mapping[str, tuple[Input, ...]]
    arguments: Mapping[int, tuple[Input, ...]]
    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Origin -> the declared sources it stands for (sorted)."""


def origin_of(ir: IRProgram) -> dict[str, str]:
    """Each declared source -> the name of its origin.

    Sources linked by ``derived_from`` (``source_clusters``) are one origin,
    named after the source the others derive from (the alphabetically first
    such, or of all of them if the links go round in a circle): with ``tass``
    and ``ria derived_from tass``, both map to ``tass``.
    """
    roots = source_clusters({name: s.derived_from for name, s in ir.sources.items()})
    clusters: dict[str, list[str]] = {}
    for source, root in roots.items():
        clusters.setdefault(root, []).append(source)
    named: dict[str, str] = {}
    for members in clusters.values():
        inside = set(members)
        originals = [
            m for m in members
            if m not in ir.sources or not inside.intersection(ir.sources[m].derived_from)
        ]
        name = min(originals or members)
        named.update({m: name for m in members})
    return named


def group_inputs(ir: IRProgram, model: CompiledModel) -> Groups:
    """Group the model's inputs; a report input belongs to its origin and indicator."""
    cluster = origin_of(ir)
    origins: dict[str, list[Input]] = {}
    indicators: dict[str, list[Input]] = {}
    arguments: dict[int, list[Input]] = {}
    for item in model.inputs:
        if item.reports:
            origin = cluster.get(item.reports[0].source, item.reports[0].source)
            origins.setdefault(origin, []).append(item)
            indicators.setdefault(item.atom[0].name, []).append(item)
        else:
            arguments.setdefault(item.rule, []).append(item)
    members: dict[str, list[str]] = {}
    for source, origin in cluster.items():
        members.setdefault(origin, []).append(source)
    return Groups(
        {k: tuple(v) for k, v in origins.items()},
        {k: tuple(v) for k, v in indicators.items()},
        {k: tuple(v) for k, v in arguments.items()},
        {k: tuple(sorted(v)) for k, v in members.items()},
    )


def probabilities_without(model: CompiledModel, inputs: Iterable[Input]) -> list[float] | None:
    """P(q | evidence) for every query with ``inputs`` at 0; None if evidence fails."""
    try:
        return [r.probability for r in model.probabilities({i: 0.0 for i in inputs})]
    except AssessError:
        return None


@dataclass(frozen=True)
class EffectTable:
    """``effects[key][q]``: the effect of group ``key`` on query index q;
    with formulas, ``formulas[key]``: P(formula | e) of each of the model's
    formulas with the group at 0 (None if the evidence fails), and
    ``baseline_formulas`` without any change."""

    baseline: tuple[float, ...]
    effects: Mapping[object, tuple[float | None, ...]]
    baseline_formulas: tuple[float, ...] = ()
    formulas: Mapping[object, tuple[float, ...] | None] = field(default_factory=dict)

    def effect(self, key: object, query: int) -> float | None:
        return self.effects[key][query]


@dataclass(frozen=True, slots=True)
class Judged:
    """The number a judgement reads, as a function of the inputs: P(h | e)
    (``of_query``), or P(h | c, e) for a member of a set given c
    (``explain.judgement``); arguments and confidence read it, so a
    conditional member is weighed on P(h | c). ``value`` is None where the
    number is undefined (c cannot hold)."""

    value: Callable[[Weights | None], float | None]
    gradient: Callable[[], dict[Input, float]]
    query: int | None = None
    """The model's query, when the number is P(h | e)."""
    from_formulas: Callable[[Sequence[float]], float | None] | None = None
    """Otherwise: the number from the values of the model's formulas."""

    def read(self, table: EffectTable, key: object | None) -> float | None:
        """The number with the group ``key`` of ``table`` at 0 (None: as it
        stands), read off the table's passes: no evaluation of its own."""
        if self.query is not None:
            base = table.baseline[self.query]
            if key is None:
                return base
            effect = table.effect(key, self.query)
            return None if effect is None else base - effect
        assert self.from_formulas is not None
        values = table.baseline_formulas if key is None else table.formulas.get(key)
        return None if values is None else self.from_formulas(values)

    def effect(self, table: EffectTable, key: object) -> float | None:
        """The number as it stands less the number with group ``key`` at 0
        (None where either is undefined); for P(h | e), the table's own."""
        if self.query is not None:
            return table.effect(key, self.query)
        now, without = self.read(table, None), self.read(table, key)
        return None if now is None or without is None else now - without


def of_query(model: CompiledModel, query: int) -> Judged:
    """P(h | e) of the model's query ``query``."""
    return Judged(lambda w: model.probability(query, w), lambda: model.gradient(query), query)


def effect_table(
    model: CompiledModel, groups: Mapping[object, Iterable[Input]], *, formulas: bool = False,
) -> EffectTable:
    """The effect of each group on each query (one forward pass per group),
    and with ``formulas`` the formulas' probabilities from the same passes."""
    results, shared = model.probabilities_and_formulas(formulas=formulas)
    baseline = tuple(r.probability for r in results)
    effects: dict[object, tuple[float | None, ...]] = {}
    found: dict[object, tuple[float, ...] | None] = {}
    for key, inputs in groups.items():
        try:
            after, values = model.probabilities_and_formulas(
                {i: 0.0 for i in inputs}, formulas=formulas)
        except AssessError:
            effects[key] = (None,) * len(baseline)
            found[key] = None
            continue
        effects[key] = tuple(
            base - r.probability for base, r in zip(baseline, after, strict=True))
        found[key] = tuple(values)
    return EffectTable(baseline, effects, tuple(shared), found if formulas else {})


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one input adds to P(q): P(q) − P(q with the input at 0)."""

    input: Input
    without: float | None
    """P(q) with the input at 0; None when the evidence is then impossible."""
    amount: float | None
    """Positive: the input supports q; negative: it counts against it."""

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of the reports behind the input (none for a rule)."""
        return tuple(sorted({r.source for r in self.input.reports}))


def contribution_table(model: CompiledModel, inputs: Iterable[Input]) -> EffectTable:
    """Each input's effect on each query, keyed by the input itself."""
    return effect_table(model, {i: (i,) for i in inputs})


def contributions(
    model: CompiledModel, query: int, inputs: Iterable[Input] | None = None,
) -> list[Contribution]:
    """The contribution of each input (default: every input) to query
    ``query``, largest in size first; those that move nothing are left out."""
    chosen = list(model.inputs if inputs is None else inputs)
    table = contribution_table(model, chosen)
    base = table.baseline[query]
    found = [
        Contribution(i, None if e is None else base - e, e)
        for i in chosen
        if (e := table.effect(i, query)) is None or abs(e) > 1e-12
    ]
    return sorted(found, key=lambda c: (-abs(c.amount or 0.0), c.input.name))


def through_table(
    model: CompiledModel, argument: Iterable[Input], inputs: Iterable[Input], *,
    formulas: bool = False,
) -> EffectTable:
    """Each input's contribution to each query once the ``argument``'s inputs
    are at 0 (baseline: P with the argument at 0); with ``formulas``, the
    formulas' probabilities from the same passes (``Judged.read``).

    An input's **effect through the argument** is its contribution less this
    one (``through``): the part of what it adds that needs the argument. For
    a report feeding the argument's premises it is what the report adds by
    way of that argument; a report that reaches the query by another route
    only gets an effect through it from the overlap of the two routes.

    Example: with ``0.5::x. [a] 0.8::h :- x.`` and nothing else, x adds 0.4
    to P(h) and nothing once [a] is at 0: its effect through [a] is 0.4.
    """
    held = tuple(argument)
    chosen = list(inputs)
    try:
        results, shared = model.probabilities_and_formulas(
            {i: 0.0 for i in held}, formulas=formulas)
    except AssessError:
        return EffectTable((), {i: () for i in chosen})
    baseline = tuple(r.probability for r in results)
    effects: dict[object, tuple[float | None, ...]] = {}
    found: dict[object, tuple[float, ...] | None] = {}
    for item in chosen:
        try:
            after, values = model.probabilities_and_formulas(
                {i: 0.0 for i in (*held, item)}, formulas=formulas)
        except AssessError:
            effects[item], found[item] = (None,) * len(baseline), None
            continue
        effects[item] = tuple(base - r.probability for base, r in zip(baseline, after, strict=True))
        found[item] = tuple(values)
    return EffectTable(baseline, effects, tuple(shared), found if formulas else {})


def through(table: EffectTable, held: EffectTable, item: Input, judged: Judged) -> float | None:
    """``item``'s effect on the number ``judged`` reads, through the argument
    ``held`` was computed without (``through_table``); None when either side
    is undefined."""
    if not held.baseline:
        return None
    total, rest = judged.effect(table, item), judged.effect(held, item)
    return None if total is None or rest is None else total - rest


def cited_sources(found: Iterable[Contribution]) -> set[str]:
    """The sources whose reports support the answer (a positive contribution)."""
    return {s for c in found if c.amount is not None and c.amount > 0 for s in c.sources}
