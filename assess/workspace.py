"""The files of one invocation, read and parsed, with their text kept.

A ``Workspace`` is what every command starts from: the programs in the order
given (rules first, then evidence), and each file's text so that diagnostics
can quote the offending line. Reading or parsing failures are collected, not
raised one at a time, so ``check`` reports every broken file at once.

This module is the one home of what a ``load "path".`` names: the path is
relative to the file that declares it (``resolve``), and ``read_load`` reads
it or raises ``load_*`` errors at the statement. A ``load`` may not leave
the *project root* (``project_root``): the current directory, or, when the
first file named lies outside it, that file's directory (a folder named:
the folder). The files named are read wherever they are (the user named
them); what they ``load`` is refused outside the root, after symbolic links
are followed, with ``outside_root`` at the statement — a shared
ruleset cannot read ``~/.ssh/id_rsa`` into a report — unless the workspace
allows it (``allow_outside``, ``--allow-outside``). ``-`` names standard
input (``STDIN``), read as ``<stdin>``. ``load "rules.assess".``
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
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assess.diagnostics import AssessError, Diagnostic, InputError, error
from assess.syntax.ast import Load, Program
from assess.syntax.parser import parse
from assess.syntax.source import MAX_BYTES, SourceText, decode_source, read_source


@dataclass
class Workspace:
    """Parsed programs, their sources, and the diagnostics of reading them."""

    programs: list[Program] = field(default_factory=list)
    sources: dict[str, SourceText] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    includes: bool = True
    """Whether ``load "x.assess".`` reads ``x.assess`` in (``assess fmt``
    reads only the files it is given)."""
    root: str | None = field(default_factory=lambda: project_root(()))
    """The real path of the directory ``load`` may not leave (None: anywhere)."""

    @classmethod
    def from_paths(
        cls, paths: list[str] | tuple[str, ...], includes: bool = True, *,
        allow_outside: bool = False, root: str | None = None,
    ) -> Workspace:
        """The files ``paths`` (``-``: standard input), read and parsed; their
        loads confined to ``root`` (by default ``project_root(paths)``)
        unless ``allow_outside``."""
        boundary = None if allow_outside else root or project_root(paths)
        workspace = cls(includes=includes, root=boundary)
        for path in paths:
            try:
                workspace.add(read_stdin() if path == STDIN else read_source(path))
            except AssessError as exc:
                workspace.problems.extend(exc.diagnostics)
        return workspace

    @classmethod
    def from_texts(cls, texts: dict[str, str]) -> Workspace:
        workspace = cls()
        workspace.add_texts(texts)
        return workspace

    def add_texts(self, texts: dict[str, str]) -> None:
        """Add in-memory programs (name -> text), after those already read."""
        for path, text in texts.items():
            try:
                self.add(decode_source(path, text.encode("utf-8")))
            except AssessError as exc:
                self.problems.extend(exc.diagnostics)

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
            self.add(read_load(statement, declared_in, self.root))
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


def program_files(paths: Sequence[str]) -> list[str]:
    """The files named, in order, and in place of each folder every ``.assess``
    file below it (sorted; hidden folders such as ``.git`` skipped), each once.
    A folder without one stays, to be refused as ``is_a_directory``."""
    found: list[str] = []
    for path in paths:
        inside = [
            str(candidate) for candidate in sorted(Path(path).rglob("*.assess"))
            if not any(part.startswith(".") for part in candidate.relative_to(path).parts)
        ] if path != STDIN and os.path.isdir(path) else []
        found.extend(inside or [path])
    return list(dict.fromkeys(found))


def is_program_path(path: str) -> bool:
    """Whether ``load "path".`` includes a program (rather than CSV reports)."""
    return path.endswith(".assess")


TABLE_SUFFIXES = (".parquet", ".duckdb")
SERVER = "postgres:"
"""``load "postgres:TABLE".`` reads TABLE of the server the environment names."""


def is_table_path(path: str) -> bool:
    """Whether ``load "path".`` names a table that DuckDB (or a PostgreSQL
    server) reads: ``assess.analysis.tables``."""
    return path.lower().endswith(TABLE_SUFFIXES) or path.startswith(SERVER)


def resolve(path: str, declared_in: str) -> str:
    """``path`` relative to the directory of the file ``declared_in``."""
    if os.path.isabs(path):
        return path
    return os.path.normpath(os.path.join(os.path.dirname(declared_in), path))


STDIN = "-"
"""The path that names standard input."""
STDIN_NAME = "<stdin>"


def read_stdin() -> SourceText:
    """Standard input, read whole as a program named ``<stdin>``."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(
            "file_too_large", STDIN_NAME, f"larger than {MAX_BYTES // 2**20} MB: not a rule file"
        )
    return decode_source(STDIN_NAME, data)


def project_root(paths: Sequence[str]) -> str:
    """The real path of the directory that ``load`` statements may not leave:
    the current directory, unless the first file (or folder) of ``paths``
    lies outside it; then that file's directory (the folder itself)."""
    here = os.path.realpath(os.getcwd())
    named = next((p for p in paths if p != STDIN), None)
    if named is None:
        return here
    place = os.path.realpath(named if os.path.isdir(named) else os.path.dirname(named) or ".")
    return here if is_within(place, here) else place


def is_within(path: str, root: str) -> bool:
    """Whether the real path ``path`` is ``root`` or below it."""
    return os.path.commonpath([path, root]) == root


def resolve_within(statement: Load, declared_in: str, root: str | None) -> str:
    """The path ``statement`` names, resolved against ``declared_in``;
    ``outside_root`` if it lies outside ``root`` (None: anywhere)."""
    path = resolve(statement.path, declared_in)
    if root is not None and not is_within(os.path.realpath(path), root):
        raise AssessError([error(
            "outside_root", statement.span,
            f"cannot load {statement.path!r}: it is outside the project root {root} "
            "(pass --allow-outside to read it)",
        )])
    return path


def read_load(statement: Load, declared_in: str, root: str | None = None) -> SourceText:
    """The file that ``statement`` (in the file ``declared_in``) names, read;
    ``AssessError`` with ``load_*`` errors at the statement if it cannot be,
    or if it lies outside ``root`` (the project root; None: anywhere)."""
    path = resolve_within(statement, declared_in, root)
    try:
        return read_source(path)
    except AssessError as exc:
        raise AssessError(_load_problems(statement, exc)) from None


def _load_problems(statement: Load, exc: AssessError) -> list[Diagnostic]:
    """Why the file a ``load`` names cannot be read, at the ``load`` statement."""
    return [
        error(f"load_{d.code}", statement.span, f"cannot load: {d.message}")
        for d in exc.diagnostics
    ]
