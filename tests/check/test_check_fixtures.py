"""Each fixture holds the findings it must produce, as comment lines.

``% expect: unsafe_variable 3:9`` says that ``run_checks`` reports code
``unsafe_variable`` at line 3, column 9. A fixture without such lines must
produce no finding at all. The set of (code, line, column) must match
exactly: nothing missing, nothing extra.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assess.check import run_checks
from assess.syntax.parser import parse

FIXTURES = Path(__file__).parent / "fixtures"
EXPECT = re.compile(r"%\s*expect:\s*([a-z_]+)\s+(\d+):(\d+)")

Finding = tuple[str, int, int]

# The tradecraft warnings judge the argument map, not the program's structure;
# their fixtures (fixtures/tradecraft/, test_tradecraft_fixtures.py) expect all.
TRADECRAFT = {
    "unused_indicator",
    "unreachable_hypothesis",
    "no_disconfirming_indicator",
    "non_diagnostic_indicator",
    "single_source_hypothesis",
}


def expected_findings(text: str) -> set[Finding]:
    return {(m[1], int(m[2]), int(m[3])) for m in EXPECT.finditer(text)}


def actual_findings(text: str, name: str) -> set[Finding]:
    program = parse(text, name)
    found = run_checks([program])
    return {(d.code, d.span.line, d.span.column) for d in found if d.code not in TRADECRAFT}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.assess")), ids=lambda p: p.stem)
def test_fixture_has_exactly_its_expected_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = expected_findings(text)
    if path.stem != "clean":
        codes = {code for code, _, _ in expected}
        assert path.stem in codes, f"{path.name} must expect at least one {path.stem}"
    assert actual_findings(text, path.name) == expected
