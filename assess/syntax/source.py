"""Reading program text from disk, refusing what is not a program.

A file is read whole as UTF-8. Refused, each with an ``InputError`` whose
code names the problem: a missing path (``file_not_found``), a directory
(``is_a_directory``), unreadable bytes (``unreadable_file``), a binary file
(``binary_file``: it holds a NUL byte), text that is not UTF-8
(``not_utf8``), an empty file (``empty_file``), a control character or
bidirectional override (``control_character``: it would act on the
terminal, or reorder the text, wherever a quote or name is printed), more than ``MAX_BYTES``
(``file_too_large``: reading stops there, so ``/dev/zero`` is refused, not
read forever), and a line longer than ``MAX_LINE`` characters
(``line_too_long``), which no hand-written program has.

Lines are counted at ``\n`` only, as the parser counts them, so the line a
diagnostic quotes is the line its number names.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from assess.diagnostics import InputError

MAX_LINE = 100_000
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    """A program's text and the name it is reported under."""

    path: str
    text: str

    def line(self, number: int) -> str:
        """The 1-based line ``number``, without its newline ('' if absent)."""
        lines = self.text.split("\n")
        return lines[number - 1].rstrip("\r") if 0 < number <= len(lines) else ""


def read_source(path: str) -> SourceText:
    """Read ``path`` as an assess program, or raise ``InputError``."""
    if os.path.isdir(path):
        raise InputError("is_a_directory", path, "is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file_not_found", path, "no such file") from None
    except OSError as exc:
        raise InputError("unreadable_file", path, f"cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise InputError(
            "file_too_large", path, f"larger than {MAX_BYTES // 2**20} MB: not a rule file"
        )
    return decode_source(path, data)


def decode_source(path: str, data: bytes) -> SourceText:
    """Check and decode the bytes of ``path``."""
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise InputError(
            "binary_file",
            path,
            "a binary file (it holds a NUL byte), not assess text",
            line,
            column,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        byte = data[exc.start]
        raise InputError(
            "not_utf8",
            path,
            f"not UTF-8 text: byte 0x{byte:02x} cannot start a character here",
            line,
            column,
        ) from None
    if not text.strip():
        raise InputError("empty_file", path, "the file is empty: there is nothing to check")
    _refuse_controls(path, text)
    for number, line_text in enumerate(text.split("\n"), start=1):
        if len(line_text) > MAX_LINE:
            raise InputError(
                "line_too_long",
                path,
                f"line is {len(line_text):,} characters long (the limit is {MAX_LINE:,})",
                number,
                MAX_LINE + 1,
            )
    return SourceText(path, text.lstrip("\ufeff"))


CONTROLS = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that act rather than show: C0 and C1 controls but tab, line
feed, form feed and carriage return (a terminal runs ``ESC [2J``), and the
bidirectional embeddings, overrides and isolates (they reorder the text
around them, so a quote would not read as it is written)."""


def _refuse_controls(path: str, text: str) -> None:
    """``control_character`` at the first character of ``CONTROLS`` in ``text``."""
    found = CONTROLS.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    raise InputError(
        "control_character", path,
        f"the character U+{ord(found[0]):04X} would act, not show, in what assess prints; "
        "write it out in words or remove it",
        line, column,
    )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of ``offset`` in ``data``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1
