"""An attack by an unqueried contrary keeps its own rule's weight.

``[q] 0.5::~h -< b.`` attacks ``h`` only in the worlds where its body holds
*and* its choice is taken; asking only for ``h`` must not drop that choice.
P(h) = P(a) · 0.6 · (1 − P(b) · 0.5) = 0.5 · 0.6 · 0.75 = 0.225, whether or
not ``~h`` is also asked.
"""

from __future__ import annotations

import pytest

from assess.api import load

RULES = "0.5::a. 0.5::b.\n[p] 0.6::h -< a.\n[q] 0.5::~h -< b.\n"


@pytest.mark.parametrize("queries", ["query(h).\n", "query(h).\nquery(~h).\n"])
def test_the_attack_keeps_its_weight(queries: str) -> None:
    answers = load(texts={"t.assess": RULES + queries}).prob().answers
    assert answers[0].text == "h"
    assert answers[0].probability == pytest.approx(0.225, abs=1e-12)


def test_an_attack_resting_on_a_contested_premise() -> None:
    text = (
        "0.5::a. 0.5::b. 0.5::c.\n[p] 0.6::h -< a.\n[q] 0.5::~h -< y.\n"
        "[y1] 0.8::y -< b.\n[y2] 0.5::~y -< c.\nquery(h).\n"
    )
    (answer,) = load(texts={"t.assess": text}).prob().answers
    # y = 0.4 * (1 - 0.25) = 0.3; h = 0.3 * (1 - 0.5 * 0.3) = 0.255
    assert answer.probability == pytest.approx(0.255, abs=1e-12)
