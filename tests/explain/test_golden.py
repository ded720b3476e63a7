"""The text answers of why, why-not and sensitivity on the fixtures, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.cli_runner import run
from tests.explain.golden import UPDATING, Golden, goldens, update

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = [ROOT / "tests" / "explain" / "fixtures" / f"{name}.assess"
            for name in ("birds", "buildup", "cycle", "unreported")]
CASES = [g for f in FIXTURES for g in goldens(f)]


@pytest.mark.parametrize("golden", CASES, ids=lambda g: f"{g.fixture.stem}:{' '.join(g.argv)}")
def test_golden_answer(golden: Golden, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    relative = str(golden.fixture.relative_to(ROOT))
    outcome = run(*golden.command(relative))
    assert outcome.code == 0, outcome.output
    if UPDATING:
        update(golden.fixture, golden.raw, outcome.stdout)
        return
    assert outcome.stdout == golden.expected


def test_every_fixture_has_answers() -> None:
    assert FIXTURES and all(goldens(f) for f in FIXTURES)
    commands = {g.argv[0] for g in CASES}
    assert {"why", "why-not", "sensitivity"} <= commands
