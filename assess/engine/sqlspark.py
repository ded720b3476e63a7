"""The rule variants' SQL in Spark SQL's dialect, for a distributed engine.

``spark_sql(fragment)`` rewrites one generated statement (``sqlgen``, in the
core DuckDB reads) into Spark SQL with ``sqlglot``: ``TEXT`` becomes
``STRING``, ``DOUBLE PRECISION`` ``DOUBLE``, identifiers are quoted with
backticks, DuckDB's integer ``//`` is Spark's ``DIV``; the ``?``
placeholders and their values stay as they are (Spark binds positional
parameters: ``spark.sql(text, args=[…])``). ``spark_variants(program)``
gives every rule's full variant and each of its delta variants so, over
tables named ``assess_r{N}`` (every row so far) and ``assess_d{N}`` (the
rows new in the last round), ``N`` the predicate's place in sorted order.

Spark rejects ``UNION`` inside a recursive CTE (only ``UNION ALL``, which
does not end on a cyclic graph), so recursion on Spark is the semi-naive
rounds of these variants, run by the driver: nothing here uses ``WITH
RECURSIVE``. This module only generates: no Spark session is started by
``assess`` (``bench/RESULTS.md`` says what was run by hand).

Example::

    >>> spark_sql(("SELECT DISTINCT CAST(? AS TEXT) FROM \\"assess_r0\\" AS a0", ("a:x",)))
    ('SELECT DISTINCT CAST(? AS STRING) FROM `assess_r0` AS a0', ('a:x',))
"""

from __future__ import annotations

import importlib

from assess.diagnostics import AssessError, error
from assess.engine.evaluate import select_rules
from assess.engine.ir import IRLiteral, IRProgram, IRRule, Pred
from assess.engine.plans import plan_rule
from assess.engine.sqlgen import Generator
from assess.engine.sqlterms import Fragment


def spark_sql(fragment: Fragment) -> Fragment:
    """``fragment`` in Spark SQL's dialect, its parameters unchanged."""
    try:
        sqlglot = importlib.import_module("sqlglot")
    except ImportError as exc:
        raise AssessError([error(
            "sql_unavailable", None,
            f"the Spark SQL dialect needs the Python package sqlglot (pip install sqlglot): {exc}",
        )]) from exc
    text = sqlglot.transpile(fragment[0], read="duckdb", write="spark")
    assert len(text) == 1 and text[0].count("?") == len(fragment[1]), text
    return str(text[0]), fragment[1]


def spark_variants(program: IRProgram) -> list[tuple[IRRule, int | None, Fragment]]:
    """Each rule's variants in Spark SQL: ``(rule, None, full)`` and, per
    positive literal of its head's predicate or of one it depends on in a
    cycle, ``(rule, literal, delta)`` (module docstring)."""
    rules, facts = select_rules(program, None, include_defeaters=False)
    preds = sorted({r.head.pred for r in rules} | set(facts) | {
        i.atom.pred for r in rules for i in r.body if isinstance(i, IRLiteral)})
    number = {p: n for n, p in enumerate(preds)}

    def table(pred: Pred, recent: bool) -> str:
        return f"assess_{'d' if recent else 'r'}{number[pred]}"

    generator = Generator(table, "({} // {})")
    found: list[tuple[IRRule, int | None, Fragment]] = []
    for rule in rules:
        found.append((rule, None, spark_sql(generator.select(plan_rule(rule, None)))))
        for n, item in enumerate(rule.body):
            if isinstance(item, IRLiteral) and not item.negated and item.atom.pred in (
                    rule.head.pred, *_cycle(rules, rule.head.pred)):
                found.append((rule, n, spark_sql(generator.select(plan_rule(rule, n)))))
    return found


def _cycle(rules: list[IRRule], head: Pred) -> set[Pred]:
    """The predicates that depend on ``head`` and that it depends on."""
    from assess.engine.strata import PredicateGraph, strata

    for component in strata(PredicateGraph(rules)):
        if head in component:
            return set(component)
    return set()
