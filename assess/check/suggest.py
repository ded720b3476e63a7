""" "Did you mean …?": the closest known name to a misspelt one.

``Suggester(known).hint(name)`` returns ``"; did you mean x?"`` when a known
name is close to ``name`` (difflib's ratio at least 0.75), else ``""``.
Answers are cached per name, and at most ``LIMIT`` distinct names are
looked up, so a file with thousands of undefined names stays fast.

Example::

    >>> Suggester(["troops_in_belarus", "convoy"]).hint("troops_in_belarus_")
    '; did you mean troops_in_belarus?'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from assess.diagnostics import COMMAND_LINE, UnknownName, error

LIMIT = 100
CUTOFF = 0.75


class Suggester:
    """Close matches among ``known`` names, cached."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = sorted(set(known))
        self.cache: dict[str, str] = {}

    def hint(self, name: str) -> str:
        if name not in self.cache:
            if len(self.cache) >= LIMIT:
                return ""
            found = difflib.get_close_matches(name, self.known, n=1, cutoff=CUTOFF)
            self.cache[name] = f"; did you mean {found[0]}?" if found else ""
        return self.cache[name]


def unknown_name(code: str, message: str, name: str, known: Iterable[str]) -> UnknownName:
    """The error for ``name``, asked about on the command line but never
    mentioned by the program: ``message`` with the closest known name."""
    return UnknownName([error(code, COMMAND_LINE, message + Suggester(known).hint(name))])
