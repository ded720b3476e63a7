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
from typing import Any

from assess.engine.evaluate import Model, evaluate
from assess.engine.ir import IConst, IRAtom, IRProgram, IRQuery, Pred, Value, bind
from assess.engine.show import atom_text, query_text
from assess.engine.terms import Compound, Str, order_key
from assess.results import Result

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


@dataclass(frozen=True, slots=True, repr=False)
class CrispResult(Result):
    """The answers to every query, and every derived fact of ``listed``."""

    answers: tuple[Answer, ...]
    listed: dict[Pred, tuple[Answer, ...]]
    semantics: str = "crisp"

    def to_json(self) -> dict[str, Any]:
        """``{"semantics": "crisp", "queries": [{"atom", "holds"}], "facts"?}``
        (``facts``: with ``also``, each listed predicate's facts)."""
        data: dict[str, Any] = {
            "semantics": self.semantics,
            "queries": [{"atom": a.text, "holds": a.holds} for a in self.answers],
        }
        if self.listed:
            data["facts"] = {str(p): [f.text for f in facts] for p, facts in self.listed.items()}
        return data


def sort_key(values: tuple[Value, ...]) -> tuple[tuple[int, str, float, bool, Any], ...]:
    """Prolog's standard order: numbers (by value, a float before an equal
    integer), then atoms, then strings, then compound terms (among
    themselves in ``terms.order``); mixed types never compare."""
    return tuple(
        (1 + isinstance(v, Str), v, 0.0, False, 0) if isinstance(v, str)
        else (3, "", 0.0, False, order_key(v)) if isinstance(v, Compound)
        else (0, "", v, not isinstance(v, float), 0)
        for v in values
    )


def matches(atom: IRAtom, model: Model) -> Iterator[tuple[Value, ...]]:
    """The rows of ``atom``'s relation that its constants and variables admit."""
    return (row for row in model.relations.get(atom.pred, ()) if bind(atom, row) is not None)


def _answers(query: IRQuery, model: Model) -> list[Answer]:
    atom = query.atom
    if all(isinstance(t, IConst) for t in atom.args):
        values = tuple(t.value for t in atom.args if isinstance(t, IConst))
        return [Answer(atom.pred, values, model.holds(atom.pred, values),
                       atom_text(atom.pred, values))]
    found = sorted(set(matches(atom, model)), key=sort_key)
    if not found:
        return [Answer(atom.pred, (), False, query_text(query))]
    return [Answer(atom.pred, row, True, atom_text(atom.pred, row)) for row in found]


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
        answers.extend(_answers(query, model))
    listed = {
        pred: tuple(
            Answer(pred, row, True, atom_text(pred, row))
            for row in sorted(model.relations.get(pred, ()), key=sort_key)
        )
        for pred in also
    }
    return CrispResult(tuple(answers), listed)

