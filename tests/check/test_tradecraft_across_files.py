"""Tradecraft findings judge the files of an invocation together.

(Each check's fixture, with the findings it must produce, is held by
``tests/test_fixture_answers.py``.)
"""

from __future__ import annotations

from assess.check import run_checks
from assess.syntax.parser import parse


def test_findings_hold_across_files() -> None:
    """A rules file and an evidence file are checked together."""
    rules = parse(
        'source a "A" reliability B.\nindicator convoy "C".\nhypothesis attack "H".\n'
        "[c] 0.7::attack :- convoy.\n",
        "rules.assess",
    )
    evidence = parse("report convoy by a credibility 2.\n", "evidence.assess")
    found = {(d.code, d.span.file) for d in run_checks([rules, evidence])}
    assert ("single_source_hypothesis", "rules.assess") in found
    assert ("unreachable_hypothesis", "rules.assess") not in found
