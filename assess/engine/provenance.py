"""The derivation graph: which ground rule instances derive which atoms.

A hash-consed AND/OR graph with integer ids (after ProbLog's ``LogicFormula``):

* an **atom node** (id ``a``) is the OR of its derivations;
* a **derivation node** (id ``d``) is one ground rule instance: the AND of its
  positive body atoms and of the *failure* of its negated body atoms
  (those that hold in some world: an atom with no derivation fails anyway).

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

from collections import deque
from collections.abc import Iterable, Sequence
from itertools import count, filterfalse, repeat
from operator import itemgetter
from typing import NamedTuple

from assess.engine.ir import GroundAtom, Pred

FACT = -1
"""The rule id of a certain fact's derivation."""


class Derivation(NamedTuple):
    """One ground rule instance: ``head`` holds if ``pos`` hold and ``neg`` fail.

    A named tuple (not a dataclass) because millions are made while recording:
    it is built in C and is its own deduplication key."""

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
        self._derivation_ids: dict[Derivation, int] = {}

    def atom(self, ground: GroundAtom) -> int:
        """The id of ``ground``, creating the node on first use."""
        new = len(self.atoms)
        found = self._atom_ids.setdefault(ground, new)
        if found == new:
            self.atoms.append(ground)
            self.by_head.append([])
        return found

    def find(self, ground: GroundAtom) -> int | None:
        """The id of ``ground`` if it was ever recorded, else None."""
        return self._atom_ids.get(ground)

    def derivation(
        self, head: int, rule: int, pos: tuple[int, ...], neg: tuple[int, ...]
    ) -> int:
        """The id of this ground instance, recording it on first use."""
        instance = Derivation(head, rule, pos, neg)
        new = len(self.derivations)
        found = self._derivation_ids.setdefault(instance, new)
        if found == new:
            self.derivations.append(instance)
            self.by_head[head].append(new)
        return found

    def add_atoms(self, grounds: Sequence[GroundAtom]) -> range:
        """Create nodes for ``grounds``, none recorded yet and no repeats; their ids.

        The bulk form of ``atom`` for the evaluator's recorder (no per-atom
        Python call)."""
        first = len(self.atoms)
        ids = range(first, first + len(grounds))
        self._atom_ids.update(zip(grounds, ids, strict=True))
        self.atoms.extend(grounds)
        self.by_head.extend(map(list, repeat((), len(grounds))))
        return ids

    def add_derivations(self, instances: Iterable[Derivation]) -> None:
        """Record each instance not recorded yet: the bulk form of ``derivation``."""
        fresh = list(filterfalse(self._derivation_ids.__contains__, dict.fromkeys(instances)))
        first = len(self.derivations)
        self._derivation_ids.update(zip(fresh, count(first)))
        self.derivations.extend(fresh)
        heads = map(self.by_head.__getitem__, map(itemgetter(0), fresh))
        deque(map(list.append, heads, count(first)), maxlen=0)

    def derivations_of(self, atom: int) -> list[Derivation]:
        """Every recorded derivation of ``atom``."""
        return [self.derivations[d] for d in self.by_head[atom]]

    def atoms_of(self, pred: Pred) -> list[int]:
        """Ids of the recorded atoms of ``pred``."""
        return [i for i, (p, _) in enumerate(self.atoms) if p == pred]

    def __len__(self) -> int:
        return len(self.atoms) + len(self.derivations)
