"""Scenario results as text (for people) and as JSON data.

Text: one line per scenario (``PASS``/``FAIL``, file:line, name); under a
failure, each failed expectation with expected, actual and the evidence
behind the actual; the closing line ``N passed, N failed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assess.scenarios.expectations import Outcome
from assess.scenarios.runner import ScenarioResult
from assess.syntax.notation import statement


def summary(results: Sequence[ScenarioResult]) -> str:
    """``N passed, N failed`` (the closing line)."""
    passed = sum(1 for r in results if r.passed)
    return f"{passed} passed, {len(results) - passed} failed"


def _where(result: ScenarioResult) -> str:
    span = result.scenario.span
    return f"{span.file}:{span.line}" if span.line else result.file


def _outcome_lines(outcome: Outcome) -> list[str]:
    span = outcome.expectation.span
    lines = [
        f"    {statement(outcome.expectation)}" + (f"   (line {span.line})" if span.line else ""),
        f"      expected: {outcome.expected}",
        f"      actual:   {outcome.actual}",
    ]
    for index, reason in enumerate(outcome.why):
        lines.append(f"      {'why:' if index == 0 else '    '}      {reason}")
    return lines


def results_text(results: Sequence[ScenarioResult]) -> str:
    """Every scenario's verdict, failures in detail, then the summary."""
    lines: list[str] = []
    for result in results:
        verdict = "PASS" if result.passed else "FAIL"
        lines.append(f"{verdict} {_where(result)} {result.scenario.name}")
        for problem in result.problems:
            where = f"{problem.span}: " if problem.span else ""
            lines.append(f"    error[{problem.code}]: {where}{problem.message}")
        for outcome in result.failures:
            lines.extend(_outcome_lines(outcome))
    lines.append(summary(results))
    return "\n".join(lines)


def _outcome_data(outcome: Outcome) -> dict[str, Any]:
    return {
        "expectation": statement(outcome.expectation),
        "line": outcome.expectation.span.line,
        "passed": outcome.passed,
        "expected": outcome.expected,
        "actual": outcome.actual,
        "why": list(outcome.why),
    }


def results_data(results: Sequence[ScenarioResult]) -> dict[str, Any]:
    """``{"scenarios": [...], "passed": N, "failed": N}``."""
    passed = sum(1 for r in results if r.passed)
    return {
        "scenarios": [
            {
                "file": r.file,
                "line": r.scenario.span.line,
                "name": r.scenario.name,
                "passed": r.passed,
                "expectations": [_outcome_data(o) for o in r.outcomes],
                "problems": [d.to_json() for d in r.problems],
            }
            for r in results
        ],
        "passed": passed,
        "failed": len(results) - passed,
    }
