"""Finding and running the ``scenario`` blocks of files and folders.

Each file stands alone: its scenarios run against the file's own statements
and every program it loads (``load "../rulesets/x.assess".``), with the
scenario's reports and facts added (written in it or loaded into it) and
the reports it drops taken out. A folder means every ``.assess`` file
under it that holds a scenario, in path order. A scenario's expectations
are judged in order; a scenario passes when all of them hold.

A file that cannot be read or checked fails all its scenarios with the
problem; an expectation the model cannot answer (a grounding limit, zero-
probability evidence) fails that scenario with the error, not the run.

Example: ``assess test tests/scenarios`` runs every scenario there and ends
with ``N passed, N failed``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.check import checked_programs
from assess.diagnostics import AssessError, Diagnostic, error
from assess.scenarios.evidence import ScenarioReading
from assess.scenarios.expectations import Outcome, judge
from assess.syntax import ast
from assess.workspace import Workspace, program_files


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """The outcome of one scenario: its expectations' verdicts, or an error."""

    file: str
    scenario: ast.Scenario
    outcomes: tuple[Outcome, ...]
    problems: tuple[Diagnostic, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.problems and all(o.passed for o in self.outcomes)

    @property
    def failures(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.passed)


def scenario_files(paths: Sequence[str]) -> list[str]:
    """The files named, and under each folder every ``.assess`` file that
    holds a scenario (a cheap text test; parsing decides)."""
    folders = [p for p in paths if Path(p).is_dir()]
    inside = set(program_files(folders))
    return [
        path for path in program_files(paths)
        if path not in inside
        or "scenario" in Path(path).read_text(encoding="utf-8", errors="replace")
    ]


Programs = list[ast.Program]


def open_file(
    path: str, allow_outside: bool = False
) -> tuple[Workspace, Programs | None, list[Diagnostic]]:
    """The workspace of ``path`` and its checked programs, or the problems;
    ``allow_outside``: its loads may leave the project root."""
    workspace = Workspace.from_paths([path], allow_outside=allow_outside)
    try:
        return workspace, checked_programs(workspace)[0], []
    except AssessError as exc:
        return workspace, None, list(exc.diagnostics)


def scenarios_of(
    workspace: Workspace, path: str, programs: Programs | None = None
) -> list[ast.Scenario]:
    """The scenarios written in ``path`` itself (not in the files it loads):
    from the checked ``programs`` when given (their loads expanded), else as
    the workspace parsed them."""
    return [
        s
        for p in (programs if programs is not None else workspace.programs)
        if p.file == path
        for s in p.statements
        if isinstance(s, ast.Scenario)
    ]


def run_scenario(programs: Programs, path: str, scenario: ast.Scenario) -> ScenarioResult:
    """Judge every expectation of ``scenario`` against the checked ``programs``."""
    reading = ScenarioReading(programs, scenario)
    outcomes: list[Outcome] = []
    try:
        for item in scenario.items:
            if isinstance(item, _EXPECTATIONS):
                outcomes.append(judge(item, reading))
    except AssessError as exc:
        return ScenarioResult(path, scenario, tuple(outcomes), exc.diagnostics)
    return ScenarioResult(path, scenario, tuple(outcomes))


_EXPECTATIONS = (
    ast.ExpectEstimate,
    ast.ExpectStatus,
    ast.ExpectRank,
    ast.ExpectProbability,
    ast.ExpectCites,
)


def run_file(path: str, allow_outside: bool = False) -> Iterator[ScenarioResult]:
    """Run every scenario written in ``path``."""
    workspace, programs, problems = open_file(path, allow_outside)
    scenarios = scenarios_of(workspace, path, programs)
    if not scenarios and problems:
        unnamed = ast.Scenario(f"(the scenarios of {path})", (), ast.Span(path, 0, 0, 0, 0))
        yield ScenarioResult(path, unnamed, (), tuple(problems))
    for scenario in scenarios:
        if programs is None:
            yield ScenarioResult(path, scenario, (), tuple(problems))
        else:
            yield run_scenario(programs, path, scenario)


def run_paths(paths: Sequence[str], allow_outside: bool = False) -> list[ScenarioResult]:
    """Run the scenarios of every file and folder in ``paths``.

    A path that does not exist is bad usage: ``AssessError``, nothing run.
    """
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise AssessError([
            error("file_not_found", ast.Span(p, 0, 0, 0, 0), f"{p}: no such file or folder")
            for p in missing
        ])
    return [result for path in scenario_files(paths)
            for result in run_file(path, allow_outside)]
