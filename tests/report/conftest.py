"""Name the folder of the report's screenshots at the end of the run."""

from __future__ import annotations

from typing import Any

from tests.report import browser


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if browser.SHOT_TAKEN:
        terminalreporter.write_line(
            f"report screenshots (1280x800): {browser.screenshot_dir()}")
