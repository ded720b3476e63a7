"""The explanation commands' JSON shapes and their refusals of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_runner import assert_handled, run

FIXTURES = Path(__file__).parent / "fixtures"
BUILDUP = str(FIXTURES / "buildup.assess")
UNREPORTED = str(FIXTURES / "unreported.assess")


def test_why_json_is_the_tree_as_data() -> None:
    outcome = run("why", BUILDUP, "attack", "-k", "2", "--format", "json")
    assert outcome.code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert data["command"] == "why" and data["atom"] == "attack"
    assert len(data["proofs"]) == 2
    assert data["proofs"][0]["probability"] >= data["proofs"][1]["probability"]
    root = data["proofs"][0]["root"]
    assert root["rule"]["label"] == "go" and root["rule"]["line"] == 29
    assert root["conditions"] == [["exercises", pytest.approx(0.625)]]
    leaf = root["premises"][0]["premises"][0]["premises"][0]
    assert leaf["reports"][0]["source"] == "pentagon" and leaf["reports"][0]["grade"] == "B2"
    assert leaf["reports"][0]["quote"] == "about 30,000 troops"
    c = data["contributions"][0]
    assert c["delta"] == pytest.approx(data["probability"] - c["without"])


def test_why_not_json_has_the_trace_and_the_sets() -> None:
    outcome = run("why-not", UNREPORTED, "offensive", "--format", "json", "--grade", "C3")
    assert outcome.code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert data["grade"] == "C3" and data["probability"] == 0
    plan = data["trace"]["attempts"][0]
    assert plan["failed"] == "capable" and plan["below"]["atom"] == "capable"
    sets = [tuple(s["atoms"]) for s in data["sets"]]
    assert ("mobilisation", "river_crossing") in sets
    assert all(s["probability"] > 0 for s in data["sets"])


def test_sensitivity_json_levers_are_ranked() -> None:
    outcome = run("sensitivity", BUILDUP, "attack", "--format", "json")
    assert outcome.code == 0, outcome.output
    levers = json.loads(outcome.stdout)["levers"]
    sizes = [abs(lv["derivative"]) for lv in levers]
    assert sizes == sorted(sizes, reverse=True)
    assert {lv["kind"] for lv in levers} == {"report", "rule", "source"}


@pytest.mark.parametrize("argv", [
    ["why", BUILDUP], ["why", BUILDUP, BUILDUP], ["why", BUILDUP, "p(X)"],
    ["why", BUILDUP, "not an atom("], ["why-not", BUILDUP, "attack", "--grade", "Z9"],
    ["sensitivity", BUILDUP, "attack.assess"], ["why", "missing.assess", "attack"],
])
def test_bad_arguments_are_refused(argv: list[str]) -> None:
    outcome = run(*argv)
    assert_handled(outcome)
    assert outcome.code == 2 and outcome.stderr.strip()


@pytest.mark.parametrize(("argv", "code", "suggestion"), [
    (["why", BUILDUP, "atack"], "undefined_predicate", "attack"),
    (["why", "--semantics", "defeasible", BUILDUP, "atack"], "undefined_predicate", "attack"),
    (["why-not", BUILDUP, "atack"], "undefined_predicate", "attack"),
    (["sensitivity", BUILDUP, "atack"], "undefined_predicate", "attack"),
    (["formula", "atack", BUILDUP], "undefined_predicate", "attack"),
    (["formula", "troop(X)", BUILDUP], "undefined_predicate", "troops"),
    (["run", "--all", "atack", BUILDUP], "undefined_predicate", "attack"),
    (["run", "--semantics", "crisp", "--all", "troop/1", BUILDUP], "undefined_predicate",
     "troops"),
    (["what-if", BUILDUP, "--drop", "tas"], "unknown_report", "tass"),
    (["what-if", BUILDUP, "--drop", "troops(3000)"], "unknown_report", "troops(30000)"),
    (["what-if", BUILDUP, "--grade", "pentagn=D"], "unknown_source", "pentagon"),
    (["what-if", BUILDUP, "--set", "masing=0.5"], "unknown_input", "massing"),
    (["what-if", BUILDUP, "--assume", "bridges by is credibility 2"], "unknown_source", "isw"),
])
def test_a_misspelt_name_is_an_error_with_the_closest_name(
    argv: list[str], code: str, suggestion: str
) -> None:
    outcome = run(*argv)
    assert_handled(outcome)
    assert outcome.code == 1, outcome.output
    assert f"error[{code}]" in outcome.stderr
    assert f"did you mean {suggestion}?" in outcome.stderr


def test_a_declared_but_unreported_indicator_is_no_chance() -> None:
    outcome = run("why", BUILDUP, "fuel_depots")
    assert outcome.code == 0
    assert "no chance on this evidence" in outcome.stdout and "No proof" in outcome.stdout
