"""``assess graph FILE…``: the argument map as Graphviz DOT, SVG or JSON.

``--format dot`` (default) prints DOT; ``svg`` renders it with Graphviz's
``dot`` (exit 2 with how to install it when it is missing); ``json`` prints
the nodes and edges as data.
"""

from __future__ import annotations

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
from assess.render.dot import GraphvizMissing, svg, to_dot


@click.command("graph")
@ALLOW_OUTSIDE_OPTION
@click.argument("files", nargs=-1, required=True, type=click.Path())
@format_option(("dot", "svg", "json"), "dot", help="DOT text, SVG (needs Graphviz) or JSON.")
@limit_options
@AS_OF_OPTION
def command(
    files: tuple[str, ...], output_format: str, as_of: str | None, **limits: Any
) -> int:
    """Draw the argument map of FILES' hypotheses and queries."""
    with assessing(files, as_of) as assessment:
        graph = assessment.argument_map(limits_from(limits))
    if output_format == "json":
        emit_document("graph", graph.to_json())
        return 0
    text = to_dot(graph)
    if output_format == "svg":
        try:
            text = svg(text)
        except GraphvizMissing as exc:
            raise AssessError([error("graphviz_missing", COMMAND_LINE, str(exc))]) from None
    click.echo(text, nl=False)
    return 0
