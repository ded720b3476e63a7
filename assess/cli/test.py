"""``assess test PATH…``: run the scenarios of files and folders.

Exit 0 when every scenario passes, 1 when one fails (the closing line says
how many), 2 when a path does not exist.
"""

from __future__ import annotations

import click

from assess.cli.common import ALLOW_OUTSIDE_OPTION, FORMAT_OPTION, allow_outside, emit_document
from assess.render.scenarios import results_data, results_text
from assess.scenarios.runner import run_paths


@click.command("test")
@ALLOW_OUTSIDE_OPTION
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@FORMAT_OPTION
def command(paths: tuple[str, ...], output_format: str) -> int:
    """Run every scenario in PATHS (files, or folders searched for .assess files)."""
    results = run_paths(paths, allow_outside())
    if output_format == "json":
        emit_document("test", results_data(results))
    else:
        click.echo(results_text(results))
    return 0 if all(r.passed for r in results) else 1
