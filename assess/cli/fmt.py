"""``assess fmt FILE…``: rewrite files in the canonical layout.

Every file is read and parsed first; if any cannot be (unreadable, a syntax
error), the diagnostics are printed, nothing is written, and the exit code is
2. Otherwise each file whose text differs from its canonical form is
rewritten in place (files already canonical are not touched), or, with
``--check``, named (``would reformat FILE``), or, with ``--diff``, shown as a
unified diff. A file holding the comment ``% fmt: off`` is left as
written. As in black: ``--check`` exits 1 when a file would change;
``--diff`` alone exits 0; ``--check --diff`` shows the diff and exits 1.

``--format json`` prints ``{"files": [{"path", "changed", "diff"?}],
"changed": N}`` on stdout instead (``diff`` only with ``--diff``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import click

from assess.cli.common import FORMAT_OPTION, emit_json, emit_problems, reading
from assess.diagnostics import InputError
from assess.syntax.printer import format_program, formatting_disabled


@click.command("fmt")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; print a unified diff.")
@FORMAT_OPTION
def command(files: tuple[str, ...], check: bool, show_diff: bool, output_format: str) -> int:
    """Rewrite FILES in the canonical layout."""
    with reading(list(dict.fromkeys(files))) as workspace:
        if workspace.problems:
            emit_problems(workspace.problems, workspace, output_format)
            return 2
        changes: list[tuple[str, str, str]] = []
        for program in workspace.programs:
            if formatting_disabled(program):
                continue
            old = workspace.sources[program.file].text
            new = format_program(program)
            if new != old:
                changes.append((program.file, old, new))
    if not (check or show_diff):
        for path, _, new in changes:
            _write(path, new)
    _report(workspace.sources.keys(), changes, check, show_diff, output_format)
    return 1 if check and changes else 0


def _write(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError("unwritable_file", path, f"{path}: cannot write: {exc.strerror}") from None


def _diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"{path} (original)",
        tofile=f"{path} (formatted)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _report(
    paths: Iterable[str],
    changes: list[tuple[str, str, str]],
    check: bool,
    show_diff: bool,
    output_format: str,
) -> None:
    if output_format == "json":
        changed = {path: (old, new) for path, old, new in changes}
        entries: list[dict[str, Any]] = []
        for path in paths:
            entry: dict[str, Any] = {"path": path, "changed": path in changed}
            if show_diff and path in changed:
                entry["diff"] = _diff(path, *changed[path])
            entries.append(entry)
        emit_json({"files": entries, "changed": len(changes)})
        return
    for path, old, new in changes:
        if show_diff:
            click.echo(_diff(path, old, new), nl=False)
        elif check:
            click.echo(f"would reformat {path}")
        else:
            click.echo(f"reformatted {path}", err=True)
