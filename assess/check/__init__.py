"""Static checks: one module per check, run in the order of ``CHECKS``.

Each check is a function ``(programs) -> list[Diagnostic]`` over all files of
an invocation together (a predicate defined in the rules file may be used in
an evidence file). Checks never raise on bad input; they report it. The
order matters only for reading: structural checks first, tradecraft last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assess.diagnostics import Diagnostic
from assess.syntax.ast import Program

Check = Callable[[Sequence[Program]], list[Diagnostic]]

CHECKS: tuple[Check, ...] = ()


def run_checks(programs: Sequence[Program]) -> list[Diagnostic]:
    """Every finding of every check, unsorted (the renderer sorts and caps)."""
    findings: list[Diagnostic] = []
    for check in CHECKS:
        findings.extend(check(programs))
    return findings
