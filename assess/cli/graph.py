"""``assess graph FILE…``: the argument map as Graphviz DOT, SVG or JSON.

``--format dot`` (default) prints DOT; ``svg`` renders it with Graphviz's
``dot`` (exit 2 with how to install it when it is missing); ``json`` prints
the nodes and edges as data.
"""

from __future__ import annotations

from typing import Any

import click

from assess.cli.common import AS_OF_OPTION, assessing
from assess.cli.explaining import emit_result
from assess.cli.limits import limit_options, limits_from
from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.render.dot import GraphvizMissing, svg, to_dot


@click.command("graph")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["dot", "svg", "json"]),
              default="dot", show_default=True, help="DOT text, SVG (needs Graphviz) or JSON.")
@limit_options
@AS_OF_OPTION
def command(
    files: tuple[str, ...], output_format: str, as_of: str | None, **limits: Any
) -> int:
    """Draw the argument map of FILES' hypotheses and queries."""
    with assessing(files, as_of) as assessment:
        graph = assessment.argument_map(limits_from(limits))
    if output_format == "json":
        emit_result("graph", graph)
        return 0
    text = to_dot(graph)
    if output_format == "svg":
        try:
            text = svg(text)
        except GraphvizMissing as exc:
            raise AssessError([error("graphviz_missing", COMMAND_LINE, str(exc))]) from None
    click.echo(text, nl=False)
    return 0
