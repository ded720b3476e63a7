"""what-if reads a member of a set ``given c`` as ``run`` reads it.

``run`` judges such a member on P(h | c), with the ICD 203 term of that
number; what-if's rows of it must give the same number and term, say the
condition, and keep P(c) and P(h) overall beside them. Held to:

* a change that changes nothing (a source regraded to its own grade): every
  member of every competing set, before and after, is exactly ``run``'s
  number and term, on the flagship and on a small conditional fixture;
* a condition that a change leaves impossible: no number, and the words
  ``run`` prints for that program (``icd203.no_judgement``);
* random exclusive sets ``given c`` (``test_competing_sets.Diagnostic``)
  with one rule weight changed: P(h | c), P(c) and P(h) after the change
  equal brute-force enumeration of the changed program's worlds.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import assess
from assess.analysis.icd203 import clamp, term, term_class
from assess.api import Assessment
from assess.explain.whatif import Row
from tests.cli.cli_runner import run
from tests.explain.flagship import FLAGSHIP, flagship
from tests.semantics.prob.test_competing_sets import (
    Diagnostic,
    Rule,
    brute_force,
    diagnostic_programs,
)

ROOT = Path(__file__).parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "conditional_set.assess"


def _rows(assessment: Assessment, **change: Any) -> dict[str, Row]:
    return {r.atom: r for r in assessment.what_if(**change).rows}


@pytest.mark.parametrize(("files", "grade"), [
    (FLAGSHIP, "isw=B"), ([str(FIXTURE)], "blogger=C"),
])
def test_a_change_that_changes_nothing_reads_every_member_as_run_does(
    files: list[str], grade: str
) -> None:
    if files == FLAGSHIP:
        assessment, _, judged = flagship()
    else:
        assessment = assess.load(*files)
        judged = assessment.assess()
    source, letter = grade.split("=")
    assert assessment.ir.sources[source].reliability == letter
    rows = _rows(assessment, grade=[grade])
    members = [j for _, js in judged.sets for j in js]
    assert any(j.given is not None for j in members)
    for j in members:
        row = rows[j.name]
        assert row.before is not None and row.after is not None
        assert clamp(row.before) == j.judged and clamp(row.after) == j.judged, j.name
        assert row.term_before == row.term_after == j.phrase, j.name
        assert not row.term_changed and row.delta == 0.0
        if j.given is None:
            assert row.given is None
            continue
        assert row.given is not None and row.given.condition == j.condition
        readout = judged.readout(str(j.set))
        assert readout is not None
        assert row.given.condition_before == row.given.condition_after == readout.condition
        assert clamp(row.given.overall_before) == j.probability


def test_the_conditional_fixture_reads_another_term_than_overall() -> None:
    """What makes the fixture worth its place: P(h | c) and P(h) have different terms."""
    rows = _rows(assess.load(str(FIXTURE)))
    north = rows["north"]
    assert north.given is not None and north.before is not None
    assert term_class(north.before) != term_class(north.given.overall_before)
    assert north.term_before == term(north.before) == "unlikely"


def test_a_condition_left_impossible_gives_no_judgement_as_run_does() -> None:
    """Dropping the one report the attack rests on: what-if's rows of the axis
    say what ``run`` says of the program without that report."""
    text = FIXTURE.read_text(encoding="utf-8")
    rows = _rows(assess.load(str(FIXTURE)), drop=["massing@pentagon"])
    without = assess.load(texts={"f.assess": re.sub(r"report massing by [^\n]*\n", "", text)},
                          check=False).assess()
    for name in ("north", "west", "elsewhere"):
        row, j = rows[name], without.judgement(name)
        assert row.after is None and row.delta is None and row.term_changed
        assert row.term_after == j.phrase == "no judgement, since attack cannot hold on this " \
            "evidence"
        assert row.given is not None and row.given.condition_after == 0.0
        assert row.given.overall_after == j.probability == 0.0
    assert rows["attack"].given is None and rows["attack"].after == 0.0


def test_run_says_there_is_no_judgement_where_the_condition_cannot_hold(tmp_path: Path) -> None:
    program = tmp_path / "f.assess"
    program.write_text(re.sub(r"report massing by [^\n]*\n", "", FIXTURE.read_text("utf-8")),
                       encoding="utf-8")
    outcome = run("run", str(program))
    assert outcome.code == 0, outcome.output
    assert "north: no judgement, since attack cannot hold on this evidence (0 % overall)" in (
        outcome.stdout)
    assert "if attack holds" not in outcome.stdout.split("\n", 1)[1]


def test_the_text_says_the_condition_and_marks_an_undefined_number() -> None:
    outcome = run("what-if", str(FIXTURE), "--drop", "massing@pentagon")
    assert outcome.code == 0, outcome.output
    lines = outcome.stdout.splitlines()
    north = next(i for i, line in enumerate(lines) if line[2:].startswith("north "))
    assert "44 % ->      \u2014" in lines[north]
    assert "no judgement, since attack cannot hold on this evidence" in lines[north]
    assert lines[north + 1].split() == ["if", "attack", "holds", "(40", "%", "->", "0",
                                        "%);", "overall", "18", "%", "->", "0", "%"]


def _changed(program: Diagnostic, rule: Rule, weight: float) -> Diagnostic:
    rules = tuple(replace(r, weight=weight) if r == rule else r for r in program.rules)
    return replace(program, rules=rules)


@st.composite
def changed_programs(draw: st.DrawFn) -> tuple[Diagnostic, Rule, float]:
    program = draw(diagnostic_programs().filter(
        lambda p: p.condition is not None and any(r.weight < 1.0 for r in p.rules)))
    rule = draw(st.sampled_from([r for r in program.rules if r.weight < 1.0]))
    return program, rule, draw(st.sampled_from([0.1, 0.5, 0.95]))


def _check_against_worlds(program: Diagnostic, rule: Rule, weight: float) -> None:
    text = program.text()
    rows = _rows(assess.load(texts={"s.assess": text}, check=False),
                 set_=[f"{rule.label}={weight}"])
    condition = program.condition
    assert condition is not None
    expected = brute_force(_changed(program, rule, weight))
    for member, overall in expected.items():
        row = rows[member]
        assert row.given is not None and row.after is not None, (member, text)
        assert row.given.condition == "c" and abs(row.given.condition_after - condition) < 1e-12
        assert abs(row.given.overall_after - overall) < 1e-12, (member, text)
        assert abs(row.after - overall / condition) < 1e-12, (member, text)
        assert row.term_after == term(row.after)


def test_a_small_conditional_set_equals_enumeration_where_the_terms_differ() -> None:
    """m0 wins where e0 and its coin hold (0.7 · 0.6 = 0.42 of the worlds),
    m1 otherwise where e1 does; c holds in 0.3 of them: P(m0 | c) is 42 %
    (unlikely) but P(m0) only 12.6 % (very unlikely)."""
    program = Diagnostic(
        facts={"e0": 0.7, "e1": 0.5, "e2": 0.2},
        rules=(Rule("r0", "m0", 0.6, (("e0", True),)), Rule("r1", "m1", 0.4, (("e1", True),)),
               Rule("base", "m2", 1.0, ())),
        superior=frozenset(), residual=False, conflict=False, condition=0.3,
    )
    _check_against_worlds(program, program.rules[1], 0.9)
    row = _rows(assess.load(texts={"s.assess": program.text()}, check=False))["m0"]
    assert row.before == pytest.approx(0.42) and row.given is not None
    assert row.given.overall_before == pytest.approx(0.126)
    assert (row.term_before, term(row.given.overall_before)) == ("unlikely", "very unlikely")


@settings(max_examples=30, deadline=None, derandomize=True)
@given(changed_programs())
def test_conditional_sets_after_a_change_equal_enumeration(
    case: tuple[Diagnostic, Rule, float]
) -> None:
    _check_against_worlds(*case)
