"""Diagnostics are data: a stable code, a severity, a span and a message.

Every stage reports problems with the input as ``Diagnostic`` values; only the
renderer turns them into text (``file:line:col: error[code]: message`` and a
caret) or JSON. A stage that cannot go on raises ``AssessError`` carrying the
diagnostics that stopped it; the CLI maps it to exit code 2 (1 for ``check``).

Example::

    >>> d = Diagnostic("unsafe_variable", Severity.ERROR, NO_SPAN, "X is unbound")
    >>> d.is_error
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assess.syntax.ast import NO_SPAN, Span

__all__ = [
    "COMMAND_LINE", "NO_SPAN", "AssessError", "Diagnostic", "InputError", "Severity",
    "UnknownName", "sort_and_cap",
]

COMMAND_LINE = Span("<command line>", 0, 0, 0, 0)
"""The span of a problem with what was typed on the command line."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about the input. ``code`` is stable snake_case."""

    code: str
    severity: Severity
    span: Span
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class AssessError(Exception):
    """The input is bad; ``diagnostics`` say where and why (never empty)."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("; ".join(d.message for d in self.diagnostics))


class InputError(AssessError):
    """A file cannot be read as an assess program at all (missing, binary, …)."""

    def __init__(self, code: str, path: str, message: str, line: int = 0, column: int = 0) -> None:
        span = Span(path, line, column, line, column + 1 if column else 0)
        super().__init__([Diagnostic(code, Severity.ERROR, span, message)])


class UnknownName(AssessError):
    """A name asked about (an atom, a predicate, a source) that the program
    never mentions: the answer is "no such thing", not "0 %" (exit 1)."""


def error(code: str, span: Span, message: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, span, message)


def warning(code: str, span: Span, message: str) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, span, message)


def _location(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    span = diagnostic.span
    return (span.file, span.line, span.column, diagnostic.code)


def sort_and_cap(
    diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], cap: int = 50
) -> tuple[tuple[Diagnostic, ...], int]:
    """Sort by file, line, column; keep ``cap`` of them and say how many more."""
    ordered = sorted(set(diagnostics), key=_location)
    return tuple(ordered[:cap]), max(0, len(ordered) - cap)
