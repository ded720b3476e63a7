"""``load`` and ``drop`` inside a scenario.

The fixture (``fixtures/loading/``) has a ruleset, an evidence file that
loads a CSV file, and scenarios whose expected probabilities are worked out
by hand in their comments.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assess.check import checked_programs
from assess.scenarios.runner import run_paths
from assess.syntax import ast
from assess.workspace import Workspace
from tests.cli.cli_runner import run

FIXTURES = Path(__file__).parent / "fixtures" / "loading"
SCENARIOS = str(FIXTURES / "scenarios.assess")


def test_every_scenario_of_the_fixture_holds() -> None:
    results = run_paths([SCENARIOS])
    assert len(results) == 6
    failed = [(r.scenario.name, r.problems, r.failures) for r in results if not r.passed]
    assert not failed


def _scenarios(path: str) -> dict[str, ast.Scenario]:
    programs, _ = checked_programs(Workspace.from_paths([path]))
    return {s.name: s for p in programs for s in p.statements if isinstance(s, ast.Scenario)}


def test_loaded_reports_join_their_scenario_only_and_point_into_their_files() -> None:
    scenarios = _scenarios(SCENARIOS)
    loaded = scenarios["the evidence file, with the CSV file it loads"].items
    where = [(Path(i.span.file).name, i.span.line) for i in loaded if isinstance(i, ast.Report)]
    assert where == [("evidence.assess", 2), ("evidence.assess", 3), ("reports.csv", 2),
                     ("reports.csv", 3)]
    csv_only = scenarios["the CSV file alone"].items
    assert [Path(i.span.file).name for i in csv_only if isinstance(i, ast.Report)] == [
        "reports.csv", "reports.csv"]


def _write(folder: Path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return str(folder / "scenarios.assess")


RULES = (FIXTURES / "rules.assess").read_text(encoding="utf-8")
EVIDENCE = "report troops(30000) by pentagon credibility 2.\nreport bridges by isw credibility 2.\n"


def _test(folder: Path, scenario: str, evidence: str = EVIDENCE) -> dict[str, object]:
    path = _write(folder, {
        "rules.assess": RULES, "evidence.assess": evidence,
        "scenarios.assess": f'load "rules.assess".\n\nscenario "s" {{\n{scenario}}}\n',
    })
    outcome = run("test", "--format", "json", path)
    assert outcome.code in (0, 1), outcome.output
    (found,) = json.loads(outcome.stdout)["scenarios"]
    assert isinstance(found, dict)
    return found


def _codes(found: dict[str, object]) -> list[str]:
    problems = found["problems"]
    assert isinstance(problems, list)
    return [p["code"] for p in problems]


def test_a_loaded_file_counts_once_and_its_ruleset_adds_nothing(tmp_path: Path) -> None:
    found = _test(tmp_path, '    load "evidence.assess".\n    load "evidence.assess".\n'
                            '    load "rules.assess".\n'
                            "    expect probability(attack) = 0.16.\n")   # 0.5 * 0.4 * 0.8
    assert found["passed"], found


def test_drop_reaches_the_reports_of_the_file_but_not_those_written_in_the_scenario(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, {
        "rules.assess": RULES + EVIDENCE,
        "scenarios.assess": 'load "rules.assess".\n\nscenario "s" {\n'
                            "    drop troops(_) by pentagon.\n"
                            "    report troops(20000) by pentagon credibility 1.\n"
                            "    expect probability(attack) = 0.175.\n}\n",  # 0.5 * 0.4375 * 0.8
    })
    (result,) = run_paths([path])
    assert result.passed, (result.problems, result.failures)


@pytest.mark.parametrize(("scenario", "code"), [
    ('    load "evidence.assess".\n    drop source isw.\n    drop source tass.\n',
     "unmatched_drop"),
    ('    load "evidence.assess".\n    drop bridge.\n', "undefined_predicate"),
    ('    load "evidence.assess".\n    drop troops.\n', "arity_mismatch"),
    ('    load "evidence.assess".\n    drop source ips.\n', "unknown_source"),
    ('    load "missing.assess".\n', "load_file_not_found"),
    ('    load "missing.csv".\n', "load_file_not_found"),
])
def test_a_drop_or_load_that_cannot_be_meant_fails_the_scenario(
    tmp_path: Path, scenario: str, code: str
) -> None:
    found = _test(tmp_path, scenario + "    expect attack is unlikely.\n")
    assert not found["passed"]
    assert _codes(found) == [code]


def test_a_loaded_file_holds_evidence_only(tmp_path: Path) -> None:
    evidence = EVIDENCE + 'source ips "IPS" reliability C.\nquery(attack).\n'
    found = _test(tmp_path, '    load "evidence.assess".\n    expect attack is unlikely.\n',
                  evidence)
    assert _codes(found) == ["not_scenario_item", "not_scenario_item"]
    outcome = run("check", str(tmp_path / "scenarios.assess"))
    assert outcome.code == 1
    assert "evidence.assess:3:1: error[not_scenario_item]: a source declaration" in outcome.stderr
