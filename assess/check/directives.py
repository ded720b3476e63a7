"""What a file says, in comments, about how it is checked.

Two directives, each a comment of its own line:

* ``% allow <code>: <why>`` — the file accepts the warning ``<code>``
  anywhere in it, for the reason given (a reason is required: a directive
  without one is not honoured). Errors cannot be allowed: the program would
  not run.
* ``% check with: <path> …`` — the file is meant to be checked (and run)
  together with these files (paths relative to it, separated by spaces):
  an evidence file names its ruleset. ``assess check`` reads them in before it.

This module is their one home: ``assess check`` and ``assess.load`` honour
them (``allowed``, ``split_allowed``), and the repository's own test of its
files reads them through it.

Example::

    >>> from assess.syntax.parser import parse
    >>> text = "% allow singleton_variable: Y is any target\\np(X) :- q(X, Y)."
    >>> program = parse(text, "r.assess")
    >>> allowed(program)
    {'singleton_variable': 'Y is any target'}
    >>> check_with(parse("% check with: ../rules.assess\\np.", "e/x.assess"))
    ['rules.assess']
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from assess.diagnostics import Diagnostic
from assess.syntax.ast import Program

ALLOW = re.compile(r"^%\s*allow\s+([a-z_]+)\s*:\s*(\S.*?)\s*$")
CHECK_WITH = re.compile(r"^%\s*check with:\s*(.+?)\s*$")


def allowed(program: Program) -> dict[str, str]:
    """The warning codes ``program``'s file allows, each with its reason."""
    found: dict[str, str] = {}
    for comment in program.comments:
        match = ALLOW.match(comment.text.strip())
        if match:
            found.setdefault(match[1], match[2])
    return found


def check_with(program: Program) -> list[str]:
    """The files ``program``'s file is checked with, as paths usable from
    here (relative to the file, normalised)."""
    base = os.path.dirname(program.file)
    return [
        os.path.normpath(os.path.join(base, name))
        for comment in program.comments
        if (match := CHECK_WITH.match(comment.text.strip()))
        for name in match[1].split()
    ]


def split_allowed(
    findings: Sequence[Diagnostic], programs: Sequence[Program]
) -> tuple[list[Diagnostic], list[tuple[Diagnostic, str]]]:
    """``findings`` without the warnings their files allow, and those
    warnings with the reason given."""
    reasons = {os.path.normpath(p.file): allowed(p) for p in programs}
    kept: list[Diagnostic] = []
    excused: list[tuple[Diagnostic, str]] = []
    for finding in findings:
        span = finding.span
        why = None
        if span is not None and not finding.is_error:
            why = reasons.get(os.path.normpath(span.file), {}).get(finding.code)
        if why is None:
            kept.append(finding)
        else:
            excused.append((finding, why))
    return kept, excused
