"""Why a literal was decided as it was: the argument behind each conclusion.

``argue(conclusions, q)`` reads the finished tags (it never re-proves) and
returns an ``Argument``:

* ``tag``: ``+Δ``, ``+∂``, ``−∂`` or ``undecided``;
* ``reason``, one of
  ``fact`` (+Δ: q is a fact), ``strict`` (+Δ: a strict rule with a definite
  body), ``settled`` (+∂: an applicable rule, no definite contrary, and every
  attack settled), ``no_rule`` (−∂: every strict or defeasible rule for q is
  discarded), ``definite_contrary`` (−∂: a conflicting literal is +Δ),
  ``attack_stands`` (−∂: some attacker is applicable and nothing superior to
  it survives), ``loop`` (undecided);
* ``supporting``: the strict and defeasible rules for q whose body was
  established (at the definite level for +Δ);
* ``failed``: for each rule for q that was discarded, ``(rule, literal)``
  with the body literal that failed (``not a`` fails on +∂a);
* ``attackers``: one ``Settlement`` per rule for a conflicting literal,
  saying how it was dealt with: ``discarded`` (``by`` = the body literal
  that failed), ``overridden`` (``by`` = an applicable rule for q declared
  superior — team defeat lets each attacker have its own), ``stands``
  (applicable and unbeaten: what made q −∂), or ``open`` (neither);
* ``contraries``: the conflicting literals that are +Δ.

Rule and literal ids index ``conclusions.theory.rules`` and ``.literals``;
``GroundRule.source`` leads back to the IR rule (and its span) for display.
Under ambiguity propagating "applicable" and "discarded" for attackers are
read at the support level (+Σ/−Σ), as in the proof conditions.

Example: for Tweety the penguin, ``argue`` on ``fly(tweety)`` gives tag
``−∂``, reason ``attack_stands``, the penguin rule as the attacker that
stands, and the bird rule as the (applicable, but beaten) support.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.semantics.defeasible.conclusions import (
    DEFEASIBLE_LEVEL,
    MINUS_DELTA,
    MINUS_PARTIAL,
    MINUS_SUPPORT,
    PLUS_DELTA,
    PLUS_PARTIAL,
    SUPPORT_LEVEL,
    Conclusions,
)
from assess.semantics.defeasible.theory import GroundRule, RuleKind

DEFINITE_LEVEL = 0


@dataclass(frozen=True, slots=True)
class Settlement:
    """How one attacking rule fared: discarded, overridden, stands or open."""

    attacker: int
    how: str
    by: int | None = None


@dataclass(frozen=True, slots=True)
class Argument:
    """The reasons behind one literal's status (see the module docstring)."""

    literal: int
    tag: str
    reason: str
    supporting: tuple[int, ...]
    failed: tuple[tuple[int, int], ...]
    attackers: tuple[Settlement, ...]
    contraries: tuple[int, ...]


def argue(conclusions: Conclusions, q: int) -> Argument:
    """The argument for ``q``'s status."""
    theory = conclusions.theory
    rules = [theory.rules[r] for r in conclusions.rules_for[q]]
    contraries = tuple(c for c in theory.complements(q) if conclusions.definitely(c))
    if conclusions.definitely(q):
        strict = tuple(
            r.id for r in rules
            if r.kind is RuleKind.STRICT and conclusions.applicable[DEFINITE_LEVEL][r.id]
        )
        reason = "fact" if q in theory.facts else "strict"
        return Argument(q, "+Δ", reason, strict, (), (), contraries)
    supporting = tuple(
        r.id for r in rules if r.supports and conclusions.applicable[DEFEASIBLE_LEVEL][r.id]
    )
    failed = tuple(
        (r.id, lit) for r in rules
        if r.supports and (lit := _failed_literal(conclusions, r, DEFEASIBLE_LEVEL)) is not None
    )
    attackers = tuple(_settle(conclusions, q, s) for s in _attackers(conclusions, q))
    tag, reason = _verdict(conclusions, q, rules, attackers, contraries)
    return Argument(q, tag, reason, supporting, failed, attackers, contraries)


def _verdict(
    conclusions: Conclusions, q: int, rules: list[GroundRule],
    attackers: tuple[Settlement, ...], contraries: tuple[int, ...],
) -> tuple[str, str]:
    if conclusions.defeasibly(q):
        return "+∂", "settled"
    if not conclusions.not_defeasibly(q):
        return "undecided", "loop"
    if contraries:
        return "−∂", "definite_contrary"
    if any(s.how == "stands" for s in attackers):
        return "−∂", "attack_stands"
    return "−∂", "no_rule"


def _attackers(conclusions: Conclusions, q: int) -> list[GroundRule]:
    theory = conclusions.theory
    return [theory.rules[s] for c in theory.complements(q) for s in conclusions.rules_for[c]]


def _attack_level(conclusions: Conclusions) -> int:
    return SUPPORT_LEVEL if conclusions.ambiguity == "propagating" else DEFEASIBLE_LEVEL


def _settle(conclusions: Conclusions, q: int, attacker: GroundRule) -> Settlement:
    level = _attack_level(conclusions)
    failed = _failed_literal(conclusions, attacker, level)
    if failed is not None:
        return Settlement(attacker.id, "discarded", failed)
    theory = conclusions.theory
    superiors = [
        theory.rules[t] for t in conclusions.rules_for[q]
        if theory.rules[t].supports and theory.superior(theory.rules[t], attacker)
    ]
    for t in superiors:
        if conclusions.applicable[DEFEASIBLE_LEVEL][t.id]:
            return Settlement(attacker.id, "overridden", t.id)
    alive = [t for t in superiors if not conclusions.discarded[DEFEASIBLE_LEVEL][t.id]]
    if conclusions.applicable[level][attacker.id] and not alive:
        return Settlement(attacker.id, "stands")
    return Settlement(attacker.id, "open")


def _failed_literal(conclusions: Conclusions, rule: GroundRule, level: int) -> int | None:
    """The first body literal that refutes ``rule`` at ``level``, if any."""
    if not conclusions.discarded[level][rule.id]:
        return None
    minus = {DEFINITE_LEVEL: MINUS_DELTA, DEFEASIBLE_LEVEL: MINUS_PARTIAL}.get(level, MINUS_SUPPORT)
    plus = PLUS_DELTA if level == DEFINITE_LEVEL else PLUS_PARTIAL
    for literal in rule.body:
        if conclusions.tags[minus][literal]:
            return literal
    for literal in rule.naf:
        if conclusions.tags[plus][literal]:
            return literal
    return None
