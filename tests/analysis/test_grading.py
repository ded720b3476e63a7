"""The Admiralty grading table, its overrides, and how lowering applies them.

``fixtures/grading.assess`` states the probability of a report of every
grade, held by ``tests/test_fixture_answers.py``.
"""

from __future__ import annotations

import pytest

from assess.analysis.grading import (
    CREDIBILITY,
    DEFAULT_TABLE,
    RELIABILITY,
    report_probability,
    source_clusters,
)
from assess.engine.ir import IRProgram
from assess.engine.lower import lower
from assess.syntax.parser import parse


def _choices(ir: IRProgram) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for rule_id in ir.reports:
        rule = ir.rules[rule_id]
        assert rule.probability is not None
        found.setdefault(rule.head.pred.name, []).append(rule.probability)
    return found


def test_the_table_is_the_mean_of_the_two_judgements() -> None:
    for letter, r in RELIABILITY.items():
        for number, c in CREDIBILITY.items():
            assert DEFAULT_TABLE[f"{letter}{number}"] == pytest.approx((r + c) / 2)


def test_better_grades_never_give_lower_probabilities() -> None:
    letters, numbers = "ABCDE", [1, 2, 3, 4, 5]
    for i, letter in enumerate(letters):
        for j, number in enumerate(numbers):
            p = report_probability(letter, number)
            if i + 1 < len(letters):
                assert p > report_probability(letters[i + 1], number)
            if j + 1 < len(numbers):
                assert p > report_probability(letter, numbers[j + 1])


def test_cannot_be_judged_is_neutral() -> None:
    assert report_probability("F", 6) == 0.5
    for letter in "ABCDE":
        assert report_probability(letter, 6) == pytest.approx((RELIABILITY[letter] + 0.5) / 2)
    # F between C and D, 6 between 3 and 4: "cannot be judged" sits mid-scale.
    assert report_probability("C", 1) > report_probability("F", 1) > report_probability("D", 1)
    assert report_probability("A", 3) > report_probability("A", 6) > report_probability("A", 4)


def test_overrides_replace_single_cells() -> None:
    overrides = {"B2": 0.75}
    assert report_probability("B", 2, overrides) == 0.75
    assert report_probability("B", 3, overrides) == DEFAULT_TABLE["B3"]


def test_override_applies_to_every_report_of_that_grade() -> None:
    text = (
        'source s "S" reliability B.\ngrade B2 = 0.6.\n'
        "report x by s credibility 2.\nreport y by s credibility 2.\n"
        "report z by s credibility 3.\n"
    )
    choices = _choices(lower([parse(text)]))
    assert choices == {"x": [0.6], "y": [0.6], "z": [DEFAULT_TABLE["B3"]]}


def test_derived_from_links_sources_transitively_in_either_direction() -> None:
    clusters = source_clusters(
        {"tass": ("kremlin",), "ria": ("tass",), "belta": (), "kremlin": (), "isw": ()}
    )
    assert clusters["ria"] == clusters["tass"] == clusters["kremlin"]
    assert len({clusters["belta"], clusters["isw"], clusters["kremlin"]}) == 3
