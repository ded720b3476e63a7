"""The example in examples/ach_demo reads as the walkthrough says it does."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from assess.api import load
from assess.cli import main
from assess.explain.judgement_result import Judgements

DEMO = Path(__file__).parents[2] / "examples" / "ach_demo"
FILES = (str(DEMO / "rules.assess"), str(DEMO / "evidence.assess"))


@pytest.fixture(scope="module")
def judged() -> Judgements:
    return load(*FILES).assess()


def test_the_ranking_and_terms(judged: Judgements) -> None:
    ((name, members),) = judged.sets
    assert name == "why_dark"
    assert [(j.name, j.estimate.value) for j in members] == [
        ("sanctions_evasion", "likely"),
        ("breakdown", "almost no chance"),
        ("seizure", "almost no chance"),
    ]


def test_arguments_name_rules_reports_and_sources(judged: Judgements) -> None:
    evasion = judged.judgement("sanctions_evasion")
    assert evasion.support is not None and evasion.support.label == "transfer_seen"
    assert evasion.support.origin == "imagery"
    assert evasion.against is not None and evasion.against.label == "distress"
    seizure = judged.judgement("seizure")
    assert seizure.against is not None and seizure.against.is_report
    assert seizure.against.report is not None
    assert seizure.against.report.atom.predicate == "reappeared_under_way"


def test_circular_reporting_counts_once() -> None:
    """The forum repeats the port news site: draft_change is one choice."""
    assessment = load(*FILES)
    reports = [r for r in assessment.ir.reports.values() if r[0].atom.predicate == "draft_change"]
    assert len(reports) == 1 and {r.source for r in reports[0]} == {"portnews", "forum"}


def test_the_matrix_reading() -> None:
    (matrix,) = load(*FILES).matrices()
    assert matrix.columns[0].hypothesis == "sanctions_evasion"
    assert matrix.columns[-1].hypothesis == "breakdown"
    assert all(r.discriminates for r in matrix.rows)
    boarding = next(r for r in matrix.rows if r.indicator == "boarding_seen")
    assert [c.mark for c in boarding.cells] == ["N", "CC", "N"]


def _block_after(heading: str) -> str:
    text = (DEMO / "README.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    return section.split("```", 2)[1].strip("\n")


def _output(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(list(argv))
    return out.getvalue().rstrip("\n")


def test_the_walkthrough_shows_what_the_commands_print() -> None:
    assert _output("run", *FILES) == _block_after("## The judgement")
    assert _output("matrix", *FILES) == _block_after("## The matrix")
