"""Every ``.assess`` file in the repository passes ``assess check``.

Rule files, examples and test fixtures must have no error. An evidence
file is meant to be run with a ruleset, so it passes when it is clean alone,
together with another ``.assess`` file of its folder, or together with one
of ``rulesets/*.assess`` (or with the files it names in a ``% check with:
path …`` comment, relative to itself).

In ``rulesets/`` and ``examples/``, what analysts read, a warning is allowed
only where the file explains it with a comment ``% allow <code>: <why>``:
they pass ``assess check --strict``, which honours those comments and the
``% check with:`` ones itself (``assess.check.directives``).
Test fixtures are small programs that exercise one feature, so their
warnings (a singleton on purpose, a hypothesis with no disconfirming
indicator) are tolerated; their errors are not.

Not programs, and skipped: ``tests/syntax/`` (fixtures of the text itself:
syntax errors and layouts), check fixtures that carry ``% expect: <code>
<line>:<col>`` lines (``tests/test_fixture_answers.py`` holds them to
exactly those findings), and files that say ``% check: skip <why>``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_runner import run

from assess.check.directives import check_with
from assess.syntax.parser import parse
from tests.fixtures import stated_findings

REPO = Path(__file__).resolve().parents[2]
FOLDERS = ("rulesets", "examples", "tests", "bench")
SKIP = re.compile(r"%\s*check:\s*skip\s+\S")


NOT_PROGRAMS = REPO / "tests" / "syntax"
STRICT = (REPO / "rulesets", REPO / "examples")


def repository_files() -> list[Path]:
    found = (path for folder in FOLDERS for path in (REPO / folder).rglob("*.assess"))
    return sorted(
        path
        for path in found
        if ".ci-venv" not in path.parts and not path.is_relative_to(NOT_PROGRAMS)
    )


def meant_to_be_clean(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return not stated_findings(path, text) and not SKIP.search(text)


def findings(*paths: Path) -> list[dict[str, object]]:
    """What ``assess check`` reports: every error, and the warnings that the
    files do not allow."""
    outcome = run("check", "--format", "json", *(str(path) for path in paths))
    document = json.loads(outcome.stdout)
    assert document["command"] == "check", document
    found: list[dict[str, object]] = document["diagnostics"]
    return found


def companions(path: Path) -> list[list[Path]]:
    """The sets of files ``path`` may be checked with, alone first: alone if it
    says ``% check with:`` (``assess check`` adds those), else also with a
    sibling or a ruleset."""
    if check_with(parse(path.read_text(encoding="utf-8"), str(path))):
        return [[path]]
    siblings = sorted(path.parent.glob("*.assess"))
    rulesets = sorted((REPO / "rulesets").glob("*.assess"))
    return [[path]] + [[other, path] for other in siblings + rulesets if other != path]


def unexplained(
    document: list[dict[str, object]], strict: tuple[Path, ...] = STRICT
) -> list[dict[str, object]]:
    """Errors, and the warnings left under ``strict`` folders."""
    return [
        finding
        for finding in document
        if finding["severity"] == "error"
        or any(Path(str(finding["file"])).resolve().is_relative_to(root) for root in strict)
    ]


FILES = [path for path in repository_files() if meant_to_be_clean(path)]


def test_the_repository_has_clean_files_to_check() -> None:
    assert any(path.match("tests/check/fixtures/clean.assess") for path in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_file_passes_check(path: Path) -> None:
    attempts = [unexplained(findings(*group)) for group in companions(path)]
    best = min(attempts, key=len)
    assert best == [], "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['severity']}[{f['code']}]: {f['message']}"
        for f in best
    )


def test_only_explained_warnings_pass(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text("edge(a, b).\nsource_of(X) :- edge(X, Y).\n")
    strict = (tmp_path.resolve(),)
    assert [f["code"] for f in unexplained(findings(path), strict)] == ["singleton_variable"]
    assert unexplained(findings(path), ()) == []
    path.write_text(path.read_text() + "% allow singleton_variable: Y is any target\n")
    assert findings(path) == []
    path.write_text("p :- q.\n% allow undefined_predicate: errors cannot be allowed\n")
    assert [f["code"] for f in unexplained(findings(path), ())] == ["undefined_predicate"]


def test_rulesets_and_examples_pass_strict_check() -> None:
    """The command an analyst runs on the folders passes as the test above does."""
    outcome = run("check", "--strict", str(REPO / "rulesets"), str(REPO / "examples"))
    assert (outcome.code, outcome.output) == (0, "")
