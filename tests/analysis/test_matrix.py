"""The ACH matrix against the numbers written in its fixture."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from pathlib import Path

import pytest

from assess.api import load
from assess.cli import main
from assess.explain.matrix import Matrix, mark, odds_ratio

FIXTURE = Path(__file__).parent / "fixtures" / "matrix.assess"


def _expected() -> tuple[list[str], dict[str, tuple[list[tuple[float, float | None, str]], float]]]:
    """Hypotheses (header order) and, per indicator, its cells and diagnosticity."""
    lines = [line[1:].strip() for line in FIXTURE.read_text(encoding="utf-8").splitlines()
             if line.startswith("%")]
    start = next(i for i, line in enumerate(lines) if line.startswith("indicator "))
    hypotheses = lines[start].split()[1:-1]
    rows = {}
    for line in lines[start + 1 :]:
        words = line.split()
        if not words or line.startswith("("):
            break
        cells = []
        for k in range(len(hypotheses)):
            effect, ratio, sign = words[1 + 3 * k : 4 + 3 * k]
            cells.append((float(effect) / 100, None if ratio == "None" else float(ratio), sign))
        rows[words[0]] = (cells, float(words[1 + 3 * len(hypotheses)]) / 100)
    return hypotheses, rows


@pytest.fixture(scope="module")
def matrix() -> Matrix:
    (drawn,) = load(str(FIXTURE)).matrices()
    return drawn


def test_cells_and_diagnosticity_match_the_fixture(matrix: Matrix) -> None:
    hypotheses, expected = _expected()
    assert {r.indicator for r in matrix.rows} == set(expected)
    for row in matrix.rows:
        cells, diagnosticity = expected[row.indicator]
        by_name = {c.hypothesis: c for c in row.cells}
        for name, (effect, ratio, sign) in zip(hypotheses, cells, strict=True):
            cell = by_name[name]
            assert cell.effect == pytest.approx(effect, abs=1e-9), (row.indicator, name)
            if ratio is None:
                assert cell.odds_ratio is None
            else:
                assert cell.odds_ratio == pytest.approx(ratio, abs=1e-4)
            assert cell.mark == sign
        assert row.diagnosticity == pytest.approx(diagnosticity, abs=1e-9)
        assert row.discriminates == (diagnosticity >= 0.02)


def test_columns_ranked_by_weighted_inconsistency(matrix: Matrix) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    ranked = re.findall(r"(\w+) ([0-9.]+) \(rank (\d)\)", text)
    assert [(c.hypothesis, round(c.inconsistency * 100, 6), c.rank) for c in matrix.columns] == [
        (name, float(points), int(rank)) for name, points, rank in ranked
    ]
    assert matrix.unreported == ("drones",)


def test_marks_and_odds_ratios() -> None:
    assert [mark(e) for e in (0.2, 0.1, 0.05, 0.02, 0.0, -0.019, -0.02, -0.1)] == [
        "CC", "CC", "C", "C", "N", "N", "I", "II"
    ]
    assert mark(None) == "?"
    assert odds_ratio(0.5, 0.5) == 1.0
    assert odds_ratio(0.75, 0.5) == pytest.approx(3.0)
    assert odds_ratio(0.4, 0.0) is None and odds_ratio(0.0, 0.0) == 1.0


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert isinstance(exited.value.code, int)
    return exited.value.code, out.getvalue()


def test_text_json_and_csv() -> None:
    code, text = _cli("matrix", str(FIXTURE))
    assert code == 0
    lines = text.splitlines()
    assert lines[1].split() == ["indicator", "sources", "feint", "attack", "diagnosticity"]
    assert lines[2].split() == ["talks", "b", "+24.0", "CC", "-28.8", "II", "52.8"]
    assert "Least inconsistent with the evidence: feint (0.0 points against)." in text
    assert "Do not discriminate between these hypotheses: snow." in text
    data = json.loads(_cli("matrix", "--format", "json", str(FIXTURE))[1])
    (threat,) = data["matrices"]
    assert [h["name"] for h in threat["hypotheses"]] == ["feint", "attack"]
    assert threat["rows"][0]["cells"][1] == {
        "hypothesis": "attack", "effect": pytest.approx(-0.288), "odds_ratio":
        pytest.approx(0.295774647887), "mark": "II",
    }
    rows = list(csv.DictReader(io.StringIO(_cli("matrix", "--format", "csv", str(FIXTURE))[1])))
    assert len(rows) == 6
    assert rows[1]["indicator"] == "talks" and rows[1]["hypothesis"] == "attack"
    assert float(rows[1]["effect"]) == pytest.approx(-0.288)


def test_unknown_set_is_a_name_never_declared(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["matrix", "--set", "nope", str(FIXTURE)])
    assert exited.value.code == 1
    assert "no competing set 'nope' (known: threat)" in capsys.readouterr().err
