"""Classic ProbLog programs: our answers equal the ones written in each
fixture (``% expected: atom probability`` lines, from ProbLog 2.3) and a live
ProbLog run of the same text, to 1e-9."""

from __future__ import annotations

from pathlib import Path

import pytest
from problog import get_evaluatable
from problog.program import PrologString

from assess.engine.lower import lower
from assess.semantics.prob.infer import infer
from assess.syntax.parser import parse

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.assess"))


def expected(text: str) -> dict[str, float]:
    found = {}
    for line in text.splitlines():
        if line.startswith("% expected:"):
            atom, value = line.removeprefix("% expected:").split()
            found[atom] = float(value)
    return found


def ours(path: Path) -> dict[str, float]:
    ir = lower([parse(path.read_text(), str(path))])
    return {r.text: r.probability for r in infer(ir).probabilities()}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_matches_its_expected_answers(path: Path) -> None:
    want = expected(path.read_text())
    assert want, "a fixture carries its expected answers"
    got = ours(path)
    assert got.keys() == want.keys()
    for atom, p in want.items():
        assert abs(got[atom] - p) <= 1e-9, atom


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_matches_live_problog(path: Path) -> None:
    result = get_evaluatable().create_from(PrologString(path.read_text())).evaluate()
    live = {str(k).replace(" ", ""): float(v) for k, v in result.items()}
    got = ours(path)
    assert got.keys() == live.keys()
    for atom, p in live.items():
        assert abs(got[atom] - p) <= 1e-9, atom
