"""The ``datalog-conformance`` adapter for defeasible theories.

``DefeasibleEvaluator().evaluate(theory, policy)`` takes the package's
``DefeasibleTheory`` (facts; strict rules, defeasible rules and defeaters,
each ``{id, head, body}`` with literal strings; superiority pairs of rule
ids; conflicting predicate pairs) and returns an object whose ``sections``
map each section name to predicate -> rows:

* ``definitely``: +Δ;  ``defeasibly``: +∂;  ``not_defeasibly``: −∂;
* ``undecided``: neither +∂ nor −∂ (a loop leaves a literal so).

A predicate name is prefixed ``~`` for the contrary. Literal strings are read
by ``interop.rules`` (every bare identifier in an argument is a
variable), with ``~`` marking the contrary and ``not`` negation as failure;
a predicate name may hold ``:`` (a namespace prefix such as ``b:flies``).
A rule's ``id`` is its label, so superiority holds between all ground
instances of the two rules.

A theory with strict rules and facts only, and no ``~``, is plain Datalog:
it goes straight to the engine (``interop.datalog.DatalogEvaluator``, which
also keeps the last model for the next identical program), and its model is
both the ``definitely`` and the ``defeasibly`` section (the negative
sections are not listed: they would be the rest of the Herbrand base).

Policies: ``blocking`` and ``propagating`` (the proof theory);
``rational_closure`` and ``lexicographic_closure`` (``closure``, by
enumerating worlds: small propositional theories only, with no
``undecided`` section); others raise ``ConformanceError("unsupported_policy")``.

Example::

    >>> from types import SimpleNamespace as T
    >>> theory = T(facts={"bird": [("tweety",)]}, strict_rules=[], defeaters=[],
    ...            defeasible_rules=[T(id="r1", head="flies(X)", body=["bird(X)"])],
    ...            superiority=[], conflicts=[])
    >>> DefeasibleEvaluator().evaluate(theory, "blocking").sections["defeasibly"]["flies"]
    {('tweety',)}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any, Protocol

from assess.diagnostics import AssessError
from assess.engine.ir import IRAtom, IRLiteral, IRProgram, IRRule, Pred, Value
from assess.engine.terms import constant
from assess.interop.datalog import CODES, ConformanceError, DatalogEvaluator
from assess.interop.rules import RuleSyntaxError, parse_rule
from assess.semantics.defeasible.closure import closure
from assess.semantics.defeasible.conclusions import Conclusions
from assess.semantics.defeasible.ground import ground
from assess.semantics.defeasible.prove import Ambiguity, prove
from assess.syntax.ast import RuleKind

CLOSURES = {"rational_closure": False, "lexicographic_closure": True}
CONTRARY = "xContrary__"
COLON = "xColon__"
Sections = dict[str, dict[str, set[tuple[Value, ...]]]]


class ConformanceRule(Protocol):
    id: str
    head: str
    body: Sequence[str]


class ConformanceTheory(Protocol):
    """The shape of ``datalog_conformance.schema.DefeasibleTheory``."""

    facts: Mapping[str, Sequence[Sequence[Any]]]
    strict_rules: Sequence[ConformanceRule]
    defeasible_rules: Sequence[ConformanceRule]
    defeaters: Sequence[ConformanceRule]
    superiority: Sequence[tuple[str, str]]
    conflicts: Sequence[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class DefeasibleConformanceModel:
    sections: Sections


class DefeasibleEvaluator:
    """``evaluate(DefeasibleTheory, Policy) -> DefeasibleModel``; plain
    Datalog theories go to this evaluator's own ``DatalogEvaluator``."""

    def __init__(self) -> None:
        self._datalog = DatalogEvaluator()

    def evaluate(self, theory: ConformanceTheory, policy: Any) -> Any:
        name = str(getattr(policy, "value", policy))
        if name not in {a.value for a in Ambiguity} | set(CLOSURES):
            raise ConformanceError("unsupported_policy", name)
        try:
            if name in CLOSURES:
                return _closure_sections(theory, CLOSURES[name])
            if _plain_datalog(theory):
                return _datalog_sections(self._datalog, theory)
            conclusions = prove(ground(theory_ir(theory)), Ambiguity(name))
        except AssessError as exc:
            code = exc.diagnostics[0].code
            raise ConformanceError(CODES.get(code, code), str(exc)) from exc
        return _model(sections(conclusions))


def _closure_sections(theory: ConformanceTheory, lexicographic: bool) -> Any:
    grounded = ground(theory_ir(theory))
    definitely, defeasibly = closure(grounded, lexicographic)
    found: Sections = {"definitely": {}, "defeasibly": {}, "not_defeasibly": {}}
    for number, (pred, values) in enumerate(grounded.literals):
        name = f"{'~' if pred.contrary else ''}{pred.name}"
        section = "defeasibly" if number in defeasibly else "not_defeasibly"
        found[section].setdefault(name, set()).add(values)
        if number in definitely:
            found["definitely"].setdefault(name, set()).add(values)
    return _model(found)


def _plain_datalog(theory: ConformanceTheory) -> bool:
    rules = theory.strict_rules
    texts = [r.head for r in rules] + [b for r in rules for b in r.body]
    return (
        not theory.defeasible_rules and not theory.defeaters
        and not any("~" in t for t in texts) and not any("~" in n for n in theory.facts)
    )


def _datalog_sections(datalog: DatalogEvaluator, theory: ConformanceTheory) -> Any:
    rules = [_rule_text(r) for r in theory.strict_rules]
    model = datalog.evaluate(SimpleNamespace(facts=theory.facts, rules=rules))
    found: dict[str, set[tuple[Value, ...]]] = model.facts
    return _model({"definitely": found, "defeasibly": found})


def _model(found: Sections) -> Any:
    """The package's own ``DefeasibleModel`` when available (the runner then
    reads it as is instead of re-normalising every row)."""
    try:
        from datalog_conformance.schema import DefeasibleModel
    except ImportError:
        return DefeasibleConformanceModel(found)
    return DefeasibleModel(found)


def _rule_text(rule: ConformanceRule) -> str:
    body = ", ".join(rule.body)
    return f"{rule.head} :- {body}." if body else f"{rule.head}."


def theory_ir(theory: ConformanceTheory) -> IRProgram:
    """The theory as IR: facts, labelled rules of three kinds, superiority, conflicts."""
    facts: dict[Pred, set[tuple[Value, ...]]] = {}
    for name, rows in theory.facts.items():
        for row in rows:
            facts.setdefault(_pred(name, len(row)), set()).add(tuple(map(constant, row)))
    kinds = (
        (RuleKind.STRICT, theory.strict_rules),
        (RuleKind.DEFEASIBLE, theory.defeasible_rules),
        (RuleKind.DEFEATER, theory.defeaters),
    )
    rules: list[IRRule] = []
    for kind, group in kinds:
        for rule in group:
            rules.append(_read_rule(rule, kind, len(rules)))
    conflicts = [
        (first, second) for first, second in theory.conflicts
        if first.lstrip("~") != second.lstrip("~")
    ]
    return IRProgram(rules=rules, facts=facts, superiority=list(theory.superiority),
                     conflicts=conflicts)


def _read_rule(rule: ConformanceRule, kind: RuleKind, number: int) -> IRRule:
    text = _rule_text(rule).replace("~", CONTRARY).replace(":", COLON).replace(
        f"{COLON}-", ":-"
    )
    try:
        parsed = parse_rule(text, number)
    except RuleSyntaxError as exc:
        raise ConformanceError("syntax_error", f"rule {rule.id}: {exc}") from exc
    body = tuple(
        replace(item, atom=_contrary(item.atom)) if isinstance(item, IRLiteral) else item
        for item in parsed.body
    )
    return replace(parsed, head=_contrary(parsed.head), body=body, kind=kind, label=rule.id)


def _contrary(atom: IRAtom) -> IRAtom:
    name = atom.pred.name.replace(CONTRARY, "~").replace(COLON, ":")
    return IRAtom(_pred(name, atom.pred.arity), atom.args)


def _pred(name: str, arity: int) -> Pred:
    return Pred(name.removeprefix("~"), arity, name.startswith("~"))


def sections(conclusions: Conclusions) -> Sections:
    """The four sections of the conformance model (module docstring)."""
    found: Sections = {
        "definitely": {}, "defeasibly": {}, "not_defeasibly": {}, "undecided": {}
    }
    tests = (
        ("definitely", conclusions.definitely),
        ("defeasibly", conclusions.defeasibly),
        ("not_defeasibly", conclusions.not_defeasibly),
        ("undecided", conclusions.undecided),
    )
    for number, (pred, values) in enumerate(conclusions.theory.literals):
        name = f"{'~' if pred.contrary else ''}{pred.name}"
        for section, holds in tests:
            if holds(number):
                found[section].setdefault(name, set()).add(values)
    return found
