"""Progress is shown on a terminal and never in a pipe; limit errors say how
far the work got.

The command runs in a child process whose stderr is a pseudo-terminal
(``pty``) or a pipe; ``ASSESS_PROGRESS_DELAY=0`` makes bars appear at once
(they normally wait a second), so that a small program shows them.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from assess import progress

REPO = Path(__file__).parents[2]
PROGRAM = "".join(f"0.5::e({i}, {i + 1}).\n" for i in range(30)) + (
    "p(X, Y) :- e(X, Y).\np(X, Y) :- p(X, Z), e(Z, Y).\nquery(p(0, 30)).\n"
)
NEGATED = PROGRAM.replace("p(X, Y) :- e(X, Y).", "p(X, Y) :- e(X, Y), \\+ cut(Y).") + "".join(
    f"0.1::cut({i}).\n" for i in range(31)
)
"""With negation: past a limit, no bounds (``bounds.monotone``), an error."""


def _run(
    tmp_path: Path, stderr_on_terminal: bool, *args: str, text: str = PROGRAM
) -> tuple[str, str]:
    path = tmp_path / "chain.assess"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "ASSESS_PROGRESS_DELAY": "0"}
    command = [sys.executable, "-m", "assess", "run", str(path), *args]
    if not stderr_on_terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        return done.stdout, done.stderr
    leader, follower = pty.openpty()
    # A new pseudo-terminal is 0 columns wide; a real one has a width.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        child = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=follower, env=env, text=True
        )
        os.close(follower)
        stdout, _ = child.communicate(timeout=120)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the child
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    return stdout, seen.decode("utf-8", "replace")


def test_progress_appears_on_a_terminal(tmp_path: Path) -> None:
    stdout, stderr = _run(tmp_path, True)
    assert "p(0,30)" in stdout
    assert "grounding" in stderr and "compiling" in stderr


def test_progress_never_goes_into_a_pipe(tmp_path: Path) -> None:
    stdout, stderr = _run(tmp_path, False)
    assert "p(0,30)" in stdout
    assert stderr == ""


def test_a_node_limit_says_how_far_compiling_got(tmp_path: Path) -> None:
    _, stderr = _run(tmp_path, False, "--max-nodes", "40", text=NEGATED)
    assert "compile_too_large" in stderr
    assert "components" in stderr and "40 nodes" in stderr


def test_past_a_node_limit_a_program_without_negation_gets_bounds(tmp_path: Path) -> None:
    stdout, _ = _run(tmp_path, False, "--max-nodes", "40")
    assert "≤ P ≤" in stdout and "exact compilation stopped at 40 nodes" in stdout


def test_without_a_display_reports_are_only_remembered() -> None:
    progress.report("grounding", 1, 4, "12 atoms of p/2")
    step = progress.last()
    assert step is not None and str(step) == "grounding 1 of 4, 12 atoms of p/2"


def test_limits_stop_at_the_same_place_under_any_hash_seed(tmp_path: Path) -> None:
    path = tmp_path / "chain.assess"
    path.write_text(NEGATED, encoding="utf-8")
    plain = tmp_path / "plain.assess"
    plain.write_text(PROGRAM, encoding="utf-8")
    outcomes = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed}
        outcomes.add(tuple(
            (lambda done: done.stderr + done.stdout)(subprocess.run(
                [sys.executable, "-m", "assess", "run", str(file), *limit],
                capture_output=True, text=True, env=env, timeout=120,
            ))
            for file, limit in ((path, ["--max-nodes", "40"]), (path, ["--max-ground", "100"]),
                                (plain, ["--max-nodes", "40"]))
        ))
    (nodes, ground, bounded), = outcomes
    assert "exact compilation stopped at 40 nodes" in bounded
    assert "compile_too_large" in nodes and " components" in nodes
    assert "grounding_too_large" in ground and "in stratum 3 of 3" in ground
