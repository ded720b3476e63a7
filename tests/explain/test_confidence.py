"""Confidence apart from likelihood (ICD 203): origins agreeing and opposing,
their grades, robustness in log-odds; on a hand-computed fixture and the flagship."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from assess.api import load
from assess.explain.confidence import Level
from assess.explain.judgement_result import Judgements
from assess.render.confidence import confidence_text

FIXTURE = Path(__file__).parent / "fixtures" / "confidence.assess"
ROOT = Path(__file__).parents[2]
FLAGSHIP = (str(ROOT / "rulesets" / "belarus_2022.assess"),
            str(ROOT / "examples" / "belarus_2022" / "as_of_article.assess"))


def _odds(p: float) -> float:
    return p / (1 - p)


@pytest.fixture(scope="module")
def judged() -> Judgements:
    return load(str(FIXTURE)).assess()


def test_agreeing_well_graded_origins_near_zero_are_not_low(judged: Judgements) -> None:
    imminent = judged.judgement("imminent")
    assert imminent.probability == pytest.approx(0.2 * 0.44**3)
    c = imminent.confidence
    assert c.sources == ("isw", "massicot", "pentagon") and c.opposing == ()
    weight = 10 * math.log10(_odds(0.2 * 0.44**3) / _odds(0.2 * 0.44**2))
    assert [b.weight for b in c.agreeing] == pytest.approx([weight] * 3)
    assert c.mean_grade == pytest.approx(0.8) and c.well_graded and c.robust
    assert c.robustness.loss is not None
    assert c.robustness.loss.moved_to == pytest.approx(0.2 * 0.44**2)
    assert c.level is Level.HIGH


def test_a_judgement_resting_on_one_d_graded_origin_is_low(judged: Judgements) -> None:
    coup = judged.judgement("coup").confidence
    assert coup.sources == ("exile",) and coup.agreeing[0].weight == math.inf
    assert coup.mean_grade == pytest.approx(0.625) and not coup.well_graded
    assert coup.robustness.breaking is coup.robustness.loss
    assert coup.level is Level.LOW
    text = " ".join(confidence_text(coup, 0.5625).split())
    assert text.startswith("Confidence is low: one source agrees with it (exile: its reports "
                           "raise it), fairly graded (report probability 0.62)")
    assert text.endswith("not robust: losing exile would move it to 0 % "
                         "(no chance on this evidence).")
    data = coup.to_json()
    assert data["agreeing"] == [{"source": "exile", "weight": "+inf", "grade": 0.625}]
    assert data["robust"] is False


def test_the_sentence_names_the_agreeing_sources_and_the_distance_to_the_edge(
    judged: Judgements,
) -> None:
    imminent = judged.judgement("imminent")
    text = " ".join(confidence_text(imminent.confidence, imminent.probability).split())
    assert text.startswith(
        "Confidence is high: three independent sources agree with it (isw, massicot, "
        "pentagon: their reports lower it), well graded (mean report probability 0.80); "
        "none pulls the other way by 1 dB or more; robust: it is 4.8 dB from the edge of "
        "its band (5 %); "
        "losing isw raises it 3.7 dB"
    )


def test_on_the_flagship_no_imminent_attack_is_held_with_at_least_moderate_confidence() -> None:
    judged = load(*FLAGSHIP).assess()
    imminent = judged.judgement("imminent_attack")
    c = imminent.confidence
    assert imminent.probability < 0.01
    assert c.level in (Level.MODERATE, Level.HIGH)
    assert len(c.agreeing) >= 2 and c.well_graded and c.robust
    assert all(b.weight < 0 for b in c.agreeing)
    # The article's deniers of anything imminent each agree, as witnesses,
    # though each alone adds little beside the others.
    assert {"pentagon", "saks", "reporters"} <= set(c.sources)
    assert "isw" not in c.sources
    text = " ".join(confidence_text(c, imminent.probability).split())
    assert f"agree with it ({', '.join(c.sources)}: their reports lower it)" in text
