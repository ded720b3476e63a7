"""The worked examples in the engine's and crisp reading's docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "assess.engine.evaluate",
    "assess.engine.names",
    "assess.engine.relations",
    "assess.engine.show",
    "assess.engine.terms",
    "assess.engine.writer",
    "assess.engine.arith",
    "assess.conformance",
    "assess.interop",
    "assess.interop.datalog",
    "assess.interop.rules",
    "assess.interop.defeasible",
    "assess.render.crisp",
    "assess.api",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
