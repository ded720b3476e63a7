"""The Python source writer behind ``codegen``: names, tuples, keys, blocks.

Variables are the locals ``v0, v1, …``, constants ``k0, k1, …`` (bound from a
tuple, so any value is safe), inputs ``i0, i1, …`` in ``inputs`` order.
Terms are matched, stored and compared as they are (``assess.engine.terms``
values, equal exactly when the terms are); in arithmetic (``arith``) each
variable is read through ``num`` (its number, or ``TypeError`` for an atom
or a string) and each numeric constant is its plain number, and a result
becomes a term again through ``as_term`` (``value``). A guard continues
the innermost loop when it fails (returns, outside any loop: nothing follows
the block it would open); only a loop opens a block. ``pattern`` gives the
unpacking targets of a scanned tuple and the checks for its constants and
repeated variables.

Python refuses more than 20 nested blocks in one function (and 100 levels of
indentation), so a join deeper than ``MAX_NESTING`` loops goes on in a helper
function: ``split`` ends the current function with a call ``s1(I, out, rec,
v0, …)`` passing every name bound so far, and the rest of the plan is the
helper's body, which may split again. A helper's ``return`` is the caller's
``continue``, the call being the last statement of its loop.

Example::

    >>> from assess.engine.ir import IRAtom, IRRule, IVar, IConst, Pred
    >>> atom = IRAtom(Pred("e", 2), (IVar(0), IConst("a")))
    >>> w = Writer(Plan(IRRule(0, atom, (), ("X",)), None, ()), False, False)
    >>> w.pattern(atom, (), set())
    ('v0, c1', [Check(text='c1 == k0', guard=True)])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assess.engine.ir import (
    IBinary,
    IConst,
    IExpr,
    INeg,
    IRAtom,
    IRLiteral,
    IStruct,
    ITerm,
    IVar,
    Value,
    term_vars,
)
from assess.engine.plans import Plan
from assess.engine.terms import numeric
from assess.syntax.ast import ArithOp

Input = tuple[str, Any, tuple[int, ...]]
"""``(kind, pred, positions)``: kind ``recent``, ``set``, ``index``,
``demand`` (the function that makes an asked instance of an open predicate)
``order`` (the clauses ``findall`` reads, in order: ``ir.ClauseOrder``),
``certain`` (the rows of its goal that are certain facts) or ``group`` (a key
per row of its goal that rows holding in the same worlds share)."""

ARITH = {
    ArithOp.ADD: "+", ArithOp.SUB: "-", ArithOp.MUL: "*", ArithOp.DIV: "/",
    ArithOp.INT_DIV: "//", ArithOp.MOD: "%",
}
"""Python's operators; ``**`` is ``arith.power``, and what ``is`` binds is
``terms.number`` (which bounds integers to 4,000 digits: ``arith.bounded``)."""

MAX_NESTING = 10
"""Loops one generated function nests before the rest moves to a helper."""


@dataclass(frozen=True, slots=True)
class Function:
    """One generated function: its name, the names it is passed, its body."""

    name: str
    params: tuple[str, ...]
    lines: list[str]


class Writer:
    """Accumulates the lines of one generated plan function."""

    def __init__(self, plan: Plan, record: bool, possible: bool) -> None:
        self.plan = plan
        self.record = record
        self.possible = possible
        self.lines: list[str] = []
        self.functions: list[Function] = [Function("run", (), self.lines)]
        self.names: list[str] = []
        self.inputs: list[Input] = []
        self.constants: list[Value] = []
        self.depth = 1
        self.in_loop = False
        self.neg_names: dict[int, str] = {}
        self.bound: set[int] = set()
        """The variables bound so far (``codegen.generate`` shares its set)."""

    def ordinal(self, literal: int) -> int:
        """The position of body literal ``literal`` among the positive ones."""
        body = self.plan.rule.body
        return sum(
            1 for i in body[:literal] if isinstance(i, IRLiteral) and not i.negated
        )

    def const(self, value: Any) -> str:
        self.constants.append(value)
        return f"k{len(self.constants) - 1}"

    def term(self, term: ITerm) -> str:
        """``term`` as an expression: a compound term with variables is built
        (``C``, the hash-consing ``terms.Compound``, which refuses a term
        deeper than ``terms.MAX_DEPTH``)."""
        if isinstance(term, IVar):
            return f"v{term.index}"
        if isinstance(term, IConst):
            return self.const(term.value)
        args = ", ".join(self.term(a) for a in term.args)
        return f"C({self.const(term.name)}, ({args}{',' if len(term.args) == 1 else ''}))"

    def arith(self, expr: IExpr) -> str:
        """``expr`` evaluated on numbers (``num`` refuses a non-number)."""
        if isinstance(expr, IBinary) and expr.op is ArithOp.POW:
            return f"power({self.arith(expr.left)}, {self.arith(expr.right)})"
        if isinstance(expr, IBinary):
            return f"({self.arith(expr.left)} {ARITH[expr.op]} {self.arith(expr.right)})"
        if isinstance(expr, INeg):
            return f"(-{self.arith(expr.operand)})"
        if isinstance(expr, IConst) and isinstance(expr.value, int | float):
            return self.const(numeric(expr.value))
        return f"num({self.term(expr)})"

    def value(self, expr: IExpr, evaluate: bool = False) -> str:
        """``expr`` as a term: itself, or the term of its arithmetic value
        (always with ``evaluate``, as ``is`` reads its right side)."""
        if evaluate or isinstance(expr, IBinary | INeg):
            return f"as_term({self.arith(expr)})"
        return self.term(expr)

    def tuple_of(self, terms: tuple[ITerm, ...] | list[ITerm]) -> str:
        inner = ", ".join(self.term(t) for t in terms)
        return f"({inner},)" if len(terms) == 1 else f"({inner})"

    def key(self, atom: IRAtom, positions: tuple[int, ...]) -> str:
        if len(positions) == 1:
            return self.term(atom.args[positions[0]])
        return self.tuple_of([atom.args[p] for p in positions])

    def input(self, kind: str, atom: IRAtom, positions: tuple[int, ...] = ()) -> str:
        self.inputs.append((kind, atom.pred, positions))
        return f"i{len(self.inputs) - 1}"

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    def guard(self, condition: str) -> None:
        """Go on only when ``condition`` holds (``continue`` inside loops)."""
        escape = "continue" if self.in_loop else "return"
        self.emit(f"if not ({condition}): {escape}")

    def loop(self, header: str) -> None:
        self.emit(header)
        self.depth += 1
        self.in_loop = True

    def make_room(self, bound: set[int]) -> None:
        """Before a step that may loop: split if this function nests too deep
        (``bound``: the variables bound so far, passed on with ``names``)."""
        if self.depth > MAX_NESTING:
            self.split([f"v{index}" for index in sorted(bound)] + self.names)

    def split(self, live: list[str]) -> None:
        """Go on in a new function, called here with the names in ``live``."""
        name = f"s{len(self.functions)}"
        self.emit(f"{name}({', '.join(['I', 'out', 'rec', *live])})")
        self.lines = []
        self.functions.append(Function(name, tuple(live), self.lines))
        self.depth = 1
        self.in_loop = False

    def pattern(
        self, atom: IRAtom, fixed: tuple[int, ...], seen: set[int]
    ) -> tuple[str, list[Check]]:
        """Unpacking targets, and the checks for constants and repeated variables
        (and the matching of compound terms: ``destructure``)."""
        names: list[str] = []
        later: list[tuple[ITerm, str]] = []
        for position, term in enumerate(atom.args):
            if position in fixed:
                names.append("_")
            elif isinstance(term, IVar) and term.index not in seen:
                seen.add(term.index)
                names.append(f"v{term.index}")
            else:
                names.append(f"c{position}")
                later.append((term, f"c{position}"))
        checks: list[Check] = []
        for term, name in later:
            self.match(term, name, seen, checks)
        return ", ".join(names) + ("," if len(names) == 1 else ""), checks

    def match(self, term: ITerm, source: str, seen: set[int], checks: list[Check]) -> None:
        """The checks (and bindings) that make ``term`` match the value named
        ``source``: equality once every variable of ``term`` is in ``seen``,
        else the compound's name and arity, then its arguments, unpacked."""
        if isinstance(term, IVar) and term.index not in seen:
            seen.add(term.index)
            checks.append(Check(f"v{term.index} = {source}", guard=False))
            return
        if not isinstance(term, IStruct) or term_vars(term) <= seen:
            checks.append(Check(f"{source} == {self.term(term)}"))
            return
        checks.append(Check(
            f"{source}.__class__ is C and {source}.name == {self.const(term.name)}"
            f" and len({source}.args) == {len(term.args)}"
        ))
        names: list[str] = []
        later: list[tuple[ITerm, str]] = []
        for n, arg in enumerate(term.args):
            if isinstance(arg, IVar) and arg.index not in seen:
                seen.add(arg.index)
                names.append(f"v{arg.index}")
            else:
                names.append(f"{source}_{n}")
                later.append((arg, f"{source}_{n}"))
        comma = "," if len(names) == 1 else ""
        checks.append(Check(f"{', '.join(names)}{comma} = {source}.args", guard=False))
        for arg, name in later:
            self.match(arg, name, seen, checks)

    def check(self, check: Check) -> None:
        """Emit one check: a guard, or a statement that binds."""
        if check.guard:
            self.guard(check.text)
        else:
            self.emit(check.text)


@dataclass(frozen=True, slots=True)
class Check:
    """A condition to ``guard`` on, or (``guard`` False) a statement that binds."""

    text: str
    guard: bool = True
