"""The defeasible reading's JSON, text and command line, on its fixtures.

The fixtures' own statuses (``% Expected outcome (defeasible):``) are held
by ``tests/test_fixture_answers.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assess
from assess.cli import main
from assess.diagnostics import AssessError
from assess.render.defeasible import defeasible_text

FIXTURES = Path(__file__).parent / "fixtures"


def test_json_contract() -> None:
    a = assess.load(str(FIXTURES / "tweety_penguin.assess"))
    data = a.defeasible().to_json()
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
