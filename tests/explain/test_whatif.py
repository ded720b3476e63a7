"""what-if: compile once, re-evaluate; re-ground only for new ground atoms."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import assess
from assess.semantics.prob import compiled as compiled_module
from tests.cli.cli_runner import assert_handled, run

FIXTURE = Path(__file__).parent / "fixtures" / "buildup.assess"
TEXT = FIXTURE.read_text(encoding="utf-8")


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """[groundings, compilations] made through the one compile from now on."""
    made = [0, 0]

    def counted(index: int, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            made[index] += 1
            return function(*args, **kwargs)
        return call

    monkeypatch.setattr(compiled_module, "ground_program",
                        counted(0, compiled_module.ground_program))
    monkeypatch.setattr(compiled_module, "compile_model",
                        counted(1, compiled_module.compile_model))
    return made


def _after(counts: list[int], assume: list[str] = [], drop: list[str] = [],  # noqa: B006
           grade: list[str] = [], set_: list[str] = [],  # noqa: B006
           ) -> tuple[dict[str, float], tuple[int, int], bool, bool]:
    """The rows after the change, and the groundings and compilations beyond
    the first of each (which compile the program before the change)."""
    assessment = assess.load(str(FIXTURE))
    result = assessment.what_if(assume=assume, drop=drop, grade=grade, set_=set_)
    delta = (counts[0] - 1, counts[1] - 1)
    return {r.atom: r.after for r in result.rows}, delta, result.regrounded, result.recompiled


def _fresh(extra: str) -> dict[str, float]:
    a = assess.load(texts={"buildup.assess": TEXT + extra})
    return {a.text: a.probability for a in a.prob().answers}


@pytest.mark.parametrize("options", [
    {"drop": ["tass"]}, {"drop": ["bridges@ria"]}, {"drop": ["troops(30000)"]},
    {"grade": ["pentagon=E"]}, {"set_": ["massing=0.9"]},
    {"assume": ["troops(30000) by tass credibility 1"]},   # another origin: noisy-or
    {"assume": ["bridges by ria credibility 1"]},          # the same origin: best grade
])
def test_reweighting_never_grounds_or_compiles(
    counts: list[int], options: dict[str, list[str]]
) -> None:
    _, delta, regrounded, recompiled = _after(counts, **options)
    assert delta == (0, 0) and not regrounded and not recompiled


@pytest.mark.parametrize("report", [
    "troops(30000) by tass credibility 1", "bridges by ria credibility 1",
    "bridges by isw credibility 2",
])
def test_joining_an_existing_choice_equals_regrounding(counts: list[int], report: str) -> None:
    after, _, _, _ = _after(counts, assume=[report])
    fresh = _fresh(f"report {report}.\n")
    assert after == pytest.approx(fresh, abs=1e-12)


def test_a_report_of_a_derived_atom_recompiles_without_grounding(counts: list[int]) -> None:
    after, delta, regrounded, recompiled = _after(counts, assume=["force by isw credibility 2"])
    assert delta == (0, 1) and recompiled and not regrounded
    assert after == pytest.approx(_fresh("report force by isw credibility 2.\n"), abs=1e-12)


def test_a_report_of_a_new_atom_regrounds(counts: list[int]) -> None:
    after, delta, regrounded, _ = _after(counts, assume=["fuel_depots by isw credibility 2"])
    assert delta == (1, 1) and regrounded
    assert after == pytest.approx(_fresh("report fuel_depots by isw credibility 2.\n"), abs=1e-12)


def test_every_crossing_of_the_fixture_lands_on_its_edge() -> None:
    assessment = assess.load(str(FIXTURE))
    result = assessment.sensitivity("attack")
    checked = 0
    for lever in result.levers:
        for value, edge in ((lever.up, result.edge_up), (lever.down, result.edge_down)):
            if isinstance(value, float):
                changed = assessment.what_if(set_=[f"{lever.name}={value!r}"])
                rows = {r.atom: r for r in changed.rows}
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
                        "term_changed", "given"}
    assert row["given"] is None
    assert row["delta"] == pytest.approx(row["after"] - row["before"])


@pytest.mark.parametrize(("argv", "code"), [
    (["--drop", "nobody"], 1), (["--grade", "isw=Q"], 2), (["--grade", "isw"], 2),
    (["--set", "massing=x"], 2), (["--set", "no_such_label=0.5"], 1),
    (["--assume", "not a report"], 2), (["--assume", "bridges by nobody credibility 2"], 1),
])
def test_bad_changes_are_refused_with_a_message(argv: list[str], code: int) -> None:
    """Exit 2 for what cannot be read, 1 for a name the program never mentions."""
    outcome = run("what-if", str(FIXTURE), *argv)
    assert_handled(outcome)
    assert outcome.code == code and outcome.stderr.strip()
