"""Which recorded atoms no world can make true: three-valued constant propagation.

The grounding records every rule instance whose positive premises can hold,
and a negation never prunes it (possible mode). ProbLog's grounding goes one
step further: an instance that needs the failure of an atom that holds in
every world fails, like one with a premise that holds in none. So for a
query with variables it lists only the atoms that some world could make
true (``q(X) :- p(X), \\+ r(X).`` with ``p(a). r(a).`` lists none, and
``q(X): 0`` is the answer). ``impossible`` finds the others:

* an atom is *certain* when a derivation of a certain rule (a fact, a rule
  with no probability) has certain positive premises and negated premises
  that are impossible;
* an atom is *possible* when some supporting derivation (a defeater proves
  nothing) has possible positive premises and no certain negated premise;

both least fixpoints, computed by alternating them (the certain atoms grow
from none, the possible ones shrink from all) until the certain ones stop
growing: for a stratified program that is its unique two-valued answer.
Choices are neither certain nor impossible, so the result holds for every
assignment of their probabilities. Contraries are not consulted: an atom
that is always defeated still counts as possible (its probability is 0).

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.semantics.prob.choices import atom_text
    >>> from assess.semantics.prob.grounding import ground
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse("p(a). p(b). r(a). 0.5::r(b). q(X) :- p(X), \\\\+ r(X). query(q(X)).")])
    >>> g = ground(ir)
    >>> sorted(atom_text(g.atoms[a]) for a in impossible(ir.rules, g))
    ['q(a)']
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.engine.ir import IRRule
from assess.engine.provenance import FACT, Derivation, DerivationGraph
from assess.syntax.ast import RuleKind


def impossible(rules: Sequence[IRRule], graph: DerivationGraph) -> set[int]:
    """The ids of the atoms of ``graph`` that hold in no world (module docstring)."""
    supporting = [d for d in graph.derivations
                  if d.rule == FACT or rules[d.rule].kind is not RuleKind.DEFEATER]
    if len(supporting) == len(graph.derivations) and not any(d.neg for d in supporting):
        return {a for a, found in enumerate(graph.by_head) if not found}  # nothing to decide
    certain_rule = [d for d in supporting if d.rule == FACT or rules[d.rule].probability is None]
    certain = [False] * len(graph.atoms)
    while True:
        possible = _least(supporting, certain)
        grown = _least(certain_rule, possible)
        if grown == certain:
            return {a for a, can in enumerate(possible) if not can}
        certain = grown


def _least(derivations: Sequence[Derivation], blocking: list[bool]) -> list[bool]:
    """The least set of heads of derivations whose positive premises are in
    the set and no negated premise is ``blocking`` (passes in recorded order,
    where premises mostly come first)."""
    held = [False] * len(blocking)
    blocked, ready = blocking.__getitem__, held.__getitem__
    pending = [d for d in derivations if not any(map(blocked, d.neg))]
    while True:
        waiting = []
        for d in pending:
            if held[d.head]:
                continue
            if all(map(ready, d.pos)):
                held[d.head] = True
            else:
                waiting.append(d)
        if len(waiting) == len(pending):
            return held
        pending = waiting
