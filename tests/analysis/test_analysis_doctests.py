"""The worked examples in the analyst layer's docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "assess.analysis.icd203",
    "assess.analysis.grading",
    "assess.analysis.csvtext",
    "assess.analysis.reportrow",
    "assess.explain.judgement",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
