"""Run the bundled conformance suites against ``assess.conformance``.

The package's pytest plugin needs ``--datalog-evaluator``; it defaults here
to the project's adapter, so a plain ``python -m pytest`` runs the suites.
The plugin's ``runner`` fixture makes a new evaluator for every case; here
one evaluator serves the whole session, so that it can return its last model
again to the next case with the same program (consecutive cases often share
one: twenty on one LUBM program).

The plugin discovers cases by parsing all 41 MB of its YAML with the
pure-Python loader, once per test function, which alone takes minutes on a
busy two-core machine. Discovery is replaced here by the same parsing
(``TestCase.from_dict`` and the plugin's multi-case reader) with libyaml's
``CSafeLoader``, done once, over the suites listed in ``SUITES``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml
from datalog_conformance import plugin
from datalog_conformance.runner import YamlTestRunner
from datalog_conformance.schema import TestCase

EVALUATOR = "assess.conformance.DatalogEvaluator"
SUITES = ("basic", "defeasible", "errors", "negation", "recursion")


@cache
def _cases() -> tuple[tuple[Path, TestCase], ...]:
    root = plugin.get_tests_dir()
    found: list[tuple[Path, TestCase]] = []
    for suite in SUITES:
        for path in sorted((root / suite).rglob("*.yaml")):
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            if raw is None:
                continue
            if isinstance(raw, dict) and "tests" in raw:
                found.extend((path, c) for c in plugin._load_multi_case_file(raw, path))
            else:
                found.append((path, TestCase.from_dict(raw)))
    return tuple(found)


def _discover(test_dir: Path | None = None) -> list[tuple[Path, TestCase]]:
    return list(_cases())


plugin.discover_yaml_tests = _discover


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "datalog_evaluator", None) is None:
        config.option.datalog_evaluator = EVALUATOR


@pytest.fixture(scope="session")
def evaluator(pytestconfig: pytest.Config) -> object:
    """The evaluator that ``--datalog-evaluator`` names, one for the session."""
    path: str = pytestconfig.getoption("--datalog-evaluator")
    return YamlTestRunner.from_import_path(path).evaluator


@pytest.fixture
def runner(evaluator: object) -> YamlTestRunner:
    return YamlTestRunner(evaluator)
