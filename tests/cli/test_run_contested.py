"""``assess run`` under ``prob`` says how contested an atom is.

The fixture carries its answers. Reports: massing 0.8 (B2), talks 0.7 (B3).
hostile has support massing ∧ h1 (0.64) and two attacks that fire together
with talks ∧ (d1 ∨ b1) (0.7 · 0.85 = 0.595): the defeater ``~hostile`` and
benign's rule (``conflict hostile, benign``). No rule is superior, so

* P(hostile) = 0.64 · (1 − 0.595) = 0.2592, P(benign) = 0.49 · 0.36 = 0.1764;
* P(hostile contested) = 0.64 · 0.595 = 0.3808 (when both fire, neither
  holds), with contrary P(~hostile ∨ benign) = P(benign) = 0.1764;
* P(benign contested) = 0.49 · 0.64 = 0.3136, contrary P(hostile) = 0.2592;
* y: P(y) = 0.4 · 0.3 = 0.12, P(~y) = 0.6 · 0.7 = 0.42, contested 0.28.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run

import assess
from assess.diagnostics import AssessError

PROGRAM = """
source s "S" reliability B.
hypothesis hostile "They mean harm".
hypothesis benign "They mean none".
conflict hostile, benign.
report massing by s credibility 2.
report talks by s credibility 3.
[h1] 0.8::hostile :- massing.
[b1] 0.7::benign :- talks.
[d1] 0.5::~hostile <~ talks.
0.4::x.
y :- x.
~y :- talks.
0.3::z.
query(y). query(z).
"""

EXPECTED = {
    "hostile": (0.2592, 0.1764, 0.3808),
    "benign": (0.1764, 0.2592, 0.3136),
    "y": (0.12, 0.42, 0.28),
}


@pytest.fixture
def program(tmp_path: Path) -> str:
    path = tmp_path / "h.assess"
    path.write_text(PROGRAM, encoding="utf-8")
    return str(path)


def test_json_adds_contrary_and_contested_to_contested_atoms_only(program: str) -> None:
    data = json.loads(run("run", "--format", "json", program).stdout)
    queries = {q["atom"]: q for q in data["queries"]}
    assert set(queries["z"]) == {"atom", "probability"}
    for atom, (p, contrary, contested) in EXPECTED.items():
        q = queries[atom]
        assert set(q) == {"atom", "probability", "contrary", "contested"}
        assert [round(q[k], 12) for k in ("probability", "contrary", "contested")] == [
            p, contrary, contested,
        ]
    for h in data["hypotheses"]:
        assert round(h["contested"], 12) == EXPECTED[h["name"]][2]
        assert round(h["contrary"], 12) == EXPECTED[h["name"]][1]


def test_text_says_how_contested(program: str) -> None:
    out = run("run", program).stdout
    assert "y  0.1200  very unlikely  (contested 0.2800, contrary 0.4200)" in out
    assert "z  0.3000  unlikely\n" in out + "\n"
    flat = " ".join(out.split())
    assert (
        "Contested in 38 % of cases: arguments for and against it both apply and neither "
        "prevails; what contradicts it holds in 18 %."
    ) in flat


def test_python_api_and_gradient(program: str) -> None:
    model = assess.load(program, check=False).prob().model
    # One input per choice: an attack's coin is not placed twice.
    names = sorted(i.name for i in model.inputs)
    assert names == ["b1", "d1", "h1", "massing@s", "talks@s", "x", "z"]
    assert abs(model.contested("hostile") - 0.3808) < 1e-12
    gradient = {i.name: g for i, g in model.gradient("hostile", of="contested").items()}
    # contested = massing · h1 · talks · (1 − (1 − d1)(1 − b1))
    assert abs(gradient["h1"] - 0.8 * 0.595) < 1e-12
    assert abs(gradient["d1"] - 0.64 * 0.7 * 0.3) < 1e-12
    assert abs(gradient["x"]) < 1e-12
    with pytest.raises(AssessError):
        model.contested("z")
