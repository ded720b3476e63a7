"""The ``defeasible`` reading's answers: a status for each question.

The questions are the program's ``query/1`` atoms followed by its declared
hypotheses not already queried (as under ``prob``). A question with
variables asks for every ground literal of the theory that matches it and
is a fact or the head of some rule; when
none does, the question itself, as written, is answered "not provable"
(``q(X)  not provable``, as ``crisp`` answers ``q(X)  false`` and ``prob``
``q(X)  0.0000``).

Each answer carries the two tags an analyst asks about — definitely
provable (+Δ) and defeasibly provable (+∂) — and a status in words (see
``conclusions``): definitely provable, defeasibly provable, contested, or
not provable. ``DefeasibleResult.conclusions`` keeps every literal's tags
for the explanation commands (``why.argue`` reads them).

Example: Tweety the penguin (``[r2] > [r1]``)::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse(
    ...     "bird(tweety). penguin(tweety). [r1] fly(X) -< bird(X)."
    ...     "[r2] ~fly(X) -< penguin(X). [r2] > [r1]. query(fly(tweety)).")])
    >>> [(a.text, a.status) for a in defeasible(ir).answers]
    [('fly(tweety)', 'not provable')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assess.engine import demand
from assess.engine.ir import IConst, IRProgram, IRQuery, Pred, Value, matches, with_hypotheses
from assess.engine.show import atom_text, query_text
from assess.results import Result
from assess.semantics.crisp import sort_key
from assess.semantics.defeasible.conclusions import NOT_PROVABLE, Conclusions
from assess.semantics.defeasible.ground import ground
from assess.semantics.defeasible.prove import Ambiguity, prove


@dataclass(frozen=True, slots=True)
class DefeasibleAnswer:
    """One ground literal's standing; ``literal`` is its id in the theory (or -1)."""

    pred: Pred
    values: tuple[Value, ...]
    text: str
    definitely: bool
    defeasibly: bool
    status: str
    literal: int = -1


@dataclass(frozen=True, repr=False)
class DefeasibleResult(Result):
    answers: tuple[DefeasibleAnswer, ...]
    conclusions: Conclusions
    ambiguity: str
    semantics: str = "defeasible"

    def to_json(self) -> dict[str, Any]:
        """``{"semantics": "defeasible", "queries": [{"atom", "definitely", "defeasibly"}]}``."""
        return {
            "semantics": self.semantics,
            "queries": [
                {"atom": a.text, "definitely": a.definitely, "defeasibly": a.defeasibly}
                for a in self.answers
            ],
        }


def defeasible(ir: IRProgram, ambiguity: Ambiguity | str = Ambiguity.BLOCKING) -> DefeasibleResult:
    """Ground ``ir``, decide every literal, and answer its questions."""
    demand.bottom_up_only(ir, "defeasible")
    policy = Ambiguity(ambiguity)
    conclusions = prove(ground(ir), policy)
    answers: list[DefeasibleAnswer] = []
    for query in with_hypotheses(ir).queries:
        answers.extend(_answers(query, conclusions))
    return DefeasibleResult(tuple(answers), conclusions, str(policy))


def answer(conclusions: Conclusions, literal: int) -> DefeasibleAnswer:
    """The answer for one literal of the theory."""
    pred, values = conclusions.theory.literals[literal]
    return DefeasibleAnswer(
        pred, values, atom_text(pred, values),
        conclusions.definitely(literal), conclusions.defeasibly(literal),
        conclusions.status(literal), literal,
    )


def _answers(query: IRQuery, conclusions: Conclusions) -> list[DefeasibleAnswer]:
    theory, atom = conclusions.theory, query.atom
    if all(isinstance(t, IConst) for t in atom.args):
        values = tuple(t.value for t in atom.args if isinstance(t, IConst))
        found = theory.find((atom.pred, values))
        if found is not None:
            return [answer(conclusions, found)]
        return [DefeasibleAnswer(atom.pred, values, atom_text(atom.pred, values),
                                 False, False, NOT_PROVABLE)]
    matching = [
        (values, number)
        for number, (pred, values) in enumerate(theory.literals)
        if matches(atom, (pred, values))
        and (conclusions.rules_for[number] or number in theory.facts)
    ]
    if not matching:
        return [DefeasibleAnswer(atom.pred, (), query_text(query), False, False, NOT_PROVABLE)]
    matching.sort(key=lambda m: sort_key(m[0]))
    return [answer(conclusions, number) for _, number in matching]
