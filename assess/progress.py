"""How far long work has got: grounding and compiling say it here, and a
display, when one is installed, shows it.

The engine and the semantics call ``report(stage, done, total, detail)`` as
they go (after each rule run while grounding, each component while
compiling). Without a display that is one global read and a return; the
command line installs one (``showing``) only when stderr is a terminal, so
nothing is printed into a pipe or a log, and the display itself stays
silent for the first second of each stage (``assess.cli.progress``).

``last()`` is how far the current or the last stage got: the limit errors
(``grounding_too_large``, ``compile_too_large``) quote it.

Example::

    >>> report("compiling", 3, 10, "2,000 nodes")
    >>> last()
    Step(stage='compiling', done=3, total=10, detail='2,000 nodes')
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Step:
    """One report: the stage, the units done (of ``total`` if known), and
    a few words on the size reached."""

    stage: str
    done: int
    total: int | None = None
    detail: str = ""

    def __str__(self) -> str:
        of = f" of {self.total:,}" if self.total is not None else ""
        return f"{self.stage} {self.done:,}{of}" + (f", {self.detail}" if self.detail else "")


class Display(Protocol):
    def show(self, step: Step) -> None: ...

    def close(self) -> None: ...


_display: Display | None = None
_last: Step | None = None


def report(stage: str, done: int, total: int | None = None, detail: str = "") -> None:
    """Say how far ``stage`` has got."""
    global _last
    _last = Step(stage, done, total, detail)
    if _display is not None:
        _display.show(_last)


def touch(detail: str) -> None:
    """Say how far the current stage has got inside one unit of work (the
    size reached), its count unchanged."""
    if _last is not None:
        report(_last.stage, _last.done, _last.total, detail)


def last() -> Step | None:
    """The latest report, if any."""
    return _last


@contextmanager
def showing(display: Display) -> Iterator[None]:
    """Show every report made inside the block on ``display``."""
    global _display
    before, _display = _display, display
    try:
        yield
    finally:
        _display = before
        display.close()
