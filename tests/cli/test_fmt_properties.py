"""``assess fmt`` on random programs: it keeps a file's line endings, and a
write that fails at any point leaves the file exactly as it was.

Programs are the printer's commented programs (comments at line ends, on
lines of their own and between tokens, block comments spanning lines) with
their line endings made ``\\n`` or ``\\r\\n``, and a little mess added so
that there is something to rewrite. A failure is simulated where the new
text goes to disk: ``os.write`` stops part way with a full disk (or a
Ctrl-C), or ``fsync``, ``chmod`` or the final ``replace`` raises.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from unittest import mock

from cli_runner import run
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.syntax.test_printer_properties import commented_programs

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)

files = st.builds(
    lambda case, newline: ("extra(a,b) :-  p( a ).\n" + case[1]).replace("\n", newline),
    commented_programs(),
    st.sampled_from(["\n", "\r\n"]),
)


def _endings(data: bytes) -> set[bytes]:
    return {b"\r\n" if data[i - 1 : i] == b"\r" else b"\n" for i, c in enumerate(data) if c == 10}


@SETTINGS
@given(files)
def test_fmt_keeps_the_line_endings(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.assess"
        path.write_bytes(text.encode("utf-8"))
        outcome = run("fmt", str(path))
        assert outcome.code == 0, outcome.output
        style = b"\r\n" if "\r\n" in text else b"\n"
        formatted = path.read_bytes()
        assert _endings(formatted) == {style}
        assert run("fmt", "--check", str(path)).code == 0


class _Failure:
    """``os.write`` on a disk that fills after ``fraction`` of the text: it
    writes that much, then raises ``error``."""

    def __init__(self, fraction: float, error: BaseException) -> None:
        self.fraction = fraction
        self.error = error
        self.budget: int | None = None
        self.write = os.write

    def __call__(self, handle: int, data: bytes | memoryview) -> int:
        if self.budget is None:
            self.budget = int(len(data) * self.fraction)
        if self.budget == 0:
            raise self.error
        written = self.write(handle, bytes(data[: self.budget]))
        self.budget -= written
        return written


FAILURES = st.one_of(
    st.tuples(
        st.just("write"),
        st.floats(0, 1, exclude_max=True),
        st.sampled_from(["full", "interrupt"]),
    ),
    st.tuples(st.sampled_from(["fsync", "chmod", "replace"]), st.just(0.0), st.just("full")),
)


@SETTINGS
@given(files, FAILURES)
def test_a_failed_write_leaves_the_file_as_it_was(
    text: str, failure: tuple[str, float, str]
) -> None:
    where, fraction, kind = failure
    error: BaseException = (
        KeyboardInterrupt() if kind == "interrupt" else OSError(errno.ENOSPC, "No space left")
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.assess"
        original = text.encode("utf-8")
        path.write_bytes(original)
        path.chmod(0o604)
        before = path.stat()
        fake = _Failure(fraction, error) if where == "write" else mock.Mock(side_effect=error)
        with mock.patch.object(os, where, fake):
            outcome = run("fmt", str(path))
        if kind == "interrupt":
            assert outcome.code == 130, outcome.output
        else:
            assert outcome.code == 2, outcome.output
            assert "error[unwritable_file]: cannot write: No space left" in outcome.stderr
        assert path.read_bytes() == original
        after = path.stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        assert stat.S_IMODE(after.st_mode) == 0o604
        assert os.listdir(folder) == ["f.assess"]
