"""Inputs fuzzing found to crash or to answer wrongly, each with its exit
code and message."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import run

from assess.engine.evaluate import evaluate
from assess.engine.ir import Pred
from assess.engine.lower import lower
from assess.syntax.parser import parse


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
