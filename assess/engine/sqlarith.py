"""Arithmetic as SQL expressions: Python's numbers, on two columns.

An arithmetic expression becomes two SQL expressions (``Arithmetic.value``):
its exact integer (a ``BIGINT``, NULL unless every leaf is an integer and
every step keeps it one) and its float (``DOUBLE PRECISION``), as
``assess.engine.sqlterms`` stores a term's ``z`` and ``n``. ``+ - *`` and
unary minus stay exact on integers (the float is the integer's, else IEEE's
operation on the floats, which is Python's); ``/`` is always a float;
``//`` and ``mod`` are computed on integers, floored as Python floors
(SQL truncates: the dialect's exact integer division, then one step down
when the signs differ). ``**`` is refused at the rule (``sql_unsupported``).
``divisions`` gives the conditions under which the engine would fail or the
SQL would differ: a zero divisor, a float under ``//`` or ``mod``.

Example: with ``X`` in column ``a0.z0``, ``X // 2`` has the integer
``((a0.z0 // CAST(? AS BIGINT)) - CASE WHEN (mod(a0.z0, CAST(? AS BIGINT))
<> 0 AND …) THEN 1 ELSE 0 END)`` in DuckDB, each ``?`` bound to ``2``.
"""

from __future__ import annotations

from collections.abc import Callable

from assess.diagnostics import AssessError, error
from assess.engine.ir import IBinary, IConst, IExpr, INeg, IStruct, IVar
from assess.engine.sqlterms import NULL_Z, Fragment, Term, fmt
from assess.syntax.ast import ArithOp, Span

_ARITH = {ArithOp.ADD: "+", ArithOp.SUB: "-", ArithOp.MUL: "*"}


def refuse(span: Span | None, what: str) -> AssessError:
    return AssessError([error(
        "sql_unsupported", span,
        f"{what}: the SQL engines do not evaluate it (use --engine native)",
    )])


class Arithmetic:
    """The SQL of expressions whose leaves ``leaf`` gives the columns of."""

    def __init__(self, leaf: Callable[[IVar | IConst], Term], integer_division: str,
                 span: Span | None) -> None:
        self.leaf = leaf
        self.integer_division = integer_division
        self.span = span

    def value(self, expr: IExpr) -> tuple[Fragment, Fragment]:
        """The exact integer (NULL unless every leaf is one) and the float of ``expr``."""
        if isinstance(expr, IVar | IConst):
            _, z, n = self.leaf(expr)
            return z, n
        if isinstance(expr, INeg):
            z, n = self.value(expr.operand)
            return fmt("(-{})", z), fmt("(-{})", n)
        if isinstance(expr, IStruct):
            raise refuse(self.span, "a compound term")
        lz, ln = self.value(expr.left)
        rz, rn = self.value(expr.right)
        if expr.op is ArithOp.DIV:  # a float, as Python's true division of two numbers
            return NULL_Z, fmt("({} / {})", ln, rn)
        if expr.op in (ArithOp.INT_DIV, ArithOp.MOD):  # integers only (probed), floored
            # SQL truncates; Python floors: one step down when the signs differ.
            rest = fmt("mod({}, {})", lz, rz)
            apart = fmt("({} <> 0 AND ({} < 0) <> ({} < 0))", rest, rest, rz)
            if expr.op is ArithOp.MOD:
                z = fmt("(CASE WHEN {} THEN {} + {} ELSE {} END)", apart, rest, rz, rest)
            else:
                z = fmt("({} - CASE WHEN {} THEN 1 ELSE 0 END)",
                        fmt(self.integer_division, lz, rz), apart)
            return z, fmt("CAST({} AS DOUBLE PRECISION)", z)
        if expr.op not in _ARITH:
            raise refuse(self.span, f"the operator `{expr.op.value}`")
        op = _ARITH[expr.op]
        z = fmt(f"({{}} {op} {{}})", lz, rz)
        return z, fmt(f"COALESCE(CAST({{}} AS DOUBLE PRECISION), {{}} {op} {{}})", z, ln, rn)

    def divisions(self, expr: IExpr) -> tuple[list[Fragment], list[Fragment]]:
        """Conditions for a zero divisor, and for a float under ``//`` or ``mod``."""
        if isinstance(expr, IVar | IConst):
            return [], []
        if isinstance(expr, INeg):
            return self.divisions(expr.operand)
        if isinstance(expr, IStruct):
            raise refuse(self.span, "a compound term")
        left, right = (self.divisions(e) for e in (expr.left, expr.right))
        zero, floats = left[0] + right[0], left[1] + right[1]
        if expr.op in (ArithOp.DIV, ArithOp.INT_DIV, ArithOp.MOD):
            rz, rn = self.value(expr.right)
            zero.append(fmt("{} = 0", rn))
            if expr.op is not ArithOp.DIV:
                lz, _ = self.value(expr.left)
                floats.append(fmt("({} IS NULL OR {} IS NULL)", lz, rz))
        return zero, floats


def leaves(expr: IExpr) -> list[IVar | IConst]:
    if isinstance(expr, IVar | IConst):
        return [expr]
    if isinstance(expr, INeg):
        return leaves(expr.operand)
    assert isinstance(expr, IBinary)
    return leaves(expr.left) + leaves(expr.right)
