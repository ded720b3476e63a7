"""The intermediate representation every semantics grounds and reads.

Lowering (``assess.engine.lower``) turns checked syntax trees into one
``IRProgram``: rules with numbered body literals and numbered variables,
certain ground facts in per-predicate tables, and the queries, evidence,
superiority pairs and declarations that the semantics need.

Invariants:

* A predicate is a ``Pred`` (name, arity, contrary); ``~p/1`` and ``p/1`` are
  different predicates to the evaluator; only the semantics relate them.
* ``IRRule.id`` is its index in ``IRProgram.rules``; derivations refer to it.
* Certain facts (no probability, no label) live in ``IRProgram.facts``;
  everything that is a *choice* (a probabilistic fact, a report, a labelled
  fact) is a rule with an empty body, so that each becomes its own leaf.
* The rules of one annotated disjunction share ``disjunction`` (an int id);
  each ground instance of the shared body is one exclusive choice.
* Variables in a rule are numbered 0..n-1 in order of first appearance;
  ``var_names[i]`` is the name the analyst wrote.
* A constant is a ``Value`` (``assess.engine.terms``): equal Python values
  are equal terms, so ``1`` and ``1.0``, ``"a"`` and ``a`` stay apart. A
  ground compound term is a constant too (a ``terms.Compound``); one with
  variables is an ``IStruct``, matched structurally by ``bind``.

Example: ``0.7::path(X, Y) :- edge(X, Y).`` lowers to
``IRRule(id, head=IRAtom(Pred("path", 2), (IVar(0), IVar(1))),
body=(IRLiteral(IRAtom(Pred("edge", 2), (IVar(0), IVar(1)))),),
probability=0.7, ...)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from assess.analysis.timeline import Superseded
from assess.engine import terms
from assess.syntax import ast

Value = terms.Value
"""A ground constant: an atom or string (``str``, ``Str``), an ``int``, a ``Float``."""

GroundAtom = tuple["Pred", tuple[Value, ...]]


@dataclass(frozen=True, slots=True, order=True)
class Pred:
    """A predicate: name, arity, and whether it is the contrary ``~name``."""

    name: str
    arity: int
    contrary: bool = False

    def __str__(self) -> str:
        return f"{'~' if self.contrary else ''}{self.name}/{self.arity}"

    @property
    def complement(self) -> Pred:
        """``~p`` for ``p`` and ``p`` for ``~p``."""
        return Pred(self.name, self.arity, not self.contrary)


@dataclass(frozen=True, slots=True)
class IVar:
    """The rule's variable number ``index``."""

    index: int


@dataclass(frozen=True, slots=True)
class IConst:
    value: Value


@dataclass(frozen=True, slots=True)
class IStruct:
    """A compound term with variables inside: ``name(args…)`` (a list cell is
    ``terms.CONS`` of head and tail). A compound without variables is an ``IConst``."""

    name: str
    args: tuple[ITerm, ...]


ITerm = IVar | IConst | IStruct


@dataclass(frozen=True, slots=True)
class IBinary:
    """Arithmetic on terms; ``op`` is an ``ast.ArithOp`` value."""

    op: ast.ArithOp
    left: IExpr
    right: IExpr


@dataclass(frozen=True, slots=True)
class INeg:
    operand: IExpr


@dataclass(frozen=True, slots=True)
class ICall:
    """An arithmetic function ``name(args…)`` (``arith.call``)."""

    name: str
    args: tuple[IExpr, ...]


IExpr = ITerm | IBinary | INeg | ICall


@dataclass(frozen=True, slots=True)
class IRAtom:
    pred: Pred
    args: tuple[ITerm, ...]


@dataclass(frozen=True, slots=True)
class IRLiteral:
    """A body atom; ``negated`` means negation as failure."""

    atom: IRAtom
    negated: bool = False


@dataclass(frozen=True, slots=True)
class IRCompare:
    """A built-in test ``left op right`` (``op`` an ``ast.CompareOp``)."""

    op: ast.CompareOp
    left: IExpr
    right: IExpr


@dataclass(frozen=True, slots=True)
class IRAssign:
    """``Var is expr``: binds the variable, or tests it if already bound."""

    var: IVar
    expr: IExpr


@dataclass(frozen=True, slots=True)
class IRBuiltin:
    """A built-in predicate that binds what it is not given (``builtins``):
    ``between(L, H, X)``, ``succ(X, Y)``, ``plus(X, Y, Z)``."""

    name: str
    args: tuple[ITerm, ...]


@dataclass(frozen=True, slots=True)
class IRCall:
    """A library predicate on lists (``engine.library``): ``member/2``,
    ``append/3`` or ``length/2``, where the program defines none of that name."""

    name: str
    args: tuple[ITerm, ...]


@dataclass(frozen=True, slots=True)
class IRFindall:
    """``findall(template, goal, result)``: ``result`` is the list of
    ``template`` for every answer of ``goal``, a literal of a lower stratum."""

    template: ITerm
    goal: IRAtom
    result: ITerm


IRBodyItem = IRLiteral | IRCompare | IRAssign | IRBuiltin | IRCall | IRFindall


@dataclass(frozen=True, slots=True)
class IRRule:
    """One rule (or choice fact). ``origin`` is the syntax it came from."""

    id: int
    head: IRAtom
    body: tuple[IRBodyItem, ...]
    var_names: tuple[str, ...]
    kind: ast.RuleKind = ast.RuleKind.STRICT
    probability: float | None = None
    label: str | None = None
    disjunction: int | None = None
    origin: ast.Clause | ast.Disjunction | ast.Report | None = field(
        default=None, compare=False
    )
    weight: IExpr | None = None
    """A flexible probability whose values only demand-driven grounding
    finds (``engine.demand``): bottom-up evaluation refuses the rule."""

    @property
    def span(self) -> ast.Span:
        return self.origin.span if self.origin is not None else ast.NO_SPAN


@dataclass(frozen=True, slots=True)
class IRQuery:
    """A query atom; it may hold variables (every ground answer is asked)."""

    atom: IRAtom
    origin: ast.Query | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class IREvidence:
    atom: IRAtom
    value: bool
    origin: ast.Evidence | None = field(default=None, compare=False)


@dataclass
class ClauseOrder:
    """The clauses of one predicate in the order written, by their heads:
    ``key(row)`` is the position of the first clause whose head matches the
    row, and whether that head has variables (so that other rows share it)."""

    ground: dict[tuple[Value, ...], int] = field(default_factory=dict)
    patterns: list[tuple[int, IRAtom]] = field(default_factory=list)
    count: int = 0

    def add(self, head: IRAtom) -> None:
        if all(isinstance(t, IConst) for t in head.args):
            values = tuple(t.value for t in head.args if isinstance(t, IConst))
            self.ground.setdefault(values, self.count)
        else:
            self.patterns.append((self.count, head))
        self.count += 1

    def key(self, row: tuple[Value, ...]) -> tuple[int, bool]:
        found = self.ground.get(row, self.count)
        for position, head in self.patterns:
            if position >= found:
                break
            if bind(head, row) is not None:
                return position, True
        return found, False


@dataclass
class IRProgram:
    """A whole lowered program (all files of one invocation together)."""

    rules: list[IRRule] = field(default_factory=list)
    facts: dict[Pred, set[tuple[Value, ...]]] = field(default_factory=dict)
    queries: list[IRQuery] = field(default_factory=list)
    evidence: list[IREvidence] = field(default_factory=list)
    superiority: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    reports: dict[int, tuple[ast.Report, ...]] = field(default_factory=dict)
    """Choice rule id -> the reports (one origin) that this choice stands for."""
    superseded: list[Superseded] = field(default_factory=list)
    """Reports of ``current`` indicators that a newer report of their origin
    superseded: no choice stands for them."""
    sources: dict[str, ast.SourceDecl] = field(default_factory=dict)
    indicators: dict[str, ast.IndicatorDecl] = field(default_factory=dict)
    hypotheses: dict[str, ast.HypothesisDecl] = field(default_factory=dict)
    competing: list[ast.CompetingDecl] = field(default_factory=list)
    grades: dict[str, float] = field(default_factory=dict)
    """``grade XN = p.`` overrides of the default report probability table."""
    clause_order: dict[Pred, ClauseOrder] = field(default_factory=dict)
    """For each predicate a ``findall/3`` reads, its clauses in the order
    written (the order ``findall`` lists their answers in, as ProbLog's does)."""

    def predicates(self) -> set[Pred]:
        """Every predicate that occurs anywhere in the program."""
        found: set[Pred] = set(self.facts)
        for rule in self.rules:
            found.add(rule.head.pred)
            found.update(i.atom.pred for i in rule.body if isinstance(i, IRLiteral))
            found.update(i.goal.pred for i in rule.body if isinstance(i, IRFindall))
        found.update(q.atom.pred for q in self.queries)
        found.update(e.atom.pred for e in self.evidence)
        # A declared hypothesis occurs even with no rule (a set's residual).
        found.update(Pred(name, len(h.params)) for name, h in self.hypotheses.items())
        return found


def with_hypotheses(ir: IRProgram, also: Sequence[Pred] = ()) -> IRProgram:
    """``ir`` with a query for each declared hypothesis not already queried
    (all its arguments variables), and for every atom of the ``also``
    predicates: the questions every reading answers."""
    asked = {q.atom.pred for q in ir.queries}
    hypotheses = [Pred(d.name, len(d.params)) for d in ir.hypotheses.values()]
    wanted = [p for p in hypotheses if p not in asked] + list(also)
    extra = [IRQuery(IRAtom(p, tuple(IVar(i) for i in range(p.arity)))) for p in wanted]
    return replace(ir, queries=[*ir.queries, *extra]) if extra else ir


def bind(
    pattern: IRAtom, values: tuple[Value, ...], binding: Mapping[int, Value] | None = None
) -> dict[int, Value] | None:
    """``binding`` extended so that ``pattern``'s arguments are ``values``
    (constants equal as terms, repeated variables agree), or None when they
    cannot be: the one matcher of query patterns, rule heads and rows."""
    out = dict(binding or {})
    for term, value in zip(pattern.args, values, strict=True):
        if isinstance(term, IConst):
            if term.value != value:
                return None
        elif isinstance(term, IStruct):
            if not match(term, value, out):
                return None
        elif out.setdefault(term.index, value) != value:
            return None
    return out


def match(term: ITerm, value: Value, out: dict[int, Value]) -> bool:
    """Extend ``out`` so that ``term`` is ``value`` (structurally); False if
    it cannot be (``out`` may then hold some of the bindings)."""
    stack = [(term, value)]
    while stack:
        term, value = stack.pop()
        if isinstance(term, IVar):
            if out.setdefault(term.index, value) != value:
                return False
        elif isinstance(term, IConst):
            if term.value != value:
                return False
        elif (
            not isinstance(value, terms.Compound)
            or value.name != term.name
            or len(value.args) != len(term.args)
        ):
            return False
        else:
            stack.extend(zip(term.args, value.args, strict=True))
    return True


def term_vars(term: ITerm) -> set[int]:
    """The variable numbers in ``term`` (inside compound terms too)."""
    if isinstance(term, IVar):
        return {term.index}
    if isinstance(term, IConst):
        return set()
    found: set[int] = set()
    for arg in term.args:
        found |= term_vars(arg)
    return found


def build(term: ITerm, binding: Mapping[int, Value]) -> Value:
    """The ground term ``term`` is under ``binding`` (every variable bound)."""
    if isinstance(term, IVar):
        return binding[term.index]
    if isinstance(term, IConst):
        return term.value
    return terms.Compound(term.name, tuple(build(a, binding) for a in term.args))


def matches(pattern: IRAtom, ground: GroundAtom) -> bool:
    """Whether ``ground`` is an instance of ``pattern`` (repeated variables agree)."""
    return pattern.pred == ground[0] and bind(pattern, ground[1]) is not None
