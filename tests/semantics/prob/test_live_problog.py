"""Classic ProbLog programs: our answers equal a live ProbLog run of the same
text, to 1e-9. (The answers written in each fixture, from ProbLog 2.3, are
held by ``tests/test_fixture_answers.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from problog import get_evaluatable
from problog.program import PrologString

import assess

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.assess"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_matches_live_problog(path: Path) -> None:
    result = get_evaluatable().create_from(PrologString(path.read_text())).evaluate()
    live = {str(k).replace(" ", ""): float(v) for k, v in result.items()}
    got = {a.text: a.probability for a in assess.load(str(path)).prob().answers}
    assert got.keys() == live.keys()
    for atom, p in live.items():
        assert abs(got[atom] - p) <= 1e-9, atom
