"""Diagnostics are data: a stable code, a severity, a span and a message.

Every stage reports problems with the input as ``Diagnostic`` values; only the
renderer turns them into text (``file:line:col: error[code]: message`` and a
caret) or JSON. A stage that cannot go on raises ``AssessError`` carrying the
diagnostics that stopped it; the CLI maps it to exit code 2 (1 for ``check``).

Every code is catalogued in ``assess.codes`` with its severity; a diagnostic
with any other code or severity is refused at once with ``UncataloguedCode``
(a bug in assess, not in its input).

The span is ``None`` when nothing in a file is to blame: the command line,
the whole program, an evidence set. A span with line 0 names a whole file.
``error`` and ``warning`` read a node built in code (``NO_SPAN``, no
position) as no span.

Example::

    >>> d = error("unsafe_variable", None, "X is unbound")
    >>> d.is_error, d.span
    (True, None)
    >>> error("unsafe_varaible", None, "X is unbound")
    Traceback (most recent call last):
    ...
    assess.diagnostics.UncataloguedCode: diagnostic code 'unsafe_varaible' is not in assess.codes
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assess.codes import CODES, Severity
from assess.syntax.ast import NO_SPAN, Span

__all__ = [
    "COMMAND_LINE",
    "AssessError",
    "AssessWarning",
    "Diagnostic",
    "InputError",
    "Severity",
    "UncataloguedCode",
    "UnknownName",
    "error",
    "sort_and_cap",
    "warning",
]

COMMAND_LINE: None = None
"""The span of a problem with what was typed on the command line: none (it
names no place in a file); written so at call sites to say where the fault is."""


class UncataloguedCode(Exception):
    """A diagnostic whose code, or its severity, ``assess.codes`` does not list."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about the input. ``code`` is catalogued; ``span`` may be None."""

    code: str
    severity: Severity
    span: Span | None
    message: str

    def __post_init__(self) -> None:
        known = CODES.get(self.code)
        if known is None:
            raise UncataloguedCode(f"diagnostic code {self.code!r} is not in assess.codes")
        if known.severity is not self.severity:
            raise UncataloguedCode(
                f"{self.code} is catalogued as {known.severity.value}, "
                f"raised as {self.severity.value}"
            )

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, Any]:
        """``{"code", "severity", "file", "line", "column", "message"}`` (a
        documented contract: no span, null file, line and column)."""
        span = self.span
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": span.file if span else None,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "message": self.message,
        }


class AssessError(Exception):
    """The input is bad; ``diagnostics`` say where and why (never empty)."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("; ".join(d.message for d in self.diagnostics))


class AssessWarning(UserWarning):
    """The static checks' warnings about a program that loads: issued once per
    ``assess.load`` through ``warnings.warn``, so a caller can show, filter or
    escalate them (``warnings.simplefilter("error", AssessWarning)``);
    ``diagnostics`` holds them all."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("; ".join(f"{d.code}: {d.message}" for d in self.diagnostics))


class InputError(AssessError):
    """A file cannot be read as an assess program at all (missing, binary, …)."""

    def __init__(self, code: str, path: str, message: str, line: int = 0, column: int = 0) -> None:
        span = Span(path, line, column, line, column + 1 if column else 0)
        super().__init__([error(code, span, message)])


class UnknownName(AssessError):
    """A name asked about (an atom, a predicate, a source) that the program
    never mentions: the answer is "no such thing", not "0 %" (exit 1)."""


def _located(span: Span | None) -> Span | None:
    return None if span is None or span == NO_SPAN else span


def error(code: str, span: Span | None, message: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, _located(span), message)


def warning(code: str, span: Span | None, message: str) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, _located(span), message)


def _location(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    span = diagnostic.span
    if span is None:
        return ("", 0, 0, diagnostic.code)
    return (span.file, span.line, span.column, diagnostic.code)


def sort_and_cap(
    diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], cap: int = 50
) -> tuple[tuple[Diagnostic, ...], int]:
    """Sort by file, line, column (no span first); keep ``cap`` and say how many more."""
    ordered = sorted(set(diagnostics), key=_location)
    return tuple(ordered[:cap]), max(0, len(ordered) - cap)
