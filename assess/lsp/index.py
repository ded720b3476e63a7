"""Where each predicate, rule label and source is named, for the editor.

The syntax tree records where each atom was written, but not where each
name inside a declaration stands (``source pentagon …``, ``by pentagon``,
``[force] > [denial]``). ``occurrences(program, text)`` finds them: it
scans the file's names (skipping comments, strings and quoted symbols) and
reads each statement's names in the order its grammar writes them. Each
``Occurrence`` is one name at one place, with what it names and whether it
defines it:

==========  =========================================  ==========================
kind        defined by                                 referred to by
==========  =========================================  ==========================
predicate   ``indicator``/``hypothesis`` declarations,  body literals, queries,
            rule and fact heads, reports                evidence, expectations,
                                                        drops, ``competing``,
                                                        ``conflict``
label       ``[label]`` before a rule                   ``[a] > [b]``
source      ``source name …``                           ``by``, ``derived_from``,
                                                        ``cites``, ``drop source``
==========  =========================================  ==========================

A CSV file of reports names indicators and sources too, one per cell of
its ``indicator`` and ``source`` columns (``table_occurrences``): a cell
of the indicator column defines its predicate, as a report does.

A predicate is its name: ``p/1`` and ``p/2`` share one (the checks call a
name used at two arities a mistake), and ``~p`` names ``p``. Positions are
the parser's: 1-based lines and columns counted in characters.

Example::

    >>> from assess.syntax.parser import parse
    >>> text = "source s \\"S\\" reliability B.\\nreport e by s credibility 2."
    >>> [(o.kind, o.name, o.span.line, o.span.column, o.definition)
    ...  for o in occurrences(parse(text, "f"), text)]
    [('source', 's', 1, 8, True), ('predicate', 'e', 2, 8, True), ('source', 's', 2, 13, False)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass

from assess.analysis.csvtext import CsvSyntaxError, records
from assess.syntax import ast

PREDICATE, LABEL, SOURCE = "predicate", "label", "source"

_LEXEME = re.compile(
    r"""%[^\n]*|/\*(?:.|\n)*?(?:\*/|\Z)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?"""
    r"|(?P<name>(?<![A-Za-z0-9_])[a-z][A-Za-z0-9_]*)"
)
"""Comments, strings and quoted symbols (skipped), and names (kept)."""
_NAME = re.compile(r"[a-z][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Name:
    """One name as written: its text and where (1-based, end exclusive)."""

    text: str
    line: int
    column: int

    @property
    def key(self) -> tuple[int, int]:
        return (self.line, self.column)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """``name`` of ``kind`` written at ``span``; ``definition`` if it defines it."""

    kind: str
    name: str
    span: ast.Span
    definition: bool
    declared: bool = False
    """Defined by a declaration (``source``, ``indicator``, ``hypothesis``)."""
    atom: ast.Atom | None = field(default=None, compare=False, repr=False)
    """The atom whose predicate this is, when it is one."""


def names(text: str) -> list[Name]:
    """Every name in ``text`` outside comments, strings and quoted symbols."""
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    found: list[Name] = []
    for match in _LEXEME.finditer(text):
        if match["name"] is None:
            continue
        start = match.start()
        line = bisect.bisect_right(newlines, start)
        line_start = newlines[line - 1] + 1 if line else 0
        found.append(Name(match["name"], line + 1, start - line_start + 1))
    return found


class _Names:
    """The names of one file, looked up by the region of a node."""

    def __init__(self, file: str, found: list[Name]) -> None:
        self.file = file
        self.found = found
        self.keys = [n.key for n in found]

    def within(self, span: ast.Span) -> list[Name]:
        start = bisect.bisect_left(self.keys, (span.line, span.column))
        end = bisect.bisect_left(self.keys, (span.end_line, span.end_column))
        return self.found[start:end]

    def occurrence(
        self, kind: str, name: Name, definition: bool, declared: bool = False,
        atom: ast.Atom | None = None,
    ) -> Occurrence:
        span = ast.Span(self.file, name.line, name.column, name.line,
                        name.column + len(name.text))
        return Occurrence(kind, name.text, span, definition, declared, atom)


def occurrences(program: ast.Program, text: str) -> list[Occurrence]:
    """Every predicate, label and source named in ``program`` (parsed from
    ``text``), in the order written."""
    table = _Names(program.file, names(text))
    found: list[Occurrence] = []
    for statement in program.statements:
        found.extend(_statement(table, statement))
    return sorted(found, key=lambda o: (o.span.line, o.span.column))


def atoms(node: object) -> Iterator[ast.Atom]:
    """The atoms of a node, outermost first, wherever they stand in it (so a
    node shape added to the language later is read too)."""
    if isinstance(node, ast.Atom):
        yield node
        return
    if isinstance(node, tuple):
        for item in node:
            yield from atoms(item)
    elif is_dataclass(node) and not isinstance(node, type | ast.Span):
        for f in fields(node):
            if f.name != "span":
                yield from atoms(getattr(node, f.name))


def _defines(statement: object) -> set[int]:
    """The ids of the atoms ``statement`` defines (heads, reported atoms)."""
    if isinstance(statement, ast.Clause):
        return {id(statement.head)}
    if isinstance(statement, ast.Disjunction):
        return {id(c.atom) for c in statement.choices}
    if isinstance(statement, ast.Report):
        return {id(statement.atom)}
    return set()


def _statement(table: _Names, statement: object) -> Iterator[Occurrence]:
    span = getattr(statement, "span", ast.NO_SPAN)
    if span == ast.NO_SPAN or not span.line:
        return
    if isinstance(statement, ast.Scenario):
        for item in statement.items:
            yield from _statement(table, item)
        return
    defined = _defines(statement)
    covered: list[ast.Span] = []
    for atom in atoms(statement):
        covered.append(atom.span)
        for name in table.within(atom.span)[:1]:
            if name.text == atom.predicate:
                yield table.occurrence(PREDICATE, name, id(atom) in defined, atom=atom)
    outside = [n for n in table.within(span) if not any(_inside(n, s) for s in covered)]
    yield from _declared_names(table, statement, outside)


def _inside(name: Name, span: ast.Span) -> bool:
    return (span.line, span.column) <= name.key < (span.end_line, span.end_column)


def _after(written: Sequence[Name], keyword: str) -> list[Name]:
    """The names written after the first ``keyword``."""
    for i, name in enumerate(written):
        if name.text == keyword:
            return list(written[i + 1:])
    return []


def _declared_names(
    table: _Names, statement: object, written: list[Name]
) -> Iterator[Occurrence]:
    """The names of ``statement`` outside its atoms (``written``, in order),
    each matched to the field of the statement it spells."""
    wanted: list[tuple[str, str, bool]] = []
    declared = False
    if isinstance(statement, ast.Clause | ast.Disjunction) and statement.label:
        wanted = [(LABEL, statement.label, True)]
    elif isinstance(statement, ast.Superiority):
        wanted = [(LABEL, statement.superior, False), (LABEL, statement.inferior, False)]
    elif isinstance(statement, ast.SourceDecl):
        written = written[1:]  # the keyword
        wanted = [(SOURCE, statement.name, True)]
        wanted += [(SOURCE, s, False) for s in statement.derived_from]
        declared = True
    elif isinstance(statement, ast.IndicatorDecl | ast.HypothesisDecl):
        written = written[1:2]
        wanted = [(PREDICATE, statement.name, True)]
        declared = True
    elif isinstance(statement, ast.CompetingDecl):
        written = written[2:]  # the keyword and the set's name
        wanted = [(PREDICATE, m, False) for m in statement.members]
    elif isinstance(statement, ast.ConflictDecl):
        written = written[1:]
        wanted = [(PREDICATE, statement.first, False), (PREDICATE, statement.second, False)]
    elif isinstance(statement, ast.Report):
        written = _after(written, "by")[:1]
        wanted = [(SOURCE, statement.source, False)]
    elif isinstance(statement, ast.Drop) and statement.source is not None:
        written = written[-1:]
        wanted = [(SOURCE, statement.source, False)]
    elif isinstance(statement, ast.ExpectCites):
        written = _after(written, "cites")[:1]
        wanted = [(SOURCE, statement.source, False)]
    yield from _match(table, wanted, written, declared)


def _match(
    table: _Names, wanted: list[tuple[str, str, bool]], written: list[Name], declared: bool
) -> Iterator[Occurrence]:
    """Each wanted name at the next written name that spells it."""
    position = 0
    for kind, text, definition in wanted:
        for i in range(position, len(written)):
            if written[i].text == text:
                yield table.occurrence(kind, written[i], definition, declared and definition)
                position = i + 1
                break


TABLE_COLUMNS = {"indicator": PREDICATE, "source": SOURCE}
"""The columns of a CSV file of reports (``analysis.loading``) that hold names."""


def table_occurrences(path: str, text: str) -> list[Occurrence]:
    """The indicators (``~name`` names ``name``) and sources that the CSV file
    of reports ``path`` (holding ``text``) names, one per cell; none if it
    is not CSV.

    >>> [(o.kind, o.name, o.span.line, o.span.column)
    ...  for o in table_occurrences("r.csv", 'Source,indicator\\nisw,"~convoy"')]
    [('source', 'isw', 2, 1), ('predicate', 'convoy', 2, 7)]
    """
    try:
        rows = list(records(text))
    except CsvSyntaxError:
        return []
    if not rows:
        return []
    kinds = {i: TABLE_COLUMNS.get(cell.value.strip().lower()) for i, cell in enumerate(rows[0])}
    found: list[Occurrence] = []
    for row in rows[1:]:
        for i, cell in enumerate(row):
            kind = kinds.get(i)
            written = cell.value.lstrip()
            column = cell.column + (1 if cell.quoted else 0) + len(cell.value) - len(written)
            if written.startswith("~"):
                written, column = written[1:], column + 1
            name = written.strip()
            if kind is None or not _NAME.fullmatch(name) or written[: len(name)] != name:
                continue
            span = ast.Span(path, cell.line, column, cell.line, column + len(name))
            found.append(Occurrence(kind, name, span, definition=kind == PREDICATE))
    return found
