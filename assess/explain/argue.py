"""``why --semantics defeasible``: the argument for and against a literal.

The defeasible reading records why each literal was decided
(``semantics.defeasible.why.argue``: the supporting rules, the premise that
failed in each discarded rule, how each attacker was settled); this module
puts that record in the analyst's words, with each rule's text and place,
never proving again. For a ground literal q:

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
from assess.results import Result
from assess.semantics.defeasible.answers import DefeasibleResult
from assess.semantics.defeasible.conclusions import NOT_PROVABLE, Conclusions
from assess.semantics.defeasible.theory import GroundRule
from assess.semantics.defeasible.why import Argument
from assess.semantics.defeasible.why import argue as reasons
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


@dataclass(frozen=True, slots=True, repr=False)
class ArgueResult(Result):
    atom: str
    semantics: str
    ambiguity: str
    status: str
    definitely: bool
    defeasibly: bool
    supporting: tuple[RuleStand, ...]
    attacking: tuple[RuleStand, ...]
    tag: str = ""
    """``+Δ``, ``+∂``, ``−∂`` or ``undecided`` (``defeasible.why``)."""
    reason: str = ""
    """The reading's reason code: fact, strict, settled, no_rule, … ."""


class _Reader:
    """Words for the defeasible reading's own argument (``defeasible.why``)."""

    def __init__(self, ir: IRProgram, conclusions: Conclusions, argument: Argument) -> None:
        self.ir, self.c, self.argument = ir, conclusions, argument
        self.theory = conclusions.theory
        self.failed = dict(argument.failed)
        self.settled = {s.attacker: s for s in argument.attackers}

    def text(self, literal: int) -> str:
        return self.theory.literal_text(literal)

    def stand(self, rule: GroundRule, state: str, settled: str,
              by: tuple[str, ...] = ()) -> RuleStand:
        source = self.ir.rules[rule.source] if rule.source >= 0 else None
        span = source.span if source is not None else None
        return RuleStand(
            rule.label, rule.kind.name.lower(), self.text(rule.head),
            rule_text(source) if source is not None else "",
            span.file if span else "", span.line if span else 0, state, settled, by,
            tuple(self.text(b) for b in rule.body) + tuple(f"not {self.text(n)}" for n in rule.naf),
        )

    def refuted(self, literal: int, rule: GroundRule) -> str:
        if literal in rule.naf:
            return f"discarded: it needs {self.text(literal)} to fail, and it holds"
        return f"discarded: premise {self.text(literal)} is not provable"

    def supporting(self, rule: GroundRule) -> RuleStand:
        if rule.id in self.failed:
            return self.stand(rule, "discarded", self.refuted(self.failed[rule.id], rule))
        if rule.id not in self.argument.supporting:
            what = "a defeater: it can block, never prove" if not rule.supports else "undecided"
            return self.stand(rule, "applicable" if not rule.supports else "undecided", what)
        if self.argument.tag == "+Δ":
            return self.stand(rule, "applicable", "the conclusion is definitely provable")
        standing = [self.theory.rules[s.attacker] for s in self.argument.attackers
                    if s.how == "stands"]
        over = tuple(s.label for s in standing if self.theory.superior(s, rule))
        if over:
            return self.stand(rule, "applicable", f"overridden: [{over[0]}] > [{rule.label}]", over)
        if standing:
            labels = tuple(s.label for s in standing)
            return self.stand(rule, "applicable",
                              f"blocked by [{labels[0]}]: no superiority settles it", labels)
        return self.stand(rule, "applicable", "stands: every attacker is beaten or discarded")

    def attacking(self, rule: GroundRule, target: int) -> RuleStand:
        settlement = self.settled[rule.id]
        if self.argument.tag == "+Δ":
            return self.stand(rule, settlement.how, "no match for a definitely provable conclusion")
        if settlement.how == "discarded":
            assert settlement.by is not None
            return self.stand(rule, "discarded", self.refuted(settlement.by, rule))
        if settlement.how == "overridden":
            assert settlement.by is not None
            winner = self.theory.rules[settlement.by].label
            return self.stand(rule, "applicable", f"beaten: [{winner}] > [{rule.label}]", (winner,))
        if settlement.how == "open":
            return self.stand(rule, "undecided", "undecided: neither established nor refuted")
        beaten = tuple(self.theory.rules[r].label for r in self.argument.supporting
                       if self.theory.superior(rule, self.theory.rules[r]))
        if beaten:
            return self.stand(rule, "applicable", f"undefeated; it overrides [{beaten[0]}]")
        what = "a defeater, it blocks" if not rule.supports else "undefeated, it blocks"
        return self.stand(rule, "applicable", f"{what} {self.text(target)}")


def argue(ir: IRProgram, result: DefeasibleResult, atom: GroundAtom) -> ArgueResult:
    """The argument about ``atom`` under the defeasible reading (see above)."""
    c = result.conclusions
    q = c.theory.find(atom)
    if q is None:
        return ArgueResult(atom_text(atom), "defeasible", result.ambiguity, NOT_PROVABLE,
                           False, False, (), (), "−∂", "no_rule")
    argument = reasons(c, q)
    reader = _Reader(ir, c, argument)
    rules = c.theory.rules
    support = tuple(reader.supporting(rules[r]) for r in c.rules_for[q])
    attack = tuple(reader.attacking(rules[s.attacker], q) for s in argument.attackers)
    return ArgueResult(atom_text(atom), "defeasible", result.ambiguity, c.status(q),
                       c.definitely(q), c.defeasibly(q), support, attack,
                       argument.tag, argument.reason)
