"""``assess fmt``: rewrite in place, ``--check``, ``--diff``, and bad input."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from unittest import mock

import pytest

from assess.cli import main

MESSY = "edge(a,b).\npath(X,Y):-edge(X,Y).\n"
CANONICAL = "edge(a, b).\npath(X, Y) :- edge(X, Y).\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(["fmt", *args])
    captured = capsys.readouterr()
    code = exited.value.code
    assert isinstance(code, int)
    return code, captured.out, captured.err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path


def untouched(path: Path, text: str) -> bool:
    return path.read_text(encoding="utf-8") == text and path.stat().st_mtime_ns == 1_000_000_000


def test_rewrites_changed_files_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = write(tmp_path / "messy.assess", MESSY)
    tidy = write(tmp_path / "tidy.assess", CANONICAL)
    code, out, err = run(capsys, str(messy), str(tidy))
    assert code == 0 and out == ""
    assert messy.read_text(encoding="utf-8") == CANONICAL
    assert untouched(tidy, CANONICAL)
    assert f"reformatted {messy}" in err and str(tidy) not in err


def test_check_names_files_that_would_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messy = write(tmp_path / "messy.assess", MESSY)
    tidy = write(tmp_path / "tidy.assess", CANONICAL)
    code, out, _ = run(capsys, "--check", str(messy), str(tidy))
    assert code == 1
    assert out == f"would reformat {messy}\n"
    assert untouched(messy, MESSY)
    assert run(capsys, "--check", str(tidy))[0] == 0


@pytest.mark.parametrize(("flags", "expected_code"), [(["--diff"], 0), (["--check", "--diff"], 1)])
def test_diff_shows_the_change_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], expected_code: int
) -> None:
    messy = write(tmp_path / "messy.assess", MESSY)
    code, out, _ = run(capsys, *flags, str(messy))
    assert code == expected_code
    assert "-path(X,Y):-edge(X,Y).\n" in out and "+path(X, Y) :- edge(X, Y).\n" in out
    assert out.startswith(f"--- {messy} (original)\n+++ {messy} (formatted)\n")
    assert untouched(messy, MESSY)


def test_a_syntax_error_anywhere_touches_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messy = write(tmp_path / "messy.assess", MESSY)
    broken = write(tmp_path / "broken.assess", "edge(a, b)\n")
    code, out, err = run(capsys, str(messy), str(broken))
    assert code == 2 and out == ""
    assert f"{broken}:1:" in err and "syntax_error" in err
    assert untouched(messy, MESSY) and untouched(broken, "edge(a, b)\n")


def test_an_unreadable_file_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(tmp_path / "missing.assess"))
    assert code == 2 and "file_not_found" in err


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = write(tmp_path / "messy.assess", MESSY)
    tidy = write(tmp_path / "tidy.assess", CANONICAL)
    code, out, _ = run(capsys, "--check", "--diff", "--format", "json", str(messy), str(tidy))
    document = json.loads(out)
    assert code == 1 and document["changed"] == 1
    assert [(f["path"], f["changed"]) for f in document["files"]] == [
        (str(messy), True),
        (str(tidy), False),
    ]
    assert "+edge(a, b).\n" in document["files"][0]["diff"]
    assert "diff" not in document["files"][1]


def test_a_file_with_fmt_off_is_left_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MESSY + "% fmt: off (positions matter here)\n"
    kept = write(tmp_path / "kept.assess", text)
    assert run(capsys, "--check", str(kept))[0] == 0
    assert run(capsys, str(kept))[0] == 0
    assert untouched(kept, text)


def test_a_crlf_file_keeps_crlf_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Block comments too: they once kept their ``\\r`` while the rest got ``\\n``."""
    path = tmp_path / "crlf.assess"
    path.write_bytes(b"/* two\r\n   lines */\r\nedge(a,b).  % why\r\npath(X,Y):-edge(X,Y).\r\n")
    code, _, err = run(capsys, str(path))
    assert code == 0 and f"reformatted {path}" in err
    assert path.read_bytes() == (
        b"/* two\r\n   lines */\r\nedge(a, b).  % why\r\npath(X, Y) :- edge(X, Y).\r\n"
    )
    assert run(capsys, "--check", str(path))[0] == 0


def test_only_the_files_named_are_formatted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A loaded file is not rewritten, and not even read: a syntax error in it
    does not stop the file that loads it being formatted."""
    rules = write(tmp_path / "rules.assess", MESSY)
    broken = write(tmp_path / "broken.assess", "edge(a, b)\n")
    main_file = write(
        tmp_path / "main.assess", 'load "rules.assess".\nload "broken.assess".\nq(X):-p(X).\n'
    )
    code, out, err = run(capsys, "--format", "json", str(main_file))
    assert code == 0, err
    assert json.loads(out)["files"] == [{"path": str(main_file), "changed": True}]
    assert main_file.read_text(encoding="utf-8").endswith("q(X) :- p(X).\n")
    assert untouched(rules, MESSY) and untouched(broken, "edge(a, b)\n")


def test_a_file_is_replaced_with_its_permissions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messy = write(tmp_path / "messy.assess", MESSY)
    messy.chmod(0o640)
    link = tmp_path / "link.assess"
    link.symlink_to(messy.name)
    assert run(capsys, str(link))[0] == 0
    assert link.is_symlink() and messy.read_text(encoding="utf-8") == CANONICAL
    assert stat.S_IMODE(messy.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.assess", "messy.assess"]


def test_a_file_that_cannot_be_written_is_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messy = write(tmp_path / "messy.assess", MESSY)
    with mock.patch.object(os, "fsync", side_effect=OSError(errno.ENOSPC, "No space left")):
        code, _, err = run(capsys, str(messy))
    assert code == 2
    assert f"{messy}: error[unwritable_file]: cannot write: No space left" in err
    assert "the file is unchanged" in err
    assert untouched(messy, MESSY)
    assert [p.name for p in tmp_path.iterdir()] == ["messy.assess"]
