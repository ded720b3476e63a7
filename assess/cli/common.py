"""Options and output helpers shared by the commands.

Only the CLI and ``render/`` print. Each command returns its exit code.

A command reads its files inside ``with reading(files) as workspace:``. An
``AssessError`` raised in that block, however deep, leaves it as a
``QuotedError`` that carries the workspace, so the one handler in ``main``
can quote the source line under each diagnostic; nothing outside the
command's call remembers which files it read. Example::

    with reading(["rules.assess"]) as workspace:
        Assessment.from_workspace(workspace)   # a negative_cycle error here
    # reaches main as QuotedError(diagnostics, workspace): main prints
    # "rules.assess:3:1: error[negative_cycle]: …", the line, and a caret.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any

import click

from assess.cli.progress import terminal_display
from assess.diagnostics import AssessError, Diagnostic, sort_and_cap
from assess.progress import showing
from assess.render.diagnostics import diagnostic_data, diagnostics_text
from assess.workspace import Workspace

if TYPE_CHECKING:
    from assess.api import Assessment

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output as readable text or as one JSON document.",
)


AS_OF_OPTION = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    default=None,
    help="Use only the reports dated up to this day (undated reports always count).",
)
"""The one option of every command that reads evidence: ``assessing(…, as_of)``."""


class QuotedError(AssessError):
    """An ``AssessError`` raised while a command worked on ``workspace``."""

    def __init__(self, diagnostics: Sequence[Diagnostic], workspace: Workspace) -> None:
        super().__init__(list(diagnostics))
        self.workspace = workspace


@contextmanager
def reading(paths: Sequence[str], includes: bool = True) -> Iterator[Workspace]:
    """The workspace of ``paths``, read and parsed (with the programs they
    ``load`` unless not ``includes``); errors raised inside the block carry
    it out (``QuotedError``)."""
    workspace = Workspace.from_paths(list(paths), includes)
    try:
        yield workspace
    except QuotedError:
        raise
    except AssessError as exc:
        raise QuotedError(exc.diagnostics, workspace) from exc


@contextmanager
def assessing(paths: Sequence[str], as_of: str | None = None) -> Iterator[Assessment]:
    """``reading(paths)``, compiled into one ``Assessment``; with ``as_of``, on
    the reports dated up to that day only (``Assessment.as_of``).
    The face is imported here, not with the module, so that commands that
    only read and check (``check``, ``fmt``) start without the engine.
    Grounding and compiling show their progress on stderr if it is a
    terminal (``assess.cli.progress``)."""
    from assess.api import Assessment

    display = terminal_display()
    with reading(paths) as workspace, showing(display) if display else nullcontext():
        yield Assessment.from_workspace(workspace, as_of=as_of)


def _no_lines(file: str, number: int) -> str:
    return ""


def emit_problems(
    diagnostics: Sequence[Diagnostic],
    workspace: Workspace | None,
    output_format: str = "text",
) -> None:
    """Print diagnostics to stderr (text, quoting the lines of ``workspace``)
    or stdout (json), sorted and capped."""
    shown, more = sort_and_cap(list(diagnostics))
    if output_format == "json":
        emit_json([diagnostic_data(d) for d in shown])
        return
    lines = workspace.line if workspace is not None else _no_lines
    click.echo(diagnostics_text(shown, more, lines), err=True)


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout."""
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))
