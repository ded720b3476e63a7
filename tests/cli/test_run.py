"""``assess run``: text and JSON answers, --all, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assess
from assess.cli import main

PROGRAM = """
e(a, b). e(b, c).
path(X, Y) :- e(X, Y).
path(X, Y) :- e(X, Z), path(Z, Y).
query(path(a, c)). query(path(c, a)).
"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    out, err = capsys.readouterr()
    return int(caught.value.code or 0), out, err


@pytest.fixture
def program(tmp_path: Path) -> str:
    path = tmp_path / "g.assess"
    path.write_text(PROGRAM, encoding="utf-8")
    return str(path)


def test_text_answers(program: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["run", "--semantics", "crisp", program], capsys)
    assert code == 0
    assert out.splitlines() == ["path(a,c)  true", "path(c,a)  false"]


def test_json_answers_and_all(program: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["run", "--semantics", "crisp", "--format", "json", "--all", "path/2", program], capsys
    )
    assert code == 0
    assert json.loads(out) == {
        "command": "run",
        "version": assess.__version__,
        "semantics": "crisp",
        "queries": [{"atom": "path(a,c)", "holds": True}, {"atom": "path(c,a)", "holds": False}],
        "facts": {"path/2": ["path(a,b)", "path(a,c)", "path(b,c)"]},
    }


def test_negative_cycle_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.assess"
    path.write_text("move(a, b).\nwin(X) :- move(X, Y), \\+ win(Y).\nquery(win(a)).\n")
    code, _, err = run(["run", str(path)], capsys)
    assert code == 2
    assert "negative_cycle" in err and "w.assess:2:1" in err


def test_unknown_predicate_for_all(program: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["run", "--all", "nope", program], capsys)
    assert code == 1 and "undefined_predicate" in err
