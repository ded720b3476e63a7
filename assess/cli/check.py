"""``assess check PATH…``: parse and statically check; print the findings.

The files named (``-``: standard input) are checked together, as ``run``
reads them; a folder stands for every ``.assess`` file below it, each
checked on its own. Every file is read with the files its ``% check with:``
comment names (an evidence file names its ruleset), and a warning its file
allows (``% allow <code>: <why>``) is not shown (``check.directives``);
``--ignore CODE`` (repeatable) drops a warning code everywhere.

Exit 0 when no finding is an error (warnings are printed), 1 when one is —
or, with ``--strict``, when any warning is left — and 2 when a file cannot
be read at all. JSON: ``{"command": "check", "version", "files",
"diagnostics", "allowed"}`` (``allowed``: the warnings excused, each with
its file's reason); a file that cannot be read makes it the error document.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import click

from assess.check import workspace_findings
from assess.check.directives import check_with
from assess.check.suggest import unknown_name
from assess.cli.common import (
    ALLOW_OUTSIDE_OPTION,
    FORMAT_OPTION,
    MAX_JSON_DIAGNOSTICS,
    allow_outside,
    emit_document,
    emit_problems,
)
from assess.codes import CODES, Severity, Topic
from assess.diagnostics import COMMAND_LINE, AssessError, Diagnostic, error, sort_and_cap
from assess.workspace import STDIN, Workspace, program_files, project_root


@dataclass
class Findings:
    """What checking the files of one invocation found."""

    files: list[str] = field(default_factory=list)
    shown: list[Diagnostic] = field(default_factory=list)
    allowed: list[tuple[Diagnostic, str]] = field(default_factory=list)
    unreadable: bool = False
    workspaces: list[Workspace] = field(default_factory=list)

    def line(self, file: str, number: int) -> str:
        return next((w.line(file, number) for w in self.workspaces if file in w.sources), "")


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True, help="Fail (exit 1) on any warning left.")
@click.option("--ignore", "ignored", multiple=True, metavar="CODE",
              help="Do not report the warning CODE (repeatable).")
@ALLOW_OUTSIDE_OPTION
@FORMAT_OPTION
def command(paths: tuple[str, ...], strict: bool, ignored: tuple[str, ...],
            output_format: str) -> int:
    """Check PATHS (files, folders, - for standard input) for errors and tradecraft mistakes."""
    skipped = _warning_codes(ignored)
    root = project_root(paths)
    named = [p for p in paths if p == STDIN or not _is_folder(p)]
    units = [named] if named else []
    units += [[p] for p in program_files([p for p in paths if p not in named]) if p not in named]
    found = Findings()
    for unit in units:
        _check(unit, root, found)
    found.shown = [d for d in dict.fromkeys(found.shown) if skipped.isdisjoint([d.code])]
    if found.unreadable:
        emit_problems(found.shown, found.line)
        return 2
    _emit(found, output_format)
    failing = any(d.is_error or strict for d in found.shown)
    return 1 if failing else 0


def _is_folder(path: str) -> bool:
    return path != STDIN and os.path.isdir(path)


def _warning_codes(codes: Sequence[str]) -> set[str]:
    """The codes of ``--ignore``, each a catalogued warning."""
    warnings = [c.name for c in CODES.values() if c.severity is Severity.WARNING]
    for code in codes:
        if code not in CODES:
            raise unknown_name("bad_option", f"--ignore {code}: no such code", code, warnings)
        if code not in warnings:
            raise AssessError([error(
                "bad_option", COMMAND_LINE,
                f"--ignore {code}: {code} is an error, and errors cannot be ignored",
            )])
    return set(codes)


def _check(files: list[str], root: str, found: Findings) -> None:
    """Check ``files`` together, each with the files its ``% check with:`` names."""
    workspace = Workspace.from_paths(files, root=root, allow_outside=allow_outside())
    companions = [c for p in workspace.programs if p.file in files for c in check_with(p)]
    if companions:
        together = list(dict.fromkeys([*companions, *files]))
        workspace = Workspace.from_paths(together, root=root, allow_outside=allow_outside())
    found.workspaces.append(workspace)
    found.files.extend(f for f in files if f not in found.files)
    found.unreadable |= any(CODES[d.code].topic is Topic.FILES for d in workspace.problems)
    excused: list[tuple[Diagnostic, str]] = []
    found.shown.extend(workspace_findings(workspace, excused))
    found.allowed.extend(e for e in excused if e not in found.allowed)


def _emit(found: Findings, output_format: str) -> None:
    if output_format == "json":
        shown, _ = sort_and_cap(found.shown, cap=MAX_JSON_DIAGNOSTICS)
        emit_document("check", {
            "files": found.files,
            "diagnostics": [d.to_json() for d in shown],
            "allowed": [d.to_json() | {"why": why} for d, why in found.allowed],
        })
    elif found.shown:
        emit_problems(found.shown, found.line)
