"""Progress on a terminal: one tqdm bar per stage on stderr.

``terminal_display()`` is the display ``assess.progress`` shows reports on,
or None when stderr is not a terminal (a pipe, a file, CI): then nothing
is printed at all. A bar appears only once its stage has run for
``DELAY`` seconds (``ASSESS_PROGRESS_DELAY`` overrides it), so short work
prints nothing either, and it is erased when the stage ends.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from assess.progress import Step

DELAY = 1.0
"""Seconds a stage runs before its bar appears."""


class _Bars:
    """The bar of the current stage, replaced when the stage changes."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.stage: str | None = None
        self.bar: Any = None

    def show(self, step: Step) -> None:
        if step.stage != self.stage or (self.bar is not None and self.bar.total != step.total):
            self.close()
            from tqdm import tqdm

            self.stage = step.stage
            self.bar = tqdm(
                total=step.total, desc=step.stage, delay=self.delay, file=sys.stderr,
                leave=False, dynamic_ncols=True, mininterval=0.2,
            )
        self.bar.n = step.done
        if step.detail:
            self.bar.set_postfix_str(step.detail, refresh=False)
        self.bar.update(0)  # redraws when due (tqdm's mininterval and delay)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.stage, self.bar = None, None


def terminal_display() -> _Bars | None:
    """A display on stderr if it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None
    return _Bars(float(os.environ.get("ASSESS_PROGRESS_DELAY", DELAY)))
