"""The Spark SQL dialect: each rule variant rewritten by sqlglot reads as
Spark SQL, with Spark's types and quoting and every parameter kept; what it
cannot be (a recursive CTE) it is not. Spark itself is not run here."""

from __future__ import annotations

import re

import sqlglot

from assess.engine.lower import lower
from assess.engine.sqlspark import spark_sql, spark_variants
from assess.syntax.parser import parse

PROGRAM = ("e(1, 2). e(2, 3). e(3, 1). e(a, 'x y'). n(1). n(2). n(3). "
           "p(X, Y) :- e(X, Y). p(X, Z) :- p(X, Y), e(Y, Z). "
           "u(X, Y) :- n(X), n(Y), \\+ p(X, Y). h(Y) :- n(X), Y is X // 2. "
           "g(X) :- n(X), X > 2.5, X \\== 3. k(\"'); DROP TABLE r; --\") :- n(1).")


def test_every_variant_is_spark_sql_with_its_parameters() -> None:
    variants = spark_variants(lower([parse(PROGRAM)]))
    assert sorted((r.head.pred.name, -1 if d is None else d) for r, d, _ in variants) == [
        ("g", -1), ("h", -1), ("k", -1), ("p", -1), ("p", -1), ("p", 0),
        ("u", -1)]
    for _, _, (text, values) in variants:
        assert isinstance(sqlglot.parse_one(text, read="spark"), sqlglot.exp.Select)
        assert text.count("?") == len(values)
        assert not re.search(r"\bTEXT\b|DOUBLE PRECISION|\"|//|WITH RECURSIVE", text)
        assert "DROP" not in text  # a constant is a parameter, never text
    hostile = next(f for r, _, f in variants if r.head.pred.name == "k")
    assert "s:'); DROP TABLE r; --" in hostile[1]
    division = next(f for r, _, f in variants if r.head.pred.name == "h")[0]
    assert " DIV " in division and "AS STRING" in division and "AS DOUBLE)" in division


def test_the_delta_variant_reads_the_delta_table() -> None:
    variants = spark_variants(lower([parse("e(1, 2). p(X, Y) :- e(X, Y). "
                                           "p(X, Z) :- p(X, Y), e(Y, Z).")]))
    delta = [f[0] for _, d, f in variants if d is not None]
    assert delta == ["SELECT DISTINCT a0.v0, a0.z0, a0.n0, a1.v1, a1.z1, a1.n1 FROM "
                     "`assess_d1` AS a0, `assess_r0` AS a1 WHERE a1.v0 = a0.v1"]


def test_a_fragment_keeps_its_values() -> None:
    assert spark_sql(("SELECT CAST(? AS DOUBLE PRECISION) AS x FROM \"t\" WHERE v = ?",
                      (1.5, "a:b"))) == (
        "SELECT CAST(? AS DOUBLE) AS x FROM `t` WHERE v = ?", (1.5, "a:b"))
