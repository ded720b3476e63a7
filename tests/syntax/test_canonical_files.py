"""Every ``.assess`` file in the repository is already in canonical layout.

Picked up by glob, so new files are checked as they are added: everything
under ``rulesets/`` and ``examples/``, and under ``tests/`` every file that
parses, except inputs of formatting tests, named ``*.input.assess``. (Test
files that do not parse are fixtures of syntax errors.) Fix a failure with
``assess fmt FILE``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.cli import main
from assess.diagnostics import AssessError
from assess.syntax.parser import parse

ROOT = Path(__file__).resolve().parents[2]


def _parses(path: Path) -> bool:
    try:
        parse(path.read_text(encoding="utf-8"), str(path))
    except (AssessError, UnicodeDecodeError):
        return False
    return True


def canonical_files() -> list[Path]:
    shipped = sorted(ROOT.glob("rulesets/**/*.assess")) + sorted(ROOT.glob("examples/**/*.assess"))
    tests = [
        path
        for path in sorted(ROOT.glob("tests/**/*.assess"))
        if not path.name.endswith(".input.assess") and _parses(path)
    ]
    return shipped + tests


def test_the_glob_finds_files() -> None:
    assert any(path.parent.name == "examples" for path in canonical_files())


@pytest.mark.parametrize(
    "path", canonical_files(), ids=lambda path: str(path.relative_to(ROOT))
)
def test_file_is_canonical(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["fmt", "--check", "--diff", str(path)])
    diff = capsys.readouterr().out
    assert exited.value.code == 0, f"run `assess fmt {path.relative_to(ROOT)}`:\n{diff}"
