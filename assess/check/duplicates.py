"""``duplicate_declaration``: each name is declared once in its namespace.

Namespaces: sources; indicators and hypotheses together (they name
predicates, so ``indicator x`` and ``hypothesis x`` clash); competing sets;
grade overrides (``grade B2``); scenario names; and rule labels, which
superiority refers to. The top level of all files is one scope. A scenario's
rules see the top level plus their own scenario, so two scenarios may each
label a rule ``[r]``, but neither may reuse a top-level label.

Every occurrence after the first is a finding that points back at the first.

Example: ``source s "A" reliability B.`` then ``source s "B" reliability C.``
is one finding at the second, "first declared at f.assess:1".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assess.check.walk import Rule
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast

Key = tuple[str, str]
"""A namespace (as the message names it) and a name."""


def _key(item: ast.Statement | ast.ScenarioItem) -> Key | None:
    if isinstance(item, ast.SourceDecl):
        return ("source", item.name)
    if isinstance(item, ast.IndicatorDecl | ast.HypothesisDecl):
        return ("indicator or hypothesis", item.name)
    if isinstance(item, ast.CompetingDecl):
        return ("competing set", item.name)
    if isinstance(item, ast.GradeOverride):
        return ("grade override", item.grade)
    if isinstance(item, ast.Scenario):
        return ("scenario", item.name)
    if isinstance(item, ast.Clause | ast.Disjunction) and item.label is not None:
        return ("rule label", item.label)
    return None


class _Scope:
    """First declarations seen, possibly on top of an enclosing scope."""

    def __init__(self, parent: _Scope | None = None) -> None:
        self.first: dict[Key, ast.Span] = {}
        self.parent = parent

    def lookup(self, key: Key) -> ast.Span | None:
        if key in self.first:
            return self.first[key]
        return self.parent.lookup(key) if self.parent else None

    def declare(self, key: Key, span: ast.Span) -> Diagnostic | None:
        earlier = self.lookup(key)
        if earlier is None:
            self.first[key] = span
            return None
        namespace, name = key
        return error(
            "duplicate_declaration",
            span,
            f"{namespace} {name} is declared again: first declared at "
            f"{earlier.file}:{earlier.line}",
        )


def _scenario_rules(scenario: ast.Scenario) -> Iterator[Rule]:
    return (item for item in scenario.items if isinstance(item, ast.Clause | ast.Disjunction))


def check_duplicate_declaration(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Second and later declarations of a name in the same scope."""
    top = _Scope()
    scenarios: list[ast.Scenario] = []
    findings = []
    for program in programs:
        for statement in program.statements:
            key = _key(statement)
            finding = top.declare(key, statement.span) if key else None
            if finding:
                findings.append(finding)
            if isinstance(statement, ast.Scenario):
                scenarios.append(statement)
    for scenario in scenarios:
        local = _Scope(top)
        for rule in _scenario_rules(scenario):
            key = _key(rule)
            finding = local.declare(key, rule.span) if key else None
            if finding:
                findings.append(finding)
    return findings
