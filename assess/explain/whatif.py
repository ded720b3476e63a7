"""``what-if``: every hypothesis and query before and after a change.

The program is grounded and compiled once (a ``Compiled``); the change
becomes new input probabilities (``changes.weights``) and the compiled
model is evaluated again. Only an assumed report that needs a new choice
costs more: if its atom is already in the derivation graph, the graph gets
one more choice derivation and is recompiled (no grounding); if the atom
is new, the program is grounded again with the report. The result says
which of the two happened (``regrounded``, ``recompiled``), and tests hold
this to account.

Each row gives the probability before and after, the difference, both
ICD 203 terms and whether the term changed. A member of a set declared
``given c`` is read as ``assess run`` reads it (``reading``): its
numbers and terms are those of P(h | c) (``Compiled.set_readouts``), and
its ``given`` says the condition, P(c) and P(h) overall before and after.
Where c has probability 0, P(h | c) is undefined: the number is None and
the term ``icd203.no_judgement(c)``.

Example: with ``0.5::h :- a.`` and a B2 report of ``a``, ``--grade s=D``
moves P(h) from 0.40 to 0.3125 (D2 is 0.625): "unlikely" both times.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from assess.engine.ir import GroundAtom, IConst
from assess.engine.lower import ground_atom, lower
from assess.explain.changes import Change, structural, weights
from assess.explain.reading import Reading, judged_class, readings
from assess.results import Result
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compiled import Compiled, compile_assessment
from assess.syntax import ast


@dataclass(frozen=True, slots=True)
class Given:
    """The condition of a conditional set's member: P(c) and P(h) overall,
    before and after."""

    condition: str
    condition_before: float
    condition_after: float
    overall_before: float
    overall_after: float


@dataclass(frozen=True, slots=True)
class Row:
    """One question before and after: P(h), or P(h | c) for a member of a
    set ``given c`` (None where c has probability 0; ``given`` then holds
    the condition and P(h))."""

    atom: str
    before: float | None
    after: float | None
    delta: float | None
    term_before: str
    term_after: str
    term_changed: bool
    given: Given | None = None


@dataclass(frozen=True, slots=True, repr=False)
class WhatIfResult(Result):
    rows: tuple[Row, ...]
    regrounded: bool
    recompiled: bool


def _with_reports(
    programs: Sequence[ast.Program], compiled: Compiled, change: Change
) -> tuple[Compiled, bool]:
    """An assessment whose model has a choice for every assumed report."""
    needed = structural(compiled, change)
    if not needed:
        return compiled, False
    ir = lower(programs, needed)
    atoms = [ground_atom(r.atom) for r in needed]
    known = all(
        (a := compiled.graph.find(g)) is not None and compiled.graph.by_head[a]
        for g in atoms if g is not None
    )
    same_rules = ir.rules[: len(compiled.ir.rules)] == compiled.ir.rules
    if known and same_rules:
        graph = copy.deepcopy(compiled.graph)
        for rule in ir.rules[len(compiled.ir.rules):]:
            head = (rule.head.pred, tuple(t.value for t in rule.head.args if isinstance(t, IConst)))
            graph.derivation(graph.atom(head), rule.id, (), ())
        return compile_assessment(ir, targets=compiled.targets, graph=graph), False
    return compile_assessment(ir, targets=compiled.targets), True


def what_if(
    programs: Sequence[ast.Program], compiled: Compiled, change: Change
) -> WhatIfResult:
    """Before and after ``change`` for every question of ``compiled``."""
    before = readings(compiled)
    changed, regrounded = _with_reports(programs, compiled, change)
    recompiled = changed is not compiled
    after = readings(changed, weights(changed, change))
    rows = [_row(q, before.get(q, _ZERO), after.get(q, _ZERO)) for q in _union(before, after)]
    return WhatIfResult(tuple(rows), regrounded, recompiled)


_ZERO = Reading(0.0)


def _union(a: dict[GroundAtom, Reading], b: dict[GroundAtom, Reading]) -> list[GroundAtom]:
    return [*a, *(q for q in b if q not in a)]


def _row(atom: GroundAtom, before: Reading, after: Reading) -> Row:
    b, a = before.judged, after.judged
    delta = None if a is None or b is None else a - b
    changed = judged_class(b) != judged_class(a)
    condition = before.condition or after.condition
    given = None if condition is None else Given(
        condition, before.condition_probability, after.condition_probability,
        before.probability, after.probability,
    )
    return Row(atom_text(atom), b, a, delta, before.term(), after.term(), changed, given)
