"""Plans to Python: one generated function per rule variant.

Each plan becomes the source of a function ``run(I, out, rec)`` whose
docstring is the Datalog rule it implements. ``I`` holds the plan's inputs in
``Compiled.inputs`` order: the ``recent`` list of the delta literal, the set of
a relation (scans with nothing bound, membership tests) or an index dict
(bound positions -> list of tuples). Variables are locals ``v0, v1, …``,
constants ``k0, k1, …``; a scan unpacks tuples straight into locals, so the
hot loop allocates nothing but the head tuples it derives. A join of more
than ``writer.MAX_NESTING`` loops goes on in helper functions ``s1, s2, …``
(Python refuses deeper nesting), each called with the names bound so far.

With ``record`` the function also calls ``rec((head, pos, neg))`` (a list's
``append``; ``record.Recorder`` turns the list into graph nodes in bulk) for
every ground instance: ``pos`` the positive body tuples in body order, ``neg``
one tuple of rows per negated literal: the atoms it needs to fail that hold
in some world (are in the model). An atom outside the model fails in every
world, so it is left out; without ``possible`` that is every negated atom.
With ``possible`` a negated literal does not prune (the possible-worlds
grounding); otherwise it is an anti-join.

Example (delta variant of ``path(X, Y) :- edge(X, Z), path(Z, Y).``)::

    def run(I, out, rec):
        '''path(X, Y) :- edge(X, Z), path(Z, Y).  [delta: literal 2]'''
        i0, i1 = I
        for v2, v1 in i0:
            for v0, _ in i1.get(v2, ()):
                add((v0, v1))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from types import CodeType
from typing import Any

from assess.engine.arith import BINARY, call
from assess.engine.builtins import solve
from assess.engine.ir import (
    IConst,
    IRAssign,
    IRAtom,
    IRFindall,
    IRLiteral,
    IStruct,
    ITerm,
    IVar,
    Value,
    bind,
    term_vars,
)
from assess.engine.library import appended, collect, length_of, members, splits, worlds
from assess.engine.plans import (
    Anti,
    Bind,
    Call,
    Collect,
    Match,
    Plan,
    Scan,
    Solve,
    Test,
    atom_vars,
)
from assess.engine.show import rule_text
from assess.engine.terms import NUMERIC_COMPARE, Compound, number, numeric, order_key
from assess.engine.writer import Check, Input, Writer
from assess.syntax.ast import CompareOp

RunFn = Callable[[tuple[Any, ...], set[tuple[Value, ...]], Any], None]

_COMPARE = {
    CompareOp.LT: "<", CompareOp.LE: "<=", CompareOp.GT: ">", CompareOp.GE: ">=",
    CompareOp.ARITH_EQ: "==", CompareOp.ARITH_NE: "!=", CompareOp.UNIFY: "==",
    CompareOp.NOT_UNIFY: "!=", CompareOp.IDENTICAL: "==", CompareOp.NOT_IDENTICAL: "!=",
    CompareOp.BEFORE: "<", CompareOp.BEFORE_EQ: "<=", CompareOp.AFTER: ">",
    CompareOp.AFTER_EQ: ">=",
}
_ORDERED = frozenset({CompareOp.BEFORE, CompareOp.BEFORE_EQ, CompareOp.AFTER, CompareOp.AFTER_EQ})


@dataclass(frozen=True, slots=True)
class Compiled:
    """A generated plan: its function, inputs and source (for reading)."""

    plan: Plan
    inputs: tuple[Input, ...]
    run: RunFn
    source: str


def _scan(w: Writer, step: Scan, bound: set[int]) -> None:
    """Match a positive literal; when recording, also look up its atom's id."""
    atom = step.atom
    w.make_room(bound)
    row = f"r{w.ordinal(step.literal)}" if w.record else None
    if row:
        w.names.append(row)
    if not atom.args:
        w.guard(f"len({w.input('recent' if step.recent else 'set', atom)}) > 0")
        if row:
            w.emit(f"{row} = ()")
    elif step.demand:
        name = row or f"d{step.literal}"
        w.emit(f"{name} = {w.tuple_of(atom.args)}")
        w.guard(f"{w.input('demand', atom)}({name}) or {name} in {w.input('set', atom)}")
    elif not step.recent and len(step.bound) == len(atom.args):
        if row:
            w.emit(f"{row} = {w.tuple_of(atom.args)}")
        w.guard(f"{row or w.tuple_of(atom.args)} in {w.input('set', atom)}")
    else:
        fixed = () if step.recent else step.bound
        if step.recent:
            source = w.input("recent", atom)
        elif step.bound:
            source = f"{w.input('index', atom, step.bound)}.get({w.key(atom, step.bound)}, ())"
        else:
            source = w.input("set", atom)
        target, checks = w.pattern(atom, fixed, bound)
        if row:
            w.loop(f"for {row} in {source}:")
            w.emit(f"{target} = {row}")
        else:
            w.loop(f"for {target} in {source}:")
        for check in checks:
            w.check(check)


def _repeats(atom: IRAtom, bound: tuple[int, ...]) -> str:
    """``r[i] == r[j]`` for projected positions that hold the same variable."""
    first: dict[int, int] = {}
    same: list[str] = []
    for position, term in enumerate(atom.args):
        if position in bound or not isinstance(term, IVar):
            continue
        if term.index in first:
            same.append(f"r[{first[term.index]}] == r[{position}]")
        else:
            first[term.index] = position
    return " and ".join(same)


def _anti(w: Writer, step: Anti) -> None:
    """Anti-join; projected positions that repeat a variable must agree, and
    a compound term there must match (``ir.bind``, given the bound variables)."""
    atom = step.atom
    full = len(step.bound) == len(atom.args)
    name = f"n{step.literal}"
    w.names.append(name)
    same = _repeats(atom, step.bound)
    if any(isinstance(atom.args[p], IStruct) for p in range(len(atom.args))
           if p not in step.bound):
        known = sorted(atom_vars(atom) & w.bound)
        binding = "{" + ", ".join(f"{v}: v{v}" for v in known) + "}"
        same = f"bind({w.const(atom)}, r, {binding}) is not None"
    if full:
        w.emit(f"{name} = {w.tuple_of(atom.args)}")
        table = w.input("set", atom)
        test = f"{name} in {table}"
        if step.demand:
            test = f"({w.input('demand', atom)}({name}) or {test})"
    else:
        if step.bound:
            table = w.input("index", atom, step.bound)
            rows = f"{table}.get({w.key(atom, step.bound)}, ())"
        else:
            rows = w.input("set", atom)
        w.emit(f"{name} = {f'[r for r in {rows} if {same}]' if same else rows}")
        test = f"len({name}) > 0"
    if not w.possible:
        w.guard(f"not ({test})")
        failing = "()"
    elif full:
        failing = f"(({name},) if {test} else ())"
    else:
        failing = f"tuple({name})"
    w.neg_names[step.literal] = failing


def _matched(w: Writer, pairs: list[tuple[ITerm, str]], bound: set[int]) -> None:
    """Match each term against the value named beside it."""
    checks: list[Check] = []
    for term, source in pairs:
        w.match(term, source, bound, checks)
    for check in checks:
        w.check(check)


def _call(w: Writer, step: Call, bound: set[int]) -> None:
    """A library predicate on lists (``engine.library``)."""
    args, n = step.item.args, step.literal
    if step.mode == "member":
        w.make_room(bound)
        w.loop(f"for e{n} in members({w.term(args[1])}):")
        _matched(w, [(args[0], f"e{n}")], bound)
    elif step.mode == "split":
        w.make_room(bound)
        w.loop(f"for a{n}, b{n} in splits({w.term(args[2])}):")
        _matched(w, [(args[0], f"a{n}"), (args[1], f"b{n}")], bound)
    else:
        if step.mode == "join":
            w.emit(f"e{n} = appended({w.term(args[0])}, {w.term(args[1])})")
            w.guard(f"e{n} is not None")
        else:
            w.emit(f"e{n} = length_of({w.term(args[0])})")
        _matched(w, [(args[-1], f"e{n}")], bound)


def _collect(w: Writer, step: Collect, bound: set[int]) -> None:
    """``findall``: the sorted list of the template over the goal's answers."""
    item, n = step.item, step.literal
    goal = item.goal
    if step.bound:
        rows = f"{w.input('index', goal, step.bound)}.get({w.key(goal, step.bound)}, ())"
    else:
        rows = w.input("set", goal)
    known = sorted((atom_vars(goal) | term_vars(item.template)) & bound)
    binding = "{" + ", ".join(f"{v}: v{v}" for v in known) + "}"
    args = f"{rows}, {w.const(goal)}, {w.const(item.template)}, {binding}, {w.input('order', goal)}"
    if w.record:
        w.make_room(bound)
        certain, group = w.input("certain", goal), w.input("group", goal)
        w.loop(f"for e{n}, h{n}, f{n} in worlds({args}, {certain}, {w.possible}, {group}):")
        w.names.extend([f"h{n}", f"f{n}"])
    else:
        w.emit(f"e{n} = collect({args})")
    _matched(w, [(item.result, f"e{n}")], bound)


def _docstring(plan: Plan) -> str:
    origin = plan.rule.origin
    where = f" at {origin.span}" if origin is not None else ""
    variant = "full" if plan.delta is None else f"delta: literal {plan.delta}"
    return f"{rule_text(plan.rule)}  [{variant}; rule {plan.rule.id}{where}]"


def generate(plan: Plan, record: bool = False, possible: bool = False) -> Compiled:
    """Generate and compile the function of ``plan``."""
    w = Writer(plan, record, possible)
    bound: set[int] = set()
    last = plan.steps[-1] if plan.steps and not record else None
    if not isinstance(last, Scan) or not _vectorizable(last, bound, plan):
        last = None
    w.bound = bound
    for step in plan.steps:
        if step is last:
            break
        if isinstance(step, Scan):
            _scan(w, step, bound)
        elif isinstance(step, Anti):
            _anti(w, step)
        elif isinstance(step, Call):
            _call(w, step, bound)
        elif isinstance(step, Collect):
            _collect(w, step, bound)
        elif isinstance(step, Match):
            source = "m"
            w.emit(f"{source} = {w.value(step.source)}")
            checks: list[Check] = []
            w.match(step.pattern, source, bound, checks)
            for check in checks:
                w.check(check)
        elif isinstance(step, Bind):
            w.emit(f"v{step.var.index} = {w.value(step.expr, step.evaluate)}")
            bound.add(step.var.index)
        elif isinstance(step, Test):
            w.guard(_test(w, step))
        elif isinstance(step, Solve):
            _solve(w, step, bound)
    head = w.tuple_of(plan.rule.head.args)
    if last is not None and _vector_scan(w, last, bound):
        return _compile(w)
    if record:
        _record(w, head)
    else:
        w.emit(f"add({head})")
    return _compile(w)


def _record(w: Writer, head: str) -> None:
    """Add the head and append the instance's rows for ``record.Recorder``:
    a ``findall`` adds the rows that must fail after the negated literals',
    and (a fourth part) those that must hold (``record.findall_items``)."""
    literals = [(n, i) for n, i in enumerate(w.plan.rule.body) if isinstance(i, IRLiteral)]
    pos = "".join(f"r{n}, " for n in range(sum(not i.negated for _, i in literals)))
    neg = "".join(f"{w.neg_names[n]}, " for n, i in literals if i.negated)
    collected = [n for n, i in enumerate(w.plan.rule.body) if isinstance(i, IRFindall)]
    neg += "".join(f"f{n}, " for n in collected)
    held = "".join(f"h{n}, " for n in collected)
    w.emit(f"h = {head}")
    w.emit("add(h)")
    w.emit(f"rec((h, ({pos}), ({neg}){f', ({held})' if collected else ''}))")


def _vectorizable(step: Scan, bound: set[int], plan: Plan) -> bool:
    """A last scan with no checks (constants, repeats) becomes one C-level update."""
    atom = step.atom
    if not atom.args or len(step.bound) == len(atom.args):
        return False
    if any(isinstance(t, IStruct) for t in plan.rule.head.args):
        return False
    free = [t for n, t in enumerate(atom.args) if step.recent or n not in step.bound]
    if any(isinstance(t, IConst | IStruct) for t in free):
        return False
    indexes = [t.index for t in free if isinstance(t, IVar)]
    return len(set(indexes)) == len(indexes)


def _vector_scan(w: Writer, step: Scan, bound: set[int]) -> bool:
    """``update(zip(map(g1, rows), repeat(v0)))`` instead of a loop of ``add``."""
    atom = step.atom
    if step.recent:
        rows = w.input("recent", atom)
    elif step.bound:
        rows = f"{w.input('index', atom, step.bound)}.get({w.key(atom, step.bound)}, ())"
    else:
        rows = w.input("set", atom)
    column = {
        t.index: n for n, t in enumerate(atom.args)
        if isinstance(t, IVar) and t.index not in bound and (step.recent or n not in step.bound)
    }
    head = w.plan.rule.head.args
    if [column.get(t.index) if isinstance(t, IVar) else None for t in head] == list(
        range(len(atom.args))
    ):
        w.emit(f"update({rows})")
        return True
    w.emit(f"rows = {rows}")
    parts = []
    for term in head:
        if isinstance(term, IVar) and term.index in column:
            parts.append(f"map(g{column[term.index]}, rows)")
        else:
            parts.append(f"repeat({w.term(term)})")
    if not any(p.startswith("map") for p in parts):
        w.guard("rows")
        w.emit(f"add({w.tuple_of(head)})")
    else:
        w.emit(f"update(zip({', '.join(parts)}))")
    return True


def _solve(w: Writer, step: Solve, bound: set[int]) -> None:
    """``for _, _, v2 in solve("between", (v0, k0, None)):``: a built-in
    binds the positions not given."""
    w.make_room(bound)
    given, targets = [], []
    for position, term in enumerate(step.item.args):
        if position in step.bound:
            given.append(w.term(term))
            targets.append("_")
        else:
            assert isinstance(term, IVar)
            given.append("None")
            targets.append(f"v{term.index}")
            bound.add(term.index)
    w.loop(f"for {', '.join(targets)}, in solve({step.item.name!r}, ({', '.join(given)},)):")


def _test(w: Writer, step: Test) -> str:
    """A comparison of numbers (``<``, ``=:=``, …), of terms (``=``, ``==``, …),
    or ``X is E`` with ``X`` bound: ``X`` is the term of E's value."""
    item = step.item
    if isinstance(item, IRAssign):
        return f"v{item.var.index} == {w.value(item.expr, evaluate=True)}"
    if item.op in NUMERIC_COMPARE:
        return f"{w.arith(item.left)} {_COMPARE[item.op]} {w.arith(item.right)}"
    if item.op in _ORDERED:
        left, right = w.value(item.left), w.value(item.right)
        return f"order({left}) {_COMPARE[item.op]} order({right})"
    return f"{w.value(item.left)} {_COMPARE[item.op]} {w.value(item.right)}"


def _compile(w: Writer) -> Compiled:
    inputs = ", ".join(f"i{n}" for n in range(len(w.inputs)))
    consts = ", ".join(f"k{n}" for n in range(len(w.constants)))
    unpack = ["    add, update = out.add, out.update"]
    if w.inputs:
        unpack.append(f"    {inputs}{',' if len(w.inputs) == 1 else ''} = I")
    if w.constants:
        unpack.append(f"    {consts}{',' if len(w.constants) == 1 else ''} = K")
    functions = []
    for function in w.functions:
        params = "".join(f", {name}" for name in function.params)
        header = f"def {function.name}(I, out, rec{params}):"
        functions.append("\n".join([header, *unpack, *function.lines]) + "\n")
    namespace: dict[str, Any] = {
        "K": tuple(w.constants), "repeat": repeat, "op": BINARY, "call": call,
        "order": order_key, "solve": solve,
        "num": numeric, "as_term": number, "C": Compound, "bind": bind,
        "members": members, "splits": splits, "appended": appended, "length_of": length_of,
        "collect": collect, "worlds": worlds,
    }
    widest = max((len(i.atom.args) for i in w.plan.rule.body if isinstance(i, IRLiteral)),
                 default=0)
    namespace.update({f"g{n}": itemgetter(n) for n in range(widest)})
    exec(_code("\n".join(functions)), namespace)
    run = namespace["run"]
    run.__doc__ = docstring = _docstring(w.plan)
    header, _, rest = functions[0].partition("\n")
    shown = docstring.replace("\\", "\\\\").replace('"""', "'''")
    functions[0] = f'{header}\n    """{shown}"""\n{rest}'
    return Compiled(w.plan, tuple(w.inputs), run, "\n".join(functions))


@lru_cache(maxsize=4096)
def _code(source: str) -> CodeType:
    """The compiled ``source``. Rules of one shape (the same plan over other
    constants, which the function reads from ``K``) share their source, so
    a program of many such rules compiles each shape once."""
    return compile(source, "<plan>", "exec")
