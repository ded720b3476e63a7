"""The confidence of a judgement made on P(h | c) is the confidence of that
number, not of P(h) overall.

A member of a set ``given c`` is judged on P(h | c); its confidence
sentence (which origins agree, what would move it out of its band) must
speak of the same number: a change is reported where it takes P(h | c),
towards an edge of P(h | c)'s band, and an origin agrees when it moves
P(h | c) towards its side. Before, the sentence read P(h): on the flagship
"northern_axis: unlikely (33 %) if renewed_offensive holds" was said to be
"not robust: a change of 0.1 … would move it to 5 % (almost no chance)",
which was P(h) overall moving from 7 % to 5 %.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import assess
from assess.analysis.icd203 import clamp, next_edges
from assess.explain.confidence import side
from assess.explain.effects import group_inputs
from assess.explain.judgement import judge
from assess.explain.judgement_result import Judgements
from assess.explain.reading import conditional_members, reading
from assess.explain.weight import decibans
from assess.semantics.prob.compiled import Compiled
from tests.explain.flagship import FLAGSHIP, flagship

ROOT = Path(__file__).parents[2]
FIXTURE = [str(ROOT / "tests/explain/fixtures/conditional_set.assess")]


@pytest.fixture(scope="module", params=[FLAGSHIP, FIXTURE], ids=["flagship", "fixture"])
def assessed(request: pytest.FixtureRequest) -> tuple[Compiled, Judgements]:
    if request.param is FLAGSHIP:
        _, compiled, judgements = flagship()
        return compiled, judgements
    compiled = assess.load(*request.param).compile()
    return compiled, judge(compiled)


def test_a_conditional_judgement_is_as_robust_as_its_own_number(
    assessed: tuple[Compiled, Judgements],
) -> None:
    compiled, judgements = assessed
    groups = group_inputs(compiled.ir, compiled.model)
    conditional = conditional_members(compiled)
    checked = 0
    for j in judgements.judgements:
        if j.atom not in conditional or j.undefined:
            continue
        judged = reading(compiled, j.atom).judged
        assert judged is not None and judged == pytest.approx(j.judged)
        c = j.confidence
        for bearing in (*c.agreeing, *c.opposing):
            without = reading(compiled, j.atom, dict.fromkeys(groups.origins[bearing.origin], 0.0))
            assert without.judged is not None
            agrees = bearing in c.agreeing
            # An agreeing origin moves P(h | c) towards its side.
            assert (bearing.weight * side(judged) > 0) == agrees
        loss = c.robustness.loss
        if loss is not None:
            origin = loss.what.removeprefix("losing ")
            after = reading(compiled, j.atom, dict.fromkeys(groups.origins[origin], 0.0)).judged
            assert after is not None and loss.moved_to == pytest.approx(clamp(after))
            assert loss.shift == pytest.approx(decibans(clamp(after), clamp(judged)))
        for change in (c.robustness.loss, c.robustness.probe):
            if change is not None and change.edge is not None:
                assert change.edge in next_edges(clamp(judged))
        checked += 1
    assert checked >= 1


def test_the_flagship_axis_is_no_longer_said_to_move_to_its_overall_number(
    assessed: tuple[Compiled, Judgements],
) -> None:
    _, judgements = assessed
    found = [j for j in judgements.judgements if j.name == "northern_axis"]
    if not found:
        pytest.skip("the fixture has no northern_axis")
    (north,) = found
    assert north.given is not None and north.given > 0.2
    probe = north.confidence.robustness.probe
    assert probe is None or probe.moved_to > 0.1  # P(h) overall is 7 %, P(h | c) 33 %


def test_the_sentence_takes_the_side_of_the_judged_number(
    assessed: tuple[Compiled, Judgements],
) -> None:
    """Above even chance an agreeing origin raises the number: the sentence
    of a member judged at 51 % given c (11 % overall) says so."""
    from assess.render.confidence import judged_confidence_text

    _, judgements = assessed
    for j in judgements.judgements:
        sentence = judged_confidence_text(j)
        if j.undefined:
            assert sentence is None
            continue
        assert sentence is not None
        agreeing = sentence.split(";")[0]
        if side(j.judged) > 0:
            assert "lower it" not in agreeing, (j.name, sentence)
        elif side(j.judged) < 0:
            assert "raise it" not in agreeing, (j.name, sentence)
