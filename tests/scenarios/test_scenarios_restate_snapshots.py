"""Each scenario runs on the evidence of the snapshot it tests, and must not drift.

A scenario in ``tests/scenarios/<ruleset>.assess`` stands alone: it either
loads one snapshot of ``examples/<ruleset>/`` or restates its reports
(without quotes and dates). These tests hold the evidence a scenario runs
with (its reports, those it loads included, less those it drops) to the
snapshot's reports: the same indicator, source and credibility, the same
number of times. The scenario that drops the exiled officers and defectors
is the article's evidence less every report from that one origin (the
sources linked by ``derived_from``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assess.analysis.drops import matches
from assess.analysis.grading import source_clusters
from assess.check import checked_programs
from assess.syntax import ast
from assess.syntax.parser import parse
from assess.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
RULESET = REPO / "rulesets" / "belarus_2022.assess"

Key = tuple[ast.Atom, str, int]


def _program(path: Path) -> ast.Program:
    return parse(path.read_text(encoding="utf-8"), str(path))


def _keys(reports: list[ast.Report]) -> Counter[Key]:
    return Counter((r.atom, r.source, r.credibility) for r in reports)


def _snapshot(name: str, ruleset: str = "belarus_2022") -> Counter[Key]:
    statements = _program(REPO / "examples" / ruleset / f"{name}.assess").statements
    return _keys([s for s in statements if isinstance(s, ast.Report)])


def _scenario(prefix: str, ruleset: str = "belarus_2022") -> Counter[Key]:
    """The reports the scenario runs with, besides its file's own (it has none)."""
    path = str(REPO / "tests" / "scenarios" / f"{ruleset}.assess")
    programs, _ = checked_programs(Workspace.from_paths([path]))
    assert not [s for p in programs for s in p.statements if isinstance(s, ast.Report)]
    found = [
        s
        for p in programs
        if p.file == path
        for s in p.statements
        if isinstance(s, ast.Scenario) and s.name.startswith(prefix)
    ]
    assert len(found) == 1, f"one scenario named {prefix!r}…"
    drops = [i for i in found[0].items if isinstance(i, ast.Drop)]
    reports = [i for i in found[0].items if isinstance(i, ast.Report)]
    return _keys([r for r in reports if not any(matches(d, r) for d in drops)])


def _origin(source: str) -> set[str]:
    declared = [s for s in _program(RULESET).statements if isinstance(s, ast.SourceDecl)]
    clusters = source_clusters({s.name: s.derived_from for s in declared})
    return {name for name, root in clusters.items() if root == clusters[source]}


@pytest.mark.parametrize(
    ("ruleset", "scenario", "snapshot"),
    [
        ("belarus_2022", "the article's picture, 19 December", "as_of_article"),
        ("belarus_2022", "hypothetical massing", "massing"),
        ("belarus_2022", "hypothetical drawdown", "drawdown"),
        ("cyber_attribution", "the evidence two weeks in", "intrusion"),
    ],
)
def test_scenario_restates_its_snapshot(ruleset: str, scenario: str, snapshot: str) -> None:
    assert _scenario(scenario, ruleset) == _snapshot(snapshot, ruleset)


def test_dropping_the_exiles_removes_exactly_their_origin() -> None:
    exiles = _origin("belarusian_defectors")
    assert {"azarov", "sakhashchyk", "opposition_figures"} <= exiles
    expected = Counter({k: n for k, n in _snapshot("as_of_article").items() if k[1] not in exiles})
    assert _scenario("the article's picture without") == expected
