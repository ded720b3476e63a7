"""Compile a program's queries and evidence once, into one frozen circuit.

``compile_model(ir, graph)`` takes the lowered program and the derivation
graph the evaluator recorded, and returns a ``CompiledModel``:

1. each query (with variables: every matching ground atom the graph holds;
   a ground query the graph never derived has probability 0) and each
   evidence atom is resolved to its graph node;
2. ``order.plan`` finds their cone, its components and the variable order;
3. ``lineage.Lineage`` builds every atom's BDD, cycles as least fixpoints;
4. the evidence conjunction E and each ``query ∧ E`` are frozen into one
   ``Circuit``. P(q | E) = wmc(q ∧ E) / wmc(E) for any input probabilities,
   with no further grounding or compiling;
5. a ``Readout`` (``lineage.Readout``) may add named formulas about each
   query, built from the solved lineage — contraries add ``contrary`` and
   ``contested`` — frozen as ``formula ∧ E`` into the same circuit, so
   they cost one forward pass with the queries and have gradients too.

Limits: ``max_nodes`` diagram nodes and ``timeout`` seconds; past either,
an ``AssessError`` (``compile_too_large``) names the atom being compiled,
its predicate and the rule that derives it, and the size reached.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.semantics.prob.grounding import ground
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")])
    >>> [round(r.probability, 4) for r in compile_model(ir, ground(ir)).probabilities()]
    [0.72]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from assess import progress
from assess.diagnostics import AssessError, error
from assess.engine.ir import GroundAtom, IConst, IRAtom, IRProgram, matches
from assess.engine.provenance import FACT, DerivationGraph
from assess.engine.terms import Str
from assess.semantics.prob import bounds
from assess.semantics.prob.backends import exact
from assess.semantics.prob.bdd import FALSE, TRUE, Budget, BudgetExceeded, Manager
from assess.semantics.prob.bounds import Stopped
from assess.semantics.prob.choices import atom_text, make_inputs
from assess.semantics.prob.lineage import Combine, Lineage, Readout, disjoin
from assess.semantics.prob.model import CompiledModel, Slot, level_weights
from assess.semantics.prob.order import Extra, plan
from assess.semantics.prob.wmc import Circuit
from assess.syntax.ast import Span

DEFAULT_MAX_GROUND = 2_000_000
DEFAULT_MAX_NODES = 5_000_000
DEFAULT_TIMEOUT = 300.0
DEFAULT_TOLERANCE = 0.01


@dataclass(frozen=True, slots=True)
class Limits:
    """Guard rails: ground atoms per predicate (and rule instances), diagram
    nodes, and seconds of compilation (``None``: no time limit)."""

    max_ground: int = DEFAULT_MAX_GROUND
    max_nodes: int = DEFAULT_MAX_NODES
    timeout: float | None = DEFAULT_TIMEOUT
    tolerance: float = DEFAULT_TOLERANCE
    """Past the node or time limit: how close the bounds must come
    (``bounds.anytime``) before the work stops."""
    backend: str = "auto"
    """``native``, ``cudd`` or ``auto`` (``backends.exact``)."""


def resolve(
    pattern: IRAtom, graph: DerivationGraph, ruled_out: Collection[int] = ()
) -> list[GroundAtom]:
    """The ground atoms a query or evidence pattern asks about, sorted; a
    pattern's answers leave out the atoms ``ruled_out`` (``decided.impossible``)."""
    if all(isinstance(t, IConst) for t in pattern.args):
        return [(pattern.pred, tuple(t.value for t in pattern.args if isinstance(t, IConst)))]
    found = [graph.atoms[a] for a in graph.atoms_of(pattern.pred) if a not in ruled_out]
    # Ties keep the graph's order, which is the same every run.
    matching = dict.fromkeys(g for g in found if matches(pattern, g))
    return sorted(matching, key=text_order)


def text_order(atom: GroundAtom) -> list[tuple[str, bool]]:
    """Sort key of ground atoms: their values' text, an atom before the string
    of the same text."""
    return [(str(v), isinstance(v, Str)) for v in atom[1]]


def _single_levels(blocks: tuple[tuple[int, ...], ...]) -> frozenset[int]:
    """The levels of choices that are one variable each (not a chain)."""
    found, level = [], 0
    for block in blocks:
        if len(block) == 1:
            found.append(level)
        level += len(block)
    return frozenset(found)


def _coins(manager: Manager, blocks: tuple[tuple[int, ...], ...]) -> dict[int, int]:
    """Each choice derivation's diagram: a variable, or a chain member."""
    coins: dict[int, int] = {}
    level = 0
    for block in blocks:
        for i, d in enumerate(block):
            f = manager.var(level + i)
            for j in range(i - 1, -1, -1):
                f = manager.node(level + j, f, FALSE)
            coins[d] = f
        level += len(block)
    return coins


def compile_model(
    ir: IRProgram,
    graph: DerivationGraph,
    *,
    limits: Limits | None = None,
    combine: Combine = disjoin,
    extra: Extra | None = None,
    readout: Readout | None = None,
    readout_queries: int | None = None,
    formulas: Sequence[tuple[Sequence[int], Callable[[Lineage], int]]] = (),
) -> CompiledModel:
    """Compile ``ir``'s queries and evidence over ``graph`` (see module doc);
    the readout is compiled for the first ``readout_queries`` (None: all);
    each of ``formulas`` (the graph atoms it reads, and how to build it from
    the solved lineage) is frozen as ``formula ∧ E`` after everything else
    (``CompiledModel.formula_probabilities``)."""
    limits = limits or Limits()
    queries: list[GroundAtom] = []
    for query in ir.queries:
        queries.extend(g for g in resolve(query.atom, graph) if g not in queries)
    read = queries[:readout_queries] if readout_queries is not None else queries
    evidence = [(g, e.value) for e in ir.evidence for g in resolve(e.atom, graph)]
    roots = [a for g in queries + [g for g, _ in evidence] if (a := graph.find(g)) is not None]
    if readout is not None:
        roots += [a for g in read for a in readout.reads(g)]
    roots += [a for atoms, _ in formulas for a in atoms]
    cone = plan(ir.rules, graph, roots, extra)
    blocks = cone.blocks
    levels = sum(len(b) for b in blocks)
    flat = [d for b in blocks for d in b]
    base = tuple(float(ir.rules[graph.derivations[d].rule].probability or 0.0) for d in flat)
    slots = tuple(Slot(len(b)) for b in blocks)
    budget = Budget.within(limits.max_nodes, limits.timeout)
    upper: Circuit | None = None
    stopped: Stopped | None = None

    def roots_of(manager: Manager, max_sweeps: int | None = None) -> tuple[Lineage, list[int]]:
        lineage = Lineage(ir.rules, graph, manager, {}, combine)
        lineage.max_sweeps = max_sweeps
        try:
            lineage.coins = _coins(manager, blocks)
            lineage.solve(cone.components)
            e_root = _evidence_root(manager, lineage, graph, evidence)
            q_roots = [manager.conj(_root(lineage, graph, g), e_root) for g in queries]
            named[:], n_roots = _named(lineage, readout, read, e_root, 1 + len(q_roots))
            f_roots = [manager.conj(build(lineage), e_root) for _, build in formulas]
        except BudgetExceeded as exc:
            exc.atom = lineage.current
            raise
        return lineage, [e_root, *q_roots, *n_roots, *f_roots]

    named: list[tuple[tuple[str, int], ...]] = []
    # ``auto`` starts again in CUDD only where nothing made for the first
    # manager outlives it: the combinators of contraries and competing sets,
    # their readouts and the caller's formulas may keep diagram handles, so
    # those programs stay with the native manager (or ask for ``cudd``).
    restartable = combine is disjoin and readout is None and not formulas
    backend = "native" if limits.backend == "auto" and not restartable else limits.backend
    try:
        circuit = exact(levels, budget, backend, lambda m: roots_of(m)[1])
    except BudgetExceeded as exc:
        plain = combine is disjoin and readout is None and not formulas and not evidence
        if not plain or not bounds.monotone(graph, cone.components):
            raise _too_large(ir, graph, exc.atom, exc) from None
        weights = level_weights(slots, base)
        try:
            circuit, upper, stopped = bounds.anytime(
                levels, budget, weights, limits, exc,
                lambda m, sweeps: roots_of(m, sweeps)[1], len(queries), _single_levels(blocks),
            )
        except BudgetExceeded:  # not one round of bounds within the limits
            raise _too_large(ir, graph, exc.atom, exc) from None
    first = 1 + len(queries) + sum(len(n) for n in named)
    groups = [i if len(b) > 1 else None for i, b in enumerate(blocks) for _ in b]
    inputs = make_inputs(ir.rules, graph, flat, groups, ir.reports)
    return CompiledModel(
        rules=tuple(ir.rules),
        inputs=tuple(inputs),
        base=base,
        slots=slots,
        queries=tuple(queries),
        evidence=tuple(evidence),
        circuit=circuit,
        named=tuple(named),
        formulas=tuple(range(first, first + len(formulas))),
        upper=upper,
        stopped=stopped,
    )


def _named(
    lineage: Lineage, readout: Readout | None, queries: list[GroundAtom], e_root: int, first: int
) -> tuple[tuple[tuple[tuple[str, int], ...], ...], list[int]]:
    """Each query's named formulas ∧ E: (name, root index) per query, and the roots."""
    if readout is None:
        return (), []
    roots: list[int] = []
    named: list[tuple[tuple[str, int], ...]] = []
    for g in queries:
        mine: list[tuple[str, int]] = []
        for name, formula in readout.formulas(lineage, g).items():
            mine.append((name, first + len(roots)))
            roots.append(lineage.manager.conj(formula, e_root))
        named.append(tuple(mine))
    return tuple(named), roots


def _root(lineage: Lineage, graph: DerivationGraph, ground: GroundAtom) -> int:
    atom = graph.find(ground)
    return FALSE if atom is None else lineage.of(atom)


def _evidence_root(
    manager: Manager,
    lineage: Lineage,
    graph: DerivationGraph,
    evidence: list[tuple[GroundAtom, bool]],
) -> int:
    parts = [
        _root(lineage, graph, g) if value else manager.neg(_root(lineage, graph, g))
        for g, value in evidence
    ]
    return manager.conj_all(parts) if parts else TRUE


def _too_large(
    ir: IRProgram, graph: DerivationGraph, atom: int | None, exc: BudgetExceeded
) -> AssessError:
    span: Span | None = None
    where = "the queries and evidence"
    if atom is not None:
        ground = graph.atoms[atom]
        where = f"the lineage of {atom_text(ground)} (predicate {ground[0]})"
        rules = [d.rule for d in graph.derivations_of(atom) if d.rule != FACT]
        if rules:
            span = ir.rules[rules[0]].span
            where += f", derived by the rule at line {span.line}" if span.line else ""
    step = progress.last()
    if step is not None and step.stage == "compiling" and step.total:
        where += f", after {step.done:,} of {step.total:,} components"
    return AssessError(
        [
            error(
                "compile_too_large",
                span,
                f"compiling {where} stopped: {exc.reason}; "
                "raise --max-nodes or --timeout, or query fewer atoms",
            )
        ]
    )


__all__ = ["Limits", "compile_model", "resolve", "text_order"]
