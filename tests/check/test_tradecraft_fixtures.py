"""Tradecraft fixtures: each holds every finding it must produce.

``% expect: unused_indicator 5:1`` says that ``run_checks`` reports that code
at line 5, column 1. The whole set of (code, line, column) of *all* checks
must match exactly, so each fixture is also structurally clean, and
``clean.assess`` has no finding at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assess.check import run_checks
from assess.syntax.parser import parse

FIXTURES = Path(__file__).parent / "fixtures" / "tradecraft"
EXPECT = re.compile(r"%\s*expect:\s*([a-z_]+)\s+(\d+):(\d+)")


def expected_findings(text: str) -> set[tuple[str, int, int]]:
    return {(m[1], int(m[2]), int(m[3])) for m in EXPECT.finditer(text)}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.assess")), ids=lambda p: p.stem)
def test_tradecraft_fixture_has_exactly_its_expected_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = expected_findings(text)
    if path.stem != "clean":
        assert path.stem in {code for code, _, _ in expected}
    found = run_checks([parse(text, path.name)])
    assert {(d.code, d.span.line, d.span.column) for d in found} == expected
    assert all(not d.is_error for d in found)


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
