"""A query's exact probability as a closed form in the named inputs.

The compiled circuit is evaluated over sympy symbols instead of numbers —
one symbol per input, named by the rule's label when it has one, otherwise
by a readable name (``burglary``, ``edge(a,b)``, ``calls(john)<-alarm``,
``troops(12500)@pentagon`` for a report) — and the result simplified. With
evidence the formula is the quotient P(q ∧ e) / P(e). Only inputs that occur
in the diagram appear.

A closed form of a large diagram is not readable; past ``max_nodes`` circuit
nodes the formula is refused (``formula_too_large``), and past a smaller
size it is left unsimplified.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.semantics.prob.infer import infer
    >>> from assess.syntax.parser import parse
    >>> m = infer(lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")]))
    >>> f = closed_form(m, "c")
    >>> f.expression
    -(a*b - a - b)
    >>> f.values
    {'a': 0.3, 'b': 0.6}
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from assess.diagnostics import AssessError, error
from assess.semantics.prob.model import CompiledModel, QueryKey
from assess.syntax.ast import NO_SPAN

MAX_NODES = 2_000
SIMPLIFY_NODES = 300


@dataclass(frozen=True)
class Formula:
    """``expression`` over ``values``' names; ``exact`` from the decimals written."""

    atom: str
    expression: sympy.Expr
    values: dict[str, float]
    probability: float
    exact: Fraction


def _weights(
    model: CompiledModel, symbols: list[Any]
) -> tuple[list[Any], list[Any], dict[Any, Any]]:
    """Per-variable weights and complements over the input symbols.

    A disjunction group's chain variable k has weight ``p_k / R_{k-1}`` and
    complement ``R_k / R_{k-1}`` with fresh symbols ``R_k`` for the mass left
    after k choices: along any path the R's cancel inside one product (sympy
    merges powers), so expanding leaves polynomials in the p's; the R's are
    then replaced by ``1 - p_1 - … - p_k``.
    """
    weights: list[Any] = []
    complements: list[Any] = []
    rests: dict[Any, Any] = {}
    start = 0
    for g, slot in enumerate(model.slots):
        chunk = symbols[start : start + slot.size]
        if slot.size == 1:
            weights.append(chunk[0])
            complements.append(1 - chunk[0])
        else:
            previous: Any = sympy.Integer(1)
            for k, p in enumerate(chunk):
                rest = sympy.Symbol(f"_rest_{g}_{k}", positive=True)
                rests[rest] = 1 - sum(chunk[: k + 1])
                weights.append(p / previous)
                complements.append(rest / previous)
                previous = rest
        start += slot.size
    return weights, complements, rests


def closed_form(model: CompiledModel, query: QueryKey, max_nodes: int = MAX_NODES) -> Formula:
    """The closed form of ``query``'s probability under ``model``."""
    if len(model.circuit) > max_nodes:
        raise AssessError(
            [
                error(
                    "formula_too_large",
                    NO_SPAN,
                    f"the probability's diagram has {len(model.circuit)} nodes; a closed form "
                    f"is only printed up to {max_nodes}",
                )
            ]
        )
    index = model.query_index(query)
    symbols = [sympy.Symbol(i.name, positive=True) for i in model.inputs]
    weights, complements, rests = _weights(model, symbols)
    zero, one = sympy.Integer(0), sympy.Integer(1)
    joint, mass = (
        sympy.expand(x).subs(rests)
        for x in model.joint_and_evidence(index, weights, complements, zero, one)
    )
    raw = joint if not model.evidence else joint / mass
    expression = sympy.factor(raw) if len(model.circuit) <= SIMPLIFY_NODES else raw
    used = {s.name for s in expression.free_symbols if isinstance(s, sympy.Symbol)}
    values = {i.name: p for i, p in zip(model.inputs, model.base, strict=True) if i.name in used}
    answer = model.probabilities()[index]
    return Formula(answer.text, expression, values, answer.probability, model.exact()[index])
