"""What a hover says (``assess.lsp.hover``), read without the protocol."""

from __future__ import annotations

from pathlib import Path

import assess
from assess.analysis.icd203 import percent
from assess.lsp.hover import Hovers, escape
from assess.lsp.project import Project

RULES = """source s "S" reliability B.
indicator convoy "A convoy".
hypothesis h "H".
hypothesis g "G".
competing why: h, g.
[a] 0.8::h -< convoy.
[b] 0.3::g -< convoy.
"""
EVIDENCE = """% check with: rules.assess
report convoy by s credibility 2 "</script><img src=x onerror=alert(1)> *bold* [x](y)".
"""


def hover(project: Project, path: Path, name: str, line: int) -> str:
    parsed = project.parsed(str(path))
    assert parsed is not None
    found = next(o for o in parsed.names if o.name == name and o.span.line == line)
    return Hovers(project).hover(str(path), found, found.atom)


def test_a_ruleset_is_read_alone_until_its_evidence_is_open(tmp_path: Path) -> None:
    rules, evidence = tmp_path / "rules.assess", tmp_path / "evidence.assess"
    rules.write_text(RULES)
    evidence.write_text(EVIDENCE)
    project = Project([str(tmp_path)])
    alone = hover(project, rules, "h", 3)
    assert "*Read alone: open an evidence file" in alone
    assert "no chance on this evidence" in alone
    project.open(str(evidence), EVIDENCE)
    together = hover(project, rules, "h", 6)
    assert "*Read with rules.assess, evidence.assess:*" in together
    j = assess.load(str(rules), str(evidence)).assess().judgement("h")
    assert f"**{j.phrase} ({percent(j.probability)})**, rank 1 in `why`" in together
    assert escape("For: [a]") in together


def test_text_from_the_files_is_shown_not_read_as_markup(tmp_path: Path) -> None:
    rules, evidence = tmp_path / "rules.assess", tmp_path / "evidence.assess"
    rules.write_text(RULES)
    evidence.write_text(EVIDENCE)
    project = Project([str(tmp_path)])
    project.open(str(evidence), EVIDENCE)
    text = hover(project, evidence, "convoy", 2)
    assert "<" not in text.replace("\\<", "")
    shown = hover(project, rules, "h", 6)
    assert "\\</script\\>\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[x\\](y)" in shown
    assert "<img" not in shown.replace("\\<img", "")
