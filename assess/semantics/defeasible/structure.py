"""Indexes over a ground theory that the proof procedure walks.

Built once, in time linear in the size of the theory plus the number of
ground superiority pairs between *conflicting* rules (pairs whose heads do
not conflict never matter and are never built):

* ``rules_for[q]``: the rules with head ``q`` (every kind);
* ``occurs[a]`` / ``naf_occurs[a]``: the rules with ``a`` (resp. ``not a``)
  in the body, once per occurrence;
* ``attackers[q]``: the rules whose head conflicts with ``q`` (``R[~q]``);
* ``beats[t]`` / ``beaten_by[s]``: the ground pairs ``t > s`` where the head of
  ``s`` conflicts with the head of ``t``.

Example: with ``r1: bird ⇒ fly``, ``r2: penguin ⇒ ~fly`` and ``r2 > r1``,
``beats[r2] == [r1]`` and ``attackers[fly] == [r2]``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from assess.semantics.defeasible.theory import GroundTheory


@dataclass(frozen=True, slots=True)
class Structure:
    """The indexes; every list is indexed by literal or rule id."""

    rules_for: list[list[int]]
    occurs: list[list[int]]
    naf_occurs: list[list[int]]
    attackers: list[list[int]]
    beats: list[list[int]]
    beaten_by: list[list[int]]


def index(theory: GroundTheory) -> Structure:
    """The indexes of ``theory`` (see the module docstring)."""
    size = len(theory.literals)
    rules_for: list[list[int]] = [[] for _ in range(size)]
    occurs: list[list[int]] = [[] for _ in range(size)]
    naf_occurs: list[list[int]] = [[] for _ in range(size)]
    for rule in theory.rules:
        rules_for[rule.head].append(rule.id)
        for literal in rule.body:
            occurs[literal].append(rule.id)
        for literal in rule.naf:
            naf_occurs[literal].append(rule.id)
    attackers: list[list[int]] = [
        [s for c in theory.complements(q) for s in rules_for[c]] for q in range(size)
    ]
    beats, beaten_by = _superiority_pairs(theory)
    return Structure(rules_for, occurs, naf_occurs, attackers, beats, beaten_by)


def _superiority_pairs(theory: GroundTheory) -> tuple[list[list[int]], list[list[int]]]:
    """Ground pairs ``t > s`` between rules with conflicting heads."""
    weaker_labels: dict[str, list[str]] = defaultdict(list)
    for stronger_label, weaker_label in sorted(theory.superiority):
        weaker_labels[stronger_label].append(weaker_label)
    by_head_label: dict[tuple[int, str], list[int]] = defaultdict(list)
    for rule in theory.rules:
        by_head_label[(rule.head, rule.label)].append(rule.id)
    beats: list[list[int]] = [[] for _ in theory.rules]
    beaten_by: list[list[int]] = [[] for _ in theory.rules]
    for rule in theory.rules:
        for label in weaker_labels.get(rule.label, ()):
            for c in theory.complements(rule.head):
                for weaker in by_head_label.get((c, label), ()):
                    beats[rule.id].append(weaker)
                    beaten_by[weaker].append(rule.id)
    return beats, beaten_by
