"""Options and output helpers shared by the commands.

Only the CLI and ``render/`` print. Each command returns its exit code.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from assess.diagnostics import Diagnostic, sort_and_cap
from assess.render.diagnostics import diagnostic_data, diagnostics_text
from assess.workspace import Workspace

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output as readable text or as one JSON document.",
)

# The workspace of the running command, so that errors raised deep inside
# can still quote their source line.
_current: list[Workspace] = []


def open_workspace(paths: Sequence[str]) -> Workspace:
    """Read and parse ``paths``; remember them for error messages."""
    workspace = Workspace.from_paths(list(paths))
    _current[:] = [workspace]
    return workspace


def _line_of(file: str, number: int) -> str:
    return _current[0].line(file, number) if _current else ""


def emit_problems(diagnostics: Sequence[Diagnostic], output_format: str = "text") -> None:
    """Print diagnostics to stderr (text) or stdout (json), sorted and capped."""
    shown, more = sort_and_cap(list(diagnostics))
    if output_format == "json":
        emit_json([diagnostic_data(d) for d in shown])
        return
    click.echo(diagnostics_text(shown, more, _line_of), err=True)


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout."""
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))
