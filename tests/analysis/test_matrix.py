"""The ACH matrix against the numbers written in its fixture, at any prior,
and on the flagship."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import re
from pathlib import Path

import pytest

from assess.api import load
from assess.cli import main
from assess.explain.matrix import Matrix, mark
from assess.explain.weight import decibans, likelihood_ratio, log_odds

FIXTURE = Path(__file__).parent / "fixtures" / "matrix.assess"
ROOT = Path(__file__).parents[2]
FLAGSHIP = (ROOT / "rulesets" / "belarus_2022.assess",
            ROOT / "examples" / "belarus_2022" / "as_of_article.assess")


def _expected() -> tuple[list[str], dict[str, tuple[list[tuple[float, float, str]], float]]]:
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
            weight, ratio, sign = words[1 + 3 * k : 4 + 3 * k]
            cells.append((float(weight), float(ratio), sign))
        rows[words[0]] = (cells, float(words[1 + 3 * len(hypotheses)]))
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
        for name, (weight, ratio, sign) in zip(hypotheses, cells, strict=True):
            cell = by_name[name]
            assert cell.weight == pytest.approx(weight, abs=1e-4), (row.indicator, name)
            assert cell.likelihood_ratio == pytest.approx(ratio, abs=1e-4)
            assert cell.mark == sign
        assert row.diagnosticity == pytest.approx(diagnosticity, abs=1e-4)
        assert row.discriminates == (diagnosticity >= 1.0)


def test_columns_ranked_by_decibans_against(matrix: Matrix) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    ranked = re.findall(r"(\w+) ([0-9.]+) \(rank (\d)\)", text)
    assert [(c.hypothesis, round(c.inconsistency, 4), c.rank) for c in matrix.columns] == [
        (name, float(against), int(rank)) for name, against, rank in ranked
    ]
    assert matrix.unreported == ("drones",)


def test_marks_and_weights() -> None:
    assert [mark(w) for w in (math.inf, 5.0, 4.9, 1.0, 0.99, 0.0, -0.99, -1.0, -5.0,
                              -math.inf)] == ["CC", "CC", "C", "C", "N", "N", "N", "I", "II",
                                              "II"]
    assert mark(None) == "?"
    assert decibans(0.5, 0.5) == 0.0
    assert decibans(0.75, 0.5) == pytest.approx(10 * math.log10(3))
    assert decibans(0.0, 0.4) == -math.inf and decibans(0.4, 0.0) == math.inf
    assert decibans(0.4, 1.0) == -math.inf and decibans(1.0, 0.4) == math.inf
    assert decibans(0.0, 0.0) == 0.0 and decibans(1.0, 1.0) == 0.0
    assert likelihood_ratio(-math.inf) == 0.0 and likelihood_ratio(10.0) == pytest.approx(10)
    assert log_odds(0.5) == 0.0


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert isinstance(exited.value.code, int)
    return exited.value.code, out.getvalue()


def test_text_json_and_csv_carry_the_same_numbers() -> None:
    code, text = _cli("matrix", str(FIXTURE))
    assert code == 0
    lines = text.splitlines()
    assert lines[1].split() == ["indicator", "sources", "feint", "attack", "diagnosticity"]
    assert lines[2].split() == ["convoy", "a", "+4.3", "C", "+∞", "CC", "∞"]
    assert lines[3].split() == ["talks", "b", "+4.3", "C", "-5.3", "II", "9.6"]
    assert "Least inconsistent with the evidence: feint (0.0 dB against)." in text
    assert "Most inconsistent with the evidence: attack (5.3 dB against)." in text
    assert "Do not discriminate between these hypotheses: snow." in text
    data = json.loads(_cli("matrix", "--format", "json", str(FIXTURE))[1])
    (threat,) = data["matrices"]
    assert threat["measure"] == "decibans"
    assert [h["name"] for h in threat["hypotheses"]] == ["feint", "attack"]
    convoy, talks = threat["rows"][:2]
    assert convoy["diagnosticity"] == "+inf"
    assert convoy["cells"][1] == {
        "hypothesis": "attack", "weight": "+inf", "likelihood_ratio": "+inf",
        "effect": pytest.approx(0.432), "mark": "CC",
    }
    assert talks["cells"][1] == {
        "hypothesis": "attack", "weight": pytest.approx(-5.2903905), "likelihood_ratio":
        pytest.approx(0.295774647887), "effect": pytest.approx(-0.288), "mark": "II",
    }
    rows = list(csv.DictReader(io.StringIO(_cli("matrix", "--format", "csv", str(FIXTURE))[1])))
    assert len(rows) == 6
    assert rows[1]["indicator"] == "convoy" and rows[1]["hypothesis"] == "attack"
    assert float(rows[1]["weight"]) == math.inf and rows[1]["weight"] == "+inf"
    assert rows[3]["indicator"] == "talks" and rows[3]["hypothesis"] == "attack"
    assert float(rows[3]["weight"]) == pytest.approx(-5.2903905)
    assert float(rows[3]["effect"]) == pytest.approx(-0.288)


def _threat(prior: float, extra: str = "") -> str:
    """Every report counts against ``attack``, whose prior is ``prior``; one
    counts a little against ``wait``, which starts at even chance."""
    return f"""
        source a "A" reliability B.  source b "B" reliability B.  source c "C" reliability B.
        indicator calm "Calm on the border".  indicator talks "Talks announced".
        indicator drawdown "Units leaving".  indicator ceasefire "A ceasefire signed".
        hypothesis attack "Attack".  hypothesis feint "Feint".  hypothesis wait "Wait".
        competing threat: attack, feint, wait.
        report calm by a credibility 2.
        report talks by b credibility 2.
        report drawdown by c credibility 2.
        [base] {prior}::attack.
        [calm_says] 0.6::~attack -< calm.
        [talks_say] 0.6::~attack -< talks.
        [drawdown_says] 0.6::~attack -< drawdown.
        [truce] ~attack -< ceasefire.
        [show] 0.3::feint :- calm.
        [cover] 0.3::feint :- talks.
        [hold] 0.5::wait.
        [hurry] 0.2::~wait -< talks.
        {extra}
    """


@pytest.mark.parametrize("prior", [0.001, 0.01, 0.1, 0.5, 0.9])
def test_evidence_all_against_a_hypothesis_ranks_it_most_inconsistent(prior: float) -> None:
    (drawn,) = load(texts={"threat.assess": _threat(prior)}).matrices()
    assert drawn.columns[-1].hypothesis == "attack"
    for row in drawn.rows:
        (attack,) = (c for c in row.cells if c.hypothesis == "attack")
        assert attack.weight is not None and attack.weight < -1.0 and attack.mark == "I"
    # The odds, not the points: at 0.1 % each report still weighs about -2.8 dB,
    # while taking off less than 0.1 points.
    calm = next(r for r in drawn.rows if r.indicator == "calm")
    assert calm.cells[-1].weight == pytest.approx(-2.9, abs=0.7)


def test_a_report_that_makes_a_hypothesis_impossible_is_infinitely_inconsistent() -> None:
    certain = 'grade B1 = 1.0.\nreport ceasefire by a credibility 1.\n'
    (drawn,) = load(texts={"threat.assess": _threat(0.5, certain)}).matrices()
    ceasefire = next(r for r in drawn.rows if r.indicator == "ceasefire")
    attack = next(c for c in ceasefire.cells if c.hypothesis == "attack")
    assert (attack.weight, attack.likelihood_ratio, attack.mark) == (-math.inf, 0.0, "II")
    assert drawn.columns[-1].hypothesis == "attack"
    assert drawn.columns[-1].inconsistency == math.inf


def test_on_the_flagship_an_imminent_attack_is_among_the_most_inconsistent() -> None:
    timing = next(m for m in load(*map(str, FLAGSHIP)).matrices() if m.set == "timing")
    ranked = [c.hypothesis for c in timing.columns]
    assert "imminent_attack" in ranked[len(ranked) // 2 :], ranked
    no_sign = next(r for r in timing.rows if r.indicator == "no_sign_of_imminent_activity")
    imminent = next(c for c in no_sign.cells if c.hypothesis == "imminent_attack")
    assert imminent.mark == "II"


def test_unknown_set_is_a_name_never_declared(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["matrix", "--set", "nope", str(FIXTURE)])
    assert exited.value.code == 1
    assert "no competing set 'nope' (known: threat)" in capsys.readouterr().err
