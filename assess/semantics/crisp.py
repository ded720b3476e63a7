"""The ``crisp`` reading: the least Datalog model, weights ignored.

Every rule derives as if certain: probabilistic facts and rules, reports,
annotated-disjunction heads and defeasible rules all hold when their bodies
do; defeaters derive nothing; ``~p`` is a predicate of its own; ``evidence``
plays no part. Negation is stratified (a negative cycle is an error).

The answer to each ``query(A)``: for a ground ``A`` whether it is in the
model; for an ``A`` with variables every instance in the model (sorted), or
the query itself as not holding when there is none. Evaluation is restricted
to the predicates the queries (and the ``also`` predicates) depend on.

Example: ``e(a,b). e(b,c). p(X,Y) :- e(X,Y). p(X,Y) :- e(X,Z), p(Z,Y).
query(p(a,c)). query(p(c,a)). query(p(b,X)).`` answers ``p(a,c)`` true,
``p(c,a)`` false, ``p(b,c)`` true.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from assess.engine.evaluate import Model, evaluate
from assess.engine.ir import IConst, IRAtom, IRProgram, IRQuery, IVar, Pred, Value, bind
from assess.engine.show import atom_text, ir_atom_text
from assess.syntax import ast

Grounder = Callable[[IRProgram, Collection[Pred]], Model]
"""Computes the crisp model of a program for some goal predicates."""


def native_grounder(program: IRProgram, goals: Collection[Pred]) -> Model:
    """The project's own semi-naive engine."""
    return evaluate(program, goals=goals)


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer to a query: a ground atom and whether it holds."""

    pred: Pred
    values: tuple[Value, ...]
    holds: bool
    text: str


@dataclass(frozen=True, slots=True)
class CrispResult:
    """The answers to every query, and every derived fact of ``listed``."""

    answers: tuple[Answer, ...]
    listed: dict[Pred, tuple[Answer, ...]]
    semantics: str = "crisp"


def sort_key(values: tuple[Value, ...]) -> tuple[tuple[int, str, float], ...]:
    """Numbers before text, each in its own order (mixed types never compare)."""
    return tuple((0, "", v) if not isinstance(v, str) else (1, v, 0.0) for v in values)


def matches(atom: IRAtom, model: Model) -> Iterator[tuple[Value, ...]]:
    """The rows of ``atom``'s relation that its constants and variables admit."""
    return (row for row in model.relations.get(atom.pred, ()) if bind(atom, row) is not None)


def _answers(atom: IRAtom, names: tuple[str, ...], model: Model) -> list[Answer]:
    if all(isinstance(t, IConst) for t in atom.args):
        values = tuple(t.value for t in atom.args if isinstance(t, IConst))
        return [Answer(atom.pred, values, model.holds(atom.pred, values),
                       atom_text(atom.pred, values))]
    found = sorted(set(matches(atom, model)), key=sort_key)
    if not found:
        return [Answer(atom.pred, (), False, ir_atom_text(atom, names, ","))]
    return [Answer(atom.pred, row, True, atom_text(atom.pred, row)) for row in found]


def _query_names(query: IRQuery) -> tuple[str, ...]:
    """The variable names the analyst wrote, in order of first appearance."""
    names: list[str] = []
    if query.origin is not None:
        for term in query.origin.atom.args:
            if isinstance(term, ast.Var) and (term.is_anonymous or term.name not in names):
                names.append(term.name)
    count = 1 + max((t.index for t in query.atom.args if isinstance(t, IVar)), default=-1)
    return (*names, *(f"X{i}" for i in range(len(names), count)))


def crisp(
    program: IRProgram,
    also: Collection[Pred] = (),
    grounder: Grounder = native_grounder,
) -> CrispResult:
    """Answer ``program``'s queries; list every fact of the ``also`` predicates."""
    goals = {q.atom.pred for q in program.queries} | set(also)
    model = grounder(program, goals)
    answers: list[Answer] = []
    for query in program.queries:
        answers.extend(_answers(query.atom, _query_names(query), model))
    listed = {
        pred: tuple(
            Answer(pred, row, True, atom_text(pred, row))
            for row in sorted(model.relations.get(pred, ()), key=sort_key)
        )
        for pred in also
    }
    return CrispResult(tuple(answers), listed)

