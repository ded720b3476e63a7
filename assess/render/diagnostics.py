"""Diagnostics as text (with the source line and a caret) or as JSON data.

Text form::

    rules.assess:3:12: error[unsafe_variable]: variable Y in the head is not bound
        path(X, Y) :- edge(X, Z).
                ^

A diagnostic without a span (about the command line, the whole program or an
evidence set) has no location and no caret: ``error[bad_atom]: …``; in JSON
its ``file``, ``line`` and ``column`` are null. A span at line 0 names a
whole file: ``rules.assess: error[empty_file]: …``, JSON line and column 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assess.diagnostics import Diagnostic

LineLookup = Callable[[str, int], str]


def diagnostic_text(diagnostic: Diagnostic, line_of: LineLookup) -> str:
    """``file:line:col: severity[code]: message``, then the line and a caret."""
    text = f"{diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}"
    span = diagnostic.span
    if span is None:
        return text
    head = f"{span.file}:{span.line}:{span.column}" if span.line else span.file
    text = f"{head}: {text}"
    line = line_of(span.file, span.line) if span.line else ""
    if not line:
        return text
    shown = line.expandtabs(4) if "\t" not in line[: max(0, span.column - 1)] else line
    caret_at = len(line[: max(0, span.column - 1)].expandtabs(4))
    if len(shown) > 200:
        start = max(0, caret_at - 100)
        shown, caret_at = shown[start : start + 200], caret_at - start
    return f"{text}\n    {shown}\n    {' ' * caret_at}^"


def diagnostics_text(
    diagnostics: Sequence[Diagnostic], more: int, line_of: LineLookup
) -> str:
    """All diagnostics, then "… and N more" when the list was capped."""
    parts = [diagnostic_text(d, line_of) for d in diagnostics]
    if more:
        parts.append(f"… and {more} more")
    return "\n".join(parts)
