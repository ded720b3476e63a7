"""Closed forms: substituting the inputs' values gives the number, and the
exact rational agrees with the float."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.engine.lower import lower
from assess.semantics.prob.compiled import compile_assessment
from assess.semantics.prob.formula import closed_form
from assess.syntax.parser import parse

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.assess"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_formula_evaluates_to_the_probability(path: Path) -> None:
    ir = lower([parse(path.read_text(), str(path))])
    model = compile_assessment(ir).model
    for i, answer in enumerate(model.probabilities()):
        formula = closed_form(model, i)
        assert abs(float(formula.evaluate(formula.values)) - answer.probability) < 1e-9
        assert abs(float(formula.exact) - answer.probability) < 1e-12
