"""The crisp reading's listings and JSON (its fixtures run in ``tests/test_fixture_answers.py``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import assess
from assess.engine.ir import Pred, Value
from assess.engine.show import atom_text
from assess.engine.terms import Compound, Float, Str
from assess.render.crisp import crisp_lines, crisp_text
from assess.semantics.crisp import CrispResult, Facts, atom_texts, sort_key, standard_order


def test_listing_every_fact_of_a_predicate() -> None:
    a = assess.load(texts={"t.assess": "e(2, b). e(1, a). e(x, 'Y z'). p :- e(_, _)."})
    result = a.crisp(also=["e"])
    assert [f.text for f in result.listed[Pred("e", 2)]] == ["e(1,a)", "e(2,b)", "e(x,'Y z')"]
    assert result.to_json() == {
        "semantics": "crisp",
        "queries": [],
        "facts": {"e/2": ["e(1,a)", "e(2,b)", "e(x,'Y z')"]},
    }
    assert crisp_text(result).splitlines()[0] == "% e/2: 3 facts"


def test_listing_compound_terms_and_lists() -> None:
    a = assess.load(texts={"t.assess": "e(f(b), [1, 2]). e(f(a), []). e(1, g('X y'))."})
    facts = a.crisp(also=["e"]).listed[Pred("e", 2)]
    assert list(facts.texts()) == ["e(1,g('X y'))", "e(f(a),[])", "e(f(b),[1, 2])"]
    assert list(facts.texts()) == [atom_text(f.pred, f.values) for f in facts]


def test_json_contract() -> None:
    a = assess.load(texts={"t.assess": "p(a). query(p(a)). query(p(b))."})
    assert a.crisp().to_json() == {
        "semantics": "crisp",
        "queries": [{"atom": "p(a)", "holds": True}, {"atom": "p(b)", "holds": False}],
    }


# ---- answers as fast as the engine: same order and texts by the fast roads

_VALUES = st.one_of(
    st.integers(-3, 3),
    st.floats(-3, 3, allow_nan=False).map(Float),
    st.sampled_from(["a", "b", "New York", "x_1"]),
    st.sampled_from(["a", "", "q"]).map(Str),
    # compound terms and lists: the general road (``order_key``, ``value_text``)
    st.builds(Compound, st.sampled_from(["f", "g", "[|]"]),
              st.tuples(st.sampled_from([1, "a", Str("a"), "[]"]), st.sampled_from(["[]", 2]))),
)


def _rows(arity: int, values: st.SearchStrategy[Any]) -> st.SearchStrategy[set[tuple[Any, ...]]]:
    return st.sets(st.tuples(*[values] * arity), max_size=30)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(0, 4).flatmap(lambda n: st.tuples(
    st.just(n), _rows(n, _VALUES) | _rows(n, st.integers(-5, 5)) | _rows(n, st.sampled_from("abc"))
)))
def test_standard_order_and_texts_agree_with_sort_key_and_atom_text(
    case: tuple[int, set[tuple[Value, ...]]],
) -> None:
    arity, rows = case
    ordered = standard_order(rows)
    assert ordered == sorted(rows, key=sort_key)
    pred = Pred("p", arity)
    assert list(atom_texts(pred, ordered)) == [atom_text(pred, row) for row in ordered]
    facts = Facts(pred, ordered)
    assert [f.text for f in facts] == list(facts.texts())
    assert len(facts) == len(ordered) and (not ordered or facts[-1].values == ordered[-1])


class _OneThenBroken(Sequence[tuple[Value, ...]]):
    """Rows whose second one must never be read."""

    def __len__(self) -> int:
        return 2

    def __getitem__(self, index: Any) -> Any:
        raise AssertionError("read by index")

    def __iter__(self) -> Iterator[tuple[Value, ...]]:
        yield (1,)
        raise AssertionError("read past the first row")


def test_a_listing_is_printed_as_it_is_written() -> None:
    result = CrispResult((), {Pred("p", 1): Facts(Pred("p", 1), _OneThenBroken())})
    lines = crisp_lines(result)
    assert [next(lines), next(lines)] == ["% p/1: 2 facts", "p(1)."]


def test_listing_half_a_million_facts_costs_little_beside_evaluating_them() -> None:
    """Not a timing: the answers are not objects until asked for."""
    text = "".join(f"e({i}, {i + 1}).\n" for i in range(300)) + "p(X,Y) :- e(X,Y).\n"
    text += "p(X,Y) :- p(X,Z), e(Z,Y).\n"
    result = assess.load(texts={"t.assess": text}).crisp(also=["p"])
    facts = result.listed[Pred("p", 2)]
    assert isinstance(facts, Facts) and len(facts) == 300 * 301 // 2
    assert facts[0].text == "p(0,1)" and facts[-1].text == "p(299,300)"
