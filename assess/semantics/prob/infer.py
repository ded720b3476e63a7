"""From a lowered program to a compiled model: ground, then compile.

``infer(ir)`` grounds only what the queries and evidence depend on
(``evaluate`` with ``goals``, in *possible* mode: a negation does not prune,
since its atom may fail in some world, and each instance records the atoms
that must fail), recording the derivation graph, then compiles it
(``compile.compile_model``). The questions are the program's ``query/1``
atoms followed by its declared hypotheses not already queried (a hypothesis
with parameters asks for every ground answer) and, on request, every atom of
some predicates (``run --all``).

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")])
    >>> [round(r.probability, 4) for r in infer(ir).probabilities()]
    [0.72]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from assess.engine.evaluate import evaluate
from assess.engine.ir import IRAtom, IRProgram, IRQuery, IVar, Pred
from assess.engine.provenance import DerivationGraph
from assess.semantics.prob import contraries
from assess.semantics.prob.compile import Limits, compile_model
from assess.semantics.prob.lineage import Combine, disjoin
from assess.semantics.prob.model import CompiledModel, QueryResult
from assess.semantics.prob.order import Extra


def with_hypotheses(ir: IRProgram, also: Sequence[Pred] = ()) -> IRProgram:
    """``ir`` with a query for each declared hypothesis not already queried,
    and for every atom of the ``also`` predicates."""
    asked = {q.atom.pred for q in ir.queries}
    hypotheses = [Pred(d.name, len(d.params)) for d in ir.hypotheses.values()]
    wanted = [p for p in hypotheses if p not in asked] + list(also)
    extra = [IRQuery(IRAtom(p, tuple(IVar(i) for i in range(p.arity)))) for p in wanted]
    return replace(ir, queries=[*ir.queries, *extra]) if extra else ir


def ground(ir: IRProgram, limits: Limits | None = None) -> DerivationGraph:
    """The derivation graph of everything the queries and evidence depend on
    (with contraries: also every attack on them, defeaters included)."""
    goals = {q.atom.pred for q in ir.queries} | {e.atom.pred for e in ir.evidence}
    attacks = bool(contraries.contested_predicates(ir))
    limit = (limits or Limits()).max_ground
    model = evaluate(
        ir,
        record=True,
        goals=contraries.grounding_goals(ir, goals),
        include_defeaters=attacks,
        possible=True,
        max_ground=limit,
    )
    assert model.graph is not None
    return model.graph


def infer(
    ir: IRProgram,
    limits: Limits | None = None,
    *,
    combine: Combine | None = None,
    extra: Extra | None = None,
    also: Sequence[Pred] = (),
) -> CompiledModel:
    """Ground and compile ``ir``'s queries (hypotheses, ``also``) and evidence.

    Without a ``combine`` hook, the reading is ProbLog's, with contraries
    attacking their subjects where the program has any (``contraries``).
    """
    return infer_with_graph(ir, limits, combine=combine, extra=extra, also=also)[2]


def infer_with_graph(
    ir: IRProgram,
    limits: Limits | None = None,
    *,
    combine: Combine | None = None,
    extra: Extra | None = None,
    also: Sequence[Pred] = (),
) -> tuple[IRProgram, DerivationGraph, CompiledModel]:
    """``infer``, also returning the program as asked (with its hypothesis
    queries) and the derivation graph, for readers that explain answers."""
    ir = with_hypotheses(ir, also)
    graph = ground(ir, limits)
    readout = None
    if combine is None:
        found = contraries.hooks(ir, graph)
        combine, extra, readout = found if found is not None else (disjoin, extra, None)
    model = compile_model(
        ir, graph, limits=limits, combine=combine, extra=extra, readout=readout
    )
    return ir, graph, model


def infer_only(
    ir: IRProgram, queries: Sequence[IRQuery], limits: Limits | None = None
) -> CompiledModel:
    """Compile just ``queries`` (with the program's evidence), not its own."""
    asked = replace(ir, queries=list(queries))
    return compile_model(asked, ground(asked, limits), limits=limits)


@dataclass(frozen=True)
class ProbResult:
    """The answers under ``prob``, and the compiled model behind them."""

    answers: tuple[QueryResult, ...]
    model: CompiledModel
    semantics: str = "prob"


def prob(ir: IRProgram, limits: Limits | None = None, also: Sequence[Pred] = ()) -> ProbResult:
    """P(query | evidence) for every query and hypothesis of ``ir`` (and every
    atom of the ``also`` predicates)."""
    model = infer(ir, limits, also=also)
    return ProbResult(tuple(model.probabilities()), model)
