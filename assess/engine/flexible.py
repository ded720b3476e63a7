"""Flexible probabilities: ``P::h(X) :- body.`` with P bound by the body.

ProbLog reads such a rule as one independent choice per ground instance of
its body, with the probability the instance gives P. The engine's rules each
have one probability, so a flexible rule is *specialized*: the possible
values of its weight are found first (the rule's body evaluated in possible
mode, every atom that holds in some world, with the weight computed by an
``is``), then the rule becomes one rule per value ``p``: ``p::h(X) :- body,
W is weight, W =:= p``, each instance of the body falling in exactly one of
them. A weight that is not a number in [0, 1] for some instance is
``invalid_probability`` at the rule, naming the value.

Example: with ``risk(a, 0.2). risk(b, 0.7).``, ``P::sick(X) :- risk(X, P).``
becomes ``0.2::sick(X) :- risk(X, P), W is P, W =:= 0.2.`` and the same with
0.7.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assess.diagnostics import AssessError, error
from assess.engine.evaluate import evaluate
from assess.engine.ir import (
    IConst,
    IExpr,
    IRAssign,
    IRAtom,
    IRCompare,
    IRProgram,
    IRRule,
    IVar,
    Pred,
)
from assess.engine.terms import number, numeric
from assess.syntax.ast import CompareOp


def _weight_rule(rule: IRRule, weight: IExpr, n: int) -> tuple[IRRule, IVar]:
    """``rule``'s body with ``W is weight`` after it, and W."""
    w = IVar(len(rule.var_names))
    body = (*rule.body, IRAssign(w, weight))
    return replace(rule, body=body, var_names=(*rule.var_names, "_Weight")), w


def _values(ir: IRProgram, flexible: Sequence[tuple[IRRule, IExpr]]) -> list[list[float]]:
    """The weights each flexible rule's instances can give, sorted."""
    probes = []
    for n, (rule, weight) in enumerate(flexible):
        with_weight, w = _weight_rule(rule, weight, n)
        head = IRAtom(Pred(f"{rule.head.pred.name}#weight{n}", 1), (w,))
        probes.append(replace(with_weight, head=head, probability=None, label=None))
    # Every flexible head may hold: the probes see them as certain rules.
    certain = [replace(rule, probability=None) for rule, _ in flexible]
    # Evaluation knows a rule by its id, which is its index.
    every = [replace(r, id=i) for i, r in enumerate([*ir.rules, *certain, *probes])]
    probe_ir = replace(ir, rules=every)
    model = evaluate(probe_ir, goals=[p.head.pred for p in probes], possible=True)
    probes = every[len(every) - len(probes):]
    out = []
    for probe, (rule, _) in zip(probes, flexible, strict=True):
        found = sorted({numeric(v[0]) for v in model.relations.get(probe.head.pred, ())})
        for value in found:
            if isinstance(value, bool) or not 0.0 <= value <= 1.0:
                raise AssessError([error(
                    "invalid_probability", rule.span,
                    f"the flexible probability of {rule.head.pred} is {value}, outside [0, 1]",
                )])
        out.append(found)
    return out


def specialize(ir: IRProgram, flexible: Sequence[tuple[IRRule, IExpr]]) -> list[IRRule]:
    """One rule per value of each flexible rule's weight (module docstring).
    Where bottom-up evaluation cannot find the values (a body finite only
    from the queries: ``unsafe_variable``), the rules keep their ``weight``
    for demand-driven grounding (``engine.demand``) to compute per instance."""
    if not flexible:
        return []
    try:
        found = _values(ir, flexible)
    except AssessError as exc:
        if any(d.code != "unsafe_variable" for d in exc.diagnostics):
            raise
        return [replace(rule, weight=weight) for rule, weight in flexible]
    rules = []
    for (rule, weight), values in zip(flexible, found, strict=True):
        with_weight, w = _weight_rule(rule, weight, 0)
        for value in values:
            test = IRCompare(CompareOp.ARITH_EQ, w, IConst(number(value)))
            rules.append(replace(with_weight, body=(*with_weight.body, test),
                                 probability=float(value)))
    return rules
