"""An attack's own coin counts even when the contrary is not asked about.

Regression: with ``~h`` reached only as an attack on ``h``, the plan did not
number the choices of ``~h``'s rule instances, so an attack fired with the
probability of its body alone. P(h) must not depend on whether ``~h`` is
also a query.
"""

from __future__ import annotations

import pytest

import assess

PROGRAM = """
0.7::k. 0.875::z. 0.625::u. 0.725::n.
0.3::r :- k.
[ua] 0.3::h :- r, z, u.
[ns] 0.8::~h :- n.
"""
SUPPORT = 0.3 * 0.7 * 0.3 * 0.875 * 0.625
ATTACK = 0.8 * 0.725


@pytest.mark.parametrize("queries", ["query(h).", "query(h). query(~h).", "query(~h). query(h)."])
def test_h_is_the_same_whatever_else_is_asked(queries: str) -> None:
    answers = assess.load(texts={"c.assess": PROGRAM + queries}).prob().answers
    found = {a.text: a.probability for a in answers}
    assert found["h"] == pytest.approx(SUPPORT * (1 - ATTACK), abs=1e-12)
    if "~h" in found:
        assert found["~h"] == pytest.approx(ATTACK * (1 - SUPPORT), abs=1e-12)
