"""``load "reports.csv".``: reports from a CSV file, one per row (a Parquet
or DuckDB table of the same columns: ``assess.analysis.tables``).

The path is relative to the directory of the file that declares it, and
the file is read as every ``load`` is (``workspace.read_load``). The first
row is a header naming the columns, in any order (case and surrounding
spaces ignored):

===========  ========  =====================================================
column       required  holds
===========  ========  =====================================================
indicator    yes       the indicator's name; ``~name`` reports its contrary
arguments    yes       its arguments separated by ``;`` (``12500``, ``a;b``,
                       ``'Minsk';2``); empty for an indicator without any
source       yes       a source declared with ``source``
credibility  yes       1 – 6
date         no        ``YYYY-MM-DD`` or empty
quote        no        the words of the report, or empty
===========  ========  =====================================================

An argument is written as in a rule file: a lower-case name, a number, a
``'quoted name'`` or a ``"string"``. Each row becomes an ``ast.Report`` whose
span is the row's line and the column of its first cell in the CSV file, so
every later diagnostic about that report points into the CSV. ``expand``
returns the programs with each ``load`` replaced by its reports; everything
downstream (checks, lowering) sees ordinary reports.

Inside a ``scenario``, ``load`` brings evidence into that scenario only: a
CSV file its reports, a ``.assess`` file its reports, facts and rules (and,
in turn, what that file loads, relative to it), each file once per scenario
and none that the invocation holds already (a scenario loading its own
ruleset adds nothing). A loaded file holding anything else (a declaration,
a query, ``evidence``, a superiority, a grade override, a scenario) is
``not_scenario_item`` at that statement: a scenario's evidence cannot
change the program it tests.

Errors name the file, line and column of the cell, with stable codes:
``load_*`` for a file that cannot be read (``load_file_not_found`` …, at the
``load`` statement), ``bad_csv``, ``missing_column``, ``unknown_column``,
``duplicate_column``, ``bad_row`` (wrong number of cells), ``bad_indicator``,
``bad_argument``, ``unknown_source``, ``bad_credibility``, ``bad_date``.
Every error in every loaded file is reported, not just the first.

Example: with ``source pentagon "…" reliability B.`` and a row
``troops_in_belarus,12500,pentagon,2,2022-12-15,"10,000 to 15,000 troops"``
on line 2, ``expand`` yields
``Report(Atom("troops_in_belarus", (Number(12500),)), "pentagon", 2,
"2022-12-15", "10,000 to 15,000 troops")`` at ``reports.csv:2:1``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from assess.analysis.csvtext import CsvSyntaxError, Field, records
from assess.analysis.facttable import read_facts
from assess.analysis.reportrow import COLUMNS, REQUIRED, RowReader
from assess.diagnostics import AssessError, Diagnostic, error
from assess.syntax import ast
from assess.syntax.parser import parse
from assess.syntax.source import SourceText
from assess.workspace import is_program_path, is_table_path, read_load, resolve

if TYPE_CHECKING:
    from assess.analysis.tables import Key


@dataclass
class _Loader:
    """Expands the ``load`` statements of one invocation."""

    known_sources: frozenset[str]
    texts: MutableMapping[str, SourceText]
    included: frozenset[str] = frozenset()
    """The programs of the invocation (normalised paths): loaded in a
    scenario, they add nothing (they are there already)."""
    problems: list[Diagnostic] = field(default_factory=list)
    root: str | None = None
    """The project root loads may not leave (``workspace.read_load``); None: anywhere."""

    def program(self, program: ast.Program) -> ast.Program:
        if not any(isinstance(s, ast.Load | ast.Scenario) for s in program.statements):
            return program
        statements: list[ast.Statement] = []
        for statement in program.statements:
            if isinstance(statement, ast.Load) and is_program_path(statement.path):
                continue  # an included program: the workspace read it already
            if isinstance(statement, ast.Load):
                statements.extend(self.load(statement, program.file))
            elif isinstance(statement, ast.Scenario):
                statements.append(self.scenario(statement, program.file))
            else:
                statements.append(statement)
        return replace(program, statements=tuple(statements))

    def scenario(self, scenario: ast.Scenario, declared_in: str) -> ast.Scenario:
        """``scenario`` with each ``load`` replaced by what it loads."""
        if not any(isinstance(i, ast.Load) for i in scenario.items):
            return scenario
        seen = set(self.included)
        return replace(scenario, items=tuple(self.items(scenario.items, declared_in, seen)))

    def items(
        self, items: Iterable[ast.ScenarioItem | ast.Statement], declared_in: str, seen: set[str]
    ) -> Iterator[ast.ScenarioItem]:
        """Scenario items, a loaded CSV file as its reports and a loaded
        program as its evidence (each program once per scenario, none that
        the workspace holds already)."""
        for item in items:
            if isinstance(item, ast.Load) and is_program_path(item.path):
                yield from self.evidence(item, declared_in, seen)
            elif isinstance(item, ast.Load):
                yield from self.load(item, declared_in)
            elif isinstance(item, SCENARIO_ITEMS):
                yield item
            else:
                self.problems.append(error(
                    "not_scenario_item", item.span,
                    f"{_kind(item)} in a file loaded inside a scenario: a scenario takes "
                    "reports, facts, rules and loads of them only",
                ))

    def evidence(
        self, statement: ast.Load, declared_in: str, seen: set[str]
    ) -> Iterator[ast.ScenarioItem]:
        key = os.path.normpath(resolve(statement.path, declared_in))
        if key in seen:
            return
        seen.add(key)
        try:
            source = read_load(statement, declared_in, self.root)
            program = parse(source.text, source.path)
        except AssessError as exc:
            self.problems.extend(exc.diagnostics)
            return
        self.texts[source.path] = source
        yield from self.items(program.statements, source.path, seen)

    def load(self, statement: ast.Load, declared_in: str) -> list[ast.Report] | list[ast.Clause]:
        try:
            if is_table_path(statement.path):
                # Imported here: DuckDB's and PostgreSQL's readers are for
                # the programs that load a table.
                from assess.analysis import tables

                if statement.relation is not None:
                    return tables.read_table_facts(statement, declared_in, self.root)
                read = tables.read_table(statement, declared_in, self.root)
                return self.table(read.path, read.cells, read.keys)
            source = read_load(statement, declared_in, self.root)
        except AssessError as exc:
            self.problems.extend(exc.diagnostics)
            return []
        self.texts[source.path] = source
        if statement.relation is not None:
            facts, problems = read_facts(source.path, source.text, statement.relation)
            self.problems.extend(problems)
            return facts
        return self.rows(source.path, source.text)

    def rows(self, path: str, text: str) -> list[ast.Report]:
        try:
            table = [r for r in records(text) if any(f.value.strip() for f in r)]
        except CsvSyntaxError as exc:
            self.problems.append(error("bad_csv", _span(path, exc.line, exc.column), exc.message))
            return []
        return self.table(path, table)

    def table(self, path: str, table: list[list[Field]],
              keys: Sequence[Key] = ()) -> list[ast.Report]:
        """The reports of the rows after the header ``table[0]``, each with
        its row's primary key from ``keys`` (a database table's)."""
        columns = self.header(path, table[0]) if table else None
        if columns is None:
            return []
        reader = RowReader(path, columns, self.known_sources)
        reports = [reader.report(row) for row in table[1:]]
        self.problems.extend(reader.problems)
        if any(keys):
            reports = [r and replace(r, row=k) for r, k in zip(reports, keys, strict=True)]
        return [r for r in reports if r is not None]

    def header(self, path: str, row: list[Field]) -> dict[str, int] | None:
        """Column name -> position, or None when the header is unusable."""
        columns: dict[str, int] = {}
        before = len(self.problems)
        for position, cell in enumerate(row):
            name = cell.value.strip().lower()
            span = _span(path, cell.line, cell.column)
            if name not in COLUMNS:
                known = ", ".join(COLUMNS)
                self.problems.append(
                    error("unknown_column", span, f"unknown column '{cell.value}' (known: {known})")
                )
            elif name in columns:
                self.problems.append(error("duplicate_column", span, f"column '{name}' twice"))
            columns[name] = position
        for name in REQUIRED:
            if name not in columns:
                self.problems.append(
                    error(
                        "missing_column",
                        _span(path, row[0].line, row[0].column),
                        f"the header has no '{name}' column (required: {', '.join(REQUIRED)})",
                    )
                )
        return columns if len(self.problems) == before else None


SCENARIO_ITEMS = (
    ast.Clause, ast.Disjunction, ast.Report, ast.Drop,
    ast.ExpectEstimate, ast.ExpectStatus, ast.ExpectRank, ast.ExpectProbability, ast.ExpectCites,
)
"""What a scenario holds once its loads are expanded."""


def _kind(statement: ast.Statement | ast.ScenarioItem) -> str:
    """``a source declaration``, ``a query``: what a statement is, in words."""
    words = {
        ast.SourceDecl: "a source declaration", ast.IndicatorDecl: "an indicator declaration",
        ast.HypothesisDecl: "a hypothesis declaration", ast.CompetingDecl: "a competing set",
        ast.ConflictDecl: "a conflict declaration", ast.Query: "a query",
        ast.Evidence: "an evidence statement", ast.Superiority: "a superiority",
        ast.GradeOverride: "a grade override", ast.Scenario: "a scenario",
    }
    return words.get(type(statement), "a statement")


def _span(path: str, line: int, column: int) -> ast.Span:
    return ast.Span(path, line, column, line, column + 1)


def declared_sources(programs: Sequence[ast.Program]) -> frozenset[str]:
    """The names of every ``source`` declared in ``programs``."""
    return frozenset(
        s.name for p in programs for s in p.statements if isinstance(s, ast.SourceDecl)
    )


def load_reports(
    programs: Sequence[ast.Program], texts: MutableMapping[str, SourceText] | None = None,
    root: str | None = None,
) -> tuple[list[ast.Program], list[Diagnostic]]:
    """The programs with every ``load`` expanded, and the problems found.

    ``texts`` (e.g. ``Workspace.sources``) receives each CSV file's text, so
    that diagnostics can quote the offending line; ``root``: the directory
    no load may leave (``Workspace.root``).
    """
    included = frozenset(os.path.normpath(p.file) for p in programs)
    loader = _Loader(declared_sources(programs), texts if texts is not None else {}, included,
                     root=root)
    expanded = [loader.program(p) for p in programs]
    return expanded, loader.problems


def expand(
    programs: Sequence[ast.Program], texts: MutableMapping[str, SourceText] | None = None,
    root: str | None = None,
) -> list[ast.Program]:
    """The programs with every ``load`` expanded; raise ``AssessError`` on a bad file."""
    expanded, problems = load_reports(programs, texts, root)
    if problems:
        raise AssessError(problems)
    return expanded
