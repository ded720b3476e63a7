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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

import click

from assess.cli.progress import terminal_display
from assess.cli.state import ALLOW_OUTSIDE, JSON_ERRORS
from assess.diagnostics import AssessError, Diagnostic, sort_and_cap
from assess.progress import showing
from assess.render.diagnostics import LineLookup, diagnostics_text
from assess.workspace import Workspace

if TYPE_CHECKING:
    from assess.api import Assessment

F = TypeVar("F", bound=Callable[..., Any])

def _remember_format(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value == "json":
        JSON_ERRORS.set(ctx.command.name)
    return value


def format_option(
    choices: Sequence[str] = ("text", "json"), default: str = "text",
    help: str = "Output as readable text or as one JSON document.",
) -> Callable[[F], F]:
    """The ``--format`` option (``output_format``) of a command; ``json``
    also makes the command's errors one JSON object (``JSON_ERRORS``)."""
    return click.option(
        "--format", "output_format", type=click.Choice(list(choices)), default=default,
        show_default=True, help=help, callback=_remember_format,
    )


FORMAT_OPTION = format_option()


def _remember_allow(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    ALLOW_OUTSIDE.set(value)
    return value


ALLOW_OUTSIDE_OPTION = click.option(
    "--allow-outside", is_flag=True, expose_value=False, callback=_remember_allow,
    help="Let `load` read files outside the project root (README, \"Loading files\").",
)
"""The option of every command that reads programs; ``reading`` honours it."""


def allow_outside() -> bool:
    """Whether this command may ``load`` outside the project root."""
    return ALLOW_OUTSIDE.get()


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
    workspace = Workspace.from_paths(list(paths), includes, allow_outside=allow_outside())
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


def emit_problems(diagnostics: Sequence[Diagnostic], lines: LineLookup | None) -> None:
    """Print diagnostics: as text on stderr, quoting the source lines
    (``lines``, e.g. ``Workspace.line``), sorted and capped; under ``--format
    json``, as the command's one JSON document ``{"command", "version",
    "errors": [...]}`` on stdout."""
    command = JSON_ERRORS.get()
    if command is not None:
        shown, _ = sort_and_cap(list(diagnostics), cap=MAX_JSON_DIAGNOSTICS)
        emit_document(command, {"errors": [d.to_json() for d in shown]})
        return
    shown, more = sort_and_cap(list(diagnostics))
    click.echo(diagnostics_text(shown, more, lines or _no_lines), err=True)


MAX_JSON_DIAGNOSTICS = 10_000
"""Most diagnostics one JSON document lists (text shows 50)."""


def emit_document(command: str, payload: Mapping[str, Any]) -> None:
    """Print the one JSON document of ``command``: ``{"command", "version",
    …payload}`` (the payload is the answer's ``to_json()``; ``assess/schemas``)."""
    emit_json({"command": command, "version": version(), **payload})


def version() -> str:
    """This assess's version (``assess.__version__``, its one home)."""
    import assess

    return assess.__version__


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout."""
    click.echo(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False))
