"""Inputs fuzzing found to crash or to answer wrongly, each with its exit
code and message."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from cli_runner import run

from assess.engine.evaluate import evaluate
from assess.engine.ir import Pred
from assess.engine.lower import lower
from assess.syntax.parser import parse

REPO = Path(__file__).resolve().parents[2]


def chain(length: int) -> str:
    """``q(X0, Xn)`` along ``length`` edges of a 3-cycle of 0.5-edges, with a
    negation and a comparison among the joins."""
    body = [f"e(X{i}, X{i + 1})" for i in range(length)]
    body.insert(length // 2, f"\\+ blocked(X{length // 2})")
    body.append(f"X0 \\= X{length - 1}")
    return (
        "0.5::e(a, b).\n0.5::e(b, c).\n0.5::e(c, a).\nblocked(z).\n"
        f"q(X0, X{length}) :- {', '.join(body)}.\nquery(q(a, X)).\n"
    )


@pytest.mark.parametrize("length", [30, 60])
def test_a_rule_joining_many_literals_runs(tmp_path: Path, length: int) -> None:
    """Python allows 20 nested blocks in a function; the plan nests deeper
    joins in helpers. 30 and 60 edges round a 3-cycle end where they began."""
    path = tmp_path / "deep.assess"
    path.write_text(chain(length), encoding="utf-8")
    crisp = run("run", "--semantics", "crisp", str(path))
    assert (crisp.code, crisp.stdout) == (0, "q(a,a)  true\n"), crisp.output
    prob = run("run", str(path))
    assert prob.code == 0, prob.output
    assert prob.stdout.startswith("q(a,a)  0.1250"), prob.output
    model = evaluate(lower([parse(chain(length))]), record=True, possible=True)
    assert model.relations[Pred("q", 2)] == {("a", "a"), ("b", "b"), ("c", "c")}


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("a(1e309).\n", 3, "1e309 is too large for a number"),
        ("a(-1e309).\n", 4, "1e309 is too large for a number"),
        ("1e400::a.\n", 1, "1e400 is too large for a number"),
        ("a(X) :- X is 1e309 * 2.\n", 14, "1e309 is too large for a number"),
        (f"a({'7' * 4001}).\n", 3, "an integer of 4,001 digits (an integer has at most 4,000)"),
    ],
)
@pytest.mark.parametrize(("command", "code"), [("check", 1), ("run", 2), ("fmt", 2)])
def test_a_number_too_large_is_refused_at_its_column(
    tmp_path: Path, text: str, column: int, message: str, command: str, code: int
) -> None:
    """Not infinity (``a(inf)``), nor a crash in the printer."""
    path = tmp_path / "n.assess"
    path.write_text(text, encoding="utf-8")
    outcome = run(command, str(path))
    assert outcome.code == code, outcome.output
    assert f"{path}:1:{column}: error[invalid_number]: {message}" in outcome.stderr
    assert "inf" not in outcome.output.replace("invalid_number", "")
    assert path.read_text(encoding="utf-8") == text


def test_a_long_integer_with_leading_zeros_is_small(tmp_path: Path) -> None:
    path = tmp_path / "z.assess"
    path.write_text(f"a({'0' * 5000}7).\nquery(a(X)).\n", encoding="utf-8")
    outcome = run("run", "--semantics", "crisp", str(path))
    assert (outcome.code, outcome.stdout) == (0, "a(7)  true\n"), outcome.output


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("2 ** 100000", "2 ** 100000 would have 30,103 digits (an integer has at most 4,000)"),
        ("2 ** (2 ** 70)", "2 ** 1180591620717411303424 would have 355,393,490,465,494,859,777"),
        ("2 ** 2 ** 2 ** 2 ** 2", "2 ** 65536 would have 19,729 digits"),
        ("2 ** (10 ** 400)", "2 ** <an integer of 401 digits> would have more than 4,000 digits"),
        ("3 ** 8000 * 3 ** 8000", "a result of 7,634 digits (an integer has at most 4,000)"),
        ("(-8) ** 0.5", "(-8) ** 0.5 is not a real number"),
    ],
)
def test_an_integer_too_long_to_print_is_refused_not_a_crash(
    tmp_path: Path, expr: str, message: str
) -> None:
    """Python will not print an integer of more than 4,300 digits, and
    ``2 ** (2 ** 70)`` would never finish: both are refused at the rule."""
    path = tmp_path / "big.assess"
    path.write_text(f"b(1).\na(X) :- b(_), X is {expr}.\nquery(a(X)).\n", encoding="utf-8")
    outcome = run("run", str(path))
    assert outcome.code == 2, outcome.output
    assert f"{path}:2:1: error[arithmetic_error]: arithmetic or comparison failed: " in (
        outcome.stderr
    )
    assert message in outcome.stderr


def test_an_integer_within_the_bound_is_printed(tmp_path: Path) -> None:
    path = tmp_path / "big.assess"
    path.write_text("a(X) :- X is 10 ** 3999 + 1.\nquery(a(X)).\n", encoding="utf-8")
    outcome = run("run", "--semantics", "crisp", str(path))
    assert outcome.code == 0, outcome.output
    assert outcome.stdout == f"a(1{'0' * 3998}1)  true\n"


def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    """128 + SIGINT, as shells expect, not 2 (bad usage)."""
    path = tmp_path / "a.assess"
    path.write_text("a.\n", encoding="utf-8")
    with mock.patch("assess.workspace.Workspace.from_paths", side_effect=KeyboardInterrupt):
        outcome = run("check", str(path))
    assert (outcome.code, outcome.stderr.strip()) == (130, "interrupted")


def test_a_real_sigint_while_grounding_exits_130(tmp_path: Path) -> None:
    path = tmp_path / "slow.assess"
    facts = "".join(f"n({i}).\n" for i in range(600))
    path.write_text(facts + "q :- n(X), n(Y), n(Z), X + Y + Z < 0.\nquery(q).\n", "utf-8")
    started = (
        "import sys, assess.cli; print('ready', file=sys.stderr, flush=True); "
        f"assess.cli.main(['run', '--semantics', 'crisp', {str(path)!r}])"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", started], stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stderr is not None and child.stderr.readline() == "ready\n"
    time.sleep(0.5)
    child.send_signal(signal.SIGINT)
    try:
        code = child.wait(timeout=60)
    finally:
        child.kill()
    assert code == 130
    assert child.stderr.read().strip() == "interrupted"


NAMES = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"]
SEEDED = {
    "compile_too_large": (
        "".join(f"0.5::e({a}, {b}).\n" for a in NAMES for b in NAMES)
        + "p(X, Y) :- e(X, Y).\np(X, Z) :- p(X, Y), e(Y, Z).\nquery(p(X, Y)).\n"
        + "evidence(e(alpha, beta)).\n",  # evidence: no bounds, an error
        ["--max-nodes", "2000"],
    ),
    "grounding_too_large": (
        "".join(f"0.5::e({a}, {b}).\n" for a in NAMES for b in NAMES)
        + "p(X, Y) :- e(X, Y).\np(X, Z) :- p(X, Y), e(Y, Z).\nquery(p(X, Y)).\n",
        ["--max-ground", "300"],
    ),
    "contrary_cycle": (
        "".join(f"0.5::b({a}).\n" for a in NAMES) + "h(X) :- b(X).\n~h(X) :- h(X).\n"
        "query(h(X)).\n",
        [],
    ),
}


@pytest.mark.parametrize("code", sorted(SEEDED))
def test_what_an_error_names_does_not_depend_on_string_hashing(
    tmp_path: Path, code: str
) -> None:
    """Strings hash differently in every process; the atom a limit or a
    cycle names, and the order everything is compiled in, must not."""
    text, options = SEEDED[code]
    path = tmp_path / "seeded.assess"
    path.write_text(text, encoding="utf-8")
    messages = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "assess", "run", *options, str(path)],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 2 and f"error[{code}]" in done.stderr, done.stderr
        messages.add(done.stderr)
    assert len(messages) == 1, messages
