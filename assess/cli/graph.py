"""``assess graph FILE…``: the argument map as Graphviz DOT, SVG, PNG or JSON.

``--format dot`` (default) prints DOT; ``svg`` and ``png`` render it with
Graphviz's ``dot`` (exit 2 with how to install it when it is missing);
``json`` prints the map as data. The map is grouped (competing sets,
indicators, evidence; the instances of one rule as one node) unless
``--expand`` asks for one node per ground instance. ``--output FILE``
writes the picture there instead of to standard output.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from assess.cli.common import (
    ALLOW_OUTSIDE_OPTION,
    AS_OF_OPTION,
    assessing,
    emit_document,
    format_option,
)
from assess.cli.limits import limit_options, limits_from
from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.render.dot import GraphvizMissing, render, to_dot


@click.command("graph")
@ALLOW_OUTSIDE_OPTION
@click.argument("files", nargs=-1, required=True, type=click.Path())
@format_option(("dot", "svg", "png", "json"), "dot",
               help="DOT text, SVG or PNG (need Graphviz) or JSON.")
@click.option("--expand", is_flag=True,
              help="One node per ground atom, rule instance and report (no collapsing).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default=None,
              help="Write the picture to this file instead of standard output.")
@limit_options
@AS_OF_OPTION
def command(
    files: tuple[str, ...], output_format: str, expand: bool, output: str | None,
    as_of: str | None, **limits: Any
) -> int:
    """Draw the argument map of FILES' hypotheses and queries."""
    with assessing(files, as_of) as assessment:
        graph = assessment.argument_map(limits_from(limits), expand=expand)
    if output_format == "json":
        emit_document("graph", graph.to_json())
        return 0
    text = to_dot(graph)
    data = text.encode()
    if output_format in ("svg", "png"):
        try:
            data = render(text, output_format)
        except GraphvizMissing as exc:
            raise AssessError([error("graphviz_missing", COMMAND_LINE, str(exc))]) from None
    if output is not None:
        Path(output).write_bytes(data)
    elif output_format == "png":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        click.echo(data.decode(), nl=False)
    return 0
