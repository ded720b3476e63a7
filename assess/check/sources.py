"""``unknown_source``: every source named is declared with ``source``.

A report's ``by`` source (top level or in a scenario), a ``derived_from``
origin, the source an ``expect why(…) cites`` names and the source of a
scenario's ``drop`` must each be
declared somewhere in the invocation: a report's probability comes from its
source's reliability, and circular reporting is traced through
``derived_from``.

Example: ``report convoy by tass credibility 3.`` with no ``source tass …``
is one finding at the report.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assess.check.suggest import Suggester
from assess.check.walk import all_items
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast


def _named_sources(item: ast.Statement | ast.ScenarioItem) -> Iterator[tuple[str, str]]:
    """The sources ``item`` refers to, each with how it refers to it."""
    if isinstance(item, ast.Report):
        yield item.source, "reports"
    elif isinstance(item, ast.SourceDecl):
        for origin in item.derived_from:
            yield origin, f"is the origin ('derived_from') of {item.name}"
    elif isinstance(item, ast.ExpectCites):
        yield item.source, "is expected to be cited"
    elif isinstance(item, ast.Drop) and item.source is not None:
        yield item.source, "is dropped"


def check_unknown_source(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """References to sources that no ``source`` declaration names."""
    declared = {item.name for item in all_items(programs) if isinstance(item, ast.SourceDecl)}
    suggester = Suggester(declared)
    return [
        error(
            "unknown_source",
            item.span,
            f"source {name} {how} but is not declared{suggester.hint(name)} "
            f"(declare it with 'source {name} \"…\" reliability X.')",
        )
        for item in all_items(programs)
        for name, how in _named_sources(item)
        if name not in declared
    ]
