"""Golden answers kept inside the fixtures, in ``/* Expected: CMD ARGS`` blocks.

Each block names a command and its arguments after the fixture file; its
body is the command's exact text output. ``ASSESS_UPDATE_GOLDEN=1`` rewrites
the bodies from the current output (review the diff before committing).
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

BLOCK = re.compile(r"/\* Expected: (?P<command>[^\n]*)\n(?P<body>.*?)\*/", re.S)


@dataclass(frozen=True)
class Golden:
    fixture: Path
    raw: str
    argv: tuple[str, ...]
    expected: str

    def command(self, relative: str) -> list[str]:
        """``assess CMD FIXTURE ARGS…`` with the fixture's path as given."""
        name, *rest = self.argv
        return [name, relative, *rest]


def goldens(fixture: Path) -> list[Golden]:
    text = fixture.read_text(encoding="utf-8")
    return [Golden(fixture, m["command"], tuple(shlex.split(m["command"])), m["body"])
            for m in BLOCK.finditer(text)]


def update(fixture: Path, raw: str, output: str) -> None:
    """Replace the body of the block headed ``raw`` with ``output``."""
    text = fixture.read_text(encoding="utf-8")
    header = f"/* Expected: {raw}\n"
    start = text.index(header) + len(header)
    end = text.index("*/", start)
    fixture.write_text(text[:start] + output + text[end:], encoding="utf-8")


UPDATING = os.environ.get("ASSESS_UPDATE_GOLDEN") == "1"
