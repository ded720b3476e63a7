"""``unmatched_drop``: a scenario's ``drop`` takes out some report.

A scenario runs on the reports of its file and the programs that file
loads, and on its own (written in it or loaded into it); ``drop`` takes
reports out of all but those written in the scenario (``analysis.drops``).
A drop that matches none of them changes nothing, so the scenario would
test another picture than its author meant: a misspelt atom, the wrong
source, a report the loaded file no longer holds.

Example: a scenario holding ``drop source pentagon.`` that runs on no
report by ``pentagon`` is one finding at the drop.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.analysis.drops import droppable, matches
from assess.check.walk import all_items, defined_signatures
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast
from assess.syntax.notation import statement


def check_unmatched_drop(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Each drop of each scenario that matches none of the scenario's reports
    (a drop naming an undeclared source, or a predicate at no defined arity,
    is left to ``unknown_source``, ``undefined_predicate`` and
    ``arity_mismatch``)."""
    base = [s for p in programs for s in p.statements if isinstance(s, ast.Report)]
    defined = defined_signatures(programs)
    sources = {i.name for i in all_items(programs) if isinstance(i, ast.SourceDecl)}
    findings = []
    for scenario in (s for p in programs for s in p.statements if isinstance(s, ast.Scenario)):
        reports = base + droppable(scenario)
        for drop in (i for i in scenario.items if isinstance(i, ast.Drop)):
            if drop.source is not None and drop.source not in sources:
                continue
            if drop.atom is not None and drop.atom.signature not in defined:
                continue
            if not any(matches(drop, r) for r in reports):
                findings.append(error(
                    "unmatched_drop", drop.span,
                    f"'{statement(drop)}' matches no report this scenario runs with",
                ))
    return findings
