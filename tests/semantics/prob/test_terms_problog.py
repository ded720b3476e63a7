"""Terms as ProbLog keeps them apart: ``1`` is not ``1.0``, ``"a"`` is not
``a``; ``=:=`` and ``<`` compare numbers, ``=`` and ``==`` terms; a query
that nothing answers is answered with probability 0. Each example and each
random program is run by the live ``problog`` package too: the same atoms,
term for term, and the same probabilities to 1e-9 (and under ``crisp`` the
atoms that hold are those ProbLog gives probability 1)."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from problog import get_evaluatable
from problog.program import PrologString

import assess
from assess.diagnostics import AssessError

EXAMPLES = {
    "fact_1_is_not_1.0": ("p(1). query(p(1.0)).", {"p(1.0)": 0.0}),
    "unify_1_with_1.0": ("b :- 1 = 1.0. query(b).", {"b": 0.0}),
    "1_is_not_identical_to_1.0": ("e :- 1 \\== 1.0. query(e).", {"e": 1.0}),
    "is_gives_a_float": (
        "w(X) :- X is 2*0.5. v :- w(1). u :- w(1.0). query(v). query(u). query(w(X)).",
        {"v": 0.0, "u": 1.0, "w(1.0)": 1.0},
    ),
    "two_queries_two_lines": (
        "p(1). query(p(1)). query(p(1.0)).", {"p(1)": 1.0, "p(1.0)": 0.0},
    ),
    "string_is_not_atom": (
        't("a"). 0.5::t(a). query(t(a)). query(t("a")).', {"t(a)": 0.5, 't("a")': 1.0},
    ),
    "strings_print_quoted": ('t("a"). t(a). query(t(X)).', {"t(a)": 1.0, 't("a")': 1.0}),
    "arithmetic_equality_compares_values": (
        "c :- 1 =:= 1.0. d :- 1 =\\= 1.0. l :- 1 < 1.5. query(c). query(d). query(l).",
        {"c": 1.0, "d": 0.0, "l": 1.0},
    ),
    "floats_keep_15_decimals": (
        "s(X) :- X is 0.1 + 0.2. t :- s(0.3). f(X) :- X is 1 / 3. query(t). query(f(X)).",
        {"t": 1.0, "f(0.333333333333333)": 1.0},
    ),
    "negative_zero_is_its_own_term": (
        "z(X) :- X is 0.0 * -1. y :- z(0.0). x :- z(Z), Z =:= 0.0. "
        "query(z(X)). query(y). query(x).",
        {"z(-0.0)": 1.0, "y": 0.0, "x": 1.0},
    ),
    "unanswered_query_is_0": (
        "q(a). r(X) :- q(X), X \\= a. query(r(X)). query(q(X)).", {"r(X)": 0.0, "q(a)": 1.0},
    ),
}


def unnamed(text: str) -> str:
    """``text`` with its variables written ``_`` (outside quotes): a query
    nothing answers prints its variables, ProbLog's named X3, ours as written."""
    return re.sub(r"\"[^\"]*\"|'[^']*'|\b[A-Z_]\w*", lambda m: m[0] if m[0][0] in "\"'" else "_",
                  text)


def problog(text: str) -> dict[str, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ProbLog warns about `==`
        result = get_evaluatable().create_from(PrologString(text)).evaluate()
    return {unnamed(str(k)): float(v) for k, v in result.items()}


def ours(text: str) -> dict[str, float]:
    answers = assess.load(texts={"t.assess": text}, check=False).prob().answers
    return {unnamed(a.text): a.probability for a in answers}


def ours_crisp(text: str) -> dict[str, float]:
    answers = assess.load(texts={"t.assess": text}, check=False).crisp().answers
    return {unnamed(a.text): float(a.holds) for a in answers}


def assert_same(got: dict[str, float], expected: dict[str, float]) -> None:
    assert got.keys() == expected.keys()
    for atom, p in expected.items():
        assert abs(got[atom] - p) <= 1e-9, atom


@pytest.mark.parametrize(("text", "expected"), EXAMPLES.values(), ids=EXAMPLES.keys())
def test_example_as_problog_answers_it(text: str, expected: dict[str, float]) -> None:
    assert_same(problog(text), {unnamed(k): v for k, v in expected.items()})
    assert_same(ours(text), problog(text))
    if "::" not in text:
        assert_same(ours_crisp(text), problog(text))


def test_one_query_per_term() -> None:
    answers = assess.load(texts={"t.assess": "p(1). query(p(1)). query(p(1.0))."}).prob().answers
    assert [(a.text, a.probability) for a in answers] == [("p(1)", 1.0), ("p(1.0)", 0.0)]


def test_arithmetic_on_an_atom_is_an_error_as_in_problog() -> None:
    text = "n(a). m(Y) :- n(X), Y is X + 1. query(m(Y))."
    with pytest.raises(Exception, match="nknown function"):
        problog(text)
    with pytest.raises(AssessError) as caught:
        assess.load(texts={"t.assess": text}, check=False).prob()
    assert caught.value.diagnostics[0].code == "arithmetic_error"


INTS = ("0", "1", "2")
FLOATS = ("0.0", "0.5", "1.0", "2.0")
NUMBERS = (*INTS, *FLOATS)
MIXED = (*NUMBERS, "a", "b", '"a"', '"1"')
TERM_TESTS = ("=", "\\=", "==", "\\==")
NUMERIC_TESTS = ("=:=", "=\\=", "<", "=<", ">", ">=")
EXPRESSIONS = ("X * 2", "X + 0.5", "X / 2", "X / 3", "X - 1", "X * -1", "X // 1", "X ** 2", "X")
SIGNATURES = {"m": 1, "n": 1, "r": 2, "t": 1, "u": 2, "v": 1, "w": 1, "z": 2, "k": 1,
              "j": 0, "g": 1, "s": 1, "i": 1}


@st.composite
def _rules(draw: st.DrawFn) -> list[str]:
    mixed, number = st.sampled_from(MIXED), st.sampled_from(NUMBERS)
    term, numeric = st.sampled_from(TERM_TESTS), st.sampled_from(NUMERIC_TESTS)
    templates = [
        f"t(X) :- m(X), X {draw(term)} {draw(mixed)}.",
        f"u(X, Y) :- r(X, Y), X {draw(term)} Y.",
        f"v(Y) :- n(X), Y is {draw(st.sampled_from(EXPRESSIONS))}.",
        f"w(X) :- n(X), X {draw(numeric)} {draw(number)}.",
        f"z(X, Y) :- n(X), n(Y), X {draw(numeric)} Y.",
        "k(X) :- v(X), m(X).",
        f"j :- v({draw(mixed)}).",
        "g(X) :- m(X), \\+ v(X).",
        "s(Y) :- r(X, Z), Y = X, Y \\== Z.",
        f"i(X) :- n(X), n(Y), X is {draw(st.sampled_from(EXPRESSIONS)).replace('X', 'Y')}.",
    ]
    return draw(st.lists(st.sampled_from(templates), min_size=3, max_size=7, unique=True))


@st.composite
def programs(draw: st.DrawFn, probabilistic: bool) -> str:
    """Facts over mixed constants (``n`` holds numbers only, so that numeric
    tests never meet an atom), rules that compare, compute and join them,
    and queries of every predicate and of some ground atoms."""
    weight = st.sampled_from(["0.3::", "0.5::", "0.8::"] if probabilistic else [""])
    facts = [f"{draw(weight)}m({c})." for c in draw(st.sets(st.sampled_from(MIXED), max_size=6))]
    facts += [f"{draw(weight)}n({c})." for c in draw(st.sets(st.sampled_from(NUMBERS),
                                                              min_size=1, max_size=4))]
    pairs = st.tuples(st.sampled_from(MIXED), st.sampled_from(MIXED))
    facts += [f"{draw(weight)}r({x}, {y})." for x, y in draw(st.sets(pairs, max_size=4))]
    queries = [f"query({p}({', '.join(['_'] * n)}))." if n else f"query({p})."
               for p, n in SIGNATURES.items()]
    queries += [f"query({p}({draw(st.sampled_from(MIXED))}))." for p in ("m", "v", "t")]
    return "\n".join([*facts, *draw(_rules()), *queries])


def problog_of(text: str) -> dict[str, float]:
    # ProbLog refuses to call a predicate without clauses; ours fails it.
    stubs = [f"{p}({', '.join(['_'] * n)}) :- fail." if n else f"{p} :- fail."
             for p, n in SIGNATURES.items()]
    return problog(text + "\n" + "\n".join(stubs))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(programs(probabilistic=True))
def test_prob_agrees_with_problog_term_for_term(text: str) -> None:
    assert_same(ours(text), problog_of(text))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(programs(probabilistic=False))
def test_crisp_agrees_with_problog_term_for_term(text: str) -> None:
    expected = problog_of(text)
    assert_same(ours_crisp(text), expected)
    assert_same(ours(text), expected)
