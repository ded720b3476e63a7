"""The derivation graph: which ground rule instances derive which atoms.

A hash-consed AND/OR graph with integer ids (after ProbLog's ``LogicFormula``):

* an **atom node** (id ``a``) is the OR of its derivations;
* a **derivation node** (id ``d``) is one ground rule instance: the AND of its
  positive body atoms and of the *failure* of its negated body atoms.

Certain facts are atoms with one derivation whose ``rule`` is ``FACT`` and
whose body is empty. A choice (probabilistic fact, report) is a derivation of
its rule with an empty body; a probabilistic rule's ground instance is a
derivation of that rule — so every semantics can find its choices by rule id.

Invariants: ids are dense and never reused; ``derivation(head, rule, pos,
neg)`` returns the existing id for an identical instance (deduplicated);
``pos`` and ``neg`` are tuples of atom ids in body order. Negated atoms are of
lower strata, so their own derivations are complete when they are referenced.
The evaluator only records; it knows nothing of what readers do with this.

Example::

    >>> g = DerivationGraph()
    >>> a = g.atom((Pred("edge", 2), ("a", "b")))
    >>> p = g.atom((Pred("path", 2), ("a", "b")))
    >>> g.derivation(p, 0, (a,), ())
    0
    >>> g.derivation(p, 0, (a,), ())   # the same instance again
    0
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.engine.ir import GroundAtom, Pred

FACT = -1
"""The rule id of a certain fact's derivation."""


@dataclass(frozen=True, slots=True)
class Derivation:
    """One ground rule instance: ``head`` holds if ``pos`` hold and ``neg`` fail."""

    head: int
    rule: int
    pos: tuple[int, ...]
    neg: tuple[int, ...]


class DerivationGraph:
    """Atoms and derivations, each numbered from 0 in order of creation."""

    __slots__ = ("_atom_ids", "_derivation_ids", "atoms", "by_head", "derivations")

    def __init__(self) -> None:
        self.atoms: list[GroundAtom] = []
        self.derivations: list[Derivation] = []
        self.by_head: list[list[int]] = []
        self._atom_ids: dict[GroundAtom, int] = {}
        self._derivation_ids: dict[tuple[int, int, tuple[int, ...], tuple[int, ...]], int] = {}

    def atom(self, ground: GroundAtom) -> int:
        """The id of ``ground``, creating the node on first use."""
        found = self._atom_ids.get(ground)
        if found is not None:
            return found
        new = len(self.atoms)
        self._atom_ids[ground] = new
        self.atoms.append(ground)
        self.by_head.append([])
        return new

    def find(self, ground: GroundAtom) -> int | None:
        """The id of ``ground`` if it was ever recorded, else None."""
        return self._atom_ids.get(ground)

    def derivation(
        self, head: int, rule: int, pos: tuple[int, ...], neg: tuple[int, ...]
    ) -> int:
        """The id of this ground instance, recording it on first use."""
        key = (head, rule, pos, neg)
        found = self._derivation_ids.get(key)
        if found is not None:
            return found
        new = len(self.derivations)
        self._derivation_ids[key] = new
        self.derivations.append(Derivation(head, rule, pos, neg))
        self.by_head[head].append(new)
        return new

    def derivations_of(self, atom: int) -> list[Derivation]:
        """Every recorded derivation of ``atom``."""
        return [self.derivations[d] for d in self.by_head[atom]]

    def atoms_of(self, pred: Pred) -> list[int]:
        """Ids of the recorded atoms of ``pred``."""
        return [i for i, (p, _) in enumerate(self.atoms) if p == pred]

    def __len__(self) -> int:
        return len(self.atoms) + len(self.derivations)
