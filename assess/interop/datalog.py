"""The ``datalog-conformance`` adapter: its programs, our engine.

``DatalogEvaluator().evaluate(program)`` takes the package's ``Program``
(``facts``: predicate -> rows of Python scalars; ``rules``: strings) and
returns an object whose ``facts`` map each predicate name to its rows.

The corpus writes rules in several dialects (Prolog-like, Nemo, Soufflé,
crepe). Read over all of it, one convention serves every case, so that is the
one implemented (``interop.rules``): every bare identifier in an
argument is a *variable* (Soufflé and crepe write variables in lower case,
Nemo and the hand-written cases in upper case; none writes a bare constant
in a rule); constants are numbers and ``"strings"``; ``_`` is anonymous;
predicate names may have any case. Bodies may hold ``not``/``!``/``\\+``
negation, comparisons ``< <= =< > >= = == != \\=`` (optionally in
parentheses) and arithmetic ``+ - * / %`` anywhere, also in heads and in
atom arguments (each such argument becomes a fresh variable defined by
``is``). A variable that occurs only under a negation is projected away
(Nemo's reading).

Errors raise ``ConformanceError`` whose ``code`` is the corpus's name for it:
``negative_cycle`` -> ``cyclic_negation``; an unbound variable ->
``unbound_variable`` (``safety_violations`` for ``_`` in a head); one name
used with two arities -> ``arity_mismatch``; unreadable rule -> ``syntax_error``.

Example::

    >>> from types import SimpleNamespace
    >>> p = SimpleNamespace(facts={"E": [("a", "b"), ("b", "c")]},
    ...                     rules=["T(x, y) :- E(x, y).", "T(x, z) :- T(x, y), E(y, z)."])
    >>> sorted(DatalogEvaluator().evaluate(p).facts["T"])
    [('a', 'b'), ('a', 'c'), ('b', 'c')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assess.diagnostics import AssessError
from assess.engine.evaluate import evaluate
from assess.engine.ir import IRLiteral, IRProgram, IRRule, IVar, Pred, Value
from assess.engine.terms import constant
from assess.interop.rules import RuleSyntaxError, parse_rule

CODES = {"negative_cycle": "cyclic_negation", "unsafe_variable": "unbound_variable"}


class ConformanceProgram(Protocol):
    """The shape of ``datalog_conformance.schema.Program``."""

    @property
    def facts(self) -> Mapping[str, Sequence[Sequence[Any]]]: ...

    @property
    def rules(self) -> Sequence[str]: ...


class ConformanceError(Exception):
    """An error the conformance runner matches by ``code``."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


@dataclass(frozen=True, slots=True)
class ConformanceModel:
    """The package's ``Model`` shape (used when the package is not installed)."""

    facts: dict[str, set[tuple[Value, ...]]]


def _model(facts: dict[str, set[tuple[Value, ...]]]) -> Any:
    """The package's own ``Model`` when available: the runner then reads it as is
    instead of re-normalising every row (a million rows on the hmmer case)."""
    try:
        from datalog_conformance.schema import Model
    except ImportError:
        return ConformanceModel(facts)
    return Model(facts)


class DatalogEvaluator:
    """``evaluate(Program) -> Model`` over the project's semi-naive engine.

    The corpus asserts one relation per case, so consecutive cases often hold
    the same program (twenty on one LUBM program); an evaluator keeps its
    last model and returns it again for an identical program. (The package's
    ``runner`` fixture makes an evaluator per case; ``tests/conformance``
    keeps one for the session, so the reuse works there.)
    """

    def __init__(self) -> None:
        self._last: tuple[object, Any] | None = None

    def evaluate(self, program: ConformanceProgram) -> Any:
        key = _fingerprint(program)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        model = self._evaluate(program)
        self._last = (key, model)
        return model

    def _evaluate(self, program: ConformanceProgram) -> Any:
        ir = to_ir(program)
        try:
            model = evaluate(ir)
        except AssessError as exc:
            code = exc.diagnostics[0].code
            raise ConformanceError(CODES.get(code, code), str(exc)) from exc
        facts: dict[str, set[tuple[Value, ...]]] = {}
        for pred, rows in model.relations.items():
            facts.setdefault(pred.name, set()).update(rows)
        return _model(facts)


def _fingerprint(program: ConformanceProgram) -> object:
    facts = tuple(
        (name, tuple(tuple(row) for row in rows)) for name, rows in sorted(program.facts.items())
    )
    return (tuple(program.rules), facts)


def _rules(texts: Iterable[str]) -> list[IRRule]:
    rules = []
    for number, text in enumerate(texts):
        try:
            rules.append(parse_rule(text, number))
        except RuleSyntaxError as exc:
            raise ConformanceError("syntax_error", str(exc)) from exc
    return rules


def _check_arities(facts: dict[Pred, set[tuple[Value, ...]]], rules: list[IRRule]) -> None:
    seen: dict[str, set[int]] = {}
    for pred in facts:
        seen.setdefault(pred.name, set()).add(pred.arity)
    for rule in rules:
        atoms = [rule.head, *(i.atom for i in rule.body if isinstance(i, IRLiteral))]
        for atom in atoms:
            seen.setdefault(atom.pred.name, set()).add(atom.pred.arity)
    for name, arities in seen.items():
        if len(arities) > 1:
            raise ConformanceError("arity_mismatch", f"{name} used with arities {sorted(arities)}")


def to_ir(program: ConformanceProgram) -> IRProgram:
    """The program as IR: facts as given (floats as ``Float`` terms), rules through
    ``interop.rules``."""
    facts: dict[Pred, set[tuple[Value, ...]]] = {}
    for name, rows in program.facts.items():
        for row in rows:
            facts.setdefault(Pred(name, len(row)), set()).add(tuple(map(constant, row)))
    rules = _rules(program.rules)
    for rule in rules:
        if any(isinstance(t, IVar) and rule.var_names[t.index] == "_" for t in rule.head.args):
            raise ConformanceError("safety_violations", f"'_' in the head of rule {rule.id}")
    _check_arities(facts, rules)
    return IRProgram(rules=rules, facts=facts)
