"""``assess run`` under ``prob`` (the default): answers, JSON contract, guard rails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run

import assess.api

GRAPH = """
0.6::edge(a, b). 0.5::edge(b, c). 0.7::edge(a, c). 0.4::edge(c, a).
path(X, Y) :- edge(X, Y).
path(X, Y) :- edge(X, Z), path(Z, Y).
query(path(a, c)). query(path(c, b)).
"""


@pytest.fixture
def graph(tmp_path: Path) -> str:
    path = tmp_path / "g.assess"
    path.write_text(GRAPH, encoding="utf-8")
    return str(path)


def test_prob_is_the_default_and_prints_terms(graph: str) -> None:
    outcome = run("run", graph)
    assert outcome.code == 0
    assert outcome.stdout.splitlines() == [
        "path(a,c)  0.7900  likely",
        "path(c,b)  0.2400  unlikely",
    ]


def test_json_is_the_documented_contract(graph: str) -> None:
    outcome = run("run", "--format", "json", graph)
    data = json.loads(outcome.stdout)
    assert data.keys() == {
        "command", "version", "semantics", "queries", "hypotheses", "sets", "underived"}
    assert data["semantics"] == "prob"
    assert [q["atom"] for q in data["queries"]] == ["path(a,c)", "path(c,b)"]
    assert [set(q) for q in data["queries"]] == [{"atom", "probability"}] * 2
    assert abs(data["queries"][0]["probability"] - (1 - 0.3 * (1 - 0.6 * 0.5))) < 1e-12


def test_too_many_nodes_names_the_atom(tmp_path: Path) -> None:
    path = tmp_path / "g.assess"
    # Evidence: no bounds (``semantics.prob.bounds``), so the limit is an error.
    path.write_text(GRAPH + "evidence(edge(a, b)).\n", encoding="utf-8")
    outcome = run("run", "--max-nodes", "8", str(path))
    assert outcome.code == 2
    assert "compile_too_large" in outcome.stderr and "path/2" in outcome.stderr


def test_past_the_node_limit_the_answers_are_bounds(graph: str) -> None:
    outcome = run("run", "--max-nodes", "8", "--format", "json", graph)
    assert outcome.code == 0, outcome.stderr
    for query in json.loads(outcome.stdout)["queries"]:
        assert query["exact"] is False and query["lower"] <= query["upper"]
        assert query["stopped"] == "exact compilation stopped at 8 nodes"


def test_too_much_grounding_names_the_rule(graph: str) -> None:
    outcome = run("run", "--max-ground", "2", graph)
    assert outcome.code == 2
    assert "grounding_too_large" in outcome.stderr and "g.assess:" in outcome.stderr


def test_impossible_evidence_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "e.assess"
    path.write_text("0.5::a.\nb :- a.\nevidence(a, false).\nevidence(b, true).\nquery(a).\n")
    outcome = run("run", str(path))
    assert outcome.code == 2
    assert "impossible_evidence" in outcome.stderr and "evidence(b, true)" in outcome.stderr
    assert outcome.stderr.splitlines()[0].startswith("error[impossible_evidence]: ")


def test_api_prob_and_reweighting() -> None:
    loaded = assess.api.load(texts={"g.assess": GRAPH})
    result = loaded.probabilities()
    assert [a.text for a in result.answers] == ["path(a,c)", "path(c,b)"]
    changed = result.model.probabilities({"edge(a,c)": 0.0})
    assert abs(changed[0].probability - 0.3) < 1e-12
    gradient = result.model.gradient("path(a,c)")
    assert abs(gradient[next(i for i in gradient if i.name == "edge(a,c)")] - 0.7) < 1e-12
