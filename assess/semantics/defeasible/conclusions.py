"""What the proof procedure concluded about every literal of a ground theory.

``tags[t][q]`` is 1 when tag ``t`` (numbered as ``prove.Tag``: +Δ, −Δ, +∂,
−∂, +Σ, −Σ) holds of literal ``q``; ``applicable[level][r]`` and
``discarded[level][r]`` say whether rule ``r``'s body was established or
refuted at that level (0 definite, 1 defeasible, 2 support).

The words an analyst reads:

* **definitely provable**: +Δ;
* **defeasibly provable**: +∂ but not +Δ;
* **contested**: neither the literal nor any literal it conflicts with is
  +∂, and both sides have an applicable strict or defeasible rule (a body
  that is +∂ under blocking, +Σ under propagating) — the Nixon diamond;
* **not provable**: everything else (−∂, or undecided where a loop leaves
  the literal neither +∂ nor −∂).

Example: in the Nixon diamond ``pacifist(nixon)`` is −∂ and contested.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.semantics.defeasible.theory import GroundTheory

PLUS_DELTA, MINUS_DELTA, PLUS_PARTIAL, MINUS_PARTIAL, PLUS_SUPPORT, MINUS_SUPPORT = range(6)
DEFEASIBLE_LEVEL, SUPPORT_LEVEL = 1, 2

DEFINITELY = "definitely provable"
DEFEASIBLY = "defeasibly provable"
CONTESTED = "contested"
NOT_PROVABLE = "not provable"


@dataclass(frozen=True)
class Conclusions:
    """The tags of every literal and the state of every rule (see module doc)."""

    theory: GroundTheory
    ambiguity: str
    tags: tuple[bytes, ...]
    applicable: tuple[bytes, ...]
    discarded: tuple[bytes, ...]
    rules_for: tuple[tuple[int, ...], ...]

    def definitely(self, q: int) -> bool:
        return bool(self.tags[PLUS_DELTA][q])

    def not_definitely(self, q: int) -> bool:
        return bool(self.tags[MINUS_DELTA][q])

    def defeasibly(self, q: int) -> bool:
        return bool(self.tags[PLUS_PARTIAL][q])

    def not_defeasibly(self, q: int) -> bool:
        return bool(self.tags[MINUS_PARTIAL][q])

    def undecided(self, q: int) -> bool:
        """Neither +∂ nor −∂: only a loop through the literal leaves it so."""
        return not self.defeasibly(q) and not self.not_defeasibly(q)

    def supported(self, q: int) -> bool:
        """Some strict or defeasible rule for ``q`` has an established body."""
        level = SUPPORT_LEVEL if self.ambiguity == "propagating" else DEFEASIBLE_LEVEL
        applicable = self.applicable[level]
        return self.definitely(q) or any(
            applicable[r] and self.theory.rules[r].supports
            for r in self.rules_for[q]
        )

    def contested(self, q: int) -> bool:
        """Both sides are supported and neither is defeasibly provable."""
        if self.defeasibly(q) or not self.supported(q):
            return False
        others = self.theory.complements(q)
        return not any(self.defeasibly(c) for c in others) and any(
            self.supported(c) for c in others
        )

    def status(self, q: int) -> str:
        """The status in words (module docstring)."""
        if self.definitely(q):
            return DEFINITELY
        if self.defeasibly(q):
            return DEFEASIBLY
        return CONTESTED if self.contested(q) else NOT_PROVABLE
