"""Each defeasible fixture holds its expected statuses after ``% Expected outcome``.

A block ``% Expected outcome:`` holds under both ambiguity policies;
``% Expected outcome (blocking):`` and ``(propagating):`` hold under one.
Each line is ``% atom  status in words``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import assess
from assess.cli import main
from assess.diagnostics import AssessError
from assess.render.defeasible import defeasible_data, defeasible_text

FIXTURES = Path(__file__).parent / "fixtures"
POLICIES = ("blocking", "propagating")
HEADER = re.compile(r"^% Expected outcome(?: \((\w+)\))?:\s*$")


def expected(text: str, policy: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    active = False
    for line in text.splitlines():
        header = HEADER.match(line)
        if header:
            active = header.group(1) in (None, policy)
        elif active and line.startswith("%") and line.strip("% "):
            atom, status = line.lstrip("% ").split(None, 1)
            found.append((atom, status.strip()))
    return found


CASES = [(p, policy) for p in sorted(FIXTURES.glob("*.assess")) for policy in POLICIES]


@pytest.mark.parametrize(("path", "policy"), CASES, ids=lambda x: getattr(x, "stem", x))
def test_fixture_statuses(path: Path, policy: str) -> None:
    wanted = expected(path.read_text(encoding="utf-8"), policy)
    assert wanted, "a fixture must state its expected outcome"
    result = assess.load(str(path)).defeasible(ambiguity=policy)
    assert [(a.text, a.status) for a in result.answers] == wanted


def test_json_contract() -> None:
    a = assess.load(str(FIXTURES / "tweety_penguin.assess"))
    data = defeasible_data(a.defeasible())
    assert data["semantics"] == "defeasible"
    assert data["queries"][:3] == [
        {"atom": "fly(tweety)", "definitely": False, "defeasibly": False},
        {"atom": "~fly(tweety)", "definitely": False, "defeasibly": True},
        {"atom": "bird(tweety)", "definitely": True, "defeasibly": True},
    ]


def test_text_names_the_policy() -> None:
    a = assess.load(str(FIXTURES / "nixon_diamond.assess"))
    lines = defeasible_text(a.defeasible(ambiguity="propagating")).splitlines()
    assert lines[0] == "% ambiguity propagating"
    assert lines[3] == "hawk(nixon)       contested"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    return int(caught.value.code or 0), capsys.readouterr().out


def test_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "freddie_injured.assess")
    code, out = run(["run", "--semantics", "defeasible", "--format", "json", path], capsys)
    assert code == 0
    assert json.loads(out)["queries"][0] == {
        "atom": "fly(freddie)", "definitely": False, "defeasibly": False,
    }
    code, out = run(["run", "--semantics", "defeasible", "--ambiguity", "propagating", path],
                    capsys)
    assert out.splitlines()[1:] == [
        "fly(freddie)   not provable",
        "fly(tweety)    defeasibly provable",
        "~fly(freddie)  defeasibly provable",
    ]


def test_unknown_policy_is_bad_input() -> None:
    a = assess.load(texts={"t.assess": "p. query(p)."})
    with pytest.raises(AssessError):
        a.defeasible(ambiguity="skeptical")
