"""Properties that tie why, what-if and sensitivity together on random programs."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings

import assess
from assess.analysis.icd203 import band_index
from assess.api import Assessment
from assess.explain.changes import make_change
from assess.explain.evidence import report_info
from assess.explain.sensitivity import sensitivity
from assess.explain.session import Session, clamp, parse_atom
from assess.explain.whatif import what_if
from assess.explain.why import Step, why
from tests.explain.programs import program

H = parse_atom("h")
SETTINGS = settings(max_examples=40, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _load(text: str) -> Assessment:
    return assess.load(texts={"random.assess": text})


def _after(assessment: Assessment, session: Session, **options: list[str]) -> float:
    change = make_change(session.ir, options.get("assume", []), options.get("drop", []),
                         options.get("grade", []), options.get("set", []))
    rows = {r.atom: r for r in what_if(assessment, session, change).rows}
    return rows["h"].after


def _cited(step: Step) -> Iterator[str]:
    for r in step.reports:
        yield r.key
    for p in step.premises:
        yield from _cited(p)


@SETTINGS
@given(program())
def test_why_cites_only_reports_in_the_lineage(text: str) -> None:
    session = Session(_load(text).ir, [H], marginals=True)
    lineage = {report_info(session.ir, r).key for rule in session.lineage_reports(H)
               for r in session.ir.reports[rule]}
    for proof in why(session, H, k=5).proofs:
        assert set(_cited(proof.root)) <= lineage


@SETTINGS
@given(program())
def test_dropping_a_report_moves_h_by_its_contribution(text: str) -> None:
    assessment = _load(text)
    session = Session(assessment.ir, [H], marginals=True)
    result = why(session, H)
    for c in result.contributions:
        after = _after(assessment, session, drop=[c.report.key])
        assert abs((result.probability - after) - c.delta) <= 1e-9


@SETTINGS
@given(program())
def test_a_crossing_value_lands_on_the_band_edge(text: str) -> None:
    assessment = _load(text)
    session = Session(assessment.ir, [H])
    result = sensitivity(session, H)
    now = band_index(clamp(result.probability))
    for lever in result.levers:
        for value, edge in ((lever.up, result.edge_up), (lever.down, result.edge_down)):
            if value is None:
                continue
            if isinstance(value, str):
                after = _after(assessment, session, grade=[f"{lever.name}={value}"])
                assert band_index(clamp(after)) != now
                continue
            assert edge is not None
            after = _after(assessment, session, set=[f"{lever.name}={value!r}"])
            assert abs(after - edge) <= 1e-9, (lever, value, after, edge)
