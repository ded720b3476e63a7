"""Text from outside stays text, and ``load`` stays inside the project.

Quotes, source descriptions and names come from whoever wrote the reports
and rules. Fed strings that try to break out of their context — HTML
(``</script><img src=x onerror=alert(1)>``), DOT (``"];`` closes a label
and starts a statement) — every output format shows them as those
characters: DOT keeps them inside its quoted labels (and Graphviz's SVG of
it holds them as text), the track's SVG escapes them, JSON round-trips
them, text prints them as written. Characters that act instead of showing
(a terminal's ``ESC``, a bidirectional override) are refused when a file is
read (``control_character``). ``load`` cannot leave the project root
(``outside_root``) unless the command is given ``--allow-outside``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import assess
from assess import AssessError
from tests.cli.cli_runner import run

HTML = "</script><img src=x onerror=alert(1)>"
DOT = '"]; a0 -> a1; x [label="'
HOSTILE = f"""\
source evil "{HTML} {DOT.replace('"', chr(92) + '"')}" reliability B.
indicator said(q) "{HTML}".
hypothesis h "{HTML} \\"];".
hypothesis h2 "other".
competing things: h, h2.
report said("{HTML}\\"];") by evil credibility 2 on 2022-12-01 "{HTML} \\"]; x".
[r1] 0.8::h :- said(_Q).
[r2] 0.5::h2 :- \\+ h.
query(said("{HTML}\\"];")).
"""
ATOM = f'said("{HTML}\\"];")'
"""The hostile atom as assess prints it (a string constant, quoted)."""


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    path = tmp_path / "evil.assess"
    path.write_text(HOSTILE, encoding="utf-8")
    return str(path)


NODE = re.compile(r'^ +"[^"\\]+" \[label="(?:[^"\\]|\\.)*", '
                  r'[^"\n]*(?:"(?:[^"\\]|\\.)*"[^"\n]*)*\];$')
EDGE = re.compile(r'^  "[^"\\]+" -> "[^"\\]+" \[[^"\n]*(?:"[^"\\]*"[^"\n]*)*\];$')
OURS = re.compile(r'^ *(subgraph "cluster_[\w:]+" \{|\}|label="[\w :,()]*"; .*|style=.*;|'
                  r'\{rank=same; "a\d+"; "a\d+";\}|"legend" \[.*|(rankdir|node|edge|graph)\b.*)$')
"""The lines of the DOT that hold no untrusted text: clusters, their
settings (set names are identifiers), ranks, the legend, defaults."""


def test_dot_keeps_hostile_text_inside_its_labels(hostile: str) -> None:
    dot = run("graph", hostile)
    graph = json.loads(run("graph", hostile, "--format", "json").stdout)
    assert dot.code == 0, dot.output
    body = dot.stdout.splitlines()[1:-1]
    assert [line for line in body
            if not (NODE.match(line) or EDGE.match(line) or OURS.match(line))] == []
    assert sum(1 for line in body if NODE.match(line)) == len(graph["nodes"])
    assert sum(1 for line in body if EDGE.match(line)) == len(graph["edges"])
    assert ATOM in {node["label"] for node in graph["nodes"]}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graphviz_reads_only_the_maps_nodes_and_edges(hostile: str) -> None:
    """Graphviz's own parser finds the map's nodes (and the legend), its
    clusters and its edges, nothing a label could have started."""
    graph = json.loads(run("graph", hostile, "--format", "json").stdout)
    read = json.loads(subprocess.run(["dot", "-Tjson"], input=run("graph", hostile).stdout,
                                     capture_output=True, text=True, check=True).stdout)
    names = {o["name"] for o in read["objects"]}
    clusters = {f"cluster_{g['id']}" for g in graph["groups"]}
    assert names == {n["id"] for n in graph["nodes"]} | clusters | {"legend"}
    assert len(read["edges"]) == len(graph["edges"])
    labels = {o["name"]: o["label"] for o in read["objects"]}
    hostile_node = next(n["id"] for n in graph["nodes"] if n["label"] == ATOM)
    assert labels[hostile_node].startswith('said("</script><img src=x onerror=alert(1)>')


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graphviz_svg_holds_hostile_text_as_text(hostile: str) -> None:
    svg = run("graph", hostile, "--format", "svg").stdout
    _assert_inert_svg(svg)
    drawn = subprocess.run(["dot", "-Tplain"], input=run("graph", hostile).stdout,
                           capture_output=True, text=True, check=True).stdout
    assert sum(line.startswith("node ") for line in drawn.splitlines()) == len(
        json.loads(run("graph", hostile, "--format", "json").stdout)["nodes"]) + 1   # legend


def _assert_inert_svg(svg: str) -> None:
    root = ET.fromstring(svg)
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not tags & {"script", "img", "foreignObject", "iframe"}, tags
    attributes = [name for element in root.iter() for name in element.attrib]
    assert not [name for name in attributes if name.lower().startswith("on")]
    shown = "".join(root.itertext())
    assert HTML in shown


CLOSER = '</text><script>alert(1)</script>"];'
"""Closes an SVG text element and a DOT label at once."""
PICTURED = f"""\
source s "{CLOSER.replace('"', chr(92) + '"')}" reliability B.
indicator seen(q) "seen".
hypothesis h "h".
~h :- seen("x").
report seen("{CLOSER.replace('"', chr(92) + '"')}") by s credibility 2 on 2022-12-01.
report seen("x") by s credibility 3 on 2022-12-02.
[r] 0.7::h :- seen(_Q).
query(seen("{CLOSER.replace('"', chr(92) + '"')}")).
0.5::coin.
evidence(coin, true).
"""


@pytest.mark.parametrize("expand", [False, True])
def test_the_grouped_and_expanded_pictures_hold_closing_tags_as_text(
    tmp_path: Path, expand: bool
) -> None:
    path = tmp_path / "closer.assess"
    path.write_text(PICTURED, encoding="utf-8")
    flags = ("--expand",) if expand else ()
    graph = json.loads(run("graph", str(path), "--format", "json", *flags).stdout)
    (shown,) = [n["label"] for n in graph["nodes"] if "</text><script>" in n["label"]]
    assert shown == 'seen("</text><script>alert(1)</script>\\"];")'
    pictures = [run("track", str(path), str(path), "--format", "svg")]
    if shutil.which("dot") is not None:
        pictures.append(run("graph", str(path), "--format", "svg", *flags))
    for picture in pictures:
        assert picture.code == 0, picture.output
        root = ET.fromstring(picture.stdout)
        assert not {e.tag.rsplit("}", 1)[-1] for e in root.iter()} & {"script"}
        assert shown in "".join(root.itertext())


def test_track_svg_escapes_hostile_names(hostile: str) -> None:
    svg = run("track", hostile, hostile, "--format", "svg")
    assert svg.code == 0, svg.output
    _assert_inert_svg(svg.stdout)


@pytest.mark.parametrize("argv", [
    ("run", "{f}"), ("why", "{f}", "h"), ("graph", "{f}"), ("track", "{f}", "{f}"),
    ("matrix", "{f}"), ("check", "{f}"), ("sensitivity", "{f}", "h"),
])
def test_json_and_text_carry_hostile_strings_as_written(
    hostile: str, argv: tuple[str, ...]
) -> None:
    argv = tuple(hostile if a == "{f}" else a for a in argv)
    document = json.loads(run(*argv, "--format", "json").stdout)
    text = run(*argv).output
    strings = _strings(document)
    assert any(HTML in s for s in strings) or argv[0] == "check", strings
    assert "\x1b" not in text
    if argv[0] in ("run", "why"):
        assert HTML in text.replace("\n       ", " ")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("character", ["\x1b", "\x9b", "\u202e", "\u2066", "\x07"])
def test_characters_that_act_are_refused_where_they_stand(tmp_path: Path, character: str) -> None:
    path = tmp_path / "quote.assess"
    quote = f"a{character}[2J"
    path.write_text(f'source s "S" reliability B.\nreport x by s credibility 2 "{quote}".\n',
                    encoding="utf-8")
    outcome = run("check", "--format", "json", str(path))
    (found,) = json.loads(outcome.stdout)["errors"]
    assert (outcome.code, found["code"], found["line"], found["column"]) == (
        2, "control_character", 2, 31)


def test_a_loaded_csv_with_a_control_character_is_refused_at_the_load(tmp_path: Path) -> None:
    csv = "indicator,arguments,source,credibility,quote\nx,,s,2,\x1b[2J\n"
    (tmp_path / "r.csv").write_text(csv)
    main = tmp_path / "e.assess"
    main.write_text('source s "S" reliability B.\nindicator x "X".\nload "r.csv".\n')
    outcome = run("check", "--format", "json", str(main))
    found = json.loads(outcome.stdout)["diagnostics"]
    assert [(d["code"], d["line"]) for d in found if d["severity"] == "error"] == [
        ("load_control_character", 3)]


# -- the project root -------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """``project/rules.assess`` loading ``../secret.csv``, outside the project."""
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "secret.csv").write_text("indicator,arguments,source,credibility\nx,,s,2\n")
    (root / "rules.assess").write_text(
        'source s "S" reliability B.\nindicator x "X".\nload "../secret.csv".\n'
        "hypothesis h \"H\".\n0.5::h :- x.\n")
    return root


def test_a_load_outside_the_project_root_is_refused_at_the_statement(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    outcome = run("run", "--format", "json", "rules.assess")
    (found,) = json.loads(outcome.stdout)["errors"]
    assert (outcome.code, found["code"], found["file"], found["line"]) == (
        2, "outside_root", "rules.assess", 3)
    assert "--allow-outside" in found["message"]
    text = run("run", "rules.assess")
    assert text.code == 2 and "error[outside_root]" in text.stderr
    assert run("run", "--allow-outside", "rules.assess").code == 0


def test_the_root_is_the_first_files_folder_when_it_lies_outside_here(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the root is project/: the CSV is outside it
    refused = run("check", str(project / "rules.assess"))
    assert refused.code == 1 and "error[outside_root]" in refused.stderr
    monkeypatch.chdir(project.parent)  # the root is here, which holds the CSV
    assert run("check", str(project / "rules.assess")).code == 0


def test_absolute_paths_and_links_are_held_to_the_root(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    (project / "link.csv").symlink_to(project.parent / "secret.csv")
    for target in ("link.csv", str(project.parent / "secret.csv"), "/etc/passwd"):
        Path("e.assess").write_text(
            f'source s "S" reliability B.\nindicator x "X".\nload "{target}".\n')
        outcome = run("check", "--format", "json", "e.assess")
        found = json.loads(outcome.stdout)["diagnostics"]
        codes = {d["code"] for d in found if d["severity"] == "error"}
        assert (outcome.code, codes) == (1, {"outside_root"}), (target, found)
    Path("e.assess").write_text('source s "S" reliability B.\nindicator x "X".\nload "r.csv".\n')
    Path("r.csv").write_text("indicator,arguments,source,credibility\nx,,s,2\n")
    assert run("check", "e.assess").code == 0


def test_the_api_refuses_too_unless_allowed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    with pytest.raises(AssessError) as refused:
        assess.load("rules.assess")
    assert [d.code for d in refused.value.diagnostics] == ["outside_root"]
    assert assess.load("rules.assess", allow_outside=True).run().judgements
