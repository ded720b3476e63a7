"""``assess fmt PATH…``: rewrite files in the canonical layout.

Only the files named are read and formatted, not the programs they ``load``;
a folder stands for every ``.assess`` file below it (``workspace.program_files``),
and ``-`` for standard input, whose canonical form is printed on stdout.
Every file is read and parsed first; if any cannot be (unreadable, a syntax
error), the diagnostics are printed, nothing is written, and the exit code is
2. Otherwise each file whose text differs from its canonical form is
rewritten (files already canonical are not touched), or, with
``--check``, named (``would reformat FILE``), or, with ``--diff``, shown as a
unified diff. A file holding the comment ``% fmt: off`` is left as
written. As in black: ``--check`` exits 1 when a file would change;
``--diff`` alone exits 0; ``--check --diff`` shows the diff and exits 1.

A file keeps its line endings (``\r\n`` if its first line ends so, else
``\n``), its permissions and its owner. It is replaced, never overwritten:
the new text goes to a temporary file beside it, is flushed to disk and
renamed over it, so a failure at any point (a full disk, a kill) leaves the
file as it was (``unwritable_file``, exit 2); through a symbolic link, the
file it names is replaced.

``--format json`` prints ``{"command": "fmt", "version", "files": [{"path",
"changed", "diff"?}], "changed": N}`` on stdout instead (``diff`` only with
``--diff``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import click

from assess.cli.common import FORMAT_OPTION, emit_document, emit_problems, reading
from assess.cli.files import replace_text
from assess.syntax.printer import format_program, formatting_disabled, line_ending
from assess.workspace import STDIN_NAME, program_files


@click.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; print a unified diff.")
@FORMAT_OPTION
def command(paths: tuple[str, ...], check: bool, show_diff: bool, output_format: str) -> int:
    """Rewrite PATHS (files, folders of .assess files, - for standard input) canonically."""
    with reading(program_files(paths), includes=False) as workspace:
        if workspace.problems:
            emit_problems(workspace.problems, workspace.line)
            return 2
        changes: list[tuple[str, str, str]] = []
        for program in workspace.programs:
            if formatting_disabled(program):
                continue
            old = workspace.sources[program.file].text
            new = format_program(program, line_ending(old))
            if new != old:
                changes.append((program.file, old, new))
    if not (check or show_diff):
        for path, _, new in changes:
            if path != STDIN_NAME:
                replace_text(path, new)
        if STDIN_NAME in workspace.sources and output_format != "json":
            formatted = {path: new for path, _, new in changes}
            click.echo(formatted.get(STDIN_NAME, workspace.sources[STDIN_NAME].text), nl=False)
            changes = [c for c in changes if c[0] != STDIN_NAME]
    _report(workspace.sources.keys(), changes, check, show_diff, output_format)
    return 1 if check and changes else 0


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
        emit_document("fmt", {"files": entries, "changed": len(changes)})
        return
    for path, old, new in changes:
        if show_diff:
            click.echo(_diff(path, old, new), nl=False)
        elif check:
            click.echo(f"would reformat {path}")
        else:
            click.echo(f"reformatted {path}", err=True)
