"""An error found after the files are read still quotes its own source line.

The one handler in ``main`` quotes the lines of the workspace that the
failing command read; the error carries it out of the command
(``cli.common.reading``).
"""

from __future__ import annotations

from pathlib import Path

from cli_runner import run

CYCLE = "move(a, b).\nwin(X) :- move(X, Y), \\+ win(Y).\nquery(win(a)).\n"


def test_an_error_raised_while_compiling_quotes_its_line(tmp_path: Path) -> None:
    path = tmp_path / "game.assess"
    path.write_text(CYCLE)
    for argv in (("run", str(path)), ("why", str(path), "win(a)"), ("matrix", str(path))):
        outcome = run(*argv)
        assert outcome.code == 2, outcome.output
        first, line, caret = outcome.stderr.splitlines()[:3]
        assert first.startswith(f"{path}:2:1: error[negative_cycle]")
        assert (line, caret) == ("    win(X) :- move(X, Y), \\+ win(Y).", "    ^")

