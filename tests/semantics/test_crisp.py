"""Each crisp fixture holds its expected answers after ``% Expected outcome:``."""

from __future__ import annotations

from pathlib import Path

import pytest

import assess
from assess.engine.ir import Pred
from assess.render.crisp import crisp_data, crisp_text

FIXTURES = Path(__file__).parent / "fixtures" / "crisp"


def expected_answers(text: str) -> list[tuple[str, bool]]:
    block = text.split("% Expected outcome:", 1)[1]
    pairs = [line.lstrip("% ").split() for line in block.splitlines() if line.strip()]
    return [(atom, holds == "true") for atom, holds in pairs]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.assess")), ids=lambda p: p.stem)
def test_fixture_answers(path: Path) -> None:
    result = assess.load(str(path)).crisp()
    actual = [(a.text, a.holds) for a in result.answers]
    assert actual == expected_answers(path.read_text(encoding="utf-8"))


def test_listing_every_fact_of_a_predicate() -> None:
    a = assess.load(texts={"t.assess": "e(2, b). e(1, a). e(x, 'Y z'). p :- e(_, _)."})
    result = a.crisp(also=["e"])
    assert [f.text for f in result.listed[Pred("e", 2)]] == ["e(1,a)", "e(2,b)", "e(x,'Y z')"]
    assert crisp_data(result) == {
        "semantics": "crisp",
        "queries": [],
        "facts": {"e/2": ["e(1,a)", "e(2,b)", "e(x,'Y z')"]},
    }
    assert crisp_text(result).splitlines()[0] == "% e/2: 3 facts"


def test_json_contract() -> None:
    a = assess.load(texts={"t.assess": "p(a). query(p(a)). query(p(b))."})
    assert crisp_data(a.crisp()) == {
        "semantics": "crisp",
        "queries": [{"atom": "p(a)", "holds": True}, {"atom": "p(b)", "holds": False}],
    }
