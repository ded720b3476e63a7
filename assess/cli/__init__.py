"""The ``assess`` command line: one click group, one module per command.

``main`` is the only place that turns exceptions into messages and exit
codes: ``AssessError`` (bad input) prints its diagnostics and exits 2 —
1 for ``UnknownName``, a name asked about that the program never mentions —
click's usage errors exit 2, and anything else is a bug: it prints
"internal error" with how to report it, never a traceback, and exits 3.
Under ``--format json`` every one of them is also one JSON object on stdout,
``{"command", "version", "errors": [diagnostic…]}`` (``bad_usage`` for
click's usage errors, ``internal_error`` for a bug), with the same exit code.

Exit codes: 0 ok, 1 the answer is "no" (errors found, a scenario failed,
``fmt --check`` would change a file), 2 bad usage or bad input, 3 a bug,
130 interrupted (Ctrl-C: 128 + SIGINT, as shells expect; click hands it
over as an ``Abort`` caused by ``KeyboardInterrupt``).
"""

from __future__ import annotations

import importlib
import itertools
import sys
from typing import NoReturn

import click

from assess import __version__
from assess.cli.state import ALLOW_OUTSIDE, JSON_ERRORS

EXIT_OK, EXIT_NO, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130

REPORT_BUGS = (
    "this is a bug in assess; please report it with the command you ran and "
    "the input files (https://github.com/assess-project/assess/issues)"
)


COMMANDS = {
    "check": "check",
    "fmt": "fmt",
    "run": "run",
    "test": "test",
    "matrix": "matrix",
    "why": "why",
    "why-not": "why_not",
    "what-if": "what_if",
    "sensitivity": "sensitivity",
    "graph": "graph",
    "track": "track",
    "formula": "formula",
    "report": "report",
    "lsp": "lsp",
}
"""Each command's name and the module of ``assess.cli`` that defines it."""


class _Commands(click.Group):
    """The commands, each imported when it is run (or listed by ``--help``),
    so that a command pays at start-up only for what it uses."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(f"assess.cli.{module}").command
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, package_name="assess")
def cli() -> None:
    """Weigh competing hypotheses against uneven evidence, and explain why."""


def _asks_for_json(argv: list[str] | None) -> bool:
    """Whether the command line says ``--format json`` (read before click
    could parse it, for a usage error found first)."""
    words = argv if argv is not None else sys.argv[1:]
    return "--format=json" in words or ("--format", "json") in itertools.pairwise(words)


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the command line and exit with its code."""
    JSON_ERRORS.set(None)
    ALLOW_OUTSIDE.set(False)
    try:
        code = cli.main(args=argv, prog_name="assess", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        if JSON_ERRORS.get() is None and _asks_for_json(argv):
            JSON_ERRORS.set(next((a for a in argv or sys.argv[1:] if a in COMMANDS), "assess"))
        if JSON_ERRORS.get() is None:
            exc.show()
        else:
            from assess.cli.common import emit_problems
            from assess.diagnostics import COMMAND_LINE, error

            emit_problems([error("bad_usage", COMMAND_LINE, exc.format_message())], None)
        code = EXIT_BAD_INPUT
    except click.exceptions.Abort as exc:
        interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
        click.echo("interrupted" if interrupted else "aborted", err=True)
        code = EXIT_INTERRUPTED if interrupted else EXIT_BAD_INPUT
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        code = EXIT_INTERRUPTED
    except Exception as exc:
        code = _failure(exc)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _failure(exc: Exception) -> int:
    """The exit code of a command that raised ``exc``, its message printed.
    (The diagnostics machinery is imported only when a command failed, so
    that ``assess --version`` starts without it.)"""
    from assess.cli.common import QuotedError, emit_problems
    from assess.diagnostics import COMMAND_LINE, AssessError, UnknownName, error

    if isinstance(exc, AssessError):
        emit_problems(exc.diagnostics,
                      exc.workspace.line if isinstance(exc, QuotedError) else None)
        # The answer to "what is X?" about a name never mentioned is "no such thing".
        unknown = isinstance(exc, UnknownName) or isinstance(exc.__cause__, UnknownName)
        return EXIT_NO if unknown else EXIT_BAD_INPUT
    if isinstance(exc, BrokenPipeError):
        return EXIT_BAD_INPUT
    if isinstance(exc, RecursionError):
        click.echo("error: the input nests too deeply to process", err=True)
        return EXIT_BAD_INPUT
    if JSON_ERRORS.get() is not None:
        message = f"{type(exc).__name__}: {exc}; {REPORT_BUGS}"
        emit_problems([error("internal_error", COMMAND_LINE, message)], None)
    click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
    click.echo(REPORT_BUGS, err=True)
    return EXIT_INTERNAL
