"""``assess check FILE…``: parse and statically check; print the findings.

Exit 0 when no finding is an error (warnings are printed), 1 when one is,
2 when a file cannot be read at all.
"""

from __future__ import annotations

import click

from assess.check import workspace_findings
from assess.cli.common import FORMAT_OPTION, emit_json, emit_problems, reading
from assess.codes import CODES, Topic
from assess.diagnostics import sort_and_cap
from assess.render.diagnostics import diagnostic_data


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@FORMAT_OPTION
def command(files: tuple[str, ...], output_format: str) -> int:
    """Check FILES for errors and tradecraft mistakes."""
    with reading(files) as workspace:
        unreadable = [d for d in workspace.problems if CODES[d.code].topic is Topic.FILES]
        findings = workspace_findings(workspace)
    if output_format == "json":
        shown, _ = sort_and_cap(findings, cap=10_000)
        emit_json([diagnostic_data(d) for d in shown])
    elif findings:
        emit_problems(findings, workspace)
    if unreadable:
        return 2
    return 1 if any(d.is_error for d in findings) else 0
