"""Attribution defined once: an argument rests on the report with the largest
effect through it, and is corroborated only by origins feeding its premises."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.api import load
from assess.explain.effects import (
    contribution_table,
    group_inputs,
    of_query,
    through,
    through_table,
)
from assess.explain.judgement_result import Judgements

FIXTURE = Path(__file__).parent / "fixtures" / "attribution.assess"


@pytest.fixture(scope="module")
def judged() -> Judgements:
    return load(str(FIXTURE)).assess()


def test_the_argument_rests_on_the_largest_effect_through_it(judged: Judgements) -> None:
    h = judged.judgement("h")
    assert h.support is not None and h.support.label == "main"
    assert h.support.report is not None and h.support.report.quote == "x seen"
    # b's report adds more to P(h) in all, but less by way of [main].
    assert h.support.corroborating == ("b",)


def test_an_origin_that_only_makes_room_does_not_corroborate(judged: Judgements) -> None:
    h = judged.judgement("h")
    assert h.support is not None and "c" not in h.support.corroborating
    assert h.support.origin != "c"


def test_the_effect_through_an_argument_is_its_contribution_less_that_without_it() -> None:
    compiled = load(str(FIXTURE)).compile()
    model = compiled.model
    query = next(i for i, (pred, _) in enumerate(model.queries) if pred.name == "h")
    judged = of_query(model, query)
    groups = group_inputs(compiled.ir, model)
    (main,) = [k for k, items in groups.arguments.items() if items[0].label == "main"]
    reports = {i.name: i for items in groups.origins.values() for i in items}
    table = contribution_table(model, reports.values())
    held = through_table(model, groups.arguments[main], reports.values())
    found = {name: round(table.effect(i, query) or 0.0, 3) for name, i in reports.items()}
    assert found == {"x@a": 0.106, "y@b": 0.17, "z@c": 0.055, "w@c": -0.022}
    assert round(through(table, held, reports["x@a"], judged) or 0.0, 3) == 0.106
    assert round(through(table, held, reports["y@b"], judged) or 0.0, 3) == 0.031
    without = model.probability(query, {i: 0.0 for i in groups.arguments[main]})
    alone = model.probability(query, {reports["y@b"]: 0.0})
    both = model.probability(
        query, {reports["y@b"]: 0.0, **{i: 0.0 for i in groups.arguments[main]}})
    assert through(table, held, reports["y@b"], judged) == pytest.approx(
        (table.baseline[query] - alone) - (without - both), abs=1e-12)
