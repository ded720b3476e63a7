"""The warnings the user controls: ``% allow``, ``% check with:``, ``--strict``,
``--ignore``, folders, standard input, and every syntax error of a file.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from cli_runner import run

SINGLETON = "edge(a, b).\nsource_of(X) :- edge(X, Y).\nquery(source_of(a)).\n"


def _findings(*argv: str) -> tuple[int, dict[str, object]]:
    outcome = run("check", "--format", "json", *argv)
    return outcome.code, json.loads(outcome.stdout)


def test_strict_fails_on_a_warning_and_ignore_drops_it(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text(SINGLETON)
    assert run("check", str(path)).code == 0
    strict = run("check", "--strict", str(path))
    assert strict.code == 1 and "warning[singleton_variable]" in strict.stderr
    assert run("check", "--strict", "--ignore", "singleton_variable", str(path)).output == ""
    assert run("check", "--strict", "--ignore", "singleton_variable", str(path)).code == 0


def test_ignore_names_a_warning_code(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text(SINGLETON)
    unknown = run("check", "--ignore", "singleton_variabel", str(path))
    assert unknown.code == 1 and "did you mean singleton_variable" in unknown.stderr
    an_error = run("check", "--ignore", "unsafe_variable", str(path))
    assert an_error.code == 2 and "errors cannot be ignored" in an_error.stderr


def test_an_allowed_warning_is_listed_apart_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text(SINGLETON + "% allow singleton_variable: Y is any target\n")
    code, document = _findings("--strict", str(path))
    assert (code, document["diagnostics"]) == (0, [])
    (allowed,) = document["allowed"]  # type: ignore[misc]
    assert (allowed["code"], allowed["why"]) == ("singleton_variable", "Y is any target")
    path.write_text(SINGLETON + "% allow singleton_variable:\n")
    assert _findings("--strict", str(path))[0] == 1  # a reason is required


def test_check_with_reads_the_named_files_first(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.assess").write_text(
        'source s "S" reliability B.\nindicator seen "seen".\nhypothesis h "H".\n'
        "[a] 0.8::h :- seen.\n[b] 0.3::~h :- \\+ seen.\n")
    evidence = tmp_path / "e.assess"
    evidence.write_text("report seen by s credibility 2.\n")
    alone = run("check", str(evidence))
    assert alone.code == 1 and "unknown_source" in alone.stderr
    evidence.write_text("% check with: rules/r.assess\nreport seen by s credibility 2.\n")
    code, document = _findings(str(evidence))
    assert code == 0
    assert document["files"] == [str(evidence)]


def test_folders_are_checked_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "a.assess").write_text("p(a).\nquery(p(a)).\n")
    (tmp_path / "b.assess").write_text("p(b, c).\nquery(p(b, c)).\n")  # p/2 beside p/1: alone, fine
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.assess").write_text("q :- r.\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.assess").write_text("broken(\n")
    code, document = _findings(str(tmp_path))
    assert code == 1
    names = ("a.assess", "b.assess", "sub/c.assess")
    assert document["files"] == [str(tmp_path / n) for n in names]
    found: list[dict[str, str]] = document["diagnostics"]  # type: ignore[assignment]
    assert [(d["code"], Path(d["file"]).name) for d in found] == [
        ("undefined_predicate", "c.assess")]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("check", str(empty)).code == 2


def test_standard_input_is_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"p :- q.\n")))
    outcome = run("check", "-")
    assert outcome.code == 1
    assert outcome.stderr.startswith("<stdin>:1:6: error[undefined_predicate]")


def test_fmt_takes_folders_and_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    messy = tmp_path / "sub" / "m.assess"
    messy.write_text("p:-q.\nq.\n")
    assert run("fmt", "--check", str(tmp_path)).code == 1
    assert run("fmt", str(tmp_path)).code == 0
    assert messy.read_text() == "p :- q.\nq.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"r:-s.\ns.\n")))
    assert run("fmt", "-").stdout == "r :- s.\ns.\n"


def test_every_recoverable_syntax_error_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.assess"
    path.write_text('p(a.\nsource s "a. b" reliability B.\nq :- r s.\nscenario "x" {\n'
                    "  t :- .\n}\nu(1).\nv(\n")
    outcome = run("check", str(path))
    lines = [line for line in outcome.stderr.splitlines() if "error[" in line]
    assert [line.split(":")[1] for line in lines] == ["1", "3", "5", "8"], outcome.stderr
    assert outcome.code == 1
