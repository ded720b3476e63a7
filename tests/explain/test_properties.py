"""Properties that tie why, what-if and sensitivity together on random programs."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings

import assess
from assess.analysis.icd203 import band_index, clamp
from assess.api import Assessment
from assess.engine.lower import parse_atom
from assess.explain.evidence import report_info
from assess.explain.why import Step
from tests.explain.programs import program

H = parse_atom("h")
SETTINGS = settings(max_examples=40, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _load(text: str) -> Assessment:
    return assess.load(texts={"random.assess": text})


def _after(assessment: Assessment, **options: list[str]) -> float:
    changed = assessment.what_if(
        assume=options.get("assume", []), drop=options.get("drop", []),
        grade=options.get("grade", []), set_=options.get("set", []),
    )
    return {r.atom: r for r in changed.rows}["h"].after


def _cited(step: Step) -> Iterator[str]:
    for r in step.reports:
        yield r.key
    for p in step.premises:
        yield from _cited(p)


@SETTINGS
@given(program())
def test_why_cites_only_reports_in_the_lineage(text: str) -> None:
    assessment = _load(text)
    compiled = assessment.compile(targets=[H], marginals=True)
    lineage = {report_info(compiled.ir, r).key for rule in compiled.lineage_reports(H)
               for r in compiled.ir.reports[rule]}
    for proof in assessment.why("h", k=5).proofs:
        assert set(_cited(proof.root)) <= lineage


@SETTINGS
@given(program())
def test_dropping_a_report_moves_h_by_its_contribution(text: str) -> None:
    assessment = _load(text)
    result = assessment.why("h")
    for c in result.contributions:
        after = _after(assessment, drop=[r.key for r in c.reports])
        assert c.delta is not None
        assert abs((result.probability - after) - c.delta) <= 1e-9


@SETTINGS
@given(program())
def test_a_crossing_value_lands_on_the_band_edge(text: str) -> None:
    assessment = _load(text)
    result = assessment.sensitivity("h")
    now = band_index(clamp(result.probability))
    for lever in result.levers:
        for value, edge in ((lever.up, result.edge_up), (lever.down, result.edge_down)):
            if value is None:
                continue
            if isinstance(value, str):
                after = _after(assessment, grade=[f"{lever.name}={value}"])
                assert band_index(clamp(after)) != now
                continue
            assert edge is not None
            after = _after(assessment, set=[f"{lever.name}={value!r}"])
            assert abs(after - edge) <= 1e-9, (lever, value, after, edge)
