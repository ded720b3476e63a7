"""Exact inference equals brute-force enumeration and ProbLog on random programs.

The programs are ground (``programs.py``) and recorded by the test helper,
so these tests exercise the compiler alone: lineage, cycles, negation,
annotated disjunctions, evidence, re-weighting and gradients.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from problog import get_evaluatable
from problog.program import PrologString

from assess.diagnostics import AssessError
from assess.semantics.prob.compile import compile_model

from .ground import enumerate_worlds, lower_ground, record
from .programs import problog_text, program

FAST = settings(max_examples=150, derandomize=True, deadline=None)


def _ours(text: str) -> list[float] | None:
    ir, clauses = lower_ground(text)
    try:
        return [r.probability for r in compile_model(ir, record(clauses)).probabilities()]
    except AssessError as exc:
        assert exc.diagnostics[0].code == "impossible_evidence"
        return None


@FAST
@given(program())
def test_equals_enumeration_of_worlds(text: str) -> None:
    ir, clauses = lower_ground(text)
    mass, expected = enumerate_worlds(ir, clauses)
    got = _ours(text)
    if mass < 1e-12:
        assert got is None, "evidence of probability 0 must be refused"
        return
    assert got is not None
    for g, e in zip(got, expected, strict=True):
        assert abs(g - e) <= 1e-12


@FAST
@given(program(), st.data())
def test_reweighting_equals_recompiling(text: str, data: st.DataObject) -> None:
    ir, clauses = lower_ground(text)
    model = compile_model(ir, record(clauses))
    if not model.inputs or model.evidence_probability() == 0:
        return
    target = data.draw(st.sampled_from(model.inputs))
    if target.group is not None:
        return
    new = data.draw(st.sampled_from([0.05, 0.4, 0.95]))
    rule = ir.rules[target.rule]
    ir.rules[target.rule] = type(rule)(
        rule.id,
        rule.head,
        rule.body,
        rule.var_names,
        rule.kind,
        new,
        rule.label,
        rule.disjunction,
        rule.origin,
    )
    mass, expected = enumerate_worlds(ir, clauses)
    try:
        got = [r.probability for r in model.probabilities({target: new})]
    except AssessError:
        assert mass < 1e-12
        return
    assert all(abs(g - e) <= 1e-12 for g, e in zip(got, expected, strict=True))


@FAST
@given(program(max_choices=7))
def test_gradient_equals_finite_difference(text: str) -> None:
    ir, clauses = lower_ground(text)
    model = compile_model(ir, record(clauses))
    if not model.queries or model.evidence_probability() < 1e-6:
        return
    h = 1e-6
    for query in model.queries:
        gradient = model.gradient(query)
        for x, d in gradient.items():
            p = model.input_probabilities()[model.inputs.index(x)]
            lo, hi = max(p - h, 0.0), min(p + h, 1.0)
            if x.group is not None or lo == hi:
                continue
            try:
                up = model.probability(query, {x: hi})
                down = model.probability(query, {x: lo})
            except AssessError:
                continue
            assert math.isclose(d, (up - down) / (hi - lo), abs_tol=1e-5)


def _problog(text: str) -> list[float] | None:
    try:
        result = get_evaluatable().create_from(PrologString(problog_text(text))).evaluate()
    except Exception as exc:  # ProbLog's InconsistentEvidenceError
        assert "Inconsistent" in type(exc).__name__ or "nconsistent" in str(exc)
        return None
    return [float(result[k]) for k in sorted(result, key=str)]


@settings(max_examples=40, derandomize=True, deadline=None)
@given(program())
def test_equals_problog(text: str) -> None:
    expected = _problog(text)
    got = _ours(text)
    if expected is None or got is None:
        assert expected is None and got is None
        return
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert abs(g - e) <= 1e-9
