"""From a lowered program to the ground defeasible theory.

Grounding is the engine's: ``evaluate(ir, record=True, include_defeaters=True,
possible=True)`` derives every atom that *some* rule instance could derive
— it ignores attacks, and a negated literal does not prune — so its
derivation graph holds every ground rule instance whose positive body atoms
are derivable at all. That over-approximation is exactly the ground theory
the proof conditions need: an instance left out has a body atom that no rule
derives, which is −Δ and −∂ anyway. ``~p`` is a predicate of its own to the
engine; here it becomes the contrary of ``p``.

* A certain fact is a fact; every other recorded instance is a ground rule
  of its rule's kind (strict ``:-``, defeasible ``-<``, defeater ``<~``),
  with its positive body atoms as body and the atoms that must fail as
  ``not`` literals. A labelled or weighted fact is a strict rule with an
  empty body (it is definite; weights play no part here).
* A rule's label names every ground instance of it, so ``[r1] > [r2].``
  makes every instance of ``r1`` superior to every instance of ``r2`` (where
  their heads conflict). An unlabelled rule is labelled ``#<rule id>``,
  which no superiority statement can name.
* The literals of the theory are the atoms the engine reached, the ground
  atoms written in rules (so that ``r`` in ``q :- r.`` is decided even when
  nothing derives it) and the contraries of all of them.
* ``conflict p, q.`` makes ``p(ā)`` and ``q(ā)`` conflict for every arity
  at which both predicates occur.
* The residual of an exclusive competing set (``otherwise r``) has no rule
  of its own: it holds where no other member does. Here that is the
  defeasible rule ``r -< [c,] not m1, …, not mk`` (``c`` the set's
  condition), labelled ``#otherwise:<set>`` so that no superiority names it.

Negation is stratified as in ``crisp``: a negation inside a recursive cycle
is the engine's ``negative_cycle`` error. One difference from ``crisp``
remains, by design of the 2001 proof theory, whose tags are inductive: a
literal supported only round a positive loop is neither +Δ nor −Δ, so
``not`` on it never holds. The engine leaves such loops out unless a
negation pruned their only entry: in ``s. p :- not s. p :- q. q :- p.
r :- not p.`` crisp derives ``r``, the definite part does not (``p`` is
undecided). Without negation, +Δ is exactly the crisp least model.

Example: ``bird(tweety). [r1] fly(X) -< bird(X).`` grounds to the fact
``bird(tweety)`` and the defeasible rule ``r1: bird(tweety) ⇒ fly(tweety)``.
"""

from __future__ import annotations

from assess.engine.evaluate import evaluate
from assess.engine.ir import GroundAtom, IConst, IRLiteral, IRProgram, Pred
from assess.engine.lower import ground_atom
from assess.engine.provenance import FACT, DerivationGraph
from assess.semantics.defeasible.theory import GroundTheory, TheoryBuilder
from assess.syntax.ast import RuleKind


def rule_label(ir: IRProgram, rule_id: int) -> str:
    """The label that superiority statements use for IR rule ``rule_id``."""
    label = ir.rules[rule_id].label
    return label if label is not None else f"#{rule_id}"


def ground(ir: IRProgram) -> GroundTheory:
    """The ground theory of ``ir`` (see the module docstring)."""
    model = evaluate(ir, record=True, include_defeaters=True, possible=True)
    assert model.graph is not None
    return theory_of(ir, model.graph)


def theory_of(ir: IRProgram, graph: DerivationGraph) -> GroundTheory:
    """The ground theory whose rules are the instances recorded in ``graph``."""
    builder = TheoryBuilder()
    for literal in [*graph.atoms, *written_ground_atoms(ir)]:
        builder.literal(literal)
    atoms = graph.atoms
    for derivation in graph.derivations:
        head = atoms[derivation.head]
        if derivation.rule == FACT:
            builder.fact(head)
            continue
        rule = ir.rules[derivation.rule]
        builder.rule(
            rule_label(ir, rule.id),
            rule.kind,
            head,
            [atoms[a] for a in derivation.pos],
            [atoms[a] for a in derivation.neg],
            source=rule.id,
        )
    _residual_rules(ir, builder)
    for stronger, weaker in ir.superiority:
        builder.superior(stronger, weaker)
    for first, second in ir.conflicts:
        for arity in _arities(ir, first) & _arities(ir, second):
            builder.conflict(Pred(first, arity), Pred(second, arity))
    return builder.build()


def _residual_rules(ir: IRProgram, builder: TheoryBuilder) -> None:
    """``r -< [c,] not m1, …, not mk`` for each exclusive set's residual ``r``
    (the members of an exclusive set have no parameters)."""
    for decl in ir.competing:
        if not (decl.exclusive and decl.residual):
            continue
        *members, residual = ((Pred(name, 0), ()) for name in decl.members)
        condition = [] if decl.condition is None else [ground_atom(decl.condition)]
        if None in condition:  # refused by check as condition_not_ground
            continue
        builder.rule(
            f"#otherwise:{decl.name}", RuleKind.DEFEASIBLE, residual,
            [c for c in condition if c is not None], members,
        )


def written_ground_atoms(ir: IRProgram) -> list[GroundAtom]:
    """The ground atoms written in rules, so that even those no rule derives are decided."""
    found: list[GroundAtom] = []
    for rule in ir.rules:
        atoms = [rule.head, *(i.atom for i in rule.body if isinstance(i, IRLiteral))]
        for atom in atoms:
            values = tuple(t.value for t in atom.args if isinstance(t, IConst))
            if len(values) == len(atom.args):
                found.append((atom.pred, values))
    return found


def _arities(ir: IRProgram, name: str) -> set[int]:
    return {p.arity for p in ir.predicates() if p.name == name}
