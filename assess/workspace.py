"""The files of one invocation, read and parsed, with their text kept.

A ``Workspace`` is what every command starts from: the programs in the order
given (rules first, then evidence), and each file's text so that diagnostics
can quote the offending line. Reading or parsing failures are collected, not
raised one at a time, so ``check`` reports every broken file at once.

This module is the one home of what a ``load "path".`` names: the path is
relative to the file that declares it (``resolve``), and ``read_load`` reads
it or raises ``load_*`` errors at the statement. ``load "rules.assess".``
includes another program: it is read and parsed into the workspace before
the file that loads it, once however often it is named (so a scenario file
can load its ruleset and still be run beside it). ``load`` of any other file
(CSV reports) is read through ``read_load`` too, later, when
``assess.analysis.loading`` expands it into reports.

Example::

    >>> ws = Workspace.from_texts({"a.assess": "edge(a, b)."})
    >>> [p.file for p in ws.programs]
    ['a.assess']
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from assess.diagnostics import AssessError, Diagnostic, error
from assess.syntax.ast import Load, Program
from assess.syntax.parser import parse
from assess.syntax.source import SourceText, decode_source, read_source


@dataclass
class Workspace:
    """Parsed programs, their sources, and the diagnostics of reading them."""

    programs: list[Program] = field(default_factory=list)
    sources: dict[str, SourceText] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    includes: bool = True
    """Whether ``load "x.assess".`` reads ``x.assess`` in (``assess fmt``
    reads only the files it is given)."""

    @classmethod
    def from_paths(cls, paths: list[str] | tuple[str, ...], includes: bool = True) -> Workspace:
        workspace = cls(includes=includes)
        for path in paths:
            try:
                workspace.add(read_source(path))
            except AssessError as exc:
                workspace.problems.extend(exc.diagnostics)
        return workspace

    @classmethod
    def from_texts(cls, texts: dict[str, str]) -> Workspace:
        workspace = cls()
        for path, text in texts.items():
            try:
                workspace.add(decode_source(path, text.encode("utf-8")))
            except AssessError as exc:
                workspace.problems.extend(exc.diagnostics)
        return workspace

    def add(self, source: SourceText) -> Program | None:
        """Parse ``source`` into the workspace, after the programs it includes.

        A syntax error is recorded; a file already in the workspace is not
        added again.
        """
        key = os.path.normpath(source.path)
        if any(os.path.normpath(p) == key for p in self.sources):
            return None
        self.sources[source.path] = source
        try:
            program = parse(source.text, source.path)
        except AssessError as exc:
            self.problems.extend(exc.diagnostics)
            return None
        for statement in program.statements:
            if self.includes and isinstance(statement, Load) and is_program_path(statement.path):
                self._include(statement, source.path)
        self.programs.append(program)
        return program

    def _include(self, statement: Load, declared_in: str) -> None:
        try:
            self.add(read_load(statement, declared_in))
        except AssessError as exc:
            self.problems.extend(exc.diagnostics)

    def line(self, file: str, number: int) -> str:
        """Line ``number`` of ``file`` as written ('' when unknown)."""
        source = self.sources.get(file)
        return source.line(number) if source else ""

    def raise_problems(self) -> None:
        """Raise the reading and parsing problems, if any, as one error."""
        if self.problems:
            raise AssessError(self.problems)


def is_program_path(path: str) -> bool:
    """Whether ``load "path".`` includes a program (rather than CSV reports)."""
    return path.endswith(".assess")


def resolve(path: str, declared_in: str) -> str:
    """``path`` relative to the directory of the file ``declared_in``."""
    if os.path.isabs(path):
        return path
    return os.path.normpath(os.path.join(os.path.dirname(declared_in), path))


def read_load(statement: Load, declared_in: str) -> SourceText:
    """The file that ``statement`` (in the file ``declared_in``) names, read;
    ``AssessError`` with ``load_*`` errors at the statement if it cannot be."""
    try:
        return read_source(resolve(statement.path, declared_in))
    except AssessError as exc:
        raise AssessError(_load_problems(statement, exc)) from None


def _load_problems(statement: Load, exc: AssessError) -> list[Diagnostic]:
    """Why the file a ``load`` names cannot be read, at the ``load`` statement."""
    return [
        error(f"load_{d.code}", statement.span, f"cannot load: {d.message}")
        for d in exc.diagnostics
    ]
