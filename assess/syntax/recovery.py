"""Every syntax error of a file, not only the first: resynchronise at the
next statement.

When a parse fails, the statement holding the error — from the end of the
statement before it (a ``.`` that ends one, or a scenario's ``{`` or ``}``)
to the end of its own — is blanked out (each character but a newline
becomes a space, so every line and column stays where it was) and the text
is parsed again; the next failure is the next error. It stops when the text
parses, after ``MAX_ERRORS`` errors, or when a failure is no further on than
the one before (the parser made no progress). Boundaries are found by a
scan that knows strings and comments, so a ``.`` in a quote or a decimal
point (``0.3::a``) ends nothing.

Example::

    >>> text = 'p(a.\\nq(b).\\nr :- .\\n'
    >>> statement_ends(text)
    [4, 10, 17]
    >>> blank(text, 0, 4)
    '    \\nq(b).\\nr :- .\\n'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

from assess.diagnostics import AssessError, Diagnostic

MAX_ERRORS = 50
"""Most syntax errors reported for one file."""
_AFTER_END = "%}/"
"""What may follow, unspaced, the ``.`` that ends a statement."""


def statement_ends(text: str) -> list[int]:
    """The offsets just after each character that ends a statement: a ``.``
    followed by white space, a comment, ``}`` or the end, and ``{``/``}``;
    none inside a string or a comment."""
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i = _string_end(text, i)
            continue
        if c == "%":
            newline = text.find("\n", i)
            i = n if newline < 0 else newline
            continue
        if text.startswith("/*", i):
            close = text.find("*/", i + 2)
            i = n if close < 0 else close + 2
            continue
        if c in "{}" or (c == "." and (i + 1 == n or text[i + 1] in _AFTER_END
                                       or text[i + 1].isspace())):
            ends.append(i + 1)
        i += 1
    return ends


def _string_end(text: str, start: int) -> int:
    i = start + 1
    while i < len(text) and text[i] not in '"\n':
        i += 2 if text[i] == "\\" else 1
    return i + 1


def blank(text: str, start: int, stop: int) -> str:
    """``text`` with ``text[start:stop]`` spaces, newlines kept."""
    gap = "".join(c if c in "\r\n" else " " for c in text[start:stop])
    return text[:start] + gap + text[stop:]


def _offset(text: str, diagnostic: Diagnostic) -> int | None:
    span = diagnostic.span
    if span is None or span.line < 1:
        return None
    at = 0
    for _ in range(span.line - 1):
        at = text.find("\n", at) + 1
        if at == 0:
            return None
    return at + max(0, span.column - 1)


def raise_every_error(
    text: str, first: AssessError, parse_once: Callable[[str], object]
) -> NoReturn:
    """Raise ``first`` with the errors found after it, resynchronising at
    each statement that fails (``parse_once`` raises one error per failure)."""
    found = list(first.diagnostics)
    ends = statement_ends(text)
    while len(found) < MAX_ERRORS:
        at = _offset(text, found[-1])
        if at is None:
            break
        start = max((e for e in ends if e <= at), default=0)
        stop = min((e for e in ends if e > at), default=len(text))
        text = blank(text, start, stop)
        try:
            parse_once(text)
        except AssessError as exc:
            following = _offset(text, exc.diagnostics[0])
            if following is None or following <= at:
                break
            found.extend(exc.diagnostics)
            continue
        break
    raise AssessError(found)
