"""``formula`` and ``run`` read one circuit, so they agree, contraries,
conflicts, superiority, defeaters and evidence included.

On random programs of ``test_contraries`` (two contested subjects, defeaters,
superiority, sometimes a declared conflict) with random evidence on a fact
or a subject, every query's closed form — expanded and factored — evaluated
in floats equals ``run``'s probability to 1e-12, evaluated in exact
rationals equals ``model.exact()`` exactly, and ``--exact`` agrees too.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import assess
from assess.diagnostics import AssessError
from tests.semantics.prob.test_contraries import Program, programs, source

EVIDENCE = ("e0", "e1", "p", "~p", "q")


@st.composite
def with_evidence(draw: st.DrawFn) -> tuple[Program, list[tuple[str, bool]]]:
    program = draw(programs())
    atoms = draw(st.lists(st.sampled_from(EVIDENCE), max_size=2, unique=True))
    return program, [(a, draw(st.booleans())) for a in atoms]


def _text(program: Program, evidence: list[tuple[str, bool]]) -> str:
    shown = [f"evidence({a}, {'true' if v else 'false'})." for a, v in evidence]
    return "\n".join([source(program), *shown])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(with_evidence())
def test_formula_equals_run_and_exact(case: tuple[Program, list[tuple[str, bool]]]) -> None:
    text = _text(*case)
    assessment = assess.load(texts={"f.assess": text}, check=False)
    try:
        result = assessment.prob()
    except AssessError as exc:
        assert exc.diagnostics[0].code in ("impossible_evidence", "contrary_cycle"), text
        return
    model = result.model
    exact = model.exact()
    floats = {i.name: p for i, p in zip(model.inputs, model.base, strict=True)}
    rationals = {n: sympy.Rational(Fraction(repr(p))) for n, p in floats.items()}
    for answer, expected in zip(result.answers, exact, strict=False):
        assert abs(answer.probability - float(expected)) < 1e-12, (answer, text)
        for factored in (False, True):
            (formula,) = assessment.formulas(answer.text, factored=factored)
            assert formula.probability == answer.probability
            assert formula.exact == expected, (answer.text, text)
            assert abs(float(formula.evaluate(floats)) - answer.probability) < 1e-12, text
            assert sympy.Rational(formula.evaluate(rationals)) == sympy.Rational(expected), text


def test_the_contested_example_agrees_with_run() -> None:
    """The example of the issue: ``run`` says 0.32, and so must ``formula``."""
    text = "a. b. 0.8::h :- a. 0.6::~h :- b. query(h)."
    assessment = assess.load(texts={"h.assess": text})
    (formula,) = assessment.formulas("h")
    assert abs(formula.probability - 0.32) < 1e-12 and formula.exact == Fraction(8, 25)
    assert abs(float(formula.evaluate(formula.values)) - 0.32) < 1e-12
