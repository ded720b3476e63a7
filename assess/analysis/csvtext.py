"""CSV text to records whose fields know where they were written.

RFC 4180 as spreadsheets write it: fields separated by commas, records by
``\\n`` or ``\\r\\n``; a field in double quotes may hold commas, newlines and
``""`` (one quote). Python's ``csv`` module does not say where a field
starts, and a diagnostic must point at the cell, so this reader keeps the
1-based line and column of every field (of its opening quote, if quoted).

Refused with ``CsvSyntaxError`` (line, column, message): a quote that is never
closed, and text between a closing quote and the next comma.

Example::

    >>> [[(f.value, f.line, f.column) for f in r] for r in records('a,"b,c"\\nd,e')]
    [[('a', 1, 1), ('b,c', 1, 3)], [('d', 2, 1), ('e', 2, 3)]]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


class Field(NamedTuple):
    """One cell: its text and where it starts (1-based line and column).

    ``column`` is that of the opening quote when ``quoted``. (A named
    tuple: a million-row table is six million of them, made in half the
    time of a frozen dataclass.)
    """

    value: str
    line: int
    column: int
    quoted: bool = False


class CsvSyntaxError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class _Cursor:
    """A position in the text, counting lines and columns as it moves."""

    def __init__(self, text: str) -> None:
        self.text, self.index, self.line, self.column = text, 0, 1, 1

    def peek(self, ahead: int = 0) -> str:
        at = self.index + ahead
        return self.text[at] if at < len(self.text) else ""

    def advance(self) -> str:
        char = self.text[self.index]
        self.index += 1
        if char == "\n":
            self.line, self.column = self.line + 1, 1
        else:
            self.column += 1
        return char

    def at_record_end(self) -> bool:
        char = self.peek()
        return char in ("", "\n") or (char == "\r" and self.peek(1) == "\n")


def _quoted(cursor: _Cursor) -> str:
    line, column = cursor.line, cursor.column
    cursor.advance()  # the opening quote
    parts: list[str] = []
    while True:
        char = cursor.peek()
        if char == "":
            raise CsvSyntaxError(line, column, "this quoted field is never closed")
        cursor.advance()
        if char != '"':
            parts.append(char)
        elif cursor.peek() == '"':
            parts.append(cursor.advance())
        else:
            break
    if not (cursor.at_record_end() or cursor.peek() == ","):
        raise CsvSyntaxError(
            cursor.line, cursor.column, "text after a closing quote; quote the whole field"
        )
    return "".join(parts)


def _field(cursor: _Cursor) -> Field:
    line, column = cursor.line, cursor.column
    if cursor.peek() == '"':
        return Field(_quoted(cursor), line, column, quoted=True)
    start = cursor.index
    while not (cursor.at_record_end() or cursor.peek() == ","):
        cursor.advance()
    return Field(cursor.text[start : cursor.index].rstrip("\r"), line, column)


def records(text: str) -> Iterator[list[Field]]:
    """Every record of ``text`` in order; blank lines are skipped.

    A line without a double quote is one record, split at its commas (the
    bulk of any large file); a line with one is read by the cursor, which
    follows quoted fields across line breaks."""
    text = text.lstrip("\ufeff")
    size = len(text)
    pos, line = 0, 1
    while pos < size:
        end = text.find("\n", pos)
        if end < 0:
            end = size
        chunk = text[pos:end]
        if '"' not in chunk:
            # A blank line: "\n" or "\r\n" (a lone "\r" at the very end is a field).
            if chunk and not (chunk == "\r" and end < size):
                record, column = [], 1
                for raw in chunk.split(","):
                    record.append(Field(raw.rstrip("\r"), line, column))
                    column += len(raw) + 1
                yield record
            pos, line = end + 1, line + 1
            continue
        cursor = _Cursor(text)
        cursor.index, cursor.line = pos, line
        yield _record(cursor)
        pos, line = cursor.index, cursor.line


def _record(cursor: _Cursor) -> list[Field]:
    """The record at ``cursor`` (not a blank line), and past its line break."""
    record = [_field(cursor)]
    while cursor.peek() == ",":
        cursor.advance()
        record.append(_field(cursor))
    while cursor.peek() in ("\r", "\n") and cursor.peek() != "":
        if cursor.advance() == "\n":
            break
    return record
