"""Judgements on a hand-computed fixture: probability, term, rank, arguments, confidence."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from assess.api import load
from assess.cli import main
from assess.explain.confidence import Level
from assess.explain.judgement_result import Judgements
from assess.render.judgement import assessment_text, shorten
from assess.syntax.ast import Estimate

FIXTURE = Path(__file__).parent / "fixtures" / "judgement.assess"


@pytest.fixture(scope="module")
def result() -> Judgements:
    return load(str(FIXTURE)).assess()


def test_probabilities_terms_and_ranks(result: Judgements) -> None:
    found = {
        j.name: (round(j.probability, 9), j.estimate, j.set, j.rank) for j in result.judgements
    }
    assert found == {
        "attack": (0.46032, Estimate.ROUGHLY_EVEN_CHANCE, "threat", 2),
        "feint": (0.5892, Estimate.LIKELY, "threat", 1),
        "buildup": (0.672, Estimate.LIKELY, None, 1),
    }
    assert [(name, [j.name for j in members]) for name, members in result.sets] == [
        ("threat", ["feint", "attack"])
    ]


def test_strongest_arguments_and_their_sources(result: Judgements) -> None:
    attack = result.judgement("attack")
    assert attack.support is not None and attack.against is not None
    assert (attack.support.label, round(attack.support.effect, 9)) == ("force", 0.46032)
    assert (attack.against.label, round(attack.against.effect, 9)) == ("talks_block", -0.21168)
    assert attack.against.origin == "tass"
    assert attack.against.report is not None and attack.against.report.quote == "talks will begin"
    assert attack.support.origin in ("isw", "pentagon")
    feint = result.judgement("feint")
    assert feint.support is not None and feint.against is None
    assert (feint.support.label, round(feint.support.effect, 9)) == ("show", 0.3792)


def test_confidence_factors(result: Judgements) -> None:
    attack = result.judgement("attack").confidence
    assert attack.sources == ("tass",)
    assert [b.origin for b in attack.opposing] == ["isw", "pentagon"]
    assert attack.mean_grade == pytest.approx(0.525)
    assert not attack.robust and attack.robustness.breaking is attack.robustness.loss
    assert attack.robustness.loss is not None
    assert attack.robustness.loss.moved_to == pytest.approx(0.672)
    assert attack.level is Level.LOW
    feint = result.judgement("feint").confidence
    # isw and pentagon both report the convoy: each is weighed as a witness,
    # with the other's report at 0 (6.2 dB), not left out (1.1 dB each).
    assert feint.sources == ("isw", "pentagon", "tass")
    assert [round(b.weight, 2) for b in feint.agreeing] == [6.21, 6.21, 1.91]
    assert feint.mean_grade == pytest.approx((0.525 + 0.8 + 0.8) / 3)
    assert feint.robustness.loss is not None
    assert feint.robustness.loss.moved_to == pytest.approx(0.526)
    assert feint.level is Level.LOW
    buildup = result.judgement("buildup").confidence
    assert buildup.sources == ("isw", "pentagon")
    assert buildup.well_graded and buildup.robust
    assert buildup.robustness.probe is not None
    assert buildup.robustness.probe.what == "a change of 0.1 in the weight of [seen]"
    assert buildup.robustness.probe.plain == (
        "a change of 0.1 in the weight of an argument for buildup")
    assert buildup.level is Level.HIGH


def test_text_states_likelihood_and_confidence_in_separate_sentences(
    result: Judgements,
) -> None:
    text = assessment_text(result)
    assert text.splitlines()[:3] == [
        "threat — not exclusive (P(more than one) 26 %, P(none) 21 %); most probable first",
        "  1. feint: likely (59 %)",
        "     \u201cA feint to pin forces in the north\u201d",
    ]
    flat = " ".join(text.split())
    assert "Against: the strongest argument lowers it from 67 % to 46 %" in flat
    assert "it rests on tass' report of talks: \u201ctalks will begin\u201d." in flat
    assert "it rests on isw's report of convoy, corroborated by pentagon." in flat
    assert ("Confidence is high: two independent sources agree with it (isw, pentagon: "
            "their reports raise it)") in flat
    assert "not robust: losing tass would move it to 67 % (likely)." in flat
    assert "hypotheses in no competing set\n  1. buildup: likely (67 %)" in text


def test_the_text_names_no_rule_label_or_place_unless_verbose(result: Judgements) -> None:
    text = " ".join(assessment_text(result).split())
    assert "[" not in text and "judgement.assess" not in text
    assert "a change of 0.1 in the weight of an argument for buildup lowers it 1.8 dB" in text
    verbose = " ".join(assessment_text(result, verbose=True).split())
    assert "Against: [talks_block] (judgement.assess:19) lowers it from 67 % to 46 %" in verbose
    assert "a change of 0.1 in the weight of [seen] lowers it 1.8 dB" in verbose
    assert text.count("the strongest argument") == 4
    assert "the strongest argument" not in verbose


def test_json_extends_the_prob_contract(result: Judgements) -> None:
    data = json.loads(json.dumps(result.to_json()))
    assert data["semantics"] == "prob"
    assert {q["atom"] for q in data["queries"]} == {"attack", "feint", "buildup"}
    attack = next(h for h in data["hypotheses"] if h["name"] == "attack")
    assert attack["estimate"] == "roughly even chance"
    assert attack["band"] == [0.45, 0.55]
    assert attack["set"] == "threat" and attack["rank"] == 2
    assert attack["confidence"]["level"] == "low"
    assert attack["against"]["rule"] == "talks_block"
    assert attack["against"]["report"] == {
        "atom": "talks", "source": "tass", "credibility": 3, "date": None,
        "quote": "talks will begin",
    }


def run(*argv: str) -> tuple[int, str]:
    """``assess ARGV…`` in-process: exit code and standard output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert isinstance(exited.value.code, int)
    return exited.value.code, out.getvalue()


def test_assess_run_prints_the_judgements_and_other_queries(tmp_path: Path) -> None:
    extra = tmp_path / "more.assess"
    extra.write_text("query(blocked).\n", encoding="utf-8")
    code, stdout = run("run", str(FIXTURE), str(extra))
    assert code == 0
    assert stdout.startswith(
        "threat — not exclusive (P(more than one) 26 %, P(none) 21 %); most probable first\n"
        "  1. feint: likely (59 %)"
    )
    assert stdout.rstrip().endswith("other queries\nblocked  0.3150  unlikely")
    data = json.loads(run("run", "--format", "json", str(FIXTURE))[1])
    assert [h["name"] for h in data["hypotheses"]] == ["feint", "attack", "buildup"]


def test_assess_run_verbose_names_rules_and_places() -> None:
    code, plain = run("run", str(FIXTURE))
    assert code == 0 and "[" not in plain and "judgement.assess:" not in plain
    code, verbose = run("run", "--verbose", str(FIXTURE))
    assert code == 0
    assert "For: [show] (judgement.assess:21) raises it from 21 % to 59 %" in verbose
    assert run("run", "--verbose", "--format", "json", str(FIXTURE))[1] == run(
        "run", "--format", "json", str(FIXTURE))[1]


def test_python_api_returns_typed_judgements() -> None:
    judged = load(str(FIXTURE)).assess()
    feint = judged.judgement("feint")
    assert feint.estimate is Estimate.LIKELY and feint.rank == 1
    assert feint.confidence.level is Level.LOW
    with pytest.raises(KeyError):
        judged.judgement("nothing")


def test_edge_cases_certain_impossible_and_underived(tmp_path: Path) -> None:
    path = tmp_path / "edge.assess"
    path.write_text(
        'source s "S" reliability B.\nhypothesis h "H".\nhypothesis g "G".\n'
        'hypothesis k(x) "K".\ncompeting c: h, g, k.\nreport x by s credibility 2.\n'
        "g :- x.\nevidence(x, true).\n",
        encoding="utf-8",
    )
    judged = load(str(path)).assess()
    assert [(j.name, j.phrase) for j in judged.judgements] == [
        ("g", "certain on this evidence (100 %)"),
        ("h", "no chance on this evidence (0 %)"),
    ]
    assert judged.underived == ("k",)
    assert all(j.confidence.level is Level.LOW for j in judged.judgements)
    assert "  –  k(X): no instance is derived on this evidence." in assessment_text(judged)


def test_quotes_are_whole_or_cut_between_words_and_marked() -> None:
    assert shorten("required in an invasion, including river crossings") == (
        "required in an invasion, including river crossings")
    long = "The first sentence is short. " + "word " * 60
    assert shorten(long) == "The first sentence is short. …"
    cut = shorten("word " * 60 + "end", 40)
    assert cut.endswith(" …") and set(cut[:-2].split()) == {"word"} and len(cut) <= 40
    assert shorten("one ... two ... three", 12) == "one …"


def test_the_flagship_quotes_its_reports_whole() -> None:
    root = Path(__file__).parents[2]
    judged = load(str(root / "rulesets" / "belarus_2022.assess"),
                  str(root / "examples" / "belarus_2022" / "as_of_article.assess")).assess()
    flat = " ".join(assessment_text(judged).split())
    quoted = [a.report.quote for j in judged.judgements for a in (j.support, j.against)
              if a is not None and a.report is not None and a.report.quote]
    assert len(quoted) >= 10
    for quote in quoted:
        assert f"\u201c{' '.join(quote.split())}\u201d" in flat
    assert "try to reopen the northern front\u201d" in flat
