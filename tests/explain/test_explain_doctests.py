"""The worked examples in the explanation modules' docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "assess.semantics.prob.compiled",
    "assess.semantics.prob.grounding",
    "assess.semantics.prob.infer",
    "assess.explain.mapdata",
    "assess.explain.mapgroups",
    "assess.explain.proofs",
    "assess.explain.sensitivity",
    "assess.explain.weight",
    "assess.render.dot",
    "assess.render.html",
    "assess.render.judgement",
    "assess.render.track",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
