"""A query's exact probability as a closed form in the named inputs.

The formula is read off the very circuit ``assess run`` evaluates (the one
compiled assessment: contraries, conflicts and evidence included), so the
two agree by construction. Each input is a sympy symbol named by its rule's
label when it has one, otherwise by a readable name (``burglary``,
``edge(a,b)``, ``calls(john)<-alarm``, ``troops(12500)@pentagon`` for a
report). With evidence the formula is the quotient P(q ∧ e) / P(e).

Two forms:

* **expanded** — a small diagram's polynomial, simplified and factored
  (``a + b - a*b``): what an analyst reads at a glance;
* **factored** — beyond ``EXPAND_NODES`` diagram nodes (or on request), the
  circuit's own sharing: every node that two others use is named once
  (``#1``, ``#2`` …, children first) and defined on its own line as
  ``x·high + (1 − x)·low``; the rest is written inline. Its size is the
  number of definitions; past ``max_definitions`` it is refused
  (``formula_too_large``) with the size it would have.

A disjunction group's members are chain variables in the circuit; their
weights are the members' conditional probabilities, written in the inputs
(``p2/(1 - p1)``), so every formula is in the named inputs alone.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.semantics.prob.compiled import compile_assessment
    >>> from assess.syntax.parser import parse
    >>> m = compile_assessment(lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")])).model
    >>> f = closed_form(m, "c")
    >>> f.expression
    -a*b + a + b
    >>> f.values
    {'a': 0.3, 'b': 0.6}
    >>> g = closed_form(m, "c", factored=True)
    >>> [(str(name), str(body)) for name, body in g.definitions]
    [('#1', 'a + b*(1 - a)')]
    >>> g.expression
    #1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.results import Result
from assess.semantics.prob.choices import atom_text, chain_weights
from assess.semantics.prob.model import CompiledModel, QueryKey, QueryResult
from assess.semantics.prob.wmc import Circuit

EXPAND_NODES = 40
"""Largest diagram (the query's and the evidence's nodes) printed expanded."""
EXPAND_TERMS = 40
"""Largest expanded polynomial (terms) printed as such; beyond it, factored."""
MAX_DEFINITIONS = 250
"""Most definitions a factored form may have before it is refused."""


@dataclass(frozen=True)
class Formula:
    """``expression`` over ``values``' names and ``definitions``' names.

    ``definitions`` (factored form only) are in order: each uses inputs and
    the names defined before it. ``exact`` is computed from the decimals
    written (0.1 is 1/10).
    """

    atom: str
    expression: sympy.Expr
    values: dict[str, float]
    probability: float
    exact: Fraction
    conditioned: bool = False
    """Whether the program has evidence (the formula is P(q ∧ e) / P(e))."""
    definitions: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = field(default=())
    nodes: int = 0
    """Diagram nodes the formula reads (the query's and the evidence's)."""

    @property
    def factored(self) -> bool:
        return bool(self.definitions)

    def to_json(self, exact: bool = False) -> dict[str, Any]:
        """``{"atom", "form", "formula", "definitions", "symbols", "probability"}``,
        with ``"exact"`` (the rational, as text) when asked for."""
        data: dict[str, Any] = {
            "atom": self.atom,
            "form": "factored" if self.factored else "expanded",
            "formula": str(self.expression),
            "definitions": [{"name": str(n), "formula": str(b)} for n, b in self.definitions],
            "symbols": self.values,
            "probability": self.probability,
        }
        if exact:
            data["exact"] = str(self.exact)
        return data

    def evaluate(self, values: dict[str, Any]) -> Any:
        """The formula's value with ``values`` (name -> number) for the inputs,
        in any number type sympy substitutes (float, Rational)."""
        env: dict[Any, Any] = {sympy.Symbol(n, positive=True): v for n, v in values.items()}
        for name, body in self.definitions:
            env[name] = body.xreplace(env)
        return self.expression.xreplace(env)


@dataclass(frozen=True, repr=False)
class Formulas(Result):
    """The closed form of each ground answer of ``atom`` (``assess formula``);
    ``exact``: whether the JSON carries each one's exact rational."""

    atom: str
    formulas: tuple[Formula, ...]
    exact: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"formulas": [f.to_json(self.exact) for f in self.formulas]}


def closed_form(
    model: CompiledModel, query: QueryKey, *, factored: bool = False,
    max_definitions: int = MAX_DEFINITIONS,
) -> Formula:
    """The closed form of ``query``'s probability under ``model``."""
    (formula,) = closed_forms(model, [query], factored=factored, max_definitions=max_definitions)
    return formula


def closed_forms(
    model: CompiledModel, queries: Sequence[QueryKey], *, factored: bool = False,
    max_definitions: int = MAX_DEFINITIONS,
) -> list[Formula]:
    """The closed form of each of ``queries`` (the model evaluated once, in
    floats and in exact rationals, for all of them)."""
    answers, exact = model.probabilities(), model.exact()
    indices = [model.query_index(q) for q in queries]
    return [
        _closed_form(model, i, answers[i], exact[i], factored, max_definitions) for i in indices
    ]


def _closed_form(
    model: CompiledModel, index: int, answer: QueryResult, exact: Fraction, factored: bool,
    max_definitions: int,
) -> Formula:
    roots = [model.circuit.roots[index + 1]]
    if model.evidence:
        roots.append(model.circuit.roots[0])
    nodes = _under(model.circuit, roots)
    symbols = [sympy.Symbol(i.name, positive=True) for i in model.inputs]
    weights = _weights(model, symbols)
    expression: sympy.Expr | None = None
    definitions: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    if not factored and len(nodes) <= EXPAND_NODES:
        expression = _expanded(model.circuit, roots, nodes, weights)
    if expression is None:
        definitions, expression = _factored(model.circuit, roots, nodes, weights)
        if len(definitions) > max_definitions:
            raise AssessError([error(
                "formula_too_large", COMMAND_LINE,
                f"the closed form of P({atom_text(model.queries[index])}) would need "
                f"{len(definitions)} definitions of shared subexpressions ({len(nodes)} "
                f"diagram nodes); a formula is printed up to {max_definitions}",
            )])
    used = expression.free_symbols.union(*(b.free_symbols for _, b in definitions))
    names = {s.name for s in used if isinstance(s, sympy.Symbol)}
    values = {i.name: p for i, p in zip(model.inputs, model.base, strict=True) if i.name in names}
    return Formula(
        answer.text, expression, values, answer.probability, exact,
        bool(model.evidence), definitions, len(nodes),
    )


def _weights(model: CompiledModel, symbols: list[Any]) -> list[tuple[Any, Any]]:
    """Per circuit variable: (weight, complement) in the input symbols."""
    out: list[tuple[Any, Any]] = []
    start = 0
    for slot in model.slots:
        chunk = symbols[start : start + slot.size]
        if slot.size == 1:
            out.append((chunk[0], 1 - chunk[0]))
        else:
            for w in chain_weights(chunk, sympy.Integer(1)):
                out.append((w, sympy.cancel(1 - w)))
        start += slot.size
    return out


def _under(circuit: Circuit, roots: Sequence[int]) -> list[int]:
    """The inner nodes under ``roots``, children first."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        n = stack.pop()
        if n > 1 and n not in seen:
            seen.add(n)
            stack.extend((circuit.low[n], circuit.high[n]))
    return sorted(seen)


def _expanded(
    circuit: Circuit, roots: Sequence[int], nodes: list[int], weights: list[tuple[Any, Any]]
) -> sympy.Expr | None:
    """The simplified polynomial (or quotient), or None when it is too long."""
    values: dict[int, Any] = {0: sympy.Integer(0), 1: sympy.Integer(1)}
    for n in nodes:
        w, c = weights[circuit.level[n]]
        values[n] = sympy.expand(w * values[circuit.high[n]] + c * values[circuit.low[n]])
        if len(sympy.Add.make_args(values[n])) > EXPAND_TERMS:
            return None
    parts = [values[r] for r in roots]
    raw = parts[0] if len(parts) == 1 else parts[0] / parts[1]
    return sympy.factor(raw)


def _factored(
    circuit: Circuit, roots: Sequence[int], nodes: list[int], weights: list[tuple[Any, Any]]
) -> tuple[tuple[tuple[sympy.Symbol, sympy.Expr], ...], sympy.Expr]:
    """Definitions of the shared nodes (and the roots), and the formula over them."""
    parents: dict[int, int] = dict.fromkeys(nodes, 0)
    for n in nodes:
        for child in {circuit.low[n], circuit.high[n]}:
            if child > 1:
                parents[child] += 1
    named = {n for n in nodes if parents[n] > 1} | {r for r in roots if r > 1}
    inline: dict[int, Any] = {0: sympy.Integer(0), 1: sympy.Integer(1)}
    definitions: list[tuple[sympy.Symbol, sympy.Expr]] = []
    for n in nodes:
        w, c = weights[circuit.level[n]]
        body = w * inline[circuit.high[n]] + c * inline[circuit.low[n]]
        if n in named:
            symbol = sympy.Symbol(f"#{len(definitions) + 1}")
            definitions.append((symbol, body))
            inline[n] = symbol
        else:
            inline[n] = body
    top = [inline[r] for r in roots]
    expression = top[0] if len(top) == 1 else top[0] / top[1]
    return tuple(definitions), expression
