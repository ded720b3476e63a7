"""Ground defeasible theories: the data the proof conditions run on.

A ground theory (Antoniou, Billington, Governatori and Maher 2001) is

* a set of ground **literals**, numbered densely from 0; a literal is a
  ``GroundAtom`` whose predicate may be the contrary ``~p``;
* **facts** (a subset of the literals);
* ground **rules** ``label: body ⇒ head`` of three kinds — strict (``:-``),
  defeasible (``-<``) and defeaters (``<~``) — each with positive body
  literals and negation-as-failure literals (``not a``);
* a **superiority** relation between rule *labels*. A label names a
  first-order rule, so ``[r1] > [r2]`` holds between every ground instance of
  ``r1`` and every ground instance of ``r2``; it only matters where their
  heads conflict;
* a **conflict** relation on literals: ``p(ā)`` conflicts with ``~p(ā)``,
  and a declaration ``conflict p, q.`` makes ``p(ā)`` conflict with
  ``q(ā)`` in the same way. ``complements(l)`` lists what ``l`` conflicts with.

Example (Tweety)::

    >>> b = TheoryBuilder()
    >>> b.fact(atom("bird", "tweety"))
    >>> r1 = b.rule("r1", RuleKind.DEFEASIBLE, atom("fly", "tweety"), [atom("bird", "tweety")])
    >>> theory = b.build()
    >>> theory.literal_text(theory.rules[r1].head)
    'fly(tweety)'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assess.engine.ir import GroundAtom, Pred, Value
from assess.engine.terms import Str
from assess.syntax.ast import RuleKind
from assess.syntax.notation import string

__all__ = ["GroundRule", "GroundTheory", "RuleKind", "TheoryBuilder", "atom", "literal_text"]


def atom(name: str, *args: Value, contrary: bool = False) -> GroundAtom:
    """The ground literal ``[~]name(args)``; a convenience for hand-built theories."""
    return (Pred(name, len(args), contrary), tuple(args))


def literal_text(literal: GroundAtom) -> str:
    """``~fly(tweety)`` for the ground atom of ``~fly/1`` and ``("tweety",)``."""
    pred, args = literal
    prefix = "~" if pred.contrary else ""
    if not args:
        return f"{prefix}{pred.name}"
    return f"{prefix}{pred.name}({', '.join(_value_text(a) for a in args)})"


def _value_text(value: Value) -> str:
    if isinstance(value, Str):
        return string(value)
    if isinstance(value, str) and not (value[:1].islower() and value.isidentifier()):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return str(value)


@dataclass(frozen=True, slots=True)
class GroundRule:
    """``label: body, not naf ⇒ head`` of a given kind; ``source`` is the IR rule id."""

    id: int
    label: str
    kind: RuleKind
    head: int
    body: tuple[int, ...] = ()
    naf: tuple[int, ...] = ()
    source: int = -1

    @property
    def supports(self) -> bool:
        """Strict and defeasible rules can prove their head; defeaters cannot."""
        return self.kind is not RuleKind.DEFEATER


@dataclass
class GroundTheory:
    """Literals, facts, rules, label superiority and the conflict relation."""

    literals: list[GroundAtom]
    facts: frozenset[int]
    rules: list[GroundRule]
    superiority: frozenset[tuple[str, str]]
    conflicting: dict[int, tuple[int, ...]]
    index: dict[GroundAtom, int] = field(repr=False)

    def complements(self, literal: int) -> tuple[int, ...]:
        """The literals that ``literal`` conflicts with."""
        return self.conflicting.get(literal, ())

    def find(self, literal: GroundAtom) -> int | None:
        return self.index.get(literal)

    def literal_text(self, literal: int) -> str:
        return literal_text(self.literals[literal])

    def superior(self, stronger: GroundRule, weaker: GroundRule) -> bool:
        """``stronger > weaker`` by their labels."""
        return (stronger.label, weaker.label) in self.superiority

    def __len__(self) -> int:
        """The size of the theory: literals, rule occurrences and superiority pairs."""
        body = sum(1 + len(r.body) + len(r.naf) for r in self.rules)
        return len(self.literals) + body + len(self.superiority)


class TheoryBuilder:
    """Collects a ground theory; literals are interned on first mention.

    ``conflict(p, q)`` is predicate-level: every ``p(ā)`` conflicts with
    ``q(ā)`` (same arguments). The contrary pair ``p``/``~p`` always conflicts.
    """

    def __init__(self) -> None:
        self._literals: list[GroundAtom] = []
        self._index: dict[GroundAtom, int] = {}
        self._facts: set[int] = set()
        self._rules: list[GroundRule] = []
        self._superiority: set[tuple[str, str]] = set()
        self._conflicts: set[tuple[Pred, Pred]] = set()

    def literal(self, literal: GroundAtom) -> int:
        found = self._index.get(literal)
        if found is None:
            found = len(self._literals)
            self._index[literal] = found
            self._literals.append(literal)
        return found

    def fact(self, literal: GroundAtom) -> None:
        self._facts.add(self.literal(literal))

    def rule(
        self,
        label: str,
        kind: RuleKind,
        head: GroundAtom,
        body: Sequence[GroundAtom] = (),
        naf: Sequence[GroundAtom] = (),
        source: int = -1,
    ) -> int:
        """Add one ground rule; returns its id."""
        new = GroundRule(
            len(self._rules),
            label,
            kind,
            self.literal(head),
            tuple(self.literal(a) for a in body),
            tuple(self.literal(a) for a in naf),
            source,
        )
        self._rules.append(new)
        return new.id

    def superior(self, stronger: str, weaker: str) -> None:
        self._superiority.add((stronger, weaker))

    def conflict(self, first: Pred, second: Pred) -> None:
        self._conflicts.add((first, second))
        self._conflicts.add((second, first))

    def build(self) -> GroundTheory:
        """The theory, with every literal's contrary interned too."""
        for pred, args in list(self._literals):
            self.literal((pred.complement, args))
        return GroundTheory(
            literals=self._literals,
            facts=frozenset(self._facts),
            rules=self._rules,
            superiority=frozenset(self._superiority),
            conflicting=self._conflict_table(),
            index=self._index,
        )

    def _conflict_table(self) -> dict[int, tuple[int, ...]]:
        partners: dict[Pred, set[Pred]] = {}
        for first, second in self._conflicts:
            partners.setdefault(first, set()).add(second)
        table: dict[int, tuple[int, ...]] = {}
        for number, (pred, args) in enumerate(self._literals):
            found = _interned(self._index, [pred.complement, *partners.get(pred, ())], args)
            table[number] = tuple(sorted(found - {number}))
        return table


def _interned(
    index: dict[GroundAtom, int], preds: Iterable[Pred], args: tuple[Value, ...]
) -> set[int]:
    found: set[int] = set()
    for pred in preds:
        number = index.get((pred, args))
        if number is not None:
            found.add(number)
    return found
