"""what-if: compile once, re-evaluate; re-ground only for new ground atoms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assess
from assess.explain import session as session_module
from assess.explain.changes import make_change
from assess.explain.sensitivity import sensitivity
from assess.explain.session import Session, parse_atom
from assess.explain.whatif import what_if
from tests.cli.cli_runner import assert_handled, run

FIXTURE = Path(__file__).parent / "fixtures" / "buildup.assess"
TEXT = FIXTURE.read_text(encoding="utf-8")
ATTACK = parse_atom("attack")


def _counts() -> tuple[int, int]:
    stats = session_module.STATS
    return stats.groundings, stats.compilations


def _after(assume: list[str] = [], drop: list[str] = [], grade: list[str] = [],  # noqa: B006
           set_: list[str] = []) -> tuple[dict[str, float], tuple[int, int], bool, bool]:  # noqa: B006
    assessment = assess.load(str(FIXTURE))
    session = Session(assessment.ir)
    before = _counts()
    result = what_if(assessment, session, make_change(session.ir, assume, drop, grade, set_))
    after = _counts()
    delta = (after[0] - before[0], after[1] - before[1])
    return {r.atom: r.after for r in result.rows}, delta, result.regrounded, result.recompiled


def _fresh(extra: str) -> dict[str, float]:
    a = assess.load(texts={"buildup.assess": TEXT + extra})
    s = Session(a.ir)
    return {f"{k[0].name}": v for k, v in s.question_probabilities().items()}


@pytest.mark.parametrize("options", [
    {"drop": ["tass"]}, {"drop": ["bridges@ria"]}, {"drop": ["troops(30000)"]},
    {"grade": ["pentagon=E"]}, {"set_": ["massing=0.9"]},
    {"assume": ["troops(30000) by tass credibility 1"]},   # another origin: noisy-or
    {"assume": ["bridges by ria credibility 1"]},          # the same origin: best grade
])
def test_reweighting_never_grounds_or_compiles(options: dict[str, list[str]]) -> None:
    _, delta, regrounded, recompiled = _after(**options)
    assert delta == (0, 0) and not regrounded and not recompiled


@pytest.mark.parametrize("report", [
    "troops(30000) by tass credibility 1", "bridges by ria credibility 1",
    "bridges by isw credibility 2",
])
def test_joining_an_existing_choice_equals_regrounding(report: str) -> None:
    after, _, _, _ = _after(assume=[report])
    fresh = _fresh(f"report {report}.\n")
    assert after == pytest.approx(fresh, abs=1e-12)


def test_a_report_of_a_derived_atom_recompiles_without_grounding() -> None:
    after, delta, regrounded, recompiled = _after(assume=["force by isw credibility 2"])
    assert delta == (0, 1) and recompiled and not regrounded
    assert after == pytest.approx(_fresh("report force by isw credibility 2.\n"), abs=1e-12)


def test_a_report_of_a_new_atom_regrounds() -> None:
    after, delta, regrounded, _ = _after(assume=["fuel_depots by isw credibility 2"])
    assert delta == (1, 1) and regrounded
    assert after == pytest.approx(_fresh("report fuel_depots by isw credibility 2.\n"), abs=1e-12)


def test_every_crossing_of_the_fixture_lands_on_its_edge() -> None:
    assessment = assess.load(str(FIXTURE))
    session = Session(assessment.ir, [ATTACK])
    result = sensitivity(session, ATTACK)
    checked = 0
    for lever in result.levers:
        for value, edge in ((lever.up, result.edge_up), (lever.down, result.edge_down)):
            if isinstance(value, float):
                change = make_change(session.ir, [], [], [], [f"{lever.name}={value!r}"])
                rows = {r.atom: r for r in what_if(assessment, session, change).rows}
                assert rows["attack"].after == pytest.approx(edge, abs=1e-9)
                checked += 1
    assert checked >= 4


def test_what_if_json_and_terms() -> None:
    outcome = run("what-if", str(FIXTURE), "--drop", "tass", "--format", "json")
    assert outcome.code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert data["command"] == "what-if"
    row = next(r for r in data["rows"] if r["atom"] == "attack")
    assert set(row) == {"atom", "before", "after", "delta", "term_before", "term_after",
                        "term_changed"}
    assert row["delta"] == pytest.approx(row["after"] - row["before"])


@pytest.mark.parametrize("argv", [
    ["--drop", "nobody"], ["--grade", "isw=Q"], ["--grade", "isw"], ["--set", "massing=x"],
    ["--set", "no_such_label=0.5"], ["--assume", "not a report"],
    ["--assume", "bridges by nobody credibility 2"],
])
def test_bad_changes_are_refused_with_a_message(argv: list[str]) -> None:
    outcome = run("what-if", str(FIXTURE), *argv)
    assert_handled(outcome)
    assert outcome.code == 2 and outcome.stderr.strip()
