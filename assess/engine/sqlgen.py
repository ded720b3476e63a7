"""Join plans to SQL: one ``SELECT`` per rule variant, in a portable core.

``Generator.select(plan)`` turns a plan (``assess.engine.plans``) into one
``SELECT DISTINCT`` over the predicates' tables (``assess.engine.sqlterms``
lays a term out as columns ``v``, ``z``, ``n``), following the plan's steps:

* ``Scan``: the table joins the ``FROM`` list (the delta table for the delta
  literal); a constant or an already bound variable becomes ``a.vI = …``;
* ``Anti``: ``NOT EXISTS (SELECT 1 FROM t WHERE …)`` over the bound
  positions; a variable that occurs only there is projected away, as the
  engine reads it (a repeated one still constrains: ``b.v0 = b.v1``);
* ``Test``: ``= \\= == \\==`` compare ``v`` (the terms); ``< =< > >= =:= =\\=``
  compare the exact integers when both sides are integers, else the floats;
* ``Bind``: ``X = t`` names ``t``'s columns; ``X is E`` binds the integer
  ``E`` computes (its ``v`` is ``'i:' || CAST(z AS TEXT)``).

Arithmetic is ``assess.engine.sqlarith``'s (Python's numbers on the
integer and float columns). ``**``, arithmetic under ``=``/``==`` and an
integer constant past 64 bits are refused before any SQL runs, at the rule
(``sql_unsupported``). ``probes(plan)`` gives, for each test and ``is`` in
plan order, queries for the bindings that reach it with a value it cannot
take: a non-number or a zero divisor (``arithmetic_error``, as the engine
reports), a float under ``//`` or ``mod``, or for ``is`` a float result
(``sql_unsupported``: the engine rounds a float to 15 places, which SQL does
not do the same way).

Constants reach SQL only as bound parameters (``?``; the PostgreSQL dialect
writes ``%s``) and tables only as quoted identifiers the caller names: no
text of the program is ever pasted into a statement.

Example: the delta variant of ``path(X, Y) :- edge(X, Z), path(Z, Y).`` is
``SELECT DISTINCT a0.v0, a0.z0, a0.n0, a1.v1, a1.z1, a1.n1 FROM "d_path"
AS a1, "r_edge" AS a0 WHERE a0.v1 = a1.v0``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assess.engine.ir import IConst, IExpr, IRAssign, IRCompare, IVar, Pred
from assess.engine.plans import Anti, Bind, Plan, Scan, Test
from assess.engine.sqlarith import Arithmetic, leaves, refuse
from assess.engine.sqlterms import NULL_N, NULL_Z, Fragment, Term, encode, fits, fmt, join
from assess.syntax.ast import CompareOp, Span

_NUMERIC = {
    CompareOp.LT: "<", CompareOp.LE: "<=", CompareOp.GT: ">", CompareOp.GE: ">=",
    CompareOp.ARITH_EQ: "=", CompareOp.ARITH_NE: "<>",
}
_TERMS = {CompareOp.UNIFY: "=", CompareOp.IDENTICAL: "=",
          CompareOp.NOT_UNIFY: "<>", CompareOp.NOT_IDENTICAL: "<>"}


def ident(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Probe:
    """A query whose first row is an error at the rule: ``arithmetic_error``,
    or ``sql_unsupported`` for a ``refusal``."""

    query: Fragment
    refusal: bool
    message: str


@dataclass(slots=True)
class _State:
    froms: list[Fragment] = field(default_factory=list)
    where: list[Fragment] = field(default_factory=list)
    env: dict[int, Term] = field(default_factory=dict)

    def query(self, select: Fragment, extra: Fragment | None = None) -> Fragment:
        where = [*self.where, *([extra] if extra else [])]
        text = fmt("SELECT DISTINCT {}", select)
        if self.froms:
            text = fmt("{} FROM {}", text, join(self.froms, ", "))
        if where:
            text = fmt("{} WHERE {}", text, join(where, " AND "))
        return text


class Generator:
    """SQL of rule variants over tables named by ``table(pred, recent)``."""

    def __init__(self, table: Callable[[Pred, bool], str],
                 integer_division: str = "({} / {})") -> None:
        self.table = table
        self.integer_division = integer_division
        """How the dialect divides integers exactly (``/`` truncates in
        PostgreSQL, DuckDB's ``/`` gives a float and ``//`` truncates)."""

    def select(self, plan: Plan) -> Fragment:
        """The head rows the variant derives."""
        state = self._walk(plan, None)
        return state.query(self._head(plan, state))

    def probes(self, plan: Plan) -> list[Probe]:
        """The checks of the plan's tests and ``is``, in plan order."""
        found: list[Probe] = []
        self._walk(plan, found)
        return found

    def _head(self, plan: Plan, state: _State) -> Fragment:
        head = plan.rule.head
        if not head.args:
            return "0", ()
        return join([c for t in head.args for c in self._term(t, state, plan)], ", ")

    def _walk(self, plan: Plan, probes: list[Probe] | None) -> _State:
        state = _State()
        for step in plan.steps:
            if isinstance(step, Scan):
                self._scan(step, state, plan)
            elif isinstance(step, Anti):
                state.where.append(self._anti(step, state, plan))
            elif isinstance(step, Bind):
                if probes is not None and step.evaluate:
                    probes.extend(self._is_probes(step.expr, state, plan))
                state.env[step.var.index] = self._bind(step, state, plan)
            elif isinstance(step, Test):
                if probes is not None:
                    probes.extend(self._test_probes(step, state, plan))
                state.where.append(self._test(step.item, state, plan))
            else:  # Match, Call, Collect: compound terms and the list library
                raise refuse(plan.rule.span, "compound terms and the list library")
        return state

    def _scan(self, step: Scan, state: _State, plan: Plan) -> None:
        alias = f"a{step.literal}"
        table = ident(self.table(step.atom.pred, step.recent))
        state.froms.append((f"{table} AS {alias}", ()))
        for position, term in enumerate(step.atom.args):
            mine = _columns(alias, position)
            if isinstance(term, IVar) and term.index not in state.env:
                state.env[term.index] = mine
            else:
                state.where.append(fmt("{} = {}", mine[0], self._term(term, state, plan)[0]))

    def _anti(self, step: Anti, state: _State, plan: Plan) -> Fragment:
        alias = f"b{step.literal}"
        table = ident(self.table(step.atom.pred, False))
        own: dict[int, Term] = {}
        conditions: list[Fragment] = []
        for position, term in enumerate(step.atom.args):
            mine = _columns(alias, position)
            if isinstance(term, IVar) and term.index not in state.env:
                if term.index in own:
                    conditions.append(fmt("{} = {}", mine[0], own[term.index][0]))
                own.setdefault(term.index, mine)
            else:
                conditions.append(fmt("{} = {}", mine[0], self._term(term, state, plan)[0]))
        inner: Fragment = (f"SELECT 1 FROM {table} AS {alias}", ())
        if conditions:
            inner = fmt("{} WHERE {}", inner, join(conditions, " AND "))
        return fmt("NOT EXISTS ({})", inner)

    def _term(self, term: IExpr, state: _State, plan: Plan | None) -> Term:
        if isinstance(term, IVar):
            return state.env[term.index]
        if isinstance(term, IConst):
            return constant(term, plan.rule.span if plan else None)
        raise refuse(plan.rule.span if plan else None, "arithmetic under `=` or `==`")

    def _bind(self, step: Bind, state: _State, plan: Plan) -> Term:
        if not step.evaluate:
            return self._term(step.expr, state, plan)
        z, _ = self._math(state, plan).value(step.expr)
        return fmt("'i:' || CAST({} AS TEXT)", z), z, fmt("CAST({} AS DOUBLE PRECISION)", z)

    def _test(self, item: IRCompare | IRAssign, state: _State, plan: Plan) -> Fragment:
        if isinstance(item, IRAssign):
            z, _ = self._math(state, plan).value(item.expr)
            return fmt("{} = {}", state.env[item.var.index][1], z)
        if item.op in _TERMS:
            left = self._term(item.left, state, plan)[0]
            right = self._term(item.right, state, plan)[0]
            return fmt(f"{{}} {_TERMS[item.op]} {{}}", left, right)
        lz, ln = self._math(state, plan).value(item.left)
        rz, rn = self._math(state, plan).value(item.right)
        op = _NUMERIC[item.op]
        return fmt(f"(CASE WHEN {{}} IS NOT NULL AND {{}} IS NOT NULL THEN {{}} {op} {{}} "
                   f"ELSE {{}} {op} {{}} END)", lz, rz, lz, rz, ln, rn)

    def _math(self, state: _State, plan: Plan) -> Arithmetic:
        """The arithmetic of ``plan``'s expressions over the variables bound so far."""
        return Arithmetic(lambda leaf: self._term(leaf, state, plan), self.integer_division,
                          plan.rule.span)

    def _leaves_bad(self, exprs: list[IExpr], state: _State, plan: Plan) -> Fragment | None:
        """True for a binding where some leaf of ``exprs`` is not a number."""
        bad: list[Fragment] = []
        for leaf in (x for e in exprs for x in leaves(e)):
            bad.append(fmt("{} IS NULL", self._term(leaf, state, plan)[2]))
        return fmt("({})", join(bad, " OR ")) if bad else None

    def _test_probes(self, step: Test, state: _State, plan: Plan) -> list[Probe]:
        item = step.item
        if isinstance(item, IRAssign):
            return self._is_probes(item.expr, state, plan)
        if item.op in _TERMS:
            return []
        return self._number_probe([item.left, item.right], state, plan)

    def _number_probe(self, exprs: list[IExpr], state: _State, plan: Plan) -> list[Probe]:
        """Non-numbers, then zero divisors (the engine's errors), then floats
        under ``//`` or ``mod`` (refused), each a probe."""
        found: list[Probe] = []
        bad = self._leaves_bad(exprs, state, plan)
        if bad is not None:
            found.append(Probe(state.query(("1", ()), bad), False,
                               "arithmetic or comparison failed: an atom or a string is not a "
                               "number"))
        zero: list[Fragment] = []
        floats: list[Fragment] = []
        for expr in exprs:
            more = self._math(state, plan).divisions(expr)
            zero, floats = zero + more[0], floats + more[1]
        if zero:
            found.append(Probe(state.query(("1", ()), fmt("({})", join(zero, " OR "))), False,
                               "arithmetic or comparison failed: division by zero"))
        if floats:
            found.append(Probe(state.query(("1", ()), fmt("({})", join(floats, " OR "))), True,
                               "`//` or `mod` of a float: the SQL engines compute them on "
                               "integers only (use --engine native)"))
        return found

    def _is_probes(self, expr: IExpr, state: _State, plan: Plan) -> list[Probe]:
        z, _ = self._math(state, plan).value(expr)
        return [*self._number_probe([expr], state, plan), Probe(
            state.query(("1", ()), fmt("{} IS NULL", z)), True,
            "`is` with a float result: the SQL engines compute only integer `is` "
            "(use --engine native)",
        )]


def _columns(alias: str, position: int) -> Term:
    return ((f"{alias}.v{position}", ()), (f"{alias}.z{position}", ()),
            (f"{alias}.n{position}", ()))


def constant(term: IConst, span: Span | None) -> Term:
    """A constant's columns as bound parameters."""
    value = term.value
    if isinstance(value, int) and not isinstance(value, str) and not fits(value):
        raise refuse(span, "an integer constant of more than 64 bits")
    v, z, n = encode(value)
    return (("CAST(? AS TEXT)", (v,)),
            ("CAST(? AS BIGINT)", (z,)) if z is not None else NULL_Z,
            ("CAST(? AS DOUBLE PRECISION)", (n,)) if n is not None else NULL_N)


