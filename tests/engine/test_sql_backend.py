"""The SQL engines: the engine's models, its errors, refusals, and safe SQL."""

from __future__ import annotations

import pytest

from assess.diagnostics import AssessError
from assess.engine.evaluate import evaluate
from assess.engine.ir import Pred
from assess.engine.lower import lower
from assess.engine.sqleval import sql_model
from assess.engine.terms import Float, Str
from assess.syntax.parser import parse
from tests.sql_servers import SQL_ENGINES, need, postgres


@pytest.fixture(params=SQL_ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    need(request.param)
    return str(request.param)


def nonempty(relations: dict[Pred, set[tuple[object, ...]]]) -> dict[Pred, set[object]]:
    return {p: set(r) for p, r in relations.items() if r}


def same_as_native(text: str, engine: str) -> dict[Pred, set[object]]:
    ir = lower([parse(text)])
    native = nonempty(evaluate(ir).relations)
    assert nonempty(sql_model(ir, engine=engine).relations) == native
    return native


def code_of(text: str, engine: str) -> str:
    with pytest.raises(AssessError) as caught:
        sql_model(lower([parse(text)]), engine=engine)
    return caught.value.diagnostics[0].code


TYPED = """n(1). n(1.0). n(-0.0). n(0.0). n(2.5). n(a). n("a"). n('1'). n("1").
    num(X) :- n(X), X \\== a, X \\== "a", X \\== '1', X \\== "1", X >= 0.
    int(X) :- n(X), X == 1.
    next(X, Y) :- int(X), Y is X * 2 - 1.
    same(X, Y) :- num(X), num(Y), X =:= Y, X \\== Y.
    str(X) :- n(X), X = "a".  other(X) :- n(X), \\+ num(X).
    lt(X, Y) :- num(X), num(Y), X + 1 < Y * 2.  neg(Y) :- int(X), Y is -X.
    b :- 1 = 1.0.  e :- 1 \\== 1.0.  c :- 1 =:= 1.0.  one :- next(1, 1).  notone :- next(1, 1.0).
"""


def test_terms_keep_their_types(engine: str) -> None:
    model = same_as_native(TYPED, engine)
    assert model[Pred("str", 1)] == {(Str("a"),)}
    assert model[Pred("other", 1)] == {("a",), (Str("a"),), ("1",), (Str("1"),)}
    assert (Float(-0.0),) in model[Pred("num", 1)] and (Float(0.0),) in model[Pred("num", 1)]
    assert Pred("b", 0) not in model and Pred("notone", 0) not in model
    assert {Pred("e", 0), Pred("c", 0), Pred("one", 0)} <= model.keys()


def test_recursion_negation_and_projection(engine: str) -> None:
    text = ("e(a, b). e(b, c). e(c, a). e(c, d). n(a). n(b). n(c). n(d). go. "
            "p(X, Y) :- e(X, Y). p(X, Y) :- p(X, Z), p(Z, Y). "
            "sink(X) :- n(X), \\+ e(X, _). loop(X) :- p(X, X). "
            "both(X) :- p(X, Y), p(Y, X), \\+ sink(Y). "
            "self(X) :- n(X), \\+ e(X, X). z :- go, \\+ nothing. "
            "even(X, Y) :- e(X, Y). even(X, Y) :- odd(X, Z), e(Z, Y). "
            "odd(X, Y) :- even(X, Z), e(Z, Y).")
    model = same_as_native(text, engine)
    assert model[Pred("sink", 1)] == {("d",)}
    assert len(model[Pred("p", 2)]) == 12


def test_goals_read_back_only_their_relations(engine: str) -> None:
    ir = lower([parse("e(1, 2). e(2, 3). p(X, Y) :- e(X, Y). p(X, Y) :- p(X, Z), e(Z, Y). "
                      "q(X) :- e(X, _).")])
    model = sql_model(ir, [Pred("p", 2)], engine=engine)
    assert model.relations == {Pred("p", 2): {(1, 2), (2, 3), (1, 3)}}


@pytest.mark.parametrize(("text", "code"), [
    ("p :- \\+ p.", "negative_cycle"),
    ("q(1). p(X) :- q(Y).", "unsafe_variable"),
    ("n(a). m(Y) :- n(X), Y is X + 1.", "arithmetic_error"),
    ("n(a). m(X) :- n(X), X > 1, o(X). o(a) :- n(b).", "arithmetic_error"),
    ("n(1.5). m(Y) :- n(X), Y is X + 1.", "sql_unsupported"),
    ("n(1). m(Y) :- n(X), Y is X / 1.", "sql_unsupported"),
    ("n(1.5). m(Y) :- n(X), Y is X mod 2.", "sql_unsupported"),
    ("n(1.5). m(X) :- n(X), X // 1 > 0.", "sql_unsupported"),
    ("n(1). n(0). m(X, Y) :- n(X), n(Y), X / Y > 1.", "arithmetic_error"),
    ("n(1). n(0.0). m(Z) :- n(X), n(Y), Z is X // Y.", "arithmetic_error"),
    ("n(1). m(Y) :- n(X), Y is X ** 2.", "sql_unsupported"),
    ("n(1). m(Y) :- n(X), Y = X + 1.", "sql_unsupported"),
    ("n(9223372036854775807). m(Y) :- n(X), Y is X + 1.", "sql_unsupported"),
    ("n(92233720368547758070).", "sql_unsupported"),
])
def test_errors_and_refusals(text: str, code: str, engine: str) -> None:
    assert code_of(text, engine) == code


ARITHMETIC = """n(7). n(-7). n(2). n(-2). n(3). n(1). n(0.5). n(-1.5).
    i(7). i(-7). i(2). i(-2). i(3). i(1). i(9223372036854775807). i(-9223372036854775808).
    d(X, Y, Q, R) :- i(X), i(Y), Y \\== -1, Q is X // Y, R is X mod Y.
    h(X, Y) :- n(X), n(Y), X / Y > 1.  e(X, Y) :- n(X), n(Y), X / Y =:= -3.5.
    g(X, Y) :- i(X), i(Y), Y \\== -1, X // Y < X mod Y.  s(X, Y) :- n(X), n(Y), X - Y * 2 < -X.
"""


def test_arithmetic_floors_as_python_does(engine: str) -> None:
    model = same_as_native(ARITHMETIC, engine)
    assert (-7, 2, -4, 1) in model[Pred("d", 4)] and (7, -2, -4, -1) in model[Pred("d", 4)]


def test_a_test_that_never_meets_a_non_number_is_no_error(engine: str) -> None:
    same_as_native("n(a). n(3). m(X) :- n(X), X \\== a, X > 1.", engine)


def test_refusal_is_located_at_the_rule(engine: str) -> None:
    with pytest.raises(AssessError) as caught:
        sql_model(lower([parse("n(1).\nm(Y) :- n(X), Y is X ** 2.")]), engine=engine)
    assert caught.value.diagnostics[0].span.line == 2
    assert "--engine native" in caught.value.diagnostics[0].message


HOSTILE = ["'); DROP TABLE reports; --", "\"; DROP TABLE reports; --", "it's", "a\"b", "?",
           "%s", "$1", "%(x)s", "\\", "--", "/*", "é ✓", "i:1", "a:x", "s:x"]


def hostile_program() -> str:
    def atom(text: str) -> str:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

    def string(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    facts = [f"name({atom(t)}). name({string(t)})." for t in HOSTILE]
    return " ".join(facts) + (
        " quoted(X) :- name(X), X \\== 'it\\'s'. "
        f"drop(X) :- name(X), X == {atom(HOSTILE[0])}. "
        f"other(X) :- name(X), \\+ drop(X), X \\== {string(HOSTILE[1])}.")


def test_hostile_constants_are_only_data(engine: str) -> None:
    text = hostile_program()
    model = same_as_native(text, engine)
    names = model[Pred("name", 1)]
    assert {(t,) for t in HOSTILE} | {(Str(t),) for t in HOSTILE} == names
    assert model[Pred("drop", 1)] == {(HOSTILE[0],)}


def test_hostile_constants_leave_the_database_unchanged() -> None:
    with postgres() as con:
        con.execute("DROP TABLE IF EXISTS reports")
        con.execute("CREATE TABLE reports (id INTEGER PRIMARY KEY, body TEXT)")
        try:
            con.execute("INSERT INTO reports VALUES (1, 'kept'), (2, 'also kept')")
            tables = con.execute("SELECT tablename FROM pg_tables WHERE schemaname NOT IN "
                                 "('pg_catalog', 'information_schema')").fetchall()
            same_as_native(hostile_program(), "postgres")
            assert con.execute("SELECT * FROM reports ORDER BY id").fetchall() == [
                (1, "kept"), (2, "also kept")]
            assert con.execute("SELECT tablename FROM pg_tables WHERE schemaname NOT IN "
                               "('pg_catalog', 'information_schema')").fetchall() == tables
        finally:
            con.execute("DROP TABLE reports")


def test_every_value_survives_the_round_trip(engine: str) -> None:
    values = ["", "a,b", 'say "x"', "line\nbreak", "cr\rtab\t", "i:1", "NULL", "\\N", "é ✓",
              Str(""), Str("a,b"), Str("line\nbreak"), 0, -1, 2**63 - 1, -(2**63), 2**53 + 1,
              Float(0.0), Float(-0.0), Float(1e300), Float(5e-324), Float(0.1), Float(float("inf")),
              Float(-2.5)]
    program = lower([parse("keep(X) :- v(X), X == X.")])
    program.facts[Pred("v", 1)] = {(v,) for v in values}
    model = sql_model(program, engine=engine).relations
    assert model[Pred("keep", 1)] == {(v,) for v in values} == evaluate(program).relations[
        Pred("keep", 1)]
