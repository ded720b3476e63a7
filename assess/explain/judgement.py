"""The analyst's judgement on every hypothesis, read off one compiled model.

``judge(compiled)`` reads the one compiled assessment (queries and declared
hypotheses; ``semantics.prob.compiled``) and returns ``Judgements``, typed ``Judgement`` values: for
each ground hypothesis, its probability, ICD 203 term and band, its rank in
its competing set, the strongest argument for and against it (rule, source,
report) and a confidence level with the factors behind it
(``assess.explain.confidence``); when something can contradict it
(``~h`` with rules, a ``conflict`` partner), the probability that what
contradicts it holds and that the matter is contested (both sides have an
argument that fires, neither prevails; ``semantics.prob.contraries``).
Hypotheses in no competing set have ``set`` None and rank 1. A member of
a set declared ``given c`` is judged on P(h | c): its ``estimate``, band
and phrase are of that conditional probability (``given``), and so are
its arguments for and against and its confidence (the origins that agree
and oppose, robustness), while ``probability`` stays P(h); where
c has probability 0 its phrase is ``icd203.no_judgement(c)`` and it has
no estimate or band (``undefined``; in JSON, null, with the reason). Each
set's overlap, residual and condition (``Compiled.set_readouts``) are in
``Judgements.readouts``.

Everything is exact and comes from the model: probabilities by weighted
model counting, effects by re-evaluation with inputs removed, sensitivity
by the gradient.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.semantics.prob.compiled import compile_assessment
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse('''
    ...     source s "S" reliability B.
    ...     hypothesis h "H".
    ...     report x by s credibility 2.
    ...     [a] 0.9::h :- x.''')])
    >>> j = judge(compile_assessment(ir)).judgements[0]
    >>> (j.name, round(j.probability, 2), j.estimate.value, j.support.label)
    ('h', 0.72, 'likely', 'a')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assess.analysis import icd203
from assess.engine.ir import GroundAtom
from assess.explain.arguments import Through, strongest
from assess.explain.confidence import confidence, witnesses
from assess.explain.effects import (
    EffectTable,
    Groups,
    Judged,
    effect_table,
    group_inputs,
    of_query,
)
from assess.explain.judgement_result import Judgement, Judgements, SetSummary
from assess.explain.reading import conditional_members, given_judged
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.competing import SetReadout
from assess.semantics.prob.compiled import Compiled
from assess.semantics.prob.model import QueryResult


def effect_groups(groups: Groups) -> dict[object, tuple[Input, ...]]:
    """Every origin, indicator and argument as a keyed group of inputs, and
    every report choice as a group of its own (keyed by the input)."""
    keyed: dict[object, tuple[Input, ...]] = {}
    keyed.update({("origin", k): v for k, v in groups.origins.items()})
    keyed.update({("indicator", k): v for k, v in groups.indicators.items()})
    keyed.update({("argument", k): v for k, v in groups.arguments.items()})
    # Each report choice alone: its contribution (``effects.contributions``).
    keyed.update({i: (i,) for items in groups.origins.values() for i in items})
    # Each origin as a witness, beside those reporting the same (``confidence``).
    keyed.update(witnesses(groups))
    return keyed


def hypothesis_queries(compiled: Compiled) -> list[int]:
    """Indices of the model's queries that are declared hypotheses."""
    declared = compiled.ir.hypotheses
    return [
        i
        for i, (pred, _) in enumerate(compiled.model.queries)
        if not pred.contrary and pred.name in declared
        and len(declared[pred.name].params) == pred.arity
    ]


def judge(compiled: Compiled) -> Judgements:
    """Judge each hypothesis of a compiled assessment."""
    ir, model = compiled.ir, compiled.model
    results = tuple(compiled.answers())
    replies = tuple(compiled.as_asked(results))
    readouts = tuple(SetSummary.of(r) for r in compiled.set_readouts())
    if not hypothesis_queries(compiled):
        return Judgements((), (), replies, model, compiled.graph, ir, readouts)
    groups = group_inputs(ir, model)
    # P(h | c) is read off the set's formulas: the table keeps them too.
    table = effect_table(model, effect_groups(groups), formulas=bool(conditional_members(compiled)))
    sets = {m: c.name for c in ir.competing for m in c.members}
    cache: Through = {}
    unranked = [
        _judgement(compiled, groups, table, cache, results[q],
                   sets.get(model.queries[q][0].name))
        for q in hypothesis_queries(compiled)
    ]
    given = conditional_members(compiled)
    ranked = _rank([_conditioned(j, readouts, given) for j in unranked],
                   [c.name for c in ir.competing])
    grouped = tuple(
        (c.name, tuple(j for j in ranked if j.set == c.name)) for c in ir.competing
    )
    return Judgements(tuple(ranked), grouped, replies, model, compiled.graph, ir, readouts)


def _conditioned(
    j: Judgement, readouts: tuple[SetSummary, ...], given: dict[GroundAtom, int]
) -> Judgement:
    """``j`` judged on P(h | condition) when its set has a condition."""
    if j.atom not in given:
        return j
    found = readouts[given[j.atom]]
    member = icd203.clamp(dict(found.members)[j.name])
    band = icd203.band(icd203.estimate(member))
    condition = icd203.clamp(found.condition)
    return replace(
        j, condition=found.given, given=member, condition_probability=condition,
        estimate=None if condition == 0.0 else band.estimate,
        band=None if condition == 0.0 else (band.low, band.high),
        phrase=icd203.given_phrase(member, str(found.given), found.condition),
    )


def _judgement(
    compiled: Compiled, groups: Groups, table: EffectTable, cache: Through,
    result: QueryResult, set_name: str | None,
) -> Judgement:
    model = compiled.model
    atom = result.atom
    query = model.queries.index(atom)
    p = icd203.clamp(table.baseline[query])
    band = icd203.band(icd203.estimate(p))
    judged = _judged(compiled, atom, query)
    support, against = strongest(
        model, compiled.ir, compiled.graph, groups, table, judged, cache
    )
    return Judgement(
        atom_text(atom), atom, compiled.ir.hypotheses[atom[0].name].description, set_name,
        1, p, band.estimate, (band.low, band.high), _phrase(p, result),
        confidence(model, table, groups, judged), support, against,
        result.contrary, result.contested,
    )


def _judged(compiled: Compiled, atom: GroundAtom, query: int) -> Judged:
    """What the judgement of ``atom`` reads: P(h | c) in a set given c, else P(h)."""
    index = conditional_members(compiled).get(atom)
    if index is None:
        return of_query(compiled.model, query)
    members = compiled.sets[index]
    block = compiled.set_formula_indices()[index]

    def from_formulas(values: Sequence[float]) -> float | None:
        readout = SetReadout.of(members, [values[i] for i in block])
        return given_judged(readout.condition, readout.members[readout.atoms.index(atom)])

    return Judged(
        lambda w: from_formulas(compiled.model.formula_probabilities(w)),
        lambda: compiled.given_gradient(index, atom),
        from_formulas=from_formulas,
    )


def _phrase(p: float, result: QueryResult) -> str:
    """The words for ``p``; on bounds (``QueryResult.bounds``) the term only
    when both bounds fall in one band, and the bounds said either way (the
    effects and arguments then read the lower bound's circuit)."""
    if result.bounds is None:
        return icd203.phrase(p)
    low, high = (icd203.clamp(b) for b in result.bounds)
    same = icd203.term_class(low) == icd203.term_class(high)
    words = icd203.phrase(low) if same else "no single term"
    return f"{words}: bounded, {low:.4f} ≤ P ≤ {high:.4f}, {result.stopped}"


def _rank(judgements: list[Judgement], order: list[str]) -> list[Judgement]:
    """Sets in declaration order, each most probable first; then the rest."""
    out: list[Judgement] = []
    for name in [*order, None]:
        members = sorted(
            (j for j in judgements if j.set == name), key=lambda j: (-j.judged, j.name)
        )
        for rank, j in enumerate(members, start=1):
            out.append(_with_rank(j, rank if name is not None else 1))
    return out


def _with_rank(j: Judgement, rank: int) -> Judgement:
    return replace(j, rank=rank)
