"""The inputs of a probabilistic program: its independent choices.

Under the distribution semantics every probabilistic fact, every report and
every *ground instance* of a probabilistic rule is an independent coin; the
rules of one annotated disjunction make, for each ground instance of their
shared body, one exclusive choice among their heads (or none of them, with
the remaining mass). A ground instance is one assignment to *all* the rule's
variables, body-only ones included, as in ProbLog: with ``b(1). b(2).``,
``0.5::h :- b(X).`` has two instances and P(h) = 0.75. In the derivation
graph an instance is a derivation ``(head, rule, pos, neg)``; the body atoms
fix the assignment, so derivations and instances correspond one to one.

Each choice is an ``Input``: identified by (rule id, head, ground body) —
stable across runs of the same program — and carrying a display name, the
rule's label and the report(s) behind it.

Binary encoding: a coin is one variable with weight p. A disjunction group
with probabilities p1..pn is n variables in a chain: choice i is
``x_i ∧ ¬x_1 ∧ … ∧ ¬x_{i-1}`` with weight ``w_i = p_i / (1 − p_1 − … − p_{i-1})``,
so P(choice i) = p_i exactly and the variables stay independent.

Example: ``0.4::goes(sea); 0.6::goes(city).`` gives two inputs in one group,
weights w = (0.4, 0.6 / 0.6 = 1.0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assess.engine import show
from assess.engine.ir import GroundAtom, IRRule
from assess.engine.provenance import FACT, Derivation, DerivationGraph
from assess.syntax import ast

Number = Any


def atom_text(ground: GroundAtom) -> str:
    """``path(a,d)``, as ProbLog prints answers (no spaces: a JSON contract)."""
    return show.atom_text(*ground)


@dataclass(frozen=True, slots=True)
class Input:
    """One choice: a probabilistic fact, a report, or a rule instance.

    Equality and hashing use only ``rule``, ``atom`` and ``body``.
    """

    rule: int
    atom: GroundAtom
    body: tuple[GroundAtom, ...]
    label: str | None = field(default=None, compare=False)
    name: str = field(default="", compare=False)
    reports: tuple[ast.Report, ...] = field(default=(), compare=False)
    group: int | None = field(default=None, compare=False)
    """Inputs with the same ``group`` are one exclusive choice."""

    def __str__(self) -> str:
        return self.name


def is_choice(rules: Sequence[IRRule], derivation: Derivation) -> bool:
    """Whether ``derivation`` is a coin of its own (its rule has a probability)."""
    return derivation.rule != FACT and rules[derivation.rule].probability is not None


GroupKey = tuple[int, tuple[int, ...], tuple[int, ...]]
"""(disjunction id, positive body, negative body): one exclusive choice."""


def group_key(rules: Sequence[IRRule], d: Derivation) -> GroupKey | None:
    """The key of ``d``'s disjunction group: (disjunction, pos, neg), or None."""
    if d.rule == FACT:
        return None
    disjunction = rules[d.rule].disjunction
    return None if disjunction is None else (disjunction, d.pos, d.neg)


def _base_name(rule: IRRule, d: Derivation, graph: DerivationGraph) -> str:
    head = atom_text(graph.atoms[d.head])
    if isinstance(rule.origin, ast.Report):
        return f"{head}@{rule.origin.source}"
    if rule.label is not None:
        return rule.label
    if not d.pos and not d.neg:
        return head
    body = [atom_text(graph.atoms[a]) for a in d.pos] + [
        "\\+" + atom_text(graph.atoms[a]) for a in d.neg
    ]
    return f"{head}<-{','.join(body)}"


def make_inputs(
    rules: Sequence[IRRule],
    graph: DerivationGraph,
    derivations: Sequence[int],
    groups: Sequence[int | None],
    reports: Mapping[int, tuple[ast.Report, ...]],
) -> list[Input]:
    """An ``Input`` for each choice derivation, with unique display names."""
    made: list[Input] = []
    names = [
        _base_name(rules[graph.derivations[d].rule], graph.derivations[d], graph)
        for d in derivations
    ]
    seen: dict[str, int] = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    used: set[str] = set()
    for d, name, group in zip(derivations, names, groups, strict=True):
        der = graph.derivations[d]
        rule = rules[der.rule]
        if seen[name] > 1 and rule.label is not None:
            name = f"{name}[{atom_text(graph.atoms[der.head])}]"
        unique, k = name, 2
        while unique in used:
            unique, k = f"{name}#{k}", k + 1
        used.add(unique)
        body = tuple(graph.atoms[a] for a in der.pos + der.neg)
        behind = reports.get(der.rule, ())
        made.append(Input(der.rule, graph.atoms[der.head], body, rule.label, unique, behind, group))
    return made


def chain_weights(probabilities: Sequence[Number], one: Number = 1.0) -> list[Number]:
    """Conditional weights of a disjunction group's chain variables.

    Generic in the number type (float, Fraction, sympy); a group whose earlier
    members take all the mass gives the later ones weight 0.
    """
    weights: list[Number] = []
    rest = one
    for p in probabilities:
        weights.append(p / rest if rest != 0 else rest * 0)
        rest = rest - p
    return weights


def chain_gradient(probabilities: Sequence[float], dweights: Sequence[float]) -> list[float]:
    """d/dp_i from d/dw_k through ``w_k = p_k / (1 - p_1 - ... - p_{k-1})``."""
    rests: list[float] = []
    rest = 1.0
    for p in probabilities:
        rests.append(rest)
        rest -= p
    out: list[float] = []
    for i in range(len(probabilities)):
        total = dweights[i] / rests[i] if rests[i] > 0 else 0.0
        for k in range(i + 1, len(probabilities)):
            if rests[k] > 0:
                total += dweights[k] * probabilities[k] / (rests[k] * rests[k])
        out.append(total)
    return out
