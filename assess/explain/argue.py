"""``why --semantics defeasible``: the argument for and against a literal.

Read off the defeasible reading's ``Conclusions`` (the tags of every
literal and the state of every ground rule), never by proving again. For a
ground literal q:

* its status (definitely / defeasibly provable, contested, not provable);
* the **supporting** rules (every ground rule with head q) and the
  **attacking** rules (every ground rule whose head conflicts with q: ``~q``
  or a ``conflict`` partner), each with its state — *applicable* (its whole
  body is established), *discarded* (a premise is refuted: named), or
  *undecided* (a loop) — and how its conflict was settled:

  - a discarded rule takes no part ("premise X is not provable");
  - an applicable attacker is *beaten* by an applicable supporting rule
    declared superior to it (team defeat: any one suffices), named with the
    superiority that settles it; otherwise it *blocks* q (a defeater only
    ever blocks);
  - an applicable supporting rule is *overridden* by an applicable
    attacker superior to it, else it *stands*;
  - a definitely provable side (+Δ) settles everything by strict rules.

Under ambiguity propagating an attacker counts as live when its body is
merely *supported* (+Σ), as the proof conditions say.

Example (Tweety, ``[r2] > [r1]``): ``fly(tweety)`` is not provable; its
supporting rule r1 is applicable but overridden by r2 ([r2] > [r1]).
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.engine.ir import GroundAtom, IRProgram
from assess.engine.show import rule_text
from assess.semantics.defeasible.answers import DefeasibleResult
from assess.semantics.defeasible.conclusions import (
    DEFEASIBLE_LEVEL,
    NOT_PROVABLE,
    SUPPORT_LEVEL,
    Conclusions,
)
from assess.semantics.defeasible.structure import Structure, index
from assess.semantics.defeasible.theory import GroundRule
from assess.semantics.prob.choices import atom_text


@dataclass(frozen=True, slots=True)
class RuleStand:
    label: str
    kind: str
    conclusion: str
    text: str
    file: str
    line: int
    state: str
    """``applicable``, ``discarded`` or ``undecided``."""
    settled: str
    """How its part in the conflict was settled, in words."""
    by: tuple[str, ...] = ()
    """The labels of the rules that beat or override it."""
    premises: tuple[str, ...] = ()
    """This ground instance's premises (``not x``: x must fail)."""


@dataclass(frozen=True, slots=True)
class ArgueResult:
    atom: str
    semantics: str
    ambiguity: str
    status: str
    definitely: bool
    defeasibly: bool
    supporting: tuple[RuleStand, ...]
    attacking: tuple[RuleStand, ...]


class _Reader:
    def __init__(self, ir: IRProgram, conclusions: Conclusions) -> None:
        self.ir, self.c = ir, conclusions
        self.theory = conclusions.theory
        self.structure: Structure = index(self.theory)
        self.attack_level = (
            SUPPORT_LEVEL if conclusions.ambiguity == "propagating" else DEFEASIBLE_LEVEL
        )

    def state(self, rule: GroundRule, level: int) -> str:
        if self.c.applicable[level][rule.id]:
            return "applicable"
        return "discarded" if self.c.discarded[level][rule.id] else "undecided"

    def refuted(self, rule: GroundRule) -> str:
        for b in rule.body:
            if not self.c.defeasibly(b):
                return f"premise {self.theory.literal_text(b)} is not provable"
        for n in rule.naf:
            if self.c.defeasibly(n):
                return f"it needs {self.theory.literal_text(n)} to fail, and it holds"
        return "a premise is not provable"

    def stand(self, rule: GroundRule, level: int, settled: str, by: tuple[str, ...]) -> RuleStand:
        source = self.ir.rules[rule.source] if rule.source >= 0 else None
        span = source.span if source is not None else None
        return RuleStand(
            rule.label, str(rule.kind.name.lower()), self.theory.literal_text(rule.head),
            rule_text(source) if source is not None else "",
            span.file if span else "", span.line if span else 0,
            self.state(rule, level), settled, by,
            tuple(self.theory.literal_text(b) for b in rule.body)
            + tuple(f"not {self.theory.literal_text(n)}" for n in rule.naf),
        )

    def supporting(self, rule: GroundRule) -> RuleStand:
        level = DEFEASIBLE_LEVEL
        state = self.state(rule, level)
        if state == "discarded":
            return self.stand(rule, level, self.refuted(rule), ())
        if self.c.definitely(rule.head):
            return self.stand(rule, level, "the conclusion is definitely provable", ())
        over = tuple(
            self.theory.rules[s].label for s in self.structure.beaten_by[rule.id]
            if self.c.applicable[self.attack_level][s]
        )
        if over:
            return self.stand(rule, level, f"overridden: [{over[0]}] > [{rule.label}]", over)
        if state == "undecided":
            return self.stand(rule, level, "undecided: its premises run round a loop", ())
        if not rule.supports:
            return self.stand(rule, level, "a defeater: it can block, never prove", ())
        blockers = self.unbeaten(rule.head)
        if blockers:
            return self.stand(rule, level,
                              f"blocked by [{blockers[0]}]: no superiority settles it", blockers)
        return self.stand(rule, level, "stands: every applicable attacker is beaten", ())

    def beaten(self, attacker: int, target: int) -> tuple[str, ...]:
        """Labels of applicable rules for ``target`` superior to ``attacker``."""
        rules = self.theory.rules
        return tuple(
            rules[t].label for t in self.structure.beaten_by[attacker]
            if rules[t].head == target and rules[t].supports
            and self.c.applicable[DEFEASIBLE_LEVEL][t]
        )

    def unbeaten(self, target: int) -> tuple[str, ...]:
        """Labels of live attackers of ``target`` that no rule for it beats."""
        return tuple(
            self.theory.rules[s].label
            for other in self.theory.complements(target) for s in self.c.rules_for[other]
            if self.c.applicable[self.attack_level][s] and not self.beaten(s, target)
        )

    def attacking(self, rule: GroundRule, target: int) -> RuleStand:
        level = self.attack_level
        state = self.state(rule, level)
        if self.c.definitely(target):
            return self.stand(rule, level, "no match for a definitely provable conclusion", ())
        if state == "discarded":
            return self.stand(rule, level, self.refuted(rule), ())
        beaten = self.beaten(rule.id, target)
        if beaten:
            return self.stand(rule, level, f"beaten: [{beaten[0]}] > [{rule.label}]", beaten)
        if state == "undecided":
            return self.stand(rule, level, "undecided: its premises run round a loop", ())
        overrides = tuple(
            self.theory.rules[r].label for r in self.structure.beats[rule.id]
            if self.theory.rules[r].head == target and self.c.applicable[DEFEASIBLE_LEVEL][r]
        )
        if overrides:
            return self.stand(rule, level, f"undefeated; it overrides [{overrides[0]}]", ())
        what = "a defeater, it blocks" if not rule.supports else "undefeated, it blocks"
        return self.stand(rule, level, f"{what} {self.theory.literal_text(target)}", ())


def argue(ir: IRProgram, result: DefeasibleResult, atom: GroundAtom) -> ArgueResult:
    """The argument about ``atom`` under the defeasible reading (see above)."""
    c = result.conclusions
    q = c.theory.find(atom)
    if q is None:
        return ArgueResult(atom_text(atom), "defeasible", result.ambiguity, NOT_PROVABLE,
                           False, False, (), ())
    reader = _Reader(ir, c)
    rules = c.theory.rules
    support = tuple(reader.supporting(rules[r]) for r in c.rules_for[q])
    attack = tuple(
        reader.attacking(rules[r], q)
        for other in c.theory.complements(q) for r in c.rules_for[other]
    )
    return ArgueResult(atom_text(atom), "defeasible", result.ambiguity, c.status(q),
                       c.definitely(q), c.defeasibly(q), support, attack)
