"""The proof conditions of defeasible logic, decided in linear time.

Conclusions (Antoniou, Billington, Governatori and Maher 2001), for a ground
theory with facts F, rules R (``Rs`` strict, ``Rsd`` strict or defeasible,
``R[q]`` those with head q), superiority ``>`` and ``C(q)`` the literals
conflicting with q; ``A(r)`` is r's body:

* ``+Δq``: q ∈ F, or some r ∈ Rs[q] has +Δa for every a ∈ A(r).
* ``−Δq``: q ∉ F, and every r ∈ Rs[q] has some a ∈ A(r) with −Δa.
* ``+∂q``: +Δq; or some r ∈ Rsd[q] has +∂ for its whole body, −Δc for
  every c ∈ C(q), and every attacker s ∈ R[C(q)] is *discarded* (some body
  literal −∂) or *beaten* by an applicable t ∈ Rsd[q] with t > s (team defeat).
* ``−∂q``: −Δq, and either every r ∈ Rsd[q] is discarded, or +Δc for some
  c ∈ C(q), or some attacker s is applicable (whole body +∂) and every
  t ∈ Rsd[q] with t > s is discarded.

That is **ambiguity blocking**. Under **ambiguity propagating** an attacker
counts as discarded only when its body lacks *support* (−Σ) and as
applicable already when its body is supported (+Σ), where

* ``+Σq``: +Δq, or some r ∈ Rsd[q] has +Σ for its whole body and every
  s ∈ R[C(q)] with s > r is discarded (−∂ somewhere in its body);
* ``−Σq``: −Δq, and every r ∈ Rsd[q] has −Σ in its body or is overridden by
  an applicable s ∈ R[C(q)] with s > r.

``not a`` in a body is negation as failure read at the level being proved:
it is satisfied for +Δ by −Δa and for +∂ (and +Σ) by −∂a, and it discards
its rule for −Δ when +Δa and for −∂ (and −Σ) when +∂a.

Each tag is the *least* fixpoint of its condition: a literal whose only
support runs round a loop gets neither +∂ nor −∂ (it is *undecided*).

The algorithm is event driven (after Maher 2001, "Propositional defeasible
logic has linear complexity"): every rule keeps a count of body literals
not yet established at each level and a flag for "discarded"; every literal
keeps counts of its open conditions. A derived tag is queued once, and each
queued tag visits the rules it occurs in once, so the time is linear in the
size of the theory plus its ground superiority pairs — never a search.

Example: Tweety is a bird, penguins are birds that do not fly::

    bird(tweety).  penguin(tweety).
    [r1] fly(X) -< bird(X).   [r2] ~fly(X) -< penguin(X).   [r2] > [r1].

gives +Δbird(tweety), −∂fly(tweety) and +∂~fly(tweety).
"""

from __future__ import annotations

from collections import deque
from enum import IntEnum, StrEnum

from assess.semantics.defeasible.conclusions import Conclusions
from assess.semantics.defeasible.structure import Structure, index
from assess.semantics.defeasible.theory import GroundTheory, RuleKind

__all__ = ["Ambiguity", "Conclusions", "Level", "Tag", "prove"]


class Ambiguity(StrEnum):
    BLOCKING = "blocking"
    PROPAGATING = "propagating"


class Tag(IntEnum):
    PLUS_DELTA = 0
    MINUS_DELTA = 1
    PLUS_PARTIAL = 2
    MINUS_PARTIAL = 3
    PLUS_SUPPORT = 4
    MINUS_SUPPORT = 5


class Level(IntEnum):
    """What a rule's body must reach to make the rule applicable."""

    DEFINITE = 0
    DEFEASIBLE = 1
    SUPPORT = 2


def prove(theory: GroundTheory, ambiguity: Ambiguity = Ambiguity.BLOCKING) -> Conclusions:
    """Every literal's tags under ``ambiguity`` (see the module docstring)."""
    structure = index(theory)
    prover = _Prover(theory, structure, ambiguity)
    prover.run()
    return Conclusions(
        theory=theory,
        ambiguity=str(ambiguity),
        tags=tuple(bytes(t) for t in prover.tags),
        applicable=tuple(bytes(a) for a in prover.applicable),
        discarded=tuple(bytes(d) for d in prover.discarded),
        rules_for=tuple(tuple(r) for r in structure.rules_for),
    )


class _Prover:
    """The counters of the event-driven fixpoint; one instance per run."""

    def __init__(self, theory: GroundTheory, structure: Structure, ambiguity: Ambiguity) -> None:
        self.theory, self.s = theory, structure
        self.propagating = ambiguity is Ambiguity.PROPAGATING
        self.attack_level = Level.SUPPORT if self.propagating else Level.DEFEASIBLE
        n, rules = len(theory.literals), theory.rules
        self.tags = [bytearray(n) for _ in Tag]
        self.missing = [[len(r.body) + len(r.naf) for r in rules] for _ in Level]
        self.applicable = [bytearray(len(rules)) for _ in Level]
        self.discarded = [bytearray(len(rules)) for _ in Level]
        self.strict_alive = [0] * n
        self.supporting_alive = [0] * n
        for rule in rules:
            self.strict_alive[rule.head] += rule.kind is RuleKind.STRICT
            self.supporting_alive[rule.head] += rule.supports
        self.sigma_alive = list(self.supporting_alive)
        self.sigma_dead = bytearray(len(rules))
        self.has_applicable = bytearray(n)
        self.open_complements = [len(theory.complements(q)) for q in range(n)]
        self.definite_complement = bytearray(n)
        self.unresolved = [len(structure.attackers[q]) for q in range(n)]
        self.resolved: set[tuple[int, int]] = set()
        self.unbeaten = bytearray(n)
        self.superiors_alive: dict[tuple[int, int], int] = {}
        for rule in rules:
            if rule.supports:
                for weaker in structure.beats[rule.id]:
                    key = (rule.head, weaker)
                    self.superiors_alive[key] = self.superiors_alive.get(key, 0) + 1
        self.stronger_attackers_alive = [len(b) for b in structure.beaten_by]
        self.queue: deque[tuple[Tag, int]] = deque()

    # ---- driving -----------------------------------------------------------

    def run(self) -> None:
        for q in range(len(self.theory.literals)):
            if q in self.theory.facts:
                self.derive(Tag.PLUS_DELTA, q)
            else:
                self.check_minus_delta(q)
        levels = list(Level) if self.propagating else [Level.DEFINITE, Level.DEFEASIBLE]
        for rule in self.theory.rules:
            if not rule.body and not rule.naf:
                for level in levels:
                    self.applicable[level][rule.id] = 1
                    self.on_applicable(level, rule.id)
        while self.queue:
            tag, literal = self.queue.popleft()
            self.on_tag(tag, literal)

    def derive(self, tag: Tag, literal: int) -> None:
        if not self.tags[tag][literal]:
            self.tags[tag][literal] = 1
            self.queue.append((tag, literal))

    def on_tag(self, tag: Tag, a: int) -> None:
        """Tell the rules that mention ``a`` (and its conflicts) about ``tag``."""
        occurs, naf = self.s.occurs[a], self.s.naf_occurs[a]
        if tag is Tag.PLUS_DELTA:
            self.visit(occurs, naf, Level.DEFINITE)
            self.derive(Tag.PLUS_PARTIAL, a)
            if self.propagating:
                self.derive(Tag.PLUS_SUPPORT, a)
            for q in self.theory.complements(a):
                self.definite_complement[q] = 1
                self.check_minus_partial(q)
        elif tag is Tag.MINUS_DELTA:
            self.visit(naf, occurs, Level.DEFINITE)
            for q in self.theory.complements(a):
                self.open_complements[q] -= 1
                self.check_plus_partial(q)
            self.check_minus_partial(a)
            self.check_minus_support(a)
        elif tag is Tag.PLUS_PARTIAL:
            self.visit(occurs, naf, Level.DEFEASIBLE)
            if self.propagating:
                self.visit((), naf, Level.SUPPORT)
        elif tag is Tag.MINUS_PARTIAL:
            self.visit(naf, occurs, Level.DEFEASIBLE)
            if self.propagating:
                self.visit(naf, (), Level.SUPPORT)
        elif tag is Tag.PLUS_SUPPORT:
            self.visit(occurs, (), Level.SUPPORT)
        else:
            self.visit((), occurs, Level.SUPPORT)

    def visit(self, satisfied: list[int] | tuple[()], failed: list[int] | tuple[()],
              level: Level) -> None:
        for rule in satisfied:
            self.missing[level][rule] -= 1
            if self.missing[level][rule] == 0:
                self.applicable[level][rule] = 1
                self.on_applicable(level, rule)
        for rule in failed:
            if not self.discarded[level][rule]:
                self.discarded[level][rule] = 1
                self.on_discarded(level, rule)

    # ---- rules becoming applicable or discarded -----------------------------

    def on_applicable(self, level: Level, r: int) -> None:
        rule = self.theory.rules[r]
        head = rule.head
        if level is Level.DEFINITE:
            if rule.kind is RuleKind.STRICT:
                self.derive(Tag.PLUS_DELTA, head)
            return
        if level is Level.DEFEASIBLE:
            if rule.supports:
                self.has_applicable[head] = 1
                self.check_plus_partial(head)
                for weaker in self.s.beats[r]:
                    self.resolve(head, weaker)
            if self.propagating:
                for weaker in self.s.beats[r]:
                    self.kill_support(weaker)
        elif rule.supports and self.stronger_attackers_alive[r] == 0:
            self.derive(Tag.PLUS_SUPPORT, head)
        if level is self.attack_level:
            for q in self.theory.complements(head):
                self.check_unbeaten(q, r)

    def on_discarded(self, level: Level, r: int) -> None:
        rule = self.theory.rules[r]
        head = rule.head
        if level is Level.DEFINITE:
            if rule.kind is RuleKind.STRICT:
                self.strict_alive[head] -= 1
                self.check_minus_delta(head)
            return
        if level is Level.DEFEASIBLE:
            if rule.supports:
                self.supporting_alive[head] -= 1
                self.check_minus_partial(head)
                for weaker in self.s.beats[r]:
                    self.superiors_alive[(head, weaker)] -= 1
                    self.check_unbeaten(head, weaker)
            if self.propagating:
                for weaker in self.s.beats[r]:
                    self.stronger_attackers_alive[weaker] -= 1
                    self.check_supported(weaker)
        elif rule.supports:
            self.kill_support(r)
        if level is self.attack_level:
            for q in self.theory.complements(head):
                self.resolve(q, r)

    # ---- literal conditions -------------------------------------------------

    def resolve(self, q: int, attacker: int) -> None:
        if (q, attacker) not in self.resolved:
            self.resolved.add((q, attacker))
            self.unresolved[q] -= 1
            self.check_plus_partial(q)

    def check_unbeaten(self, q: int, attacker: int) -> None:
        if (
            self.applicable[self.attack_level][attacker]
            and self.superiors_alive.get((q, attacker), 0) == 0
            and not self.unbeaten[q]
        ):
            self.unbeaten[q] = 1
            self.check_minus_partial(q)

    def check_supported(self, r: int) -> None:
        rule = self.theory.rules[r]
        if (
            rule.supports
            and self.applicable[Level.SUPPORT][r]
            and self.stronger_attackers_alive[r] == 0
        ):
            self.derive(Tag.PLUS_SUPPORT, rule.head)

    def kill_support(self, r: int) -> None:
        rule = self.theory.rules[r]
        if rule.supports and not self.sigma_dead[r]:
            self.sigma_dead[r] = 1
            self.sigma_alive[rule.head] -= 1
            self.check_minus_support(rule.head)

    def check_minus_delta(self, q: int) -> None:
        if self.strict_alive[q] == 0 and q not in self.theory.facts:
            self.derive(Tag.MINUS_DELTA, q)

    def check_plus_partial(self, q: int) -> None:
        if self.has_applicable[q] and not self.open_complements[q] and not self.unresolved[q]:
            self.derive(Tag.PLUS_PARTIAL, q)

    def check_minus_partial(self, q: int) -> None:
        if self.tags[Tag.MINUS_DELTA][q] and (
            self.supporting_alive[q] == 0 or self.definite_complement[q] or self.unbeaten[q]
        ):
            self.derive(Tag.MINUS_PARTIAL, q)

    def check_minus_support(self, q: int) -> None:
        if self.propagating and self.tags[Tag.MINUS_DELTA][q] and self.sigma_alive[q] == 0:
            self.derive(Tag.MINUS_SUPPORT, q)
