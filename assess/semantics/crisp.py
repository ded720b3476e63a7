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

import operator
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from assess.engine import demand
from assess.engine.evaluate import Model, evaluate
from assess.engine.ir import IConst, IRAtom, IRProgram, IRQuery, Pred, Value, bind
from assess.engine.show import atom_text, query_text, value_text
from assess.engine.terms import Compound, Float, Str, order_key
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


class Facts(Sequence[Answer]):
    """Every fact of one predicate, in standard order, as ``Answer`` objects
    made when asked for: a listing of half a million facts costs a sort and,
    when printed, one text per fact (``texts``), not half a million objects."""

    __slots__ = ("_rows", "pred")

    def __init__(self, pred: Pred, rows: Sequence[tuple[Value, ...]]) -> None:
        self.pred = pred
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Answer: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Answer, ...]: ...
    def __getitem__(self, index: int | slice) -> Answer | tuple[Answer, ...]:
        if isinstance(index, slice):
            return tuple(self._answer(row) for row in self._rows[index])
        return self._answer(self._rows[index])

    def __iter__(self) -> Iterator[Answer]:
        return (self._answer(row) for row in self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Facts):
            return self.pred == other.pred and list(self._rows) == list(other._rows)
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Facts({self.pred}, {len(self)} facts)"

    def _answer(self, row: tuple[Value, ...]) -> Answer:
        return Answer(self.pred, row, True, atom_text(self.pred, row))

    @property
    def rows(self) -> Sequence[tuple[Value, ...]]:
        """The facts' arguments, in standard order."""
        return self._rows

    def texts(self) -> Iterator[str]:
        """Each fact's text (``Answer.text``), in order, without the objects:
        each distinct constant is written once."""
        return atom_texts(self.pred, self._rows)


@dataclass(frozen=True, slots=True, repr=False)
class CrispResult(Result):
    """The answers to every query, and every derived fact of ``listed``."""

    answers: tuple[Answer, ...]
    listed: dict[Pred, Facts]
    semantics: str = "crisp"

    def to_json(self) -> dict[str, Any]:
        """``{"semantics": "crisp", "queries": [{"atom", "holds"}], "facts"?}``
        (``facts``: with ``also``, each listed predicate's facts)."""
        data: dict[str, Any] = {
            "semantics": self.semantics,
            "queries": [{"atom": a.text, "holds": a.holds} for a in self.answers],
        }
        if self.listed:
            data["facts"] = {str(p): list(facts.texts()) for p, facts in self.listed.items()}
        return data


class _Written(dict[Value, str]):
    """Constant -> its text, written when first asked for."""

    def __missing__(self, value: Value) -> str:
        text = self[value] = value_text(value)
        return text


def atom_texts(pred: Pred, rows: Iterable[tuple[Value, ...]]) -> Iterator[str]:
    """``atom_text(pred, row)`` for each row, each distinct constant written once."""
    name = f"{'~' if pred.contrary else ''}{pred.name}"
    if pred.arity == 0:
        return (name for _ in rows)
    written = _Written().__getitem__
    if pred.arity == 1:
        return (f"{name}({written(row[0])})" for row in rows)
    if pred.arity == 2:
        return (f"{name}({written(row[0])},{written(row[1])})" for row in rows)
    opening = name + "("
    return (opening + ",".join(map(written, row)) + ")" for row in rows)



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


_NATURAL = frozenset({int, str, Float, Str})
"""Types whose Python order is the standard order among themselves."""


def standard_order(rows: Collection[tuple[Value, ...]]) -> list[tuple[Value, ...]]:
    """``rows`` sorted by ``sort_key``. When each column holds one type of
    constant (integers only, atoms only, …), Python's own order of that type
    is the standard order, and the rows are sorted by one column at a time,
    the last first (a stable sort), each comparing values of one type:
    about twice as fast as comparing the rows, and ten times as building
    a key of tuples for each."""
    ordered = list(rows)
    arity = len(ordered[0]) if ordered else 0
    columns = [operator.itemgetter(i) for i in range(arity)]
    for column in columns:
        kinds = set(map(type, map(column, ordered)))
        if len(kinds) != 1 or not kinds <= _NATURAL:
            return sorted(ordered, key=sort_key)
    for column in reversed(columns):
        ordered.sort(key=column)
    return ordered


def matches(atom: IRAtom, model: Model) -> Iterator[tuple[Value, ...]]:
    """The rows of ``atom``'s relation that its constants and variables admit."""
    return (row for row in model.relations.get(atom.pred, ()) if bind(atom, row) is not None)


def _answers(query: IRQuery, model: Model) -> list[Answer]:
    atom = query.atom
    if all(isinstance(t, IConst) for t in atom.args):
        values = tuple(t.value for t in atom.args if isinstance(t, IConst))
        return [Answer(atom.pred, values, model.holds(atom.pred, values),
                       atom_text(atom.pred, values))]
    found = standard_order(set(matches(atom, model)))
    if not found:
        return [Answer(atom.pred, (), False, query_text(query))]
    texts = atom_texts(atom.pred, found)
    return [Answer(atom.pred, row, True, text) for row, text in zip(found, texts, strict=True)]


def crisp(
    program: IRProgram,
    also: Collection[Pred] = (),
    grounder: Grounder = native_grounder,
) -> CrispResult:
    """Answer ``program``'s queries; list every fact of the ``also`` predicates."""
    demand.bottom_up_only(program, "crisp")
    goals = {q.atom.pred for q in program.queries} | set(also)
    model = grounder(program, goals)
    answers: list[Answer] = []
    for query in program.queries:
        answers.extend(_answers(query, model))
    listed = {pred: Facts(pred, standard_order(model.relations.get(pred, ()))) for pred in also}
    return CrispResult(tuple(answers), listed)

