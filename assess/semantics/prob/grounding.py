"""Grounding for ``prob``: the derivation graph the compiler reads.

``ground(ir)`` evaluates only what the queries and evidence depend on
(``evaluate`` with ``goals``, in *possible* mode: a negation does not prune,
since its atom may fail in some world, and each instance records the atoms
that must fail), recording every ground rule instance once. With contraries
it also grounds every attack on the atoms asked about, defeaters included.

``ground_program`` is the road ``compile_assessment`` takes: where
bottom-up grounding refuses a rule as ``unsafe_variable`` (a program whose
predicates are finite only from its queries: ``n(T) :- T > 0, P is T-1,
n(P).``), a plain ProbLog program (no contraries, no competing sets) is
grounded demand-driven from its queries instead (``engine.demand``); the
program returned holds the rules its flexible probabilities made there.

With a SQL ``engine`` (``duckdb``, ``postgres``) the cone of the asked
atoms is found in the database first (``engine.sqlcone``): the program is
grounded with only the facts that can take part in their derivations, so
the same graph of the asked atoms is recorded from fewer facts
(demand-driven grounding reads the facts in memory).

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> g = ground(lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")]))
    >>> sorted(str(a[0]) for a in g.atoms)
    ['a/0', 'b/0', 'c/0']
"""

from __future__ import annotations

from collections.abc import Collection

from assess.diagnostics import AssessError
from assess.engine import demand
from assess.engine.evaluate import evaluate
from assess.engine.ir import IConst, IRProgram, Pred, Value
from assess.engine.provenance import DerivationGraph
from assess.semantics.prob import competing, contraries
from assess.semantics.prob.compile import Limits

GroundRow = tuple[Value, ...]
SQL_ENGINES = ("duckdb", "postgres")
"""The engines that find the cone in a database; any other grounds natively."""


def ground(ir: IRProgram, limits: Limits | None = None, engine: str = "native"
           ) -> DerivationGraph:
    """The derivation graph of everything the queries and evidence depend on
    (with contraries: also every attack on them, defeaters included), and
    every member and condition of the competing sets; with a SQL ``engine``,
    grounded from the facts of their cone only."""
    goals = {q.atom.pred for q in ir.queries} | {e.atom.pred for e in ir.evidence}
    goals |= competing.needed_predicates(ir)
    attacks = bool(contraries.contested_predicates(ir))
    limit = (limits or Limits()).max_ground
    wanted = contraries.grounding_goals(ir, goals)
    if engine in SQL_ENGINES:
        from assess.engine.sqlcone import sql_cone

        ir = sql_cone(ir, _seeds(ir, wanted), engine, attacks, limit)
    model = evaluate(
        ir,
        record=True,
        goals=wanted,
        include_defeaters=attacks,
        possible=True,
        max_ground=limit,
    )
    assert model.graph is not None
    return model.graph


def ground_program(ir: IRProgram, limits: Limits | None = None, engine: str = "native"
                   ) -> tuple[IRProgram, DerivationGraph]:
    """``ir`` and its derivation graph, bottom-up or demand-driven (module
    docstring); a program with clauses of ``query/1`` (``query(p(X)) :-
    a(X).``) demand-driven, with the queries they make after its own, and
    one asking about a library predicate (``query(append(X, Y, [1]))``)."""
    if demand.needed(ir):
        return demand.ground(ir, (limits or Limits()).max_ground)
    try:
        return ir, ground(ir, limits, engine)
    except AssessError as exc:
        # Rules finite only from the queries, or a findall/3 whose order is
        # ProbLog's search order (which demand-driven grounding follows).
        unsafe = all(d.code == "unsafe_variable" or d.code == "unsupported_findall"
                     for d in exc.diagnostics)
        plain = not competing.needed_predicates(ir) and not contraries.contested_predicates(ir)
        if not (unsafe and plain):
            raise
        return demand.ground(ir, (limits or Limits()).max_ground)


def _seeds(ir: IRProgram, wanted: Collection[Pred]) -> dict[Pred, set[GroundRow] | None]:
    """The atoms asked about: each ground query and evidence atom; every atom
    (None) of a predicate asked with variables, or needed whole (a competing
    set's, an attack's: ``wanted`` beyond what is asked)."""
    asked = [*(q.atom for q in ir.queries), *(e.atom for e in ir.evidence)]
    whole = competing.needed_predicates(ir) | (set(wanted) - {a.pred for a in asked})
    seeds: dict[Pred, set[GroundRow] | None] = {p: None for p in whole}
    for atom in asked:
        if atom.pred in whole:
            continue
        rows = seeds.setdefault(atom.pred, set())
        if not all(isinstance(t, IConst) for t in atom.args):
            seeds[atom.pred] = None
        elif rows is not None:
            rows.add(tuple(t.value for t in atom.args if isinstance(t, IConst)))
    return seeds
