"""The crisp reading's listings and JSON (its fixtures run in ``tests/test_fixture_answers.py``)."""

from __future__ import annotations

import assess
from assess.engine.ir import Pred
from assess.render.crisp import crisp_text


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


def test_json_contract() -> None:
    a = assess.load(texts={"t.assess": "p(a). query(p(a)). query(p(b))."})
    assert a.crisp().to_json() == {
        "semantics": "crisp",
        "queries": [{"atom": "p(a)", "holds": True}, {"atom": "p(b)", "holds": False}],
    }
