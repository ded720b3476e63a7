"""A headless Chromium for the report's tests, and where screenshots go.

``chromium_session()`` starts Debian's ``chromium`` through its
``chromedriver`` (selenium), headless, at 1280×800, with the browser's
console log kept. Where either is missing the tests skip — except under CI
(``CI=true``, or ``ASSESS_REQUIRE_BROWSER=1`` as ``.ci/run`` sets), where a
missing browser fails them, so that a green CI run proves they ran.
Screenshots go to ``$ASSESS_SCREENSHOTS``, by default ``build/screenshots``
of the repository (ignored by git).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).parents[2]
WIDTH, HEIGHT = 1280, 800
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)


SHOT_TAKEN: list[Path] = []
"""The screenshots written in this run (the summary names their folder)."""


def screenshot(driver: Any, name: str) -> Path:
    """Save what the browser shows as ``NAME.png`` in ``screenshot_dir()``."""
    path = screenshot_dir() / f"{name}.png"
    driver.save_screenshot(str(path))
    SHOT_TAKEN.append(path)
    return path


def screenshot_dir() -> Path:
    """Where the tests write their screenshots (made if missing)."""
    folder = Path(os.environ.get("ASSESS_SCREENSHOTS", REPO / "build" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _found(names: tuple[str, ...]) -> str | None:
    return next((path for name in names if (path := shutil.which(name))), None)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true" or os.environ.get(
            "ASSESS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}: CI must run the browser tests (apt-get install chromium "
                    "chromium-driver; pip install selenium)")
    pytest.skip(reason)


@contextmanager
def chromium_session() -> Iterator[Any]:
    """A selenium driver of headless Chromium whose page is 1280×800 (see the
    module doc): the window is grown by what its frame takes."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed")
    browser, driver_path = _found(BROWSERS), _found(DRIVERS)
    if browser is None or driver_path is None:
        _unavailable("chromium or chromedriver is not installed")
    options = Options()
    options.binary_location = str(browser)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", f"--window-size={WIDTH},{HEIGHT}",
                     "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    try:
        driver.set_window_size(WIDTH, HEIGHT)
        inner = driver.execute_script("return [innerWidth, innerHeight]")
        driver.set_window_size(2 * WIDTH - inner[0], 2 * HEIGHT - inner[1])
        yield driver
    finally:
        driver.quit()


def severe(driver: Any) -> list[dict[str, Any]]:
    """The browser log's SEVERE entries since the last call (console errors,
    refused scripts or styles, uncaught exceptions)."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def open_page(driver: Any, path: Path) -> None:
    """Load the report at ``path`` and wait until its script has drawn it."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-ready')") == "true")
