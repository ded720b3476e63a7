"""``assess check`` on inputs that are not programs: one line, exit 2.

And the output contracts: ``file:line:col: severity[code]: message`` with
the source line and a caret; ``--format json``; "… and N more" past the cap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import assert_handled, run

UNREADABLE = {
    "missing": ("file_not_found", None),
    "directory": ("is_a_directory", None),
    "binary": ("binary_file", b"edge(a, b).\x00\x01\x02"),
    "latin1": ("not_utf8", "edge(caf\u00e9, b).\n".encode("latin-1")),
    "empty": ("empty_file", b""),
    "blank": ("empty_file", b"  \n\t\n"),
    "long_line": ("line_too_long", b"p(" + b"a" * 10_000_000 + b")."),
}


def make(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.assess"
    _, content = UNREADABLE[kind]
    if kind == "directory":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("kind", sorted(UNREADABLE))
def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, kind: str) -> None:
    path = make(tmp_path, kind)
    outcome = run("check", str(path))
    assert_handled(outcome)
    assert outcome.code == 2
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr
    code, _ = UNREADABLE[kind]
    assert lines[0].startswith(str(path))
    assert f"error[{code}]" in lines[0]
    assert len(lines[0]) < 200


def test_an_unreadable_file_does_not_hide_the_others(tmp_path: Path) -> None:
    good = tmp_path / "rules.assess"
    good.write_text("alarm :- burglary.\n")
    outcome = run("check", str(good), str(tmp_path / "nope.assess"))
    assert outcome.code == 2
    assert "error[file_not_found]" in outcome.stderr
    assert "error[undefined_predicate]" in outcome.stderr


def test_no_file_is_a_usage_error() -> None:
    outcome = run("check")
    assert_handled(outcome)
    assert outcome.code == 2


def test_text_format_quotes_the_line_with_a_caret(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text("node(a).\npath(X, Y) :- node(X).\n")
    outcome = run("check", str(path))
    assert outcome.code == 1
    assert outcome.stderr.splitlines() == [
        f"{path}:2:9: error[unsafe_variable]: variable Y in the head is not bound "
        "by a positive literal of the body",
        "    path(X, Y) :- node(X).",
        "            ^",
    ]


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text("node(a, b).\nsource_of(X) :- node(X, Y).\n")
    outcome = run("check", str(path))
    assert outcome.code == 0
    assert "warning[singleton_variable]" in outcome.stderr


def test_a_clean_file_prints_nothing(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text("edge(a, b).\npath(X, Y) :- edge(X, Y).\nquery(path(a, b)).\n")
    outcome = run("check", str(path))
    assert (outcome.code, outcome.output) == (0, "")


def test_json_format_shape(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text("alarm :- burglary.\n1.5::burglary.\nedge(a, b\n")
    broken = tmp_path / "broken.assess"
    broken.write_text("edge(a, b\n")
    outcome = run("check", "--format", "json", str(path), str(broken), str(tmp_path / "no"))
    assert outcome.code == 2
    document = json.loads(outcome.stdout)["errors"]
    assert isinstance(document, list) and len(document) == 3
    for finding in document:
        assert set(finding) == {"code", "severity", "file", "line", "column", "message"}
        assert finding["severity"] in ("error", "warning")
        assert isinstance(finding["line"], int) and isinstance(finding["column"], int)
    codes = sorted(finding["code"] for finding in document)
    assert codes == ["file_not_found", "syntax_error", "syntax_error"]


def test_json_format_when_clean_is_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text("edge(a, b).\n")
    outcome = run("check", "--format", "json", str(path))
    assert outcome.code == 0
    document = json.loads(outcome.stdout)
    assert (document["command"], document["diagnostics"], document["allowed"]) == (
        "check", [], [])


def test_a_long_list_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_text("".join(f"p{i} :- q{i}.\n" for i in range(80)))
    outcome = run("check", str(path))
    assert outcome.code == 1
    assert outcome.stderr.count("error[undefined_predicate]") == 50
    assert outcome.stderr.rstrip().endswith("… and 30 more")
    document = json.loads(run("check", "--format", "json", str(path)).stdout)
    assert len(document["diagnostics"]) == 80


def test_deep_nesting_is_refused_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "deep.assess"
    path.write_text("n(1).\np(X) :- n(Y), X is " + "(" * 20_000 + "Y" + ")" * 20_000 + ".\n")
    outcome = run("check", str(path))
    assert_handled(outcome)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_not_read_forever() -> None:
    outcome = run("check", "/dev/zero")
    assert outcome.code == 2
    assert "error[file_too_large]" in outcome.stderr


def test_the_quoted_line_is_the_line_the_number_names(tmp_path: Path) -> None:
    path = tmp_path / "rules.assess"
    path.write_bytes(b"ok.\r\np :- ok.\x0c % form feed\r\nr :- s.\r\n")
    outcome = run("check", str(path))
    assert outcome.stderr.splitlines()[1:] == ["    r :- s.", "         ^"]
