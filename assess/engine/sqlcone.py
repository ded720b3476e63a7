"""The cone of the asked atoms, found in a database: what ``prob`` grounds.

``sql_cone(program, seeds, engine)`` returns ``program`` with only the
facts that can take part in a derivation of a seed atom: its certain facts
and its ground bodiless rules (weighted facts, report choices) whose atoms
are in the cone; every other rule, and the facts of predicates the seeds do
not depend on (which never reach the database), are kept. The native grounder then grounds
the smaller program, recording the same derivations of the asked atoms, so
every probability is the same; only the cone's facts come back to Python.

In the database (``sqleval``'s tables and SQL):

1. the *possible* model: every rule with its negated literals left out (a
   negation does not prune, as ``prob`` grounds: its atom may fail in some
   world), the facts and ground bodiless rules loaded as facts;
2. relevance, backwards from the seeds (a ground atom, or every possible
   atom of a predicate: ``None``), by semi-naive rounds over tables ``q``
   (relevant so far), ``qd`` (new last round), ``qn`` (found this round): for
   each rule and each literal of its body, the literal's instances in rule
   instances whose head is newly relevant (the possible model's rows for the
   other literals; a negated literal's atom only where it is possible);
3. each relevant predicate that has facts is counted against ``max_ground``
   and read back.

A non-ground bodiless rule (``0.5::f(X).``) has no rows to put in a table:
it is ``sql_unsupported``, as is what ``sqlgen`` refuses.

Example: with ``e(1, 2). e(2, 3). e(7, 8). p(X, Y) :- e(X, Y).
p(X, Z) :- p(X, Y), e(Y, Z).`` and the seed ``p(1, 3)``, the cone keeps
``e(1, 2)`` and ``e(2, 3)``, not ``e(7, 8)``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from assess.diagnostics import AssessError, error
from assess.engine.evaluate import select_rules
from assess.engine.ir import IConst, IRAtom, IRLiteral, IRProgram, IRRule, Pred, Value
from assess.engine.plans import is_open, plan_rule
from assess.engine.sqldb import DATABASES, Database
from assess.engine.sqleval import _Evaluation
from assess.engine.sqlgen import Generator, ident
from assess.engine.sqlterms import Fragment, declaration, decoder, fmt, row

Row = tuple[Value, ...]
Seeds = Mapping[Pred, Collection[Row] | None]
"""Per predicate, the ground atoms asked about, or None: every one."""


def _fact_rule(rule: IRRule) -> Row | None:
    """The row of a ground bodiless rule, else None."""
    if rule.body or not all(isinstance(t, IConst) for t in rule.head.args):
        return None
    return tuple(t.value for t in rule.head.args if isinstance(t, IConst))


class _Cone:
    def __init__(self, db: Database, rules: list[IRRule], facts: dict[Pred, set[Row]]) -> None:
        possible = [replace(r, body=tuple(i for i in r.body if not (
            isinstance(i, IRLiteral) and i.negated))) for r in rules]
        self.model = _Evaluation(db, possible, facts)
        self.db, self.rules = db, rules
        for pred in sorted(self.model.graph.nodes):
            for kind in ("q", "qd", "qn"):
                db.guarded((f"CREATE TEMP TABLE {self.table(pred, kind)} "
                            f"({declaration(pred.arity)})", ()), None)

    def name(self, pred: Pred, kind: str) -> str:
        return f"assess_{kind}{self.model.number[pred]}"

    def table(self, pred: Pred, kind: str) -> str:
        return ident(self.name(pred, kind))

    def run(self, seeds: Seeds) -> None:
        self.model.run()
        for pred, atoms in seeds.items():
            if pred not in self.model.graph.nodes:
                continue
            if atoms is None:
                self._guard(f"INSERT INTO {self.table(pred, 'qn')} SELECT * FROM "
                            f"{self.model.table(pred, 'r')}")
            else:
                self.db.load(self.table(pred, "qn"), pred.arity, [row(a) for a in atoms])
        steps = [(r, s) for r in self.rules for s in self._steps(r)]
        while True:
            changed = {p for p in sorted(self.model.graph.nodes) if self._round(p)}
            if not changed:
                return
            for rule, statement in steps:
                if rule.head.pred in changed:
                    self.db.guarded(statement, rule.span)

    def _guard(self, text: str) -> list[tuple[object, ...]]:
        return self.db.guarded((text, ()), None, fetch=text.startswith("SELECT"))

    def _steps(self, rule: IRRule) -> list[Fragment]:
        """For each body literal, the insert of its instances into ``qn``
        for the rule instances whose head is in ``qd``."""
        head = IRLiteral(IRAtom(Pred(f"\0head {rule.head.pred}", rule.head.pred.arity),
                                rule.head.args))
        positive = tuple(i for i in rule.body if not (isinstance(i, IRLiteral) and i.negated))
        generator = Generator(
            lambda p, recent: self.name(rule.head.pred, "qd") if recent
            else self.model.name(p, "r"), self.db.integer_division)
        found = []
        for literal in (i for i in rule.body if isinstance(i, IRLiteral)):
            body = (*positive, *([IRLiteral(literal.atom)] if literal.negated else []), head)
            instance = replace(rule, head=literal.atom, body=body)
            select = generator.select(plan_rule(instance, len(body) - 1))
            found.append(fmt(f"INSERT INTO {self.table(literal.atom.pred, 'qn')} {{}}", select))
        return found

    def _round(self, pred: Pred) -> bool:
        q, d, n = (self.table(pred, k) for k in ("q", "qd", "qn"))
        for text in (f"DELETE FROM {d}", f"INSERT INTO {d} SELECT * FROM {n} EXCEPT "
                     f"SELECT * FROM {q}", f"INSERT INTO {q} SELECT * FROM {d}",
                     f"DELETE FROM {n}"):
            self._guard(text)
        return bool(self._guard(f"SELECT 1 FROM {d} LIMIT 1"))

    def relevant(self, pred: Pred, max_ground: int | None) -> set[Row]:
        """The relevant atoms of ``pred``, counted first."""
        table = self.table(pred, "q")
        count = self._guard(f"SELECT COUNT(*) FROM {table}")[0][0]
        if max_ground is not None and isinstance(count, int) and count > max_ground:
            raise AssessError([error(
                "grounding_too_large", None,
                f"the cone of the asked atoms has {count} atoms of {pred} in {self.db.name}, "
                f"more than --max-ground allows to bring back (limit {max_ground}; raise it "
                "with --max-ground)",
            )])
        if pred.arity == 0:
            return {()} if count else set()
        names = ", ".join(f"v{i}" for i in range(pred.arity))
        read = decoder()
        return {tuple(read(str(v)) for v in r)
                for r in self._guard(f"SELECT {names} FROM {table}")}


def sql_cone(program: IRProgram, seeds: Seeds, engine: str = "duckdb",
             include_defeaters: bool = False, max_ground: int | None = None) -> IRProgram:
    """``program`` with only the facts in the cone of ``seeds`` (module docstring)."""
    rules, facts = select_rules(program, set(seeds), include_defeaters)
    kept: list[IRRule] = []
    loaded = {p: set(rows) for p, rows in facts.items()}
    for rule in rules:
        if is_open(rule):
            raise AssessError([error(
                "sql_unsupported", rule.span,
                "a fact with variables has no rows for a database (use --engine native)")])
        found = _fact_rule(rule)
        if found is None:
            kept.append(rule)
        else:
            loaded.setdefault(rule.head.pred, set()).add(found)
    with_rows = sorted(p for p, rows in loaded.items() if rows)
    for rule in kept:  # a predicate only negated is still a table (of no rows)
        for literal in (i for i in rule.body if isinstance(i, IRLiteral)):
            loaded.setdefault(literal.atom.pred, set())
    db = DATABASES[engine]()
    try:
        cone = _Cone(db, kept, loaded)
        cone.run(seeds)
        relevant = {p: cone.relevant(p, max_ground) for p in with_rows}
    finally:
        db.close()
    return replace(
        program,
        facts={p: rows & relevant[p] if p in relevant else rows
               for p, rows in program.facts.items()},
        rules=[r for r in program.rules if (row_ := _fact_rule(r)) is None
               or r.head.pred not in relevant or row_ in relevant[r.head.pred]],
    )
