"""Rational and lexicographic closure (Lehmann and Magidor; Lehmann 1995).

A propositional reading of a (small) ground theory, as the KLM tradition
gives it: every ground atom is a proposition and ``~p`` its negation; strict
rules and declared conflicts are classical constraints (``body → head``,
``¬(p ∧ q)``); each defeasible rule ``body ⇒ head`` is a default whose
*materialisation* is ``body → head``; the facts are the context ``F`` that
is asked about. Defeaters and superiority play no part in the closures, and
negation as failure is refused (``closure_negation``).

* **Ranking.** ``E₀`` is every default. A default is *exceptional* for
  ``Eᵢ`` when no world satisfying the constraints and the materialisation of
  ``Eᵢ`` makes its body true; ``Eᵢ₊₁`` are the exceptional ones, and the
  defaults in ``Eᵢ \\ Eᵢ₊₁`` get rank i (those left at the end, rank ∞).
* **Rational closure.** Take the least i for which the constraints, F and
  the materialisation of ``Eᵢ`` have a model; a literal is defeasibly
  entailed when it holds in all those models.
* **Lexicographic closure.** Among the worlds satisfying the constraints and
  F, keep those whose counts of violated defaults, compared rank by rank from
  the highest, are least; a literal is entailed when it holds in all of them.

"Definitely" is classical entailment from the constraints and F. Worlds are
enumerated (``MAX_ATOMS`` propositions at most), so this is for the small
theories of the closure literature, not for rule files.

Example (Morris 2020, Ex. 6): students are persons, persons pay tax, students
do not; with the fact ``s``, rational closure concludes ``~t`` but drops the
other person defaults, lexicographic closure keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assess.diagnostics import AssessError, error
from assess.semantics.defeasible.theory import GroundRule, GroundTheory, RuleKind

MAX_ATOMS = 16

Clause = tuple[tuple[int, bool], ...]
"""A disjunction of (proposition, polarity) pairs."""


class _Propositions:
    """Literal ids to (proposition, polarity); worlds are bit masks."""

    def __init__(self, theory: GroundTheory) -> None:
        self.theory = theory
        self.index: dict[object, int] = {}
        self.of: list[tuple[int, bool]] = []
        for pred, args in theory.literals:
            key = (pred.name, pred.arity, args)
            number = self.index.setdefault(key, len(self.index))
            self.of.append((number, not pred.contrary))
        if any(r.naf for r in theory.rules):
            raise AssessError([error(
                "closure_negation", None,
                "the closures read rules classically: negation as failure has no place in them",
            )])
        if len(self.index) > MAX_ATOMS:
            raise AssessError([error(
                "closure_too_large", None,
                f"the closures enumerate worlds: at most {MAX_ATOMS} atoms, "
                f"this theory has {len(self.index)}",
            )])

    def holds(self, world: int, literal: int) -> bool:
        number, positive = self.of[literal]
        return bool(world >> number & 1) == positive

    def implication(self, rule: GroundRule) -> Clause:
        negated = tuple((self.of[b][0], not self.of[b][1]) for b in rule.body)
        return (*negated, self.of[rule.head])


def _satisfies(world: int, clauses: Iterable[Clause]) -> bool:
    return all(any(bool(world >> n & 1) == p for n, p in c) for c in clauses)


def closure(theory: GroundTheory, lexicographic: bool) -> tuple[set[int], set[int]]:
    """(definitely, defeasibly) entailed literals under the chosen closure."""
    props = _Propositions(theory)
    constraints = [props.implication(r) for r in theory.rules if r.kind is RuleKind.STRICT]
    constraints += [
        ((props.of[a][0], not props.of[a][1]), (props.of[b][0], not props.of[b][1]))
        for a in range(len(theory.literals)) for b in theory.complements(a)
    ]
    defaults = [r for r in theory.rules if r.kind is RuleKind.DEFEASIBLE]
    facts = [(props.of[f],) for f in theory.facts]
    worlds = [w for w in range(1 << len(props.index)) if _satisfies(w, constraints)]
    ranks = _ranking(props, worlds, defaults)
    context = [w for w in worlds if _satisfies(w, facts)]
    if lexicographic:
        chosen = _lexicographic(props, context, defaults, ranks)
    else:
        chosen = _rational(props, context, defaults, ranks)
    return _entailed(props, context), _entailed(props, chosen)


def _entailed(props: _Propositions, worlds: Sequence[int]) -> set[int]:
    if not worlds:
        return set()
    return {q for q in range(len(props.of)) if all(props.holds(w, q) for w in worlds)}


def _ranking(props: _Propositions, worlds: list[int], defaults: list[GroundRule]) -> list[int]:
    """Each default's rank; ``len(defaults)`` stands for ∞."""
    ranks = [len(defaults)] * len(defaults)
    remaining = list(range(len(defaults)))
    level = 0
    while remaining:
        clauses = [props.implication(defaults[d]) for d in remaining]
        models = [w for w in worlds if _satisfies(w, clauses)]
        normal = [
            d for d in remaining
            if any(all(props.holds(w, b) for b in defaults[d].body) for w in models)
        ]
        if not normal:
            break
        for d in normal:
            ranks[d] = level
        remaining = [d for d in remaining if d not in normal]
        level += 1
    return ranks


def _rational(
    props: _Propositions, context: list[int], defaults: list[GroundRule], ranks: list[int]
) -> list[int]:
    for level in [*sorted(set(ranks)), len(defaults) + 1]:
        clauses = [props.implication(d) for d, r in zip(defaults, ranks, strict=True) if r >= level]
        models = [w for w in context if _satisfies(w, clauses)]
        if models:
            return models
    return context


def _lexicographic(
    props: _Propositions, context: list[int], defaults: list[GroundRule], ranks: list[int]
) -> list[int]:
    levels = sorted(set(ranks), reverse=True)

    def violations(world: int) -> tuple[int, ...]:
        broken = [
            r for d, r in zip(defaults, ranks, strict=True)
            if not _satisfies(world, [props.implication(d)])
        ]
        return tuple(broken.count(level) for level in levels)

    if not context:
        return []
    keyed = [(violations(w), w) for w in context]
    best = min(k for k, _ in keyed)
    return [w for k, w in keyed if k == best]
