"""A direct, slow reading of the proof conditions: the test oracle.

Each round evaluates every condition of ``assess.semantics.defeasible.prove``
(as written in its docstring) for every literal against the tags found so
far, until a round adds nothing: the least fixpoint, computed naively.
"""

from __future__ import annotations

from assess.semantics.defeasible.theory import GroundRule, GroundTheory, RuleKind

PD, MD, PP, MP, PS, MS = range(6)


class Oracle:
    def __init__(self, theory: GroundTheory, propagating: bool) -> None:
        self.t = theory
        self.propagating = propagating
        self.tags: list[set[int]] = [set() for _ in range(6)]

    def fixpoint(self) -> list[set[int]]:
        changed = True
        while changed:
            changed = False
            for q in range(len(self.t.literals)):
                for tag, holds in enumerate(self.conditions(q)):
                    if holds and q not in self.tags[tag]:
                        self.tags[tag].add(q)
                        changed = True
        return self.tags

    def rules(self, q: int, kinds: tuple[RuleKind, ...]) -> list[GroundRule]:
        return [r for r in self.t.rules if r.head == q and r.kind in kinds]

    def attackers(self, q: int) -> list[GroundRule]:
        return [r for r in self.t.rules if r.head in self.t.complements(q)]

    def body_holds(self, r: GroundRule, plus: int, naf_minus: int) -> bool:
        return all(a in self.tags[plus] for a in r.body) and all(
            b in self.tags[naf_minus] for b in r.naf
        )

    def body_fails(self, r: GroundRule, minus: int, naf_plus: int) -> bool:
        return any(a in self.tags[minus] for a in r.body) or any(
            b in self.tags[naf_plus] for b in r.naf
        )

    def applicable(self, r: GroundRule) -> bool:
        return self.body_holds(r, PP, MP)

    def discarded(self, r: GroundRule) -> bool:
        return self.body_fails(r, MP, PP)

    def attack_applicable(self, s: GroundRule) -> bool:
        return self.body_holds(s, PS, MP) if self.propagating else self.applicable(s)

    def attack_discarded(self, s: GroundRule) -> bool:
        return self.body_fails(s, MS, PP) if self.propagating else self.discarded(s)

    def conditions(self, q: int) -> tuple[bool, ...]:
        strict = self.rules(q, (RuleKind.STRICT,))
        sd = self.rules(q, (RuleKind.STRICT, RuleKind.DEFEASIBLE))
        comps = self.t.complements(q)
        plus_delta = q in self.t.facts or any(self.body_holds(r, PD, MD) for r in strict)
        minus_delta = q not in self.t.facts and all(self.body_fails(r, MD, PD) for r in strict)
        beaten = [
            s
            for s in self.attackers(q)
            if self.attack_discarded(s)
            or any(self.applicable(t) and self.t.superior(t, s) for t in sd)
        ]
        plus_partial = q in self.tags[PD] or (
            any(self.applicable(r) for r in sd)
            and all(c in self.tags[MD] for c in comps)
            and len(beaten) == len(self.attackers(q))
        )
        unbeaten = any(
            self.attack_applicable(s)
            and all(self.discarded(t) or not self.t.superior(t, s) for t in sd)
            for s in self.attackers(q)
        )
        minus_partial = q in self.tags[MD] and (
            all(self.discarded(r) for r in sd)
            or any(c in self.tags[PD] for c in comps)
            or unbeaten
        )
        if not self.propagating:
            return (plus_delta, minus_delta, plus_partial, minus_partial, False, False)
        plus_support = q in self.tags[PD] or any(
            self.body_holds(r, PS, MP)
            and all(self.discarded(s) or not self.t.superior(s, r) for s in self.attackers(q))
            for r in sd
        )
        minus_support = q in self.tags[MD] and all(
            self.body_fails(r, MS, PP)
            or any(self.applicable(s) and self.t.superior(s, r) for s in self.attackers(q))
            for r in sd
        )
        return (plus_delta, minus_delta, plus_partial, minus_partial, plus_support, minus_support)
