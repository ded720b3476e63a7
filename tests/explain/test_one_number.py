"""Every command gives the number ``run`` gives: they read one compiled
assessment. On the flagship as of the article, for the hypotheses whose
formula prints, and on random programs with contraries, conflicts,
superiority, defeaters and evidence: ``run``'s judgement or answer, ``why``,
``why-not``, ``sensitivity``, ``what-if``'s "before", ``formula``, the
argument map's node and ``track``'s series agree to 1e-12.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

import assess
from assess.api import Assessment
from assess.diagnostics import AssessError
from tests.semantics.prob.test_contraries import Program
from tests.semantics.prob.test_formula_agrees import _text, with_evidence

ROOT = Path(__file__).parents[2]
RULES = str(ROOT / "rulesets" / "belarus_2022.assess")
ARTICLE = str(ROOT / "examples" / "belarus_2022" / "as_of_article.assess")


def numbers(assessment: Assessment, atom: str, *, formula: bool = True) -> dict[str, float]:
    """The probability of ``atom`` as each reader gives it."""
    found = {
        "why": assessment.why(atom).probability,
        "why-not": assessment.why_not(atom, max_size=1).probability,
        "sensitivity": assessment.sensitivity(atom).probability,
    }
    rows = {r.atom: r.before for r in assessment.what_if().rows}
    if atom in rows:
        found["what-if"] = rows[atom]
    if formula:
        (closed,) = assessment.formulas(atom)
        found["formula"] = closed.probability
        found["formula evaluated"] = float(closed.evaluate(closed.values))
    return found


@pytest.fixture(scope="module")
def flagship() -> Assessment:
    return assess.load(RULES, ARTICLE)


@pytest.mark.parametrize("atom", ["imminent_attack", "distraction_feint", "renewed_offensive"])
def test_the_flagship_gives_one_number_per_hypothesis(flagship: Assessment, atom: str) -> None:
    judged = flagship.assess().judgement(atom).probability
    for reader, value in numbers(flagship, atom).items():
        assert abs(value - judged) < 1e-12, (reader, value, judged)
    nodes = {n.label: n.probability for n in flagship.argument_map().nodes
             if n.kind == "hypothesis"}
    assert nodes[atom] is not None and abs(nodes[atom] - judged) < 1e-12
    (series,) = [s for s in assess.api.track_snapshots([flagship.snapshot(ARTICLE)]).series
                 if s.atom == atom]
    assert abs(series.probabilities[0] - judged) < 1e-12


@settings(max_examples=25, deadline=None, derandomize=True)
@given(with_evidence())
def test_random_programs_give_one_number(case: tuple[Program, list[tuple[str, bool]]]) -> None:
    text = _text(*case)
    assessment = assess.load(texts={"r.assess": text}, check=False)
    try:
        answers = assessment.prob().answers
    except AssessError:
        return
    for answer in answers:
        for reader, value in numbers(assessment, answer.text).items():
            assert abs(value - answer.probability) < 1e-12, (reader, answer, text)
