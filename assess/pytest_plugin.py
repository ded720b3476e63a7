"""A pytest plugin: every ``scenario`` in a ``.assess`` file is a test.

Installed with the package (entry point ``pytest11``), it makes pytest
collect each ``.assess`` file that holds scenarios, one test item per
scenario, named by the scenario; a failure shows the same expected, actual
and why lines as ``assess test``. Files matching a glob in the ini option
``assess_ignore`` (relative to the rootdir) are not collected — e.g. files
that are inputs of other tests and break on purpose.

    [tool.pytest.ini_options]
    assess_ignore = ["tests/check/fixtures/*"]
"""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest

from assess.render.scenarios import results_text
from assess.scenarios.runner import ScenarioResult, open_file, run_scenario, scenarios_of
from assess.syntax import ast


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "assess_ignore",
        "globs (relative to the rootdir) of .assess files not to collect as scenarios",
        type="linelist",
        default=[],
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix != ".assess":
        return None
    relative = file_path.relative_to(parent.config.rootpath).as_posix() if file_path.is_relative_to(
        parent.config.rootpath
    ) else file_path.as_posix()
    ignored = parent.config.getini("assess_ignore")
    if any(fnmatch(relative, pattern) for pattern in ignored):
        return None
    if "scenario" not in file_path.read_text(encoding="utf-8", errors="replace"):
        return None
    collected: pytest.Collector = ScenarioFile.from_parent(parent, path=file_path)
    return collected


class ScenarioFile(pytest.File):
    """One ``.assess`` file; its scenarios are the items."""

    def collect(self) -> Iterator[pytest.Item]:
        path = str(self.path)
        workspace, programs, problems = open_file(path)
        scenarios = scenarios_of(workspace, path, programs)
        if not scenarios and problems:
            unnamed = ast.Scenario("(the file)", (), ast.Span(path, 0, 0, 0, 0))
            yield ScenarioItem.from_parent(self, name=unnamed.name, scenario=unnamed,
                                           programs=None, problems=tuple(problems))
        for scenario in scenarios:
            yield ScenarioItem.from_parent(
                self, name=scenario.name, scenario=scenario, programs=programs,
                problems=tuple(problems),
            )


class ScenarioFailed(Exception):
    """Raised by a scenario item whose expectations did not all hold."""

    def __init__(self, result: ScenarioResult) -> None:
        super().__init__(result.scenario.name)
        self.result = result


class ScenarioItem(pytest.Item):
    """One scenario: passes when every expectation holds."""

    def __init__(self, *, scenario: ast.Scenario, programs: Any,
                 problems: tuple[Any, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.programs = programs
        self.problems = problems

    def runtest(self) -> None:
        path = str(self.path)
        if self.programs is None:
            raise ScenarioFailed(ScenarioResult(path, self.scenario, (), self.problems))
        result = run_scenario(self.programs, path, self.scenario)
        if not result.passed:
            raise ScenarioFailed(result)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str:
        if isinstance(excinfo.value, ScenarioFailed):
            return results_text([excinfo.value.result]).rsplit("\n", 1)[0]
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, max(0, self.scenario.span.line - 1), f"scenario {self.scenario.name}"
