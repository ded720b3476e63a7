"""The k most probable proofs of an atom: best-first search over the AND/OR graph.

A *proof* picks, for the atom and for every positive premise it needs, one
derivation (one ground rule instance), so that the picks form a finite,
well-founded tree: no atom depends on itself through its picks. Negated
premises are not proved; they are the proof's *conditions* (atoms that must
fail). The probability of a proof is the product of the probabilities of
the distinct choices it uses (reports, probabilistic facts, instances of
probabilistic rules) — the probability of the world fragment it needs,
ignoring its conditions. A proof that picks two members of one annotated
disjunction's choice, or needs an atom that its conditions exclude, is
impossible and never produced.

Search: partial proofs in a priority queue by probability. A partial proof
only loses probability as it grows, so the first k complete proofs popped
are the k most probable (ties broken by discovery order). Open atoms are
expanded depth-first, leftmost first, so each proof is generated once; a
derivation whose premise already reaches the atom through earlier picks is
skipped, which handles cycles (``p :- q. q :- p.`` proves neither).
``max_steps`` bounds the work on huge graphs. A defeater's derivation is
never a step: defeaters only attack.

Example: with ``0.3::a. 0.6::b. c :- a. c :- b.`` the proofs of ``c`` are
``c <- b`` (0.6) then ``c <- a`` (0.3)::

    >>> from assess.engine.lower import lower
    >>> from assess.semantics.prob.compiled import compile_assessment
    >>> from assess.engine.lower import parse_atom
    >>> from assess.syntax.parser import parse
    >>> s = compile_assessment(lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")]))
    >>> c = s.graph.find(parse_atom("c"))
    >>> [round(p.probability, 2) for p in top_proofs(s.ir.rules, s.graph, c, 5)]
    [0.6, 0.3]
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from assess.engine.ir import IRRule
from assess.engine.provenance import FACT, DerivationGraph
from assess.semantics.prob.choices import group_key, is_choice
from assess.syntax.ast import RuleKind

MAX_STEPS = 50_000


@dataclass(frozen=True, slots=True)
class Proof:
    """A complete proof: ``picks`` maps each atom it proves to a derivation."""

    probability: float
    root: int
    picks: dict[int, int] = field(hash=False)
    conditions: frozenset[int]
    choices: frozenset[int]


@dataclass(order=True, slots=True)
class _Partial:
    priority: float
    serial: int
    picks: dict[int, int] = field(compare=False)
    open: tuple[int, ...] = field(compare=False)
    choices: frozenset[int] = field(compare=False)
    conditions: frozenset[int] = field(compare=False)


class _Search:
    def __init__(self, rules: Sequence[IRRule], graph: DerivationGraph) -> None:
        self.rules, self.graph = rules, graph
        self.serial = 0

    def weight(self, d: int) -> float:
        der = self.graph.derivations[d]
        return float(self.rules[der.rule].probability or 0.0) if is_choice(self.rules, der) else 1.0

    def defeater(self, d: int) -> bool:
        """A defeater only attacks; it never proves its head."""
        rule = self.graph.derivations[d].rule
        return rule != FACT and self.rules[rule].kind is RuleKind.DEFEATER

    def reaches(self, start: int, goal: int, picks: dict[int, int]) -> bool:
        """Whether ``start`` depends on ``goal`` through the picks so far."""
        stack, seen = [start], set()
        while stack:
            a = stack.pop()
            if a == goal:
                return True
            if a in seen or a not in picks:
                continue
            seen.add(a)
            stack.extend(self.graph.derivations[picks[a]].pos)
        return False

    def clashes(self, d: int, state: _Partial) -> bool:
        der = self.graph.derivations[d]
        key = group_key(self.rules, der)
        if key is not None and any(
            c != d and group_key(self.rules, self.graph.derivations[c]) == key
            for c in state.choices
        ):
            return True
        if der.head in state.conditions or set(der.neg) & state.picks.keys():
            return True
        return any(self.reaches(p, der.head, state.picks) for p in der.pos)

    def extend(self, state: _Partial, atom: int, d: int) -> _Partial:
        der = self.graph.derivations[d]
        choice = der.rule != FACT and is_choice(self.rules, der)
        factor = self.weight(d) if choice and d not in state.choices else 1.0
        picks = dict(state.picks)
        picks[atom] = d
        self.serial += 1
        return _Partial(
            state.priority * factor,
            self.serial,
            picks,
            tuple(der.pos) + state.open[1:],
            state.choices | {d} if choice else state.choices,
            state.conditions | frozenset(der.neg),
        )


def top_proofs(
    rules: Sequence[IRRule], graph: DerivationGraph, atom: int, k: int, max_steps: int = MAX_STEPS
) -> list[Proof]:
    """The ``k`` most probable proofs of ``atom`` (fewer if it has fewer)."""
    search = _Search(rules, graph)
    queue = [_Partial(-1.0, 0, {}, (atom,), frozenset(), frozenset())]
    found: list[Proof] = []
    steps = 0
    while queue and len(found) < k and steps < max_steps:
        steps += 1
        state = heapq.heappop(queue)
        while state.open and state.open[0] in state.picks:
            state.open = state.open[1:]
        if not state.open:
            found.append(
                Proof(-state.priority, atom, state.picks, state.conditions, state.choices)
            )
            continue
        head = state.open[0]
        for d in graph.by_head[head]:
            if search.defeater(d) or search.clashes(d, state):
                continue
            new = search.extend(state, head, d)
            if new.priority < 0.0:
                heapq.heappush(queue, new)
    return found
