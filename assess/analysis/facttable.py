"""``load "edges.csv" as edge/2.``: one fact per row of a CSV or TSV file.

A ``.tsv`` file is split at tabs (no quoting, as Soufflé and spreadsheets
write TSV); any other file is CSV (``csvtext``: RFC 4180, a field in double
quotes may hold commas). There is no header: every non-blank row is a fact
and must have as many cells as the relation's arity (else ``bad_row``).

A cell is read as a constant: a number if it reads as one (``12``,
``-3``, ``2.5e3``: an integer or a float as in a rule file), a symbol or
string if written as in a rule file (``'New York'``, and ``"text"``,
which a CSV cell holds as three double quotes on each side), and otherwise the symbol of its
text, surrounding spaces removed: ``Minsk`` and ``New York`` are the
symbols ``'Minsk'`` and ``'New York'``. An empty cell is ``bad_argument``.
Each fact's span is its row, from the first cell, and each argument's
span its cell, so diagnostics point into the file.

A file without double quotes (the common case of a bulk export) is split
with ``str.split`` rather than read a character at a time: about a
microsecond a cell.

Example::

    >>> facts, problems = read_facts("e.csv", "1,a\\n2,New York\\n", ast.Relation("e", 2))
    >>> [(f.head.args[0].value, f.head.args[1].value) for f in facts], problems
    ([(1, 'a'), (2, 'New York')], [])
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator

from assess.analysis.csvtext import CsvSyntaxError, records
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast
from assess.syntax.builder import unquote
from assess.syntax.numbers import NumberError, read_number

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_QUOTED = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\"""")

Cell = tuple[str, int, int]
"""A cell's text, line and column."""


def _cells(path: str, text: str) -> Iterator[list[Cell]]:
    """The non-blank rows of ``text``, each a list of cells."""
    text = text.lstrip("\ufeff")
    if path.lower().endswith(".tsv") or '"' not in text:
        separator = "\t" if path.lower().endswith(".tsv") else ","
        for number, line in enumerate(text.split("\n"), 1):
            line = line.removesuffix("\r")
            if not line.strip():
                continue
            row, column = [], 1
            for value in line.split(separator):
                row.append((value, number, column))
                column += len(value) + 1
            yield row
        return
    for record in records(text):
        if any(f.value.strip() for f in record):
            yield [(f.value, f.line, f.column) for f in record]


def constant(text: str, span: ast.Span = ast.NO_SPAN) -> ast.Constant:
    """The constant a cell holds (see module doc), at ``span``;
    ``NumberError`` for an empty cell or a number the language refuses."""
    if text.isdecimal() and len(text) < 4_000:  # a plain integer, the common case
        return ast.Number(int(text), span)
    value = text.strip()
    if not value:
        raise NumberError("an empty cell: every cell is an argument")
    if _NUMBER.fullmatch(value):
        return ast.Number(read_number(value), span)
    if _QUOTED.fullmatch(value):
        inner = unquote(value)
        return ast.Symbol(inner, span) if value[0] == "'" else ast.String(inner, span)
    return ast.Symbol(value, span)


def read_facts(
    path: str, text: str, relation: ast.Relation
) -> tuple[list[ast.Clause], list[Diagnostic]]:
    """One fact of ``relation`` per row of ``text`` (the file ``path``), and
    the problems (rows of the wrong width, empty cells, bad CSV)."""
    facts: list[ast.Clause] = []
    problems: list[Diagnostic] = []
    collecting = gc.isenabled()
    gc.disable()  # millions of acyclic nodes: the cycle collector would only rescan them
    try:
        for row in _cells(path, text):
            fact = _fact(path, row, relation, problems)
            if fact is not None:
                facts.append(fact)
    except CsvSyntaxError as exc:
        span = ast.Span(path, exc.line, exc.column, exc.line, exc.column + 1)
        problems.append(error("bad_csv", span, exc.message))
    finally:
        if collecting:
            gc.enable()
    return facts, problems


def _fact(
    path: str, row: list[Cell], relation: ast.Relation, problems: list[Diagnostic]
) -> ast.Clause | None:
    _, line, column = row[0]
    if len(row) != relation.arity:
        span = ast.Span(path, line, column, line, column + 1)
        problems.append(error(
            "bad_row", span,
            f"this row has {len(row)} cells, and {relation.name}/{relation.arity} "
            f"takes {relation.arity}",
        ))
        return None
    args: list[ast.Constant] = []
    for value, at_line, at_column in row:
        span = ast.Span(path, at_line, at_column, at_line, at_column + len(value))
        try:
            args.append(constant(value, span))
        except NumberError as exc:
            problems.append(error("bad_argument", span, str(exc)))
            return None
    last_value, last_line, last_column = row[-1]
    span = ast.Span(path, line, column, last_line, last_column + len(last_value))
    atom = ast.Atom(relation.name, tuple(args), relation.contrary, span)
    return ast.Clause(atom, span=span)
