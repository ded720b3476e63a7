"""``assess test`` and the scenario runner on a hand-computable fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assess.scenarios.runner import run_paths
from tests.cli.cli_runner import run

FIXTURE = str(Path(__file__).parent / "fixtures" / "coins.assess")


def test_each_scenario_passes_or_fails_on_its_expectations() -> None:
    results = {r.scenario.name: r for r in run_paths([FIXTURE])}
    assert results["everything holds"].passed
    assert results["a report raises c"].passed
    wrong = results["wrong on purpose"]
    assert not wrong.passed
    assert [o.passed for o in wrong.outcomes] == [False, False, False, False]


def test_a_failure_says_expected_actual_and_why() -> None:
    (wrong,) = [r for r in run_paths([FIXTURE]) if r.scenario.name == "wrong on purpose"]
    estimate, rank, cites, bound = wrong.outcomes
    assert estimate.expected == "c is unlikely (20–45 %)"
    assert estimate.actual == "c is likely (0.7200)"
    # c = a ∨ b: without a, P(c) = 0.6 (contribution 0.12); without b, 0.3 (0.42).
    assert estimate.why[0] == "c: +0.4200 from b"
    assert estimate.why[1] == "c: +0.1200 from a"
    assert rank.actual == "a 0.3000, b 0.6000"
    assert cites.actual == "it cites no source"
    assert bound.actual == "probability(c) = 0.720000"


def test_cli_prints_verdicts_and_the_closing_line() -> None:
    outcome = run("test", FIXTURE)
    code, out = outcome.code, outcome.stdout
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[-1] == "2 passed, 1 failed"
    assert any(line.startswith("FAIL ") and "wrong on purpose" in line for line in lines)
    assert "      expected: c is unlikely (20–45 %)" in lines


def test_cli_json_lists_every_expectation() -> None:
    outcome = run("test", "--format", "json", FIXTURE)
    code, out = outcome.code, outcome.stdout
    assert code == 1
    data = json.loads(out)
    assert (data["passed"], data["failed"]) == (2, 1)
    first = data["scenarios"][0]
    assert first["name"] == "everything holds" and first["passed"]
    assert first["expectations"][0] == {
        "expectation": "expect probability(c) = 0.72.",
        "line": 14,
        "passed": True,
        "expected": "probability(c) = 0.72",
        "actual": "probability(c) = 0.720000",
        "why": [],
    }


def test_a_missing_path_is_bad_usage() -> None:
    outcome = run("test", "no/such/folder")
    code, err = outcome.code, outcome.stderr
    assert code == 2
    assert "no such file or folder" in err


@pytest.mark.parametrize("folder", ["tests/scenarios"])
def test_a_folder_runs_every_scenario_file_under_it(folder: str) -> None:
    names = {Path(r.file).name for r in run_paths([folder])}
    assert {"coins.assess", "belarus_2022.assess"} <= names
