"""``why.argue`` names the rules and the superiority that settled each conflict."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings

import assess
from assess.semantics.defeasible.answers import DefeasibleResult
from assess.semantics.defeasible.prove import Ambiguity, prove
from assess.semantics.defeasible.theory import GroundTheory
from assess.semantics.defeasible.why import argue

from .test_defeasible_linear import theories

FIXTURES = Path(__file__).parent / "fixtures"


def result(name: str, ambiguity: str = "blocking") -> DefeasibleResult:
    return assess.load(str(FIXTURES / name)).defeasible(ambiguity=ambiguity)


def labels(result: DefeasibleResult, rules: tuple[int, ...]) -> list[str]:
    return [result.conclusions.theory.rules[r].label for r in rules]


def literal(result: DefeasibleResult, text: str) -> int:
    (found,) = [a.literal for a in result.answers if a.text == text]
    return found


def test_penguin_attack_stands_and_bird_support_is_beaten() -> None:
    r = result("tweety_penguin.assess")
    fly = argue(r.conclusions, literal(r, "fly(tweety)"))
    assert (fly.tag, fly.reason) == ("−∂", "attack_stands")
    assert labels(r, fly.supporting) == ["birds_fly"]
    assert [(labels(r, (s.attacker,))[0], s.how) for s in fly.attackers] == [
        ("penguins_dont", "stands")
    ]
    not_fly = argue(r.conclusions, literal(r, "~fly(tweety)"))
    assert (not_fly.tag, not_fly.reason) == ("+∂", "settled")
    (settled,) = not_fly.attackers
    assert settled.how == "overridden" and settled.by is not None
    assert labels(r, (settled.by,)) == ["penguins_dont"]


def test_team_defeat_overrides_each_attacker_by_its_own_superior() -> None:
    r = result("team_defeat.assess")
    mammal = argue(r.conclusions, literal(r, "mammal(platypus)"))
    assert mammal.tag == "+∂"
    assert sorted(
        (labels(r, (s.attacker,))[0], labels(r, (s.by,))[0])
        for s in mammal.attackers if s.by is not None
    ) == [("r3", "r1"), ("r4", "r2")]


def test_definite_facts_and_missing_rules() -> None:
    r = result("tweety_penguin.assess")
    bird = argue(r.conclusions, literal(r, "bird(tweety)"))
    assert (bird.tag, bird.reason) == ("+Δ", "strict")
    naf = result("conflict_and_naf.assess")
    innocent = argue(naf.conclusions, literal(naf, "innocent(bob)"))
    assert (innocent.tag, innocent.reason) == ("−∂", "attack_stands")
    assert innocent.failed and labels(naf, (innocent.failed[0][0],)) == ["presumption"]


@settings(derandomize=True, max_examples=200, deadline=None)
@given(theories())
def test_every_reason_agrees_with_the_tags(theory: GroundTheory) -> None:
    for ambiguity in Ambiguity:
        conclusions = prove(theory, ambiguity)
        for q in range(len(theory.literals)):
            argument = argue(conclusions, q)
            if argument.tag == "+∂":
                assert argument.supporting
                assert all(s.how in ("discarded", "overridden") for s in argument.attackers)
            if argument.reason == "attack_stands":
                assert any(s.how == "stands" for s in argument.attackers)
            if argument.reason == "no_rule":
                assert not argument.supporting
