"""``assess run`` prints each competing set as what it is.

A set not declared exclusive shows its overlap and residual (a = 0.6 and
b = 0.5 independent: P(both) 0.3, P(neither) 0.2), never as alternatives;
an exclusive one says exactly one holds; a conditional one speaks of the
worlds of its condition (c = 0.4): P(x | c) = 0.8 · 0.5 = 0.4, P(r | c) =
0.6, and x holds in 0.16 overall; its arguments are of P(x | c) too.
``assess fmt`` keeps every form.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run

PROGRAM = """\
hypothesis a "A".
hypothesis b "B".
competing loose: a, b.
0.6::a.
0.5::b.

hypothesis x "X".
hypothesis y "Y".
hypothesis r "Neither".
competing axis exclusive given c: x, y, otherwise r.
0.4::c.
0.5::e.
0.8::x :- e.
"""


@pytest.fixture
def program(tmp_path: Path) -> str:
    path = tmp_path / "sets.assess"
    path.write_text(PROGRAM, encoding="utf-8")
    return str(path)


def test_a_set_not_declared_exclusive_shows_its_overlap_and_residual(program: str) -> None:
    out = run("run", program).stdout
    assert "loose — not exclusive (P(more than one) 30 %, P(none) 20 %); most probable first" in out


def test_a_conditional_set_reads_its_members_given_the_condition(program: str) -> None:
    out = run("run", program).stdout
    assert "axis — if c holds (40 %), exactly one holds; most probable first" in out
    assert "  1. r: likely (60 %) if c holds (24 % overall)" in out
    assert "  2. x: unlikely (40 %) if c holds (16 % overall)" in out
    # The arguments are of P(h | c) too: x's rule takes it from 0 to 0.4
    # given c, and so r from 1 to 0.6.
    assert "For: the strongest argument raises it from 0 % to 40 % if c holds." in out
    assert "Against: the strongest argument lowers it from 100 % to 60 % if c holds." in out


def test_json_has_every_set(program: str) -> None:
    data = json.loads(run("run", "--format", "json", program).stdout)
    loose, axis = data["sets"]
    assert (loose["exclusive"], loose["given"]) == (False, None)
    assert [round(loose[k], 12) for k in ("more_than_one", "none")] == [0.3, 0.2]
    assert (axis["exclusive"], axis["given"], round(axis["condition"], 12)) == (True, "c", 0.4)
    assert {k: round(v, 12) for k, v in axis["members"].items()} == {"x": 0.4, "y": 0.0, "r": 0.6}
    x = next(h for h in data["hypotheses"] if h["name"] == "x")
    assert x["given"]["condition"] == "c" and round(x["given"]["probability"], 12) == 0.4
    assert round(x["probability"], 12) == 0.16 and x["estimate"] == "unlikely"


def test_fmt_keeps_every_form_of_the_declaration(tmp_path: Path) -> None:
    path = tmp_path / "f.assess"
    path.write_text(
        "competing   axis exclusive  given ~c( 1 ):x,y,otherwise   r.\ncompeting s:a,b.\n",
        encoding="utf-8",
    )
    assert run("fmt", str(path)).code == 0
    assert path.read_text(encoding="utf-8") == (
        "competing axis exclusive given ~c(1): x, y, otherwise r.\ncompeting s: a, b.\n"
    )
