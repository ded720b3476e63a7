"""A compiled program: evaluate many times, differentiate in one pass.

``CompiledModel`` holds the frozen circuit of the queries and evidence and
the ``Input`` behind each variable. Nothing is grounded or compiled again:

* ``probabilities(weights)`` — P(q | evidence) for every query, with any
  input's probability changed. ``weights`` maps an ``Input`` (one choice),
  a rule id (every instance of that rule), or a name (an input's display
  name, or a rule label: every instance of it) to a probability;
* ``gradient(query)`` — ∂P(q | evidence)/∂p for every input p, exact, from
  one backward pass (for a disjunction group, each member's derivative with
  the group's leftover "none of them" mass absorbing the change);
* ``exact()`` — the same numbers as ``fractions.Fraction`` (the probabilities
  written in the program read as decimals: 0.3 is 3/10);
* ``joint_and_evidence(query, …)`` — the circuit evaluated in any number
  type, per variable (``formula`` uses it with sympy symbols).

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.semantics.prob.infer import infer
    >>> from assess.syntax.parser import parse
    >>> m = infer(lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")]))
    >>> round(m.probability("c", {"a": 0.5}), 4)
    0.8
    >>> {i.name: round(g, 4) for i, g in m.gradient("c").items()}
    {'b': 0.7, 'a': 0.4}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any

from assess.diagnostics import AssessError, error
from assess.engine.ir import GroundAtom, IRAtom, IRRule
from assess.semantics.prob.bounds import Stopped
from assess.semantics.prob.choices import Input, Number, atom_text, chain_gradient, chain_weights
from assess.semantics.prob.wmc import Circuit

Key = Input | int | str
Weights = Mapping[Key, float]
QueryKey = int | str | GroundAtom


@dataclass(frozen=True, slots=True)
class Slot:
    """One block of variables: a coin (size 1) or a disjunction group."""

    size: int


CONTRARY = "contrary"
"""P(some atom that the query conflicts with holds | evidence): ``~h``, or a
``conflict`` partner (contraries only)."""
CONTESTED = "contested"
"""P(an argument for the query fires, an attack on it fires, and neither it
nor anything it conflicts with holds | evidence) (contraries only)."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    atom: GroundAtom
    text: str
    probability: float
    named: tuple[tuple[str, float], ...] = ()
    """Further named probabilities about the atom (``CONTRARY``, ``CONTESTED``)."""
    bounds: tuple[float, float] | None = None
    """(lower, upper) when exact compilation stopped (``bounds``); the
    probability is then their midpoint."""
    stopped: str | None = None
    """How the exact compilation stopped, with bounds."""

    def get(self, name: str) -> float | None:
        return next((p for n, p in self.named if n == name), None)

    def to_json(self) -> dict[str, Any]:
        """The query as JSON: atom and probability, and how a contested one
        stands; bounded: ``lower``, ``upper`` and ``stopped`` too."""
        extra: dict[str, Any] = {} if self.bounds is None else {
            "lower": self.bounds[0], "upper": self.bounds[1], "exact": False,
            "stopped": self.stopped,
        }
        return {"atom": self.text, "probability": self.probability, **dict(self.named), **extra}

    @property
    def contrary(self) -> float | None:
        """P(something that contradicts the atom holds), if anything can."""
        return self.get(CONTRARY)

    @property
    def contested(self) -> float | None:
        """P(the matter is contested), if anything can attack the atom."""
        return self.get(CONTESTED)


@dataclass(frozen=True, slots=True)
class Unanswered:
    """A query with variables that no ground atom answers: the query as
    written, with probability 0 (ProbLog answers ``q(X): 0``)."""

    pattern: IRAtom
    text: str
    probability: float = 0.0
    named: tuple[tuple[str, float], ...] = ()

    def get(self, name: str) -> float | None:
        return None

    def to_json(self) -> dict[str, Any]:
        """The query as written, with probability 0."""
        return {"atom": self.text, "probability": self.probability, **dict(self.named)}

    @property
    def contrary(self) -> float | None:
        return None

    @property
    def contested(self) -> float | None:
        return None


def level_weights(
    slots: Sequence[Slot], probs: Sequence[Number], one: Number = 1.0
) -> list[Number]:
    """Each variable's weight: a coin's probability, a group's chain weights."""
    out: list[Number] = []
    start = 0
    for slot in slots:
        chunk = probs[start : start + slot.size]
        out.extend(chunk if slot.size == 1 else chain_weights(chunk, one))
        start += slot.size
    return out


Reply = QueryResult | Unanswered
"""What ``prob`` answers a query with: a ground atom's result, or ``Unanswered``."""


@dataclass(frozen=True)
class CompiledModel:
    """See the module docstring. Inputs are in variable order, top first."""

    rules: tuple[IRRule, ...]
    inputs: tuple[Input, ...]
    base: tuple[float, ...]
    slots: tuple[Slot, ...]
    queries: tuple[GroundAtom, ...]
    evidence: tuple[tuple[GroundAtom, bool], ...]
    circuit: Circuit
    named: tuple[tuple[tuple[str, int], ...], ...] = ()
    """Per query: (name, index into ``circuit.roots``) of its named formulas."""
    formulas: tuple[int, ...] = ()
    """Indices into ``circuit.roots`` of further formulas (``compile_model``'s
    ``formulas``), each frozen with the evidence."""
    upper: Circuit | None = None
    """Bounded (``bounds``): the over-diagrams; ``circuit`` is then the
    under-diagrams, which gradients and effects read."""
    stopped: Stopped | None = None

    @property
    def bounded(self) -> bool:
        """Whether the answers are bounds, not exact (``bounds``)."""
        return self.upper is not None

    def input_probabilities(self, weights: Weights | None = None) -> list[float]:
        """The probability of each input, with ``weights`` applied and checked."""
        probs = list(self.base)
        for key, value in (weights or {}).items():
            for i in self._select(key):
                probs[i] = float(value)
        self._check(probs)
        return probs

    def probabilities(self, weights: Weights | None = None) -> list[QueryResult]:
        """P(query | evidence) for each ground query, in query order."""
        return self.probabilities_and_formulas(weights, formulas=False)[0]

    def probabilities_and_formulas(
        self, weights: Weights | None = None, *, formulas: bool = True
    ) -> tuple[list[QueryResult], list[float]]:
        """``probabilities`` and ``formula_probabilities`` from one pass over
        the circuit (``formulas`` False: the queries only)."""
        levels = self._level_weights(self.input_probabilities(weights))
        values = self.circuit.forward(levels)
        e = self._evidence_mass(values[self.circuit.roots[0]])
        roots = self.circuit.roots
        shared = [values[roots[r]] / e for r in self.formulas] if formulas else []
        if self.upper is not None and self.stopped is not None:
            high = self.upper.forward(levels)
            return [
                QueryResult(
                    q, atom_text(q), (values[roots[i + 1]] + high[self.upper.roots[i + 1]]) / 2,
                    bounds=(values[roots[i + 1]], high[self.upper.roots[i + 1]]),
                    stopped=self.stopped.reason,
                )
                for i, q in enumerate(self.queries)
            ], shared
        return [
            QueryResult(
                q, atom_text(q), values[roots[i + 1]] / e,
                tuple((name, values[roots[r]] / e) for name, r in self._named(i)),
            )
            for i, q in enumerate(self.queries)
        ], shared

    def formula_probabilities(self, weights: Weights | None = None) -> list[float]:
        """P(formula | evidence) of each of ``formulas``, in order."""
        values = self.circuit.forward(self._level_weights(self.input_probabilities(weights)))
        e = self._evidence_mass(values[self.circuit.roots[0]])
        return [values[self.circuit.roots[r]] / e for r in self.formulas]

    def formula_masses(self, weights: Weights | None = None) -> list[float]:
        """wmc(formula ∧ evidence) of each of ``formulas``, not divided by the
        evidence's: each is linear in any one input (``sensitivity``)."""
        values = self.circuit.forward(self._level_weights(self.input_probabilities(weights)))
        return [values[self.circuit.roots[r]] for r in self.formulas]

    def probability(self, query: QueryKey, weights: Weights | None = None) -> float:
        return self.probabilities(weights)[self.query_index(query)].probability

    def contested(self, query: QueryKey, weights: Weights | None = None) -> float:
        """P(``query`` is contested | evidence) (``CONTESTED``)."""
        return self.named_probability(CONTESTED, query, weights)

    def named_probability(
        self, name: str, query: QueryKey, weights: Weights | None = None
    ) -> float:
        """P(the formula ``name`` about ``query`` | evidence)."""
        found = self.probabilities(weights)[self.query_index(query)].get(name)
        if found is None:
            raise self._no_formula(name, query)
        return found

    def evidence_probability(self, weights: Weights | None = None) -> float:
        values = self.circuit.forward(self._level_weights(self.input_probabilities(weights)))
        return float(values[self.circuit.roots[0]])

    def gradient(
        self, query: QueryKey, weights: Weights | None = None, *, of: str | None = None
    ) -> dict[Input, float]:
        """∂P(query | evidence)/∂p for every input p (one backward pass); with
        ``of``, of the named formula about ``query`` instead (``CONTESTED``)."""
        return self._gradient(self._root(query, of), weights)

    def formula_gradient(self, formula: int, weights: Weights | None = None) -> dict[Input, float]:
        """∂P(formula | evidence)/∂p for every input p, of the ``formula``-th
        of ``formulas`` (one backward pass, as ``gradient``)."""
        return self._gradient(self.formulas[formula], weights)

    def _gradient(self, root: int, weights: Weights | None) -> dict[Input, float]:
        """∂(wmc(root) / wmc(evidence))/∂p by the quotient rule, per input."""
        probs = self.input_probabilities(weights)
        levels = self._level_weights(probs)
        values = self.circuit.forward(levels)
        a, e = values[self.circuit.roots[root]], values[self.circuit.roots[0]]
        self._evidence_mass(e)
        da = self.circuit.backward(values, root, levels)
        de = self.circuit.backward(values, 0, levels) if self.evidence else [0.0] * len(da)
        dlevel = [(x * e - a * y) / (e * e) for x, y in zip(da, de, strict=True)]
        return dict(zip(self.inputs, self._input_gradient(probs, dlevel), strict=True))

    def exact(self) -> list[Fraction]:
        """P(query | evidence) for each query, computed in exact rationals."""
        probs = [Fraction(repr(p)) for p in self.base]
        values = self.circuit.forward(
            self._level_weights(probs, Fraction(1)), Fraction(0), Fraction(1)
        )
        e = self._evidence_mass(values[self.circuit.roots[0]])
        return [values[self.circuit.roots[i + 1]] / e for i in range(len(self.queries))]

    def joint_and_evidence(
        self,
        query: QueryKey,
        weights: Sequence[Number],
        complements: Sequence[Number],
        zero: Number,
        one: Number,
    ) -> tuple[Number, Number]:
        """wmc(query ∧ evidence) and wmc(evidence) for given per-*variable*
        weights and complements, in any number type (a formula's symbols)."""
        values = self.circuit.forward(weights, zero, one, complements)
        index = self.query_index(query) + 1
        return values[self.circuit.roots[index]], values[self.circuit.roots[0]]

    def _level_weights(self, probs: Sequence[Number], one: Number = 1.0) -> list[Number]:
        return level_weights(self.slots, probs, one)

    def _input_gradient(self, probs: Sequence[float], dlevel: Sequence[float]) -> list[float]:
        out: list[float] = []
        start = 0
        for slot in self.slots:
            end = start + slot.size
            chunk = dlevel[start:end]
            out.extend(chunk if slot.size == 1 else chain_gradient(probs[start:end], chunk))
            start = end
        return out

    def _evidence_mass(self, e: Number) -> Number:
        if e == 0:
            shown = ", ".join(
                f"evidence({atom_text(g)}, {'true' if v else 'false'})" for g, v in self.evidence
            )
            raise AssessError(
                [
                    error(
                        "impossible_evidence",
                        None,
                        f"the evidence has probability 0; nothing can be conditioned on: {shown}",
                    )
                ]
            )
        return e

    @cached_property
    def _positions(self) -> dict[Key, list[int]]:
        """Input positions by Input, rule id, display name and rule label."""
        found: dict[Key, list[int]] = {}
        for i, x in enumerate(self.inputs):
            keys: set[Key] = {x, x.rule, x.name}
            if x.label is not None:
                keys.add(x.label)
            for key in keys:
                found.setdefault(key, []).append(i)
        return found

    def _select(self, key: Key) -> list[int]:
        found = self._positions.get(key, [])
        if not found and not (isinstance(key, int) and 0 <= key < len(self.rules)):
            raise AssessError([error("unknown_input", None, f"no probabilistic input {key}")])
        return found

    def _check(self, probs: Sequence[float]) -> None:
        start = 0
        for slot in self.slots:
            chunk = probs[start : start + slot.size]
            bad = [p for p in chunk if not 0.0 <= p <= 1.0] or (
                [sum(chunk)] if sum(chunk) > 1 + 1e-9 else []
            )
            if bad:
                rule = self.rules[self.inputs[start].rule]
                raise AssessError(
                    [
                        error(
                            "bad_probability",
                            rule.span,
                            f"probability {bad[0]} of {self.inputs[start].name} is not within 0..1"
                            + (
                                " (the choices of one disjunction add up to more than 1)"
                                if slot.size > 1
                                else ""
                            ),
                        )
                    ]
                )
            start += slot.size

    def _named(self, index: int) -> tuple[tuple[str, int], ...]:
        return self.named[index] if index < len(self.named) else ()

    def _root(self, query: QueryKey, name: str | None) -> int:
        """The index into ``circuit.roots`` of ``query`` or its formula ``name``."""
        index = self.query_index(query)
        if name is None:
            return index + 1
        found = next((r for n, r in self._named(index) if n == name), None)
        if found is None:
            raise self._no_formula(name, query)
        return found

    def _no_formula(self, name: str, query: QueryKey) -> AssessError:
        text = atom_text(self.queries[self.query_index(query)])
        return AssessError([error(
            "no_named_probability", None,
            f"{text} has no {name} probability (nothing in the program contradicts it)",
        )])

    def query_index(self, query: QueryKey) -> int:
        """The position of ``query`` (an index, a ground atom or its text)."""
        if isinstance(query, int):
            return query
        for i, q in enumerate(self.queries):
            if q == query or atom_text(q) == query:
                return i
        raise AssessError([error("unknown_query", None, f"{query} is not a compiled query")])
