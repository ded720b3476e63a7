"""Which reports a scenario's ``drop`` leaves out.

A scenario runs on the reports of its file (and the programs that file
loads) and its own (written in it or loaded into it). Its ``drop``
statements, wherever they stand in the scenario, take reports out of the
first and of those it loads; the reports written in the scenario itself are
never dropped, so ``drop`` and then ``report`` replace a report:

=========================  ================================================
``drop source s.``         every report by ``s``
``drop atom.``             every report of ``atom``; its variables match
                           any value (a repeated one the same value each
                           time), and ``~`` must agree
``drop atom by s.``        those of them by ``s``
=========================  ================================================

``s`` is the source exactly, not its origin: to leave out an origin, drop
each of its sources. Constants compare as terms, as lowering reads them
(``engine.terms``): ``1`` is not ``1.0``, and a name is not the string of
the same text.

Example: ``drop troops(_) by pentagon.`` leaves out every troop count the
Pentagon reported and keeps everyone else's; with ``report troops(9000) by
pentagon credibility 2.`` written beside it, the scenario runs on that count
instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.syntax import ast


def matches(drop: ast.Drop, report: ast.Report) -> bool:
    """Whether ``drop`` takes ``report`` out.

    >>> from assess.syntax.parser import parse
    >>> report = parse("report t(1, a) by s credibility 2.").statements[0]
    >>> [matches(ast.Drop(a, s), report) for a, s in [
    ...     (None, "s"), (ast.Atom("t", (ast.Var("X"), ast.Symbol("a"))), None),
    ...     (ast.Atom("t", (ast.Var("X"), ast.Var("X"))), None), (None, "other")]]
    [True, True, False, False]
    """
    if drop.source is not None and drop.source != report.source:
        return False
    return drop.atom is None or _instance(drop.atom, report.atom)


def written_in(item: ast.ScenarioItem, scenario: ast.Scenario) -> bool:
    """Whether ``item`` is written inside ``scenario`` (not loaded into it)."""
    where, inside = item.span, scenario.span
    return where.file == inside.file and inside.line <= where.line <= inside.end_line


def droppable(scenario: ast.Scenario) -> list[ast.Report]:
    """The reports ``scenario`` loads, which its drops apply to."""
    return [i for i in scenario.items if isinstance(i, ast.Report) and not written_in(i, scenario)]


def _instance(pattern: ast.Atom, atom: ast.Atom) -> bool:
    if (pattern.predicate, pattern.contrary, len(pattern.args)) != (
        atom.predicate, atom.contrary, len(atom.args)
    ):
        return False
    bound: dict[str, object] = {}
    for term, value in zip(pattern.args, atom.args, strict=True):
        if isinstance(value, ast.Var):
            return False
        if isinstance(term, ast.Var):
            if not term.is_anonymous and bound.setdefault(term.name, _term(value)) != _term(value):
                return False
        elif _term(term) != _term(value):
            return False
    return True


def _term(term: ast.Term) -> tuple[object, ...]:
    """What tells terms apart: the kind of constant and its value (a float's
    kept to 15 decimal places, its sign included, as lowering keeps it);
    a compound term or list by its parts."""
    if isinstance(term, ast.Var):
        return (ast.Var, term.name)
    if isinstance(term, ast.Compound):
        return (ast.Compound, term.functor, tuple(_term(a) for a in term.args))
    if isinstance(term, ast.ListTerm):
        tail = () if term.tail is None else _term(term.tail)
        return (ast.ListTerm, tuple(_term(i) for i in term.items), tail)
    if isinstance(term.value, float):
        return (float, repr(round(term.value, 15)))
    return (type(term), term.value)


def without_dropped(
    programs: Sequence[ast.Program], drops: Sequence[ast.Drop]
) -> list[ast.Program]:
    """``programs`` with the top-level reports a drop takes out left out."""
    if not drops:
        return list(programs)
    return [
        ast.Program(
            tuple(s for s in p.statements
                  if not (isinstance(s, ast.Report) and any(matches(d, s) for d in drops))),
            p.comments, p.file,
        )
        for p in programs
    ]
