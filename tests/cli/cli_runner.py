"""Run ``assess`` in-process as a user would, capturing output and exit code."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from assess.cli import main


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run(*argv: str) -> Outcome:
    """``assess ARGV…``: its exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(argv))
        except SystemExit as exc:
            code = exc.code
    assert isinstance(code, int), f"assess did not exit with a code: {code!r}"
    return Outcome(code, out.getvalue(), err.getvalue())


def assert_handled(outcome: Outcome) -> None:
    """Bad input may be refused, but never crash."""
    assert outcome.code in (0, 1, 2), outcome.output
    assert "Traceback" not in outcome.output
    assert "internal error" not in outcome.output
