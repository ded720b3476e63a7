"""The For and Against arguments of a judgement made on P(h | c) are of
that number, not of P(h) overall.

A member of a set ``given c`` is judged on P(h | c). Its strongest
argument for it is the rule whose removal lowers P(h | c) most, and the
sentence says "raises it from X % to Y % if c holds", with X the number
re-evaluated without the rule. Before, the arguments were of P(h): on the
flagship, northern_axis ("unlikely (33 %) if renewed_offensive holds") was
said to be raised "from 4 % to 12 % overall", and massicot's report, which
lowers an offensive and with it every axis overall, was its argument
against, though given an offensive it moves the axes among themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import assess
from assess.engine.ir import GroundAtom
from assess.explain.effects import group_inputs
from assess.explain.judgement import judge
from assess.explain.judgement_result import Judgements
from assess.explain.reading import conditional_members, reading
from assess.render.judgement import judgement_lines
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


def _without_rule(compiled: Compiled, atom: GroundAtom, rule: int) -> float | None:
    groups = group_inputs(compiled.ir, compiled.model)
    return reading(compiled, atom, dict.fromkeys(groups.arguments[rule], 0.0)).judged


def test_a_conditional_members_arguments_move_its_own_number(
    assessed: tuple[Compiled, Judgements],
) -> None:
    """Each argument's effect is P(h | c) less P(h | c) re-evaluated
    without its rule, and no other rule moves P(h | c) further its way."""
    compiled, judgements = assessed
    conditional = conditional_members(compiled)
    groups = group_inputs(compiled.ir, compiled.model)
    checked = 0
    for j in judgements.judgements:
        if j.atom not in conditional or j.undefined:
            continue
        effects = {}
        for rule in groups.arguments:
            without = _without_rule(compiled, j.atom, rule)
            if without is not None:
                effects[rule] = j.judged - without
        for argument, sign in ((j.support, 1), (j.against, -1)):
            if argument is None or argument.is_report:
                continue
            assert argument.effect == pytest.approx(effects[argument.rule], abs=1e-12)
            assert sign * argument.effect > 0
            assert sign * argument.effect >= max(sign * e for e in effects.values()) - 1e-12
            checked += 1
    assert checked >= 2


def test_the_sentences_say_the_condition_not_overall(
    assessed: tuple[Compiled, Judgements],
) -> None:
    compiled, judgements = assessed
    conditional = conditional_members(compiled)
    for j in judgements.judgements:
        if j.atom not in conditional:
            continue
        text = "\n".join(judgement_lines(j))
        arguments = [line for line in text.split("\n") if "argument" in line]
        if j.undefined:
            assert not any(line.lstrip().startswith(("For:", "Against:")) for line in arguments)
            continue
        flat = " ".join(text.split())
        assert "% overall;" not in flat and "% overall." not in flat.split("Contested")[0]
        for argument in (j.support, j.against):
            if argument is not None:
                assert f"if {j.condition} holds" in flat


def test_the_flagship_northern_axis_is_weighed_given_an_offensive(
    assessed: tuple[Compiled, Judgements],
) -> None:
    _, judgements = assessed
    found = [j for j in judgements.judgements if j.name == "northern_axis"]
    if not found:
        pytest.skip("the fixture has no northern_axis")
    (north,) = found
    assert north.support is not None and north.against is not None
    # Reports that lower an offensive lower every axis overall, but given an
    # offensive they do not speak against the northern axis in particular.
    assert north.against.origin != "massicot"
    assert north.judged - north.support.effect < north.judged
    assert north.judged < north.judged - north.against.effect


def test_why_heads_a_conditional_member_as_run_does(
    assessed: tuple[Compiled, Judgements],
) -> None:
    """``why`` explains P(h) overall, but its first line judges a member of a
    set given c as ``run`` does, and says what its numbers are of."""
    from assess.explain.why import why
    from assess.render.judgement import judgement_head
    from assess.render.why import why_text

    compiled, judgements = assessed
    conditional = conditional_members(compiled)
    checked = 0
    for j in judgements.judgements:
        result = why(compiled, j.atom)
        if j.atom not in conditional:
            assert result.given is None
            continue
        head, said = why_text(result).split("\n")[:2]
        assert head == judgement_head(j).split(". ", 1)[1]
        assert said.startswith(f"The proofs and what each report adds are of P({j.name}) overall")
        assert result.given is not None and result.given.condition == j.condition
        checked += 1
    assert checked >= 1
