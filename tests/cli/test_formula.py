"""``assess formula``: the closed form, the values, the exact rational; JSON."""

from __future__ import annotations

import json
from pathlib import Path

import sympy
from cli_runner import run


def test_noisy_or_formula_reads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "c.assess"
    path.write_text("0.3::a.\n0.6::b.\n[via_a] 0.9::c :- a.\nc :- b.\n")
    out = run("formula", "c", str(path), "--exact")
    assert out.code == 0
    lines = out.stdout.splitlines()
    expected = sympy.sympify("a*via_a + b - a*b*via_a")
    got = sympy.sympify(lines[0].removeprefix("P(c) = "))
    assert sympy.simplify(got - expected) == 0
    assert "  = 0.708" in lines and "  = 177/250 (exact)" in lines


def test_formula_json(tmp_path: Path) -> None:
    path = tmp_path / "d.assess"
    path.write_text("0.4::g(sea); 0.5::g(city).\nquery(g(sea)).\n")
    data = json.loads(run("formula", "g(X)", str(path), "--format", "json", "--exact").stdout)
    assert [f["atom"] for f in data["formulas"]] == ["g(city)", "g(sea)"]
    assert data["formulas"][0]["exact"] == "1/2"
    assert data["formulas"][1]["formula"] == "g(sea)"


def test_bad_atom_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "e.assess"
    path.write_text("0.3::a.\n")
    out = run("formula", "a :- b", str(path))
    assert out.code == 2 and "bad_atom" in out.stderr
