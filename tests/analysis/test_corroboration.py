"""Corroboration without double counting.

Independent origins of one reported atom are independent choices, so they
corroborate (noisy-or); reports from one source, or from sources linked by
``derived_from`` (transitively, in either direction), are one choice:
circular reporting is not corroboration.
"""

from __future__ import annotations

import pytest

from assess.engine.ir import IRProgram
from assess.engine.lower import lower
from assess.syntax.parser import parse

SOURCES = """
source kremlin "Kremlin statement" reliability C.
source tass "TASS" reliability C derived_from kremlin.
source ria "RIA Novosti" reliability C derived_from tass.
source isw "Institute for the Study of War" reliability B.
source pentagon "Pentagon press secretary" reliability B.
"""


def _choices(text: str) -> list[tuple[str, float, tuple[str, ...]]]:
    ir: IRProgram = lower([parse(SOURCES + text)])
    found = []
    for rule_id, reports in sorted(ir.reports.items()):
        rule = ir.rules[rule_id]
        assert rule.probability is not None and not rule.body
        found.append((rule.head.pred.name, rule.probability, tuple(r.source for r in reports)))
    return found


def test_independent_sources_are_separate_choices() -> None:
    choices = _choices(
        "report convoy by isw credibility 2.\nreport convoy by pentagon credibility 2.\n"
    )
    assert [(name, p) for name, p, _ in choices] == [("convoy", 0.8), ("convoy", 0.8)]


def test_one_source_twice_counts_once() -> None:
    once = _choices("report convoy by isw credibility 2.\n")
    twice = _choices(
        "report convoy by isw credibility 2.\nreport convoy by isw credibility 2.\n"
    )
    assert [(n, p) for n, p, _ in twice] == [(n, p) for n, p, _ in once] == [("convoy", 0.8)]
    assert twice[0][2] == ("isw", "isw")


def test_derived_from_chains_count_once_in_either_order() -> None:
    choices = _choices(
        "report convoy by ria credibility 2.\nreport convoy by kremlin credibility 3.\n"
        "report convoy by isw credibility 3.\n"
    )
    assert sorted((p, sources) for _, p, sources in choices) == [
        (0.7, ("isw",)),
        (0.725, ("ria", "kremlin")),  # C2 = 0.725 beats C3; one choice for the chain
    ]


def test_different_atoms_are_different_evidence() -> None:
    choices = _choices(
        "report troops(12500) by isw credibility 2.\nreport troops(13000) by isw credibility 2.\n"
    )
    assert len(choices) == 2


def _probability(text: str, query: str) -> float:
    from assess.semantics.prob.infer import infer

    model = infer(lower([parse(SOURCES + text + f"\nquery({query}).\n")]))
    return model.probability(query)


def test_independent_reports_corroborate_by_noisy_or() -> None:
    one = _probability("report convoy by isw credibility 2.", "convoy")
    two = _probability(
        "report convoy by isw credibility 2.\nreport convoy by pentagon credibility 2.", "convoy"
    )
    assert one == 0.8
    assert two == pytest.approx(1 - 0.2 * 0.2, abs=1e-12)


def test_one_origin_gives_the_probability_of_one_report() -> None:
    one = _probability("report convoy by isw credibility 2.", "convoy")
    same_source = _probability(
        "report convoy by isw credibility 2.\nreport convoy by isw credibility 2.", "convoy"
    )
    chain = _probability(
        "report convoy by kremlin credibility 2.\nreport convoy by tass credibility 2.\n"
        "report convoy by ria credibility 2.",
        "convoy",
    )
    assert same_source == one == 0.8
    assert chain == pytest.approx(0.725, abs=1e-12)  # C2, once, though three sources repeat it


def test_corroboration_flows_through_rules_without_double_counting() -> None:
    rule = "\n[force] 0.5::attack :- convoy.\n"
    independent = _probability(
        "report convoy by isw credibility 2.\nreport convoy by pentagon credibility 2." + rule,
        "attack",
    )
    circular = _probability(
        "report convoy by tass credibility 2.\nreport convoy by ria credibility 2." + rule,
        "attack",
    )
    assert independent == pytest.approx(0.5 * (1 - 0.2 * 0.2), abs=1e-12)
    assert circular == pytest.approx(0.5 * 0.725, abs=1e-12)
