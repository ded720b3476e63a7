"""``exclusive_parameters`` and ``condition_not_ground``: what a set-wide reading needs.

An exclusive set (``competing s exclusive: a, b, otherwise r.``) makes one
exclusive choice among its members in every world, so each member is one
atom: a member declared with parameters (``hypothesis attack(axis) "…".``)
is one finding at the declaration. The condition of a set (``given c``)
names the worlds the set speaks of, so it is one ground literal: a
variable in it is one finding.

Example: ``hypothesis a(x) "A". hypothesis b "B". competing s exclusive
given p(X): a, b.`` is two findings at the competing declaration.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assess.check.walk import all_items
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast


def check_competing_sets(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Exclusive sets over hypotheses with parameters; conditions with variables."""
    declared = {
        item.name: item for item in all_items(programs) if isinstance(item, ast.HypothesisDecl)
    }
    found: list[Diagnostic] = []
    for item in all_items(programs):
        if not isinstance(item, ast.CompetingDecl):
            continue
        found += [
            error(
                "exclusive_parameters", item.span,
                f"{member} has parameters, so the exclusive set {item.name} cannot make "
                f"one choice among its members: declare it without them, or drop "
                f"`exclusive`",
            )
            for member in item.members
            if item.exclusive and member in declared and declared[member].params
        ]
        if item.condition is not None and any(True for _ in _variables(item.condition)):
            found.append(error(
                "condition_not_ground", item.condition.span,
                f"the condition of competing set {item.name} has variables: name the one "
                f"atom the set is conditional on",
            ))
    return found


def _variables(atom: ast.Atom) -> Iterator[ast.Var]:
    return (t for t in atom.args if isinstance(t, ast.Var))
