"""How ``assess run`` reads a question: P(h), or P(h | c) in a set ``given c``.

A hypothesis is read given a condition when it is a member of a competing
set declared ``given c`` and that set is the one it is judged in (the last
set that lists it): ``conditional_members``. Its number is then
P(h | c) = P(h ∧ c | e) / P(c | e), read off the set's formulas
(``Compiled.set_readouts``), and its words are ``icd203.given_phrase``:
the term of that number, or ``icd203.no_judgement(c)`` where P(c | e) is 0
(P(h | c) is then undefined: ``Reading.judged`` is None). Every other
question is read on P(h | e).

``run`` (``judgement``), ``what-if``, ``track`` and ``sensitivity`` read
questions through this module, so that they give one number and one term.

Example: in ``tests/explain/fixtures/conditional_set.assess`` the attack
has P 0.40 and the northern axis P 0.175 overall, so P(north | attack) is
0.4375, "unlikely"; without the report of massing P(attack) is 0 and
there is no judgement of the axis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess.analysis.icd203 import clamp, given_phrase, term, term_class
from assess.engine.ir import GroundAtom
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.competing import SetReadout
from assess.semantics.prob.compiled import Compiled
from assess.semantics.prob.model import Key


def conditional_members(compiled: Compiled) -> dict[GroundAtom, int]:
    """Each hypothesis judged on P(h | c), to the index of its set in
    ``compiled.sets`` (and ``set_readouts``): a member of a set ``given c``
    that is the set it is judged in (the last set that lists it)."""
    judged_in = {m: c.name for c in compiled.ir.competing for m in c.members}
    return {
        atom: i for i, s in enumerate(compiled.sets) if s.condition is not None
        for atom in s.members if judged_in.get(atom[0].name) == s.name
    }


@dataclass(frozen=True, slots=True)
class Reading:
    """One question's probability, and for a member of a conditional set,
    its condition, P(condition) and P(member | condition)."""

    probability: float
    condition: str | None = None
    condition_probability: float = 1.0
    given: float = 0.0

    @property
    def judged(self) -> float | None:
        """The number its term reads (None: a condition of probability 0)."""
        if self.condition is None:
            return self.probability
        return given_judged(self.condition_probability, self.given)

    def term(self) -> str:
        """Its ICD 203 words, as ``run`` prints them."""
        if self.condition is None:
            return term(self.probability)
        return given_phrase(self.given, self.condition, self.condition_probability)


def given_judged(condition: float, given: float) -> float | None:
    """P(h | c) as it is judged: None where c has probability 0 (undefined)."""
    return None if clamp(condition) == 0.0 else given


def readings(compiled: Compiled, weights: Mapping[Key, float] | None = None
             ) -> dict[GroundAtom, Reading]:
    """Each question's reading with ``weights`` (module docstring)."""
    probabilities = compiled.question_probabilities(weights)
    conditional = conditional_members(compiled)
    readouts = compiled.set_readouts(weights) if conditional else []
    return {q: _read(q, p, readouts, conditional) for q, p in probabilities.items()}


def reading(compiled: Compiled, atom: GroundAtom,
            weights: Mapping[Key, float] | None = None) -> Reading:
    """The reading of one compiled atom (a question or a target)."""
    conditional = conditional_members(compiled)
    readouts = compiled.set_readouts(weights) if atom in conditional else []
    return _read(atom, compiled.probability(atom, weights), readouts, conditional)


def judged(compiled: Compiled, atom: GroundAtom,
           weights: Mapping[Key, float] | None = None) -> float | None:
    """``reading(…).judged`` in one evaluation of the circuit: P(atom), or
    P(atom | c) (None where c cannot hold)."""
    index = conditional_members(compiled).get(atom)
    if index is None:
        return compiled.probability(atom, weights)
    r = compiled.set_readouts(weights)[index]
    return Reading(0.0, "", r.condition, r.members[r.atoms.index(atom)]).judged


def _read(atom: GroundAtom, p: float, readouts: list[SetReadout],
          conditional: dict[GroundAtom, int]) -> Reading:
    if atom not in conditional:
        return Reading(p)
    r = readouts[conditional[atom]]
    assert r.given is not None  # conditional_members: sets with a condition
    return Reading(p, atom_text(r.given), r.condition, r.members[r.atoms.index(atom)])


def judged_class(p: float | None) -> int | None:
    """Which term a judged number has (``icd203.term_class``); None, no
    judgement, is a class of its own."""
    return None if p is None else term_class(p)
