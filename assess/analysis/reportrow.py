"""One CSV row to one ``ast.Report``, or diagnostics naming the bad cell.

A row's cells are read by column name (see ``assess.analysis.loading``). The
``arguments`` cell holds constants separated by ``;``, each written as in a
rule file, so a ``;`` or ``,`` inside quotes is part of the argument:

    >>> [a.value for a in parse_arguments("12500; 'Minsk;Brest'; \\"text\\"")]
    [12500, 'Minsk;Brest', 'text']

Variables (``X``) are refused: a report is ground.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from assess.analysis.csvtext import Field
from assess.analysis.timeline import is_date
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast

COLUMNS = ("indicator", "arguments", "source", "credibility", "date", "quote")
REQUIRED = COLUMNS[:4]

_NAME = re.compile(r"[a-z][A-Za-z0-9_]*")
_ARGUMENT = re.compile(
    r"""\s*(?:
        (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
      | (?P<name>[a-z][A-Za-z0-9_]*)
      | (?P<quoted>'(?:[^'\\]|\\.)*')
      | (?P<string>"(?:[^"\\]|\\.)*")
    )\s*(?:;|$)""",
    re.VERBOSE,
)


class ArgumentError(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset, self.message = offset, message


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", r"\1", body)


def _constant(match: re.Match[str]) -> ast.Constant:
    if match["number"] is not None:
        text = match["number"]
        is_float = any(c in text for c in ".eE")
        return ast.Number(float(text) if is_float else int(text))
    if match["name"] is not None:
        return ast.Symbol(match["name"])
    if match["quoted"] is not None:
        return ast.Symbol(_unescape(match["quoted"][1:-1]))
    return ast.String(_unescape(match["string"][1:-1]))


@lru_cache(maxsize=65_536)
def parse_arguments(text: str) -> tuple[ast.Constant, ...]:
    """The constants in ``text`` (``a;b``); raise ``ArgumentError`` at the bad one.
    (Cached: a large table repeats its argument texts, and the constants
    carry no span.)"""
    if not text.strip():
        return ()
    found: list[ast.Constant] = []
    at = 0
    while at < len(text):
        match = _ARGUMENT.match(text, at)
        if match is None or match.end() == at:
            start = at + len(text[at:]) - len(text[at:].lstrip())
            word = text[start:].split(";")[0].strip()
            raise ArgumentError(start, _argument_message(word))
        found.append(_constant(match))
        at = match.end()
        if at == len(text) and text.rstrip().endswith(";"):
            raise ArgumentError(at, "an argument is missing after the last ';'")
    return tuple(found)


def _argument_message(word: str) -> str:
    if word and (word[0].isupper() or word.startswith("_")):
        return (
            f"'{word}' would be a variable, and a report is ground: "
            f"write it in quotes ('{word}') or in lower case"
        )
    if not word:
        return "an argument is missing (two ';' in a row?)"
    return f"'{word}' is not a constant: write a lower-case name, a number or 'quoted text'"


@dataclass
class RowReader:
    """Turns rows of one CSV file into reports, collecting problems."""

    path: str
    columns: dict[str, int]
    known_sources: frozenset[str]
    problems: list[Diagnostic] = field(default_factory=list)
    _hints: dict[str, str] = field(default_factory=dict, repr=False)
    """The "did you mean" of each undeclared source, worked out once."""

    def _fail(self, cell: Field, code: str, message: str, offset: int = 0) -> None:
        column = cell.column + offset + (1 if cell.quoted and offset else 0)
        span = ast.Span(self.path, cell.line, column, cell.line, column + 1)
        self.problems.append(error(code, span, message))

    def report(self, row: list[Field]) -> ast.Report | None:
        if len(row) != len(self.columns):
            self._fail(
                row[0], "bad_row", f"this row has {len(row)} cells, the header {len(self.columns)}"
            )
            return None
        columns = self.columns  # the required ones are there (``loading.header``)
        before = len(self.problems)
        atom = self._atom(row[columns["indicator"]], row[columns["arguments"]])
        source = self._source(row[columns["source"]])
        credibility = self._credibility(row[columns["credibility"]])
        at = columns.get("date")
        date = None if at is None else self._date(row[at])
        at = columns.get("quote")
        quote = None if at is None else row[at].value or None
        if len(self.problems) != before or atom is None or credibility is None:
            return None
        first = row[0]
        last = row[-1]
        span = ast.Span(self.path, first.line, first.column, last.line, last.column)
        return ast.Report(atom, source, credibility, date, quote, span)

    def _atom(self, indicator: Field, arguments: Field) -> ast.Atom | None:
        name = indicator.value.strip()
        contrary = name.startswith("~")
        name = name.removeprefix("~").strip()
        if not _NAME.fullmatch(name):
            self._fail(
                indicator,
                "bad_indicator",
                f"'{indicator.value}' is not an indicator name (lower-case letter first, "
                f"then letters, digits, _)",
            )
            return None
        try:
            args = parse_arguments(arguments.value)
        except ArgumentError as exc:
            self._fail(arguments, "bad_argument", exc.message, exc.offset)
            return None
        end = indicator.column + len(indicator.value)
        span = ast.Span(self.path, indicator.line, indicator.column, indicator.line, end)
        return ast.Atom(name, args, contrary, span)

    def _source(self, cell: Field) -> str:
        name = cell.value.strip()
        if name not in self.known_sources:
            if name not in self._hints:  # a table may name one stray source a million times
                close = difflib.get_close_matches(name, sorted(self.known_sources), n=1)
                self._hints[name] = f"; did you mean '{close[0]}'?" if close else ""
            hint = self._hints[name]
            self._fail(cell, "unknown_source", f"source '{name}' is not declared{hint}")
        return name

    def _credibility(self, cell: Field) -> int | None:
        text = cell.value.strip()
        if text in ("1", "2", "3", "4", "5", "6"):
            return int(text)
        self._fail(cell, "bad_credibility", f"credibility is a whole number 1-6, not '{text}'")
        return None

    def _date(self, cell: Field) -> str | None:
        text = cell.value.strip()
        if not text:
            return None
        if not is_date(text):
            self._fail(cell, "bad_date", f"'{text}' is not a date written YYYY-MM-DD")
        return text
