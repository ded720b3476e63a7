"""The worked examples in the check modules' docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["assess.check.walk", "assess.check.dependencies", "assess.check.suggest"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
