"""The grouped argument map (groups, collapsing, observations, legend) and its pictures.

On the flagship: a group per competing set with each contrary right after
its positive and the residual last, hypotheses never collapsed, the two
ground instances of ``[smaller_than_failed]`` one node with their firing
probabilities; on the burglary network: the observation ``calls(john)``
drawn, with conditioning edges to the questions and arguments that fire as
often as the worlds given the observation say (checked by enumerating
worlds). DOT: clusters, pairs of one rank, free attack edges, a legend;
PNG when Graphviz is installed, a located error without it.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

import assess
from assess.explain.argmap import ArgumentMap
from assess.explain.mapdata import LEGEND, node_style
from assess.explain.track import Series, Snapshot, TrackResult
from assess.render.dot import to_dot
from assess.render.track import COLOURS, track_svg
from assess.render.why import pct
from tests.cli.cli_runner import assert_handled, run

ROOT = Path(__file__).parents[2]
R = str(ROOT / "rulesets" / "belarus_2022.assess")
E = str(ROOT / "examples" / "belarus_2022" / "as_of_article.assess")
BURGLARY = str(ROOT / "examples" / "burglary.assess")
BUILDUP = str(Path(__file__).parent / "fixtures" / "buildup.assess")
HAS_DOT = shutil.which("dot") is not None


@pytest.fixture(scope="module")
def flagship() -> tuple[ArgumentMap, ArgumentMap]:
    loaded = assess.load(R, E)
    return loaded.argument_map(), loaded.argument_map(expand=True)


def _by_label(graph: ArgumentMap) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for n in graph.nodes:
        found.setdefault(n.label, []).append(n.id)
    return found


def test_flagship_groups_each_competing_set_with_contraries_beside_positives(
    flagship: tuple[ArgumentMap, ArgumentMap],
) -> None:
    grouped, _ = flagship
    labels = {n.id: n.label for n in grouped.nodes}
    groups = {g.id: g for g in grouped.groups}
    timing = groups["set:timing"]
    assert timing.exclusive and timing.kind == "competing"
    order = [labels[n] for n in timing.nodes]
    assert order == ["imminent_attack", "~imminent_attack", "winter_attack", "~winter_attack",
                     "spring_offensive", "~spring_offensive", "no_attack"]
    assert labels[timing.residual or ""] == "no_attack"
    assert [(labels[p], labels[c]) for p, c in timing.pairs] == [
        ("imminent_attack", "~imminent_attack"), ("winter_attack", "~winter_attack"),
        ("spring_offensive", "~spring_offensive")]
    axis = groups["set:axis"]
    assert labels[axis.condition or ""] == "renewed_offensive"
    assert "given renewed_offensive" in axis.label
    # Its members' nodes carry P(h | c), as run judges them, beside P(h).
    judged = {j.name: j for j in assess.load(R, E).assess().judgements}
    for member in axis.nodes:
        node = next(n for n in grouped.nodes if n.id == member)
        if node.label in judged and judged[node.label].given is not None:
            assert node.given == ("renewed_offensive", pytest.approx(judged[node.label].given))
    given = {(labels[e.source], labels[e.target]) for e in grouped.edges if e.kind == "given"}
    assert given == {("renewed_offensive", m) for m in
                     ("northern_axis", "western_incursion", "axis_unclear")}
    placed = [n for g in grouped.groups for n in g.nodes]
    assert len(placed) == len(set(placed))                    # one group per node
    assert {n.group for n in grouped.nodes if n.id in placed} <= set(groups)
    assert all(n.group is None for n in grouped.nodes if n.kind == "argument")
    kinds = [g.kind for g in grouped.groups]
    assert kinds[:3] == ["competing"] * 3 and {"indicators", "evidence"} <= set(kinds)


def test_flagship_collapses_rule_instances_and_keeps_hypotheses_single(
    flagship: tuple[ArgumentMap, ArgumentMap],
) -> None:
    grouped, flat = flagship
    assert not grouped.expanded and flat.expanded
    assert len(grouped.nodes) < len(flat.nodes) and len(grouped.edges) < len(flat.edges)
    assert all(n.count == 1 and not n.members for n in flat.nodes)
    hypotheses = [n for n in grouped.nodes if n.kind == "hypothesis"]
    assert all(n.count == 1 for n in hypotheses)
    assert sorted(n.label for n in hypotheses) == sorted(
        n.label for n in flat.nodes if n.kind == "hypothesis")
    (smaller,) = [n for n in grouped.nodes if n.label == "[smaller_than_failed]"]
    assert smaller.count == 2 and smaller.probability is None and smaller.weight == 0.9
    fires = {n.id: n.probability for n in flat.nodes}
    assert {m.id for m in smaller.members} == set(_by_label(flat)["[smaller_than_failed]"])
    for m in smaller.members:
        assert m.probability == fires[m.id]
        assert "february_force(40000)" in m.premises
        assert any(p.startswith("troops_in_belarus(") for p in m.premises)
    (troops,) = [n for n in grouped.nodes if n.label == "troops_in_belarus(…)"]
    assert troops.count == 2 and troops.kind == "indicator"
    into = [e for e in grouped.edges if e.source == troops.id and e.target == smaller.id]
    assert [e.count for e in into] == [2]
    ids = {n.id for n in grouped.nodes}
    assert all(e.source in ids and e.target in ids for e in grouped.edges)
    # the hypotheses' numbers are the flat map's, which are the judgements'
    flat_p = {n.label: n.probability for n in flat.nodes if n.kind == "hypothesis"}
    assert {n.label: n.probability for n in hypotheses} == flat_p


def test_a_contrary_follows_its_positive_whichever_was_written_first() -> None:
    text = 'hypothesis h "h".\nhypothesis g "g".\n0.3::~h.\n0.6::h.\n0.5::g.\n'
    graph = assess.load(texts={"r.assess": text}, check=False).argument_map(expand=True)
    labels = {n.id: n.label for n in graph.nodes}
    (group,) = graph.groups
    assert [labels[n] for n in group.nodes] == ["h", "~h", "g"]
    assert [(labels[p], labels[c]) for p, c in group.pairs] == [("h", "~h")]
    assert {n.label for n in graph.nodes if n.kind == "argument"} == {"~h fact", "h fact",
                                                                      "g fact"}


def test_the_legend_lists_what_the_map_uses(flagship: tuple[ArgumentMap, ArgumentMap]) -> None:
    grouped, _ = flagship
    used = {("node", node_style(n).kind) for n in grouped.nodes}
    used |= {("edge", e.kind) for e in grouped.edges} | {("group", g.kind) for g in grouped.groups}
    assert {(e.element, e.kind) for e in grouped.legend} == used
    assert ("node", "contrary") in used and ("edge", "attack") in used
    assert [e for e in LEGEND if e in grouped.legend] == list(grouped.legend)
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", e.colour) for e in LEGEND)
    data = grouped.to_json()
    assert set(data) == {"nodes", "edges", "groups", "legend", "expanded"}
    assert json.loads(json.dumps(data)) == data


def _burglary_worlds() -> dict[str, float]:
    """P(· | calls(john)) by enumerating the six coins of examples/burglary.assess."""
    weights = {"b": 0.1, "e": 0.2, "ab": 0.9, "ae": 0.8, "m": 0.8, "j": 0.7}
    total = 0.0
    found = {"burglary": 0.0, "earthquake": 0.0, "alarm by burglary": 0.0,
             "alarm by earthquake": 0.0}
    for values in itertools.product((True, False), repeat=len(weights)):
        w = dict(zip(weights, values, strict=True))
        p = 1.0
        for k, v in w.items():
            p *= weights[k] if v else 1 - weights[k]
        by_b, by_e = w["b"] and w["ab"], w["e"] and w["ae"]
        if not ((by_b or by_e) and w["j"]):
            continue
        total += p
        found["burglary"] += p * w["b"]
        found["earthquake"] += p * w["e"]
        found["alarm by burglary"] += p * by_b
        found["alarm by earthquake"] += p * by_e
    return {k: v / total for k, v in found.items()}


def test_burglary_draws_the_observation_and_what_it_conditions() -> None:
    graph = assess.load(BURGLARY).argument_map()
    nodes = {n.id: n for n in graph.nodes}
    ids = {n.label: n.id for n in graph.nodes}
    (observation,) = [n for n in graph.nodes if n.kind == "observation"]
    assert "calls(john)" in observation.label and "true" in observation.label
    assert observation.detail.endswith("burglary.assess:9")
    edges = {(nodes[e.source].label, e.target, e.kind) for e in graph.edges}
    assert ("calls(john)", observation.id, "observed") in edges
    conditioned = {nodes[e.target].label for e in graph.edges
                   if e.kind == "conditions" and e.source == observation.id}
    assert conditioned == {"burglary", "earthquake"}
    assert nodes[ids["calls(john)"]].probability == pytest.approx(1.0)
    exact = _burglary_worlds()
    assert nodes[ids["burglary"]].probability == pytest.approx(exact["burglary"], abs=1e-12)
    fires = sorted(n.probability or 0.0 for n in graph.nodes if n.label == "alarm rule")
    assert fires == pytest.approx(sorted([exact["alarm by burglary"],
                                          exact["alarm by earthquake"]]), abs=1e-12)
    (prior,) = [n for n in graph.nodes if n.kind == "argument" and n.weight == 0.1]
    assert prior.probability == pytest.approx(exact["burglary"], abs=1e-12)   # not 10 %
    assert {g.kind for g in graph.groups} >= {"observations", "hypotheses"}


def test_dot_draws_clusters_pairs_and_a_legend(
    flagship: tuple[ArgumentMap, ArgumentMap],
) -> None:
    grouped, _ = flagship
    dot = to_dot(grouped)
    ids = {n.label: n.id for n in grouped.nodes}
    for g in grouped.groups:
        assert f'subgraph "cluster_{g.id}" {{' in dot
    pair = (ids["imminent_attack"], ids["~imminent_attack"])
    assert f'{{rank=same; "{pair[0]}"; "{pair[1]}";}}' in dot
    attacks = [line for line in dot.splitlines() if 'arrowhead=tee' in line and "->" in line]
    assert attacks and all("constraint=false" in line for line in attacks)
    assert f'"{ids["renewed_offensive"]}" -> ' in dot and 'lhead="cluster_set:axis"' in dot
    assert '"legend" [shape=plain' in dot and "contrary ~h" in dot
    assert "[smaller_than_failed] ×2" in dot and "fires 57–63 %" in dot
    assert "otherwise: no_attack" in dot
    tips = {line.split('"', 2)[1]: re.search(r'tooltip="((?:[^"\\]|\\.)*)"', line)
            for line in dot.splitlines() if "tooltip=" in line}
    smaller = tips[ids["[smaller_than_failed]"]]
    assert smaller is not None and "<- troops_in_belarus(12500), february_force(40000)" in (
        smaller.group(1))                                      # an SVG viewer shows each instance


def test_graph_expand_gives_the_instance_map() -> None:
    grouped = json.loads(run("graph", R, E, "--format", "json").stdout)
    flat = json.loads(run("graph", R, E, "--format", "json", "--expand").stdout)
    assert not grouped["expanded"] and flat["expanded"]
    assert len(flat["nodes"]) > len(grouped["nodes"])
    assert sum(n["label"] == "[smaller_than_failed]" for n in flat["nodes"]) == 2


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed")
def test_graph_png_is_a_picture(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "assess", "graph", BURGLARY, "--format", "png"],
                         capture_output=True, check=False, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(b"\x89PNG\r\n\x1a\n")
    target = tmp_path / "map.png"
    written = run("graph", R, E, "--format", "png", "--output", str(target))
    assert written.code == 0, written.output
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000


def test_graph_png_without_graphviz_is_a_located_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    outcome = run("graph", BUILDUP, "--format", "png")
    assert_handled(outcome)
    assert outcome.code == 2
    assert "graphviz_missing" in outcome.stderr and "apt-get install graphviz" in outcome.stderr


def test_track_picture_marks_labels_and_spaces_points_in_a_safe_palette() -> None:
    dates = ("2022-12-19", "2023-01-20", "2023-03-01")
    snapshots = tuple(Snapshot(d, f"{d}.assess", d) for d in dates)
    series = tuple(Series(f"h{i}", (0.1 * i, 0.55, 0.9 - 0.09 * i), ("",) * 3) for i in range(10))
    root = ElementTree.fromstring(track_svg(TrackResult(snapshots, series, ())))
    lines = root.findall("{*}polyline")
    assert len(lines) == 10
    colours = [line.attrib["stroke"] for line in lines]
    assert colours[:8] == list(COLOURS) and colours[8:] == list(COLOURS[:2])
    assert [line.attrib.get("stroke-dasharray") is not None for line in lines] == (
        [False] * 8 + [True] * 2)                              # past eight: dashed
    markers = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("circle", "rect", "polygon")
               and e.attrib.get("stroke") == "#ffffff"]
    assert len(markers) == 10 * 3 + 10                          # each point, and the legend
    texts = ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("}text")]
    assert {s.atom for s in series} <= set(texts)               # the legend names each line
    assert {"0 %", "50 %", "100 %"} <= set(texts)               # gridlines
    first = [t for t in texts if t in {pct(s.probabilities[0]) for s in series}]
    assert "90 %" in first and "10 %" in first                 # values written…
    assert texts.count("55 %") == 1                             # …but not ten on one spot
    xs = [float(p.split(",")[0]) for p in lines[0].attrib["points"].split()]
    days = [0, 32, 72]                                          # by date, not evenly
    assert [(x - xs[0]) / (xs[-1] - xs[0]) for x in xs] == pytest.approx(
        [d / days[-1] for d in days], abs=1e-3)
    assert all(e.attrib.get("fill") in ("#888888", "#999999", "#555555", "#222222", None)
               or e.attrib.get("fill") in COLOURS for e in root.iter() if e.tag.endswith("}text"))
