"""The files an editor works on: open documents over the files on disk.

An evidence file is meant to be read with its ruleset. As in the
repository's own check of its files, a file names the files it is checked
with in a comment ``% check with: path …`` (relative to itself); the
language server reads those comments:

- **diagnostics** of a document are ``assess check`` on its ``check with``
  files and itself (``check.workspace_findings``, the command's own entry
  point), with the text the editor holds for every open one;
- **readings** (hover) of a file that names companions are of those files
  with it; of a file that names none (a ruleset), of each open evidence file
  that names it, or of the file alone when none is open;
- **names** (definitions, references, rename, completion) are looked up in
  the file's *group*: the files linked to it by ``check with`` or ``load``,
  in either direction and transitively, among the ``.assess`` files under
  the editor's folders and the open documents. A ruleset and the evidence
  files read with it share their names; two unrelated rulesets do not.

Paths are absolute and normalised. A file's parse is kept while its text
is unchanged, so typing re-parses only the document typed in.

Example::

    >>> project = Project([])
    >>> project.open("/w/e.assess", "% check with: rules.assess\\nreport x by s credibility 2.")
    >>> project.companions("/w/e.assess")
    ['/w/rules.assess']
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from assess.check import workspace_findings
from assess.diagnostics import AssessError, Diagnostic
from assess.lsp.index import Occurrence, occurrences, table_occurrences
from assess.syntax.ast import Program
from assess.syntax.parser import parse
from assess.syntax.source import decode_source, read_source
from assess.workspace import Workspace

CHECK_WITH = re.compile(r"%\s*check with:\s*(.+)")
LOADS = re.compile(r"""\bload\s+"([^"\n]+\.assess)"\s*\.""")
CSV_LOADS = re.compile(r"""\bload\s+"([^"\n]+\.csv)"\s*\.""")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
MAX_FILES = 5_000
"""At most this many ``.assess`` files are read under the editor's folders."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A file's text and its parse (None when it does not parse)."""

    text: str
    program: Program | None
    names: tuple[Occurrence, ...]


def normal(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


class Project:
    """Open documents, the folders they are in, and what is read from them."""

    def __init__(self, roots: list[str]) -> None:
        self.roots = [normal(r) for r in roots]
        self.documents: dict[str, str] = {}
        self._parsed: dict[str, Parsed] = {}
        self._last_good: dict[str, Parsed] = {}
        self._disk: dict[str, tuple[tuple[float, int], str | None]] = {}

    # -- texts ---------------------------------------------------------------

    def open(self, path: str, text: str) -> None:
        """The editor holds ``text`` for ``path`` (opened or changed)."""
        self.documents[normal(path)] = text

    def close(self, path: str) -> None:
        self.documents.pop(normal(path), None)

    def text(self, path: str) -> str | None:
        """The text the editor holds for ``path``, else the file's (None if unreadable)."""
        path = normal(path)
        if path in self.documents:
            return self.documents[path]
        try:
            status = os.stat(path)
        except OSError:
            return None
        stamp = (status.st_mtime, status.st_size)
        cached = self._disk.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            text: str | None = read_source(path).text
        except AssessError:
            text = None
        self._disk[path] = (stamp, text)
        return text

    def parsed(self, path: str) -> Parsed | None:
        """The parse of ``path``'s current text (``program`` None if it fails)."""
        path = normal(path)
        text = self.text(path)
        if text is None:
            return None
        kept = self._parsed.get(path)
        if kept is not None and kept.text == text:
            return kept
        try:
            program = parse(text, path)
        except (AssessError, RecursionError):
            kept = Parsed(text, None, ())
        else:
            kept = Parsed(text, program, tuple(occurrences(program, text)))
            self._last_good[path] = kept
        self._parsed[path] = kept
        return kept

    def last_good(self, path: str) -> Parsed | None:
        """The latest parse of ``path`` that succeeded (for a half-typed file)."""
        current = self.parsed(path)
        if current is not None and current.program is not None:
            return current
        return self._last_good.get(normal(path))

    # -- what goes with what -------------------------------------------------

    def companions(self, path: str) -> list[str]:
        """The files ``path`` names in ``% check with:`` comments."""
        text = self.text(path) or ""
        folder = os.path.dirname(normal(path))
        return [
            normal(os.path.join(folder, name))
            for match in CHECK_WITH.finditer(text)
            for name in match[1].split()
        ]

    def loads(self, path: str) -> list[str]:
        """The ``.assess`` files ``path`` loads."""
        folder = os.path.dirname(normal(path))
        text = self.text(path) or ""
        return [normal(os.path.join(folder, name)) for name in LOADS.findall(text)]

    def tables(self, path: str) -> list[str]:
        """The CSV files of reports that the files of ``path``'s group load."""
        found = []
        for file in self.group(path):
            folder = os.path.dirname(file)
            found += [normal(os.path.join(folder, name))
                      for name in CSV_LOADS.findall(self.text(file) or "")]
        return sorted(set(found))

    def checked_together(self, path: str) -> list[str]:
        """The files ``assess check`` reads for ``path``: its companions, then it."""
        path = normal(path)
        return [*dict.fromkeys(c for c in self.companions(path) if c != path), path]

    def readings(self, path: str) -> list[list[str]]:
        """The sets of files whose reading a hover on ``path`` shows."""
        path = normal(path)
        if self.companions(path):
            return [self.checked_together(path)]
        evidence = [d for d in sorted(self.documents) if path in self.companions(d)]
        return [self.checked_together(e) for e in evidence] or [[path]]

    def files(self) -> list[str]:
        """The ``.assess`` files under the folders, and the open documents."""
        found = dict.fromkeys(self.documents)
        for root in self.roots:
            for path in _assess_files(root):
                found.setdefault(path)
                if len(found) >= MAX_FILES:
                    return list(found)
        return list(found)

    def group(self, path: str) -> list[str]:
        """``path`` and every file linked to it by ``check with`` or ``load``."""
        path = normal(path)
        links: dict[str, set[str]] = {}
        for file in {*self.files(), path}:
            for other in [*self.companions(file), *self.loads(file)]:
                links.setdefault(file, set()).add(other)
                links.setdefault(other, set()).add(file)
        seen, todo = {path}, [path]
        while todo:
            for other in links.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return sorted(seen)

    def names(self, path: str) -> list[Occurrence]:
        """Every name written in ``path``'s group and the CSV files of reports
        it loads (a file that does not parse now counts with its last parse
        that did)."""
        found: list[Occurrence] = []
        for file in self.group(path):
            parsed = self.last_good(file)
            if parsed is not None:
                found.extend(parsed.names)
        for table in self.tables(path):
            text = self.text(table)
            if text is not None:
                found.extend(table_occurrences(table, text))
        return found

    # -- checking ------------------------------------------------------------

    def workspace(self, paths: list[str]) -> Workspace:
        """The workspace of ``paths``, each with the text the editor holds."""
        workspace = Workspace()
        for path in paths:
            text = self.text(path)
            try:
                if text is None:
                    workspace.add(read_source(path))
                else:
                    workspace.add(decode_source(path, text.encode("utf-8")))
            except AssessError as exc:
                workspace.problems.extend(exc.diagnostics)
        return workspace

    def diagnostics(self, path: str) -> list[Diagnostic]:
        """What ``assess check`` finds on ``path`` with its companions."""
        return workspace_findings(self.workspace(self.checked_together(path)))


def _assess_files(root: str) -> Iterator[str]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            s for s in subfolders if not s.startswith(".") and s not in SKIPPED_FOLDERS
        )
        for name in sorted(files):
            if name.endswith(".assess"):
                yield normal(os.path.join(folder, name))
