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


def test_downgrading_never_raises_a_report_in_the_order_the_grades_are_listed() -> None:
    """A to F and 1 to 6, "cannot be judged" last: it never outranks a judged grade."""
    letters, numbers = "ABCDEF", [1, 2, 3, 4, 5, 6]
    for number in numbers:
        column = [report_probability(letter, number) for letter in letters]
        assert column == sorted(column, reverse=True), number
    for letter in letters:
        row = [report_probability(letter, number) for number in numbers]
        assert row == sorted(row, reverse=True), letter


def test_cannot_be_judged_counts_as_the_worst_judged_grade() -> None:
    assert RELIABILITY["F"] == RELIABILITY["E"] < RELIABILITY["D"]
    assert CREDIBILITY[6] == CREDIBILITY[5] < CREDIBILITY[4]
    assert report_probability("F", 6) == pytest.approx(0.20)
    for number in CREDIBILITY:
        assert report_probability("F", number) < report_probability("D", number)
    for letter in RELIABILITY:
        assert report_probability(letter, 6) < report_probability(letter, 4)


@pytest.mark.parametrize("credibility", [1, 2, 3, 4, 5, 6])
def test_regrading_a_source_downward_never_raises_its_reports(credibility: int) -> None:
    """Through lowering: the choice of a report falls (or stays) as its source
    is graded A, B, … F, alone or beside a same-origin report."""
    found = []
    for letter in "ABCDEF":
        text = (
            f'source s "S" reliability {letter}.\nsource t "T" reliability C derived_from s.\n'
            f"report x by s credibility {credibility}.\nreport x by t credibility 4.\n"
            f"report y by s credibility {credibility}.\n"
        )
        choices = _choices(lower([parse(text)]))
        found.append((choices["x"][0], choices["y"][0]))
    assert [x for x, _ in found] == sorted((x for x, _ in found), reverse=True)
    assert [y for _, y in found] == sorted((y for _, y in found), reverse=True)


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
