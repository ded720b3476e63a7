"""graph (DOT, SVG, JSON) and track (table, JSON, SVG) on small fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.cli.cli_runner import assert_handled, run

SNAPSHOTS = Path(__file__).parent / "fixtures" / "snapshots"
RULES = str(SNAPSHOTS / "rules.assess")
WEEKS = [str(SNAPSHOTS / f"week{i}.assess") for i in (1, 2, 3)]
BUILDUP = str(Path(__file__).parent / "fixtures" / "buildup.assess")


def test_graph_json_has_hypotheses_arguments_evidence_and_attacks(tmp_path: Path) -> None:
    both = tmp_path / "both.assess"
    both.write_text(Path(WEEKS[0]).read_text() + "report bridges by isw credibility 2.\n")
    outcome = run("graph", RULES, str(both), "--format", "json")
    assert outcome.code == 0, outcome.output
    data = json.loads(outcome.stdout)
    kinds = {n["label"]: n["kind"] for n in data["nodes"]}
    assert kinds["attack"] == "hypothesis" and kinds["[logistics]"] == "argument"
    assert kinds["bridges"] == "indicator" and kinds["isw B2"] == "evidence"
    ids = {n["label"]: n["id"] for n in data["nodes"]}
    edges = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert (ids["~attack"], ids["attack"], "attack") in edges
    assert (ids["bridges"], ids["[logistics]"], "support") in edges
    attack = next(n for n in data["nodes"] if n["label"] == "attack")
    assert 0 < attack["probability"] < 1


def test_graph_dot_draws_attacks_and_conditions_differently() -> None:
    outcome = run("graph", BUILDUP)
    assert outcome.code == 0, outcome.output
    assert outcome.stdout.startswith('digraph "argument map" {')
    assert 'arrowhead=odot, label="unless"' in outcome.stdout   # \+ exercises
    assert "shape=note" in outcome.stdout and 'style="rounded,bold,filled"' in outcome.stdout


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graph_svg_renders_with_graphviz() -> None:
    outcome = run("graph", BUILDUP, "--format", "svg")
    assert outcome.code == 0, outcome.output
    root = ElementTree.fromstring(outcome.stdout)
    assert root.tag.endswith("svg")
    assert "attack" in outcome.stdout


def test_graph_svg_without_graphviz_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    outcome = run("graph", BUILDUP, "--format", "svg")
    assert_handled(outcome)
    assert outcome.code == 2
    assert "apt-get install graphviz" in outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) == 1


def test_track_names_the_reports_behind_each_change_of_term() -> None:
    outcome = run("track", RULES, *WEEKS, "--format", "json")
    assert outcome.code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert [s["name"] for s in data["snapshots"]] == ["week1", "week2", "week3"]
    attack = next(s for s in data["series"] if s["atom"] == "attack")
    assert attack["probabilities"][0] == 0 and attack["probabilities"][1] > 0.3
    first, second = data["changes"]
    assert (first["before"], first["after"]) == (0, 1)
    causes = [(c["change"], c["report"]["atom"]) for c in first["causes"]]
    assert causes[0] == ("added", "bridges")
    assert ("regraded", "troops(30000)") in causes
    regraded = next(c for c in first["causes"] if c["change"] == "regraded")
    assert regraded["previous_grade"] == "B3" and regraded["report"]["grade"] == "B1"
    dropped = [(c["change"], c["report"]["atom"]) for c in second["causes"]]
    assert dropped == [("dropped", "bridges")]
    assert second["causes"][0]["effect"] == pytest.approx(-attack["probabilities"][1])


def test_track_text_and_svg() -> None:
    text = run("track", RULES, *WEEKS)
    assert text.code == 0 and "▁" in text.stdout and "added      bridges@isw" in text.stdout
    svg = run("track", RULES, *WEEKS, "--format", "svg")
    root = ElementTree.fromstring(svg.stdout)
    assert root.tag.endswith("svg") and len(root.findall("{*}polyline")) == 1


def test_an_argument_node_shows_the_chance_it_fires() -> None:
    data = json.loads(run("graph", BUILDUP, "--format", "json").stdout)
    nodes = {n["label"]: n for n in data["nodes"]}
    troops = nodes["troops(30000)"]["probability"]          # 1 - 0.2 * 0.3
    assert troops == pytest.approx(0.94)
    massing = nodes["[massing]"]
    assert massing["weight"] == 0.6
    assert massing["probability"] == pytest.approx(0.6 * troops, abs=1e-12)
    go = nodes["[go]"]                                      # 0.8 · P(ready) · P(no exercises)
    ready = nodes["ready"]["probability"]
    assert go["probability"] == pytest.approx(0.8 * ready * (1 - 0.625), abs=1e-12)
