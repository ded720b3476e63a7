"""Semi-naive evaluation inside a database: the crisp model computed in SQL.

``sql_model(program, goals, engine)`` computes the same least model as
``evaluate`` (no provenance) in DuckDB or PostgreSQL (``sqldb``). Each
predicate gets three tables of the columns ``sqlterms`` lays out: ``r``
(every row so far: datafrog's ``stable``), ``d`` (the rows new in the last
round: ``recent``) and ``n`` (rows derived this round: ``to_add``). The
certain facts go into ``n`` first. Then, stratum by stratum (``strata``, the
engine's own order, so a negation reads only finished strata):

1. each rule with no literal of the stratum runs once, its ``SELECT``
   (``sqlgen``) inserted into the head's ``n``;
2. a round: ``d := n EXCEPT r`` and ``r := r ∪ d`` for each predicate of the
   stratum, ``n`` emptied; when every ``d`` is empty the stratum is done;
3. otherwise each *delta* variant (one per literal of the stratum, that
   literal read from ``d``, the others from ``r``) inserts into ``n``, and
   the next round begins. A non-recursive stratum takes one round.

A *linear* stratum (one predicate of arity one or more, one rule with one
literal of it, every other rule none; transitive closure) runs instead as
one ``WITH RECURSIVE`` statement when ``recursive`` (the default), its
facts and other rules the base, the one rule's delta variant the step over
the CTE; ``UNION`` keeps it a set, so it ends where the rounds would. Both
give the same rows (a test holds them equal); measured (``bench/sql.py``)
the one statement is the faster on both databases.

When the stratum is done its rules' probes (``Generator.probes``) look for
a binding that reaches a test or an ``is`` with a value it cannot take, so
an atom compared with ``<`` is ``arithmetic_error`` at the rule, as in the
engine. Rules (and the facts of their predicates) are those ``goals``
depend on; only the relations of ``goals`` (of every predicate, without
goals) are read back into Python, each counted first: a relation of more
rows than ``max_ground`` is ``grounding_too_large`` before a row is pulled.

The static meaning is checked by the engine's own passes (strata, safety),
so every engine rejects the same programs with the same codes; what SQL does
not express is refused with ``sql_unsupported`` before anything runs.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse("e(a,b). e(b,c). p(X,Y) :- e(X,Y). p(X,Z) :- p(X,Y), e(Y,Z).")])
    >>> sorted(sql_model(ir, engine="duckdb").relations[Pred("p", 2)])
    [('a', 'b'), ('a', 'c'), ('b', 'c')]
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from typing import cast

from assess.diagnostics import AssessError, error
from assess.engine.evaluate import Model, select_rules
from assess.engine.ir import IRLiteral, IRProgram, IRRule, Pred, Value
from assess.engine.plans import plan_rule
from assess.engine.sqldb import DATABASES, Database
from assess.engine.sqlgen import Generator, ident
from assess.engine.sqlterms import (
    Fragment,
    columns,
    declaration,
    decoder,
    fits,
    fmt,
    join,
    rows,
)
from assess.engine.strata import PredicateGraph, strata

RECURSIVE_CTE = "assess_rec"
"""The name of the recursive CTE of a linear stratum."""


class _Evaluation:
    def __init__(self, db: Database, rules: list[IRRule],
                 facts: dict[Pred, set[tuple[Value, ...]]], recursive: bool = True) -> None:
        self.db = db
        self.recursive = recursive
        self.graph = PredicateGraph(rules, facts)
        self.number = {p: n for n, p in enumerate(sorted(self.graph.nodes))}
        self.generator = Generator(lambda pred, recent: self.name(pred, "d" if recent else "r"),
                                   db.integer_division)
        self.by_head: dict[Pred, list[IRRule]] = {}
        for rule in rules:
            self.by_head.setdefault(rule.head.pred, []).append(rule)
        self.components = strata(self.graph)
        for pred in sorted(self.graph.nodes):
            for kind in "rdn":
                self.db.guarded((f"CREATE TEMP TABLE {self.table(pred, kind)} "
                                 f"({declaration(pred.arity)})", ()), None)
            self._load(pred, facts.get(pred, set()))

    def _load(self, pred: Pred, values: set[tuple[Value, ...]]) -> None:
        """The facts of ``pred`` into its ``n`` table. Facts of 64-bit
        integers only (the bulk of large relations) go in as plain integers
        and are laid out by the database (``'i:' || CAST(c AS TEXT)``, the
        text Python writes), not one constant at a time in Python."""
        flat = itertools.chain.from_iterable
        if pred.arity and values and set(map(type, flat(values))) == {int}:
            ints = cast("set[tuple[int, ...]]", values)
            if fits(min(flat(ints))) and fits(max(flat(ints))):
                self._load_integers(pred, ints)
                return
        self.db.load(self.table(pred, "n"), pred.arity, rows(values))

    def _load_integers(self, pred: Pred, values: set[tuple[int, ...]]) -> None:
        stage = ident(f"assess_s{self.number[pred]}")
        names = [f"c{i}" for i in range(pred.arity)]
        self.db.guarded((f"CREATE TEMP TABLE {stage} ("
                         + ", ".join(f"{c} BIGINT" for c in names) + ")", ()), None)
        self.db.load(stage, pred.arity, values, integers=True)
        laid = ", ".join(f"'i:' || CAST({c} AS TEXT), {c}, CAST({c} AS DOUBLE PRECISION)"
                         for c in names)
        self.db.guarded((f"INSERT INTO {self.table(pred, 'n')} SELECT {laid} FROM {stage}",
                         ()), None)
        self.db.guarded((f"DROP TABLE {stage}", ()), None)

    def name(self, pred: Pred, kind: str) -> str:
        return f"assess_{kind}{self.number[pred]}"

    def table(self, pred: Pred, kind: str) -> str:
        return ident(self.name(pred, kind))

    def run(self) -> None:
        for component in self.components:
            self._stratum(component)

    def _stratum(self, component: frozenset[Pred]) -> None:
        once: list[tuple[IRRule, Fragment]] = []
        deltas: list[tuple[IRRule, Pred, Fragment]] = []
        rules = [r for p in sorted(component) for r in self.by_head.get(p, ())]
        for rule in rules:
            recursive = [n for n, i in enumerate(rule.body)
                         if isinstance(i, IRLiteral) and not i.negated
                         and i.atom.pred in component]
            if not recursive:
                once.append((rule, self._insert(rule, None)))
            for n in recursive:
                literal = rule.body[n]
                assert isinstance(literal, IRLiteral)
                deltas.append((rule, literal.atom.pred, self._insert(rule, n)))
        if self.recursive and self._linear(component, once, deltas):
            for rule in rules:
                self._probe(rule)
            return
        for rule, statement in once:
            self.db.guarded(statement, rule.span)
        while True:
            changed = {p for p in sorted(component) if self._round(p)}
            if not changed or not deltas:
                break
            for rule, pred, statement in deltas:
                if pred in changed:
                    self.db.guarded(statement, rule.span)
        for rule in rules:
            self._probe(rule)

    def _linear(self, component: frozenset[Pred], once: list[tuple[IRRule, Fragment]],
                deltas: list[tuple[IRRule, Pred, Fragment]]) -> bool:
        """Run a linear stratum as one ``WITH RECURSIVE`` (module docstring);
        False, running nothing, when the stratum is not linear."""
        if len(component) != 1 or len(deltas) != 1:
            return False
        (pred,) = component
        rule = deltas[0][0]
        if not pred.arity:
            return False
        recursive = next(n for n, i in enumerate(rule.body)
                         if isinstance(i, IRLiteral) and i.atom.pred == pred)
        step = Generator(lambda p, recent: RECURSIVE_CTE if recent else self.name(p, "r"),
                         self.db.integer_division).select(plan_rule(rule, recursive))
        base = [(f"SELECT * FROM {self.table(pred, 'n')}", ()),
                *(self.generator.select(plan_rule(r, None)) for r, _ in once)]
        names = ", ".join(columns(pred.arity))
        statement = fmt(f"INSERT INTO {self.table(pred, 'r')} WITH RECURSIVE "
                        f"{ident(RECURSIVE_CTE)}({names}) AS ({{}} UNION {{}}) "
                        f"SELECT * FROM {ident(RECURSIVE_CTE)}", join(base, " UNION "), step)
        self.db.guarded(statement, rule.span)
        self.db.guarded((f"DELETE FROM {self.table(pred, 'n')}", ()), None)
        return True

    def _insert(self, rule: IRRule, delta: int | None) -> Fragment:
        select = self.generator.select(plan_rule(rule, delta))
        return fmt(f"INSERT INTO {self.table(rule.head.pred, 'n')} {{}}", select)

    def _round(self, pred: Pred) -> bool:
        """``d := n EXCEPT r``, ``r := r ∪ d``, ``n := ∅``; whether ``d`` has a row."""
        r, d, n = (self.table(pred, k) for k in "rdn")
        for text in (f"DELETE FROM {d}",
                     f"INSERT INTO {d} SELECT * FROM {n} EXCEPT SELECT * FROM {r}",
                     f"INSERT INTO {r} SELECT * FROM {d}", f"DELETE FROM {n}"):
            self.db.guarded((text, ()), None)
        return bool(self.db.guarded((f"SELECT 1 FROM {d} LIMIT 1", ()), None, fetch=True))

    def _probe(self, rule: IRRule) -> None:
        for probe in self.generator.probes(plan_rule(rule, None)):
            query = fmt("{} LIMIT 1", probe.query)
            if self.db.guarded(query, rule.span, fetch=True):
                if probe.refusal:
                    raise AssessError([error("sql_unsupported", rule.span, probe.message)])
                raise AssessError([error("arithmetic_error", rule.span, probe.message)])

    def relation(self, pred: Pred, max_ground: int | None = None) -> set[tuple[Value, ...]]:
        """The rows of ``pred``, after counting them against ``max_ground``."""
        table = self.table(pred, "r")
        if max_ground is not None:
            count = self.db.guarded((f"SELECT COUNT(*) FROM {table}", ()), None, fetch=True)
            if count[0][0] > max_ground:
                raise AssessError([error(
                    "grounding_too_large", None,
                    f"{pred} has {count[0][0]} rows in {self.db.name}, more than --max-ground "
                    f"allows to bring back (limit {max_ground}; raise it with --max-ground)",
                )])
        if pred.arity == 0:
            found = self.db.guarded((f"SELECT u FROM {table} LIMIT 1", ()), None, fetch=True)
            return {()} if found else set()
        names = ", ".join(f"v{i}" for i in range(pred.arity))
        found = self.db.guarded((f"SELECT {names} FROM {table}", ()), None, fetch=True)
        read = decoder()
        return {tuple(map(read, r)) for r in found}


def sql_model(program: IRProgram, goals: Collection[Pred] | None = None,
              engine: str = "duckdb", max_ground: int | None = None,
              recursive: bool = True) -> Model:
    """The crisp model of ``program`` computed in ``engine`` (module docstring);
    no relation of more than ``max_ground`` rows is read back; ``recursive``:
    a linear stratum as one ``WITH RECURSIVE`` rather than rounds."""
    rules, facts = select_rules(program, goals, include_defeaters=False)
    db = DATABASES[engine]()
    try:
        evaluation = _Evaluation(db, rules, facts, recursive)
        evaluation.run()
        nodes = set(evaluation.graph.nodes)
        wanted = nodes if goals is None else set(goals) & nodes
        return Model({p: evaluation.relation(p, max_ground) for p in wanted})
    finally:
        db.close()
