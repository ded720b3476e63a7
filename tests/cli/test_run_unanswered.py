"""A query with variables that nothing answers: every reading prints it as
written, ProbLog's ``r(X): 0`` (text and JSON), in its place among the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run

PROGRAM = "q(a).\nr(X) :- q(X), X \\= a.\nquery(r(X)).\nquery(q(Y)).\nquery(r(_)).\n"
EXPECTED = {
    "prob": ["r(X)  0.0000  no chance on this evidence (0 %)",
             "q(a)  1.0000  certain on this evidence (100 %)",
             "r(_)  0.0000  no chance on this evidence (0 %)"],
    "crisp": ["r(X)  false", "q(a)  true", "r(_)  false"],
    "defeasible": ["% ambiguity blocking", "r(X)  not provable", "q(a)  definitely provable",
                   "r(_)  not provable"],
}


@pytest.fixture
def program(tmp_path: Path) -> str:
    path = tmp_path / "u.assess"
    path.write_text(PROGRAM, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("semantics", EXPECTED)
def test_text_names_the_query_as_written(program: str, semantics: str) -> None:
    outcome = run("run", "--semantics", semantics, program)
    assert outcome.code == 0, outcome.output
    assert outcome.stdout.splitlines() == EXPECTED[semantics]


@pytest.mark.parametrize("semantics", EXPECTED)
def test_json_lists_it_among_the_queries(program: str, semantics: str) -> None:
    outcome = run("run", "--semantics", semantics, "--format", "json", program)
    queries = json.loads(outcome.stdout)["queries"]
    assert [q["atom"] for q in queries] == ["r(X)", "q(a)", "r(_)"]
    if semantics == "prob":
        assert [q["probability"] for q in queries] == [0.0, 1.0, 0.0]


def test_an_atom_no_world_makes_true_is_no_answer(tmp_path: Path) -> None:
    path = tmp_path / "n.assess"
    path.write_text("p(a). p(b). r(a). 0.5::r(b). q(X) :- p(X), \\+ r(X). query(q(X)).")
    outcome = run("run", "--format", "json", str(path))
    queries = json.loads(outcome.stdout)["queries"]
    assert queries == [{"atom": "q(b)", "probability": 0.5}]
