"""The typed syntax tree of an assess program.

Every node is a frozen, slotted dataclass made of tuples and scalars, so two
trees compare by value. Every node carries a ``span`` (where it was written)
that is *left out of equality and hashing*: ``parse(print(tree)) == tree``
holds although the printed text puts nodes in other places.

Example::

    >>> Atom("edge", (Symbol("a"), Symbol("b"))) == Atom(
    ...     "edge", (Symbol("a"), Symbol("b")), span=Span("x.assess", 3, 1, 3, 10))
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node was written: 1-based line and column, end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NO_SPAN = Span("<generated>", 0, 0, 0, 0)


def _span() -> Span:
    return field(default=NO_SPAN, compare=False, hash=False, repr=False)


# ---- terms -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Var:
    """A logic variable; ``_`` is the anonymous variable (each one distinct)."""

    name: str
    span: Span = _span()

    @property
    def is_anonymous(self) -> bool:
        return self.name == "_"


@dataclass(frozen=True, slots=True)
class Symbol:
    """A constant atom: ``a`` or ``'Quoted text'`` (the same constant)."""

    value: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class String:
    """A double-quoted string constant, distinct from the symbol of that text."""

    value: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Number:
    """An integer or floating-point constant."""

    value: int | float
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Compound:
    """A compound term ``functor(t1, …, tn)`` (n ≥ 1) as an argument."""

    functor: str
    args: tuple[Term, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ListTerm:
    """A list ``[t1, …, tn]`` or ``[t1, …, tn | tail]``; ``[]`` has no items."""

    items: tuple[Term, ...] = ()
    tail: Term | None = None
    span: Span = _span()


Constant = Symbol | String | Number
Term = Var | Constant | Compound | ListTerm


class ArithOp(StrEnum):
    """Infix arithmetic, with ProbLog's meaning (``assess.syntax.functions``)."""

    ADD = "+"
    SUB = "-"
    MUL = "*"
    DIV = "/"
    INT_DIV = "//"
    MOD = "mod"
    REM = "rem"
    DIV_FLOOR = "div"
    POW = "**"
    CARET = "^"
    BIT_AND = "/\\"
    BIT_OR = "\\/"
    XOR = "xor"
    SHIFT_LEFT = "<<"
    SHIFT_RIGHT = ">>"


@dataclass(frozen=True, slots=True)
class BinaryOp:
    """Arithmetic ``left op right``, evaluated by ``is`` and comparisons."""

    op: ArithOp
    left: Expr
    right: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Negated:
    """Arithmetic negation ``-operand``."""

    operand: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Function:
    """An arithmetic function ``name(arg, …)`` (``abs(X)``, ``max(X, Y)``), or
    the bitwise complement ``\\X`` (name ``\\``); evaluated by ``is`` and
    comparisons with ProbLog's meaning (``assess.syntax.functions``)."""

    name: str
    args: tuple[Expr, ...]
    span: Span = _span()


Expr = Term | BinaryOp | Negated | Function


# ---- atoms and body literals -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Atom:
    """``pred(t1, …, tn)``; ``contrary`` marks the strong negation ``~pred(…)``."""

    predicate: str
    args: tuple[Term, ...] = ()
    contrary: bool = False
    span: Span = _span()

    @property
    def signature(self) -> tuple[str, int]:
        """Predicate name and arity, the key of every predicate table."""
        return (self.predicate, len(self.args))


class NafStyle(StrEnum):
    """How negation as failure was written; both mean the same."""

    BACKSLASH_PLUS = "\\+"
    NOT = "not"


@dataclass(frozen=True, slots=True)
class Negation:
    """Negation as failure: ``\\+ atom`` or ``not atom``."""

    atom: Atom
    style: NafStyle = NafStyle.BACKSLASH_PLUS
    span: Span = _span()


class CompareOp(StrEnum):
    LT = "<"
    LE = "=<"
    GT = ">"
    GE = ">="
    ARITH_EQ = "=:="
    ARITH_NE = "=\\="
    UNIFY = "="
    NOT_UNIFY = "\\="
    IDENTICAL = "=="
    NOT_IDENTICAL = "\\=="
    BEFORE = "@<"
    BEFORE_EQ = "@=<"
    AFTER = "@>"
    AFTER_EQ = "@>="


@dataclass(frozen=True, slots=True)
class Comparison:
    """``left op right``; both sides must be ground when it is tested."""

    op: CompareOp
    left: Expr
    right: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Assignment:
    """``Target is expr``: binds (or tests) ``target`` to the value of ``expr``."""

    target: Var
    expr: Expr
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Alternatives:
    """``(b1 ; b2 ; …)``: a disjunction in a body, each branch a conjunction.
    Lowering rewrites it into rules (``assess.syntax.expand``)."""

    branches: tuple[tuple[BodyLiteral, ...], ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class IfThenElse:
    """``(condition -> then ; otherwise)`` (``otherwise`` None: ``(c -> t)``),
    read as ``(condition, then ; \\+ condition, otherwise)``."""

    condition: tuple[BodyLiteral, ...]
    then: tuple[BodyLiteral, ...]
    otherwise: tuple[BodyLiteral, ...] | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class NotGroup:
    """``\\+ (b1, b2 ; …)``: negation as failure of a parenthesised body."""

    body: tuple[BodyLiteral, ...]
    style: NafStyle = NafStyle.BACKSLASH_PLUS
    span: Span = _span()


BodyLiteral = Atom | Negation | Comparison | Assignment | Alternatives | IfThenElse | NotGroup


# ---- clauses ----------------------------------------------------------------


class RuleKind(StrEnum):
    """The neck of a rule: strict ``:-``, defeasible ``-<``, defeater ``<~``.

    Under ``crisp`` and ``prob`` a defeasible rule reads as a strict one and a
    defeater only attacks; the distinction matters to ``defeasible``.
    """

    STRICT = ":-"
    DEFEASIBLE = "-<"
    DEFEATER = "<~"


@dataclass(frozen=True, slots=True)
class Clause:
    """A fact (empty body) or a rule, optionally labelled and weighted.

    ``probability`` None means certain (weight 1, and not a choice), unless
    ``weight`` is given: the weight as written when it is not a plain number
    (``1/6``, ``P``). A weight without variables is computed when parsed
    (``probability`` holds its value); one with variables is a *flexible*
    probability, bound by the body for each ground instance.
    """

    head: Atom
    body: tuple[BodyLiteral, ...] = ()
    probability: float | None = None
    label: str | None = None
    kind: RuleKind = RuleKind.STRICT
    weight: Expr | None = None
    span: Span = _span()

    @property
    def flexible(self) -> bool:
        """Whether the probability is bound by the body (``P::h :- b(P).``)."""
        return self.weight is not None and self.probability is None

    @property
    def is_fact(self) -> bool:
        return not self.body and self.kind is RuleKind.STRICT


@dataclass(frozen=True, slots=True)
class Choice:
    """One head of an annotated disjunction, with its probability (and its
    weight as written when that is an expression, as in ``Clause``)."""

    probability: float
    atom: Atom
    weight: Expr | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Disjunction:
    """Annotated disjunction ``p1::a1; p2::a2 :- body.`` (at most one holds)."""

    choices: tuple[Choice, ...]
    body: tuple[BodyLiteral, ...] = ()
    label: str | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Query:
    """``query(atom).``: ask for the atom's truth or probability;
    ``query(\\+ atom).`` (``negated``) asks for its complement."""

    atom: Atom
    negated: bool = False
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Evidence:
    """``evidence(atom, true|false).``: condition on an observation."""

    atom: Atom
    value: bool = True
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class UseModule:
    """``:- use_module(library(name)).`` of a library whose predicates are
    provided (``LIBRARIES``): accepted, and it changes nothing."""

    library: str
    span: Span = _span()


LIBRARIES = frozenset({"lists"})
"""ProbLog libraries a program may ``use_module``."""


@dataclass(frozen=True, slots=True)
class Unknown:
    """``:- unknown(fail).``: a predicate no rule or fact defines fails, as in
    ProbLog, instead of being ``undefined_predicate``; ``:- unknown(error).``
    is the default."""

    action: str
    span: Span = _span()


UNKNOWN_ACTIONS = ("fail", "error")


@dataclass(frozen=True, slots=True)
class Superiority:
    """``[superior] > [inferior].`` between rule labels."""

    superior: str
    inferior: str
    span: Span = _span()


# ---- the analyst's declarations ---------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceDecl:
    """``source name "description" reliability B [derived_from a, b].``"""

    name: str
    description: str
    reliability: str
    derived_from: tuple[str, ...] = ()
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class IndicatorDecl:
    """``indicator name(param, …) "description" [current].``

    ``current``: the indicator has one current value, so a newer report of
    it from an origin supersedes that origin's older ones
    (``analysis.timeline``).
    """

    name: str
    params: tuple[str, ...]
    description: str
    current: bool = False
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class HypothesisDecl:
    """``hypothesis name(param, …) "description".``"""

    name: str
    params: tuple[str, ...]
    description: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class CompetingDecl:
    """``competing set_name [exclusive] [given c]: h1, h2[, otherwise h3].``

    ``exclusive``: in every world exactly one member holds (in the worlds
    where ``condition`` holds; none elsewhere). ``residual``: the last
    member, written ``otherwise h3``, holds where no other member does
    (exclusive sets only).
    """

    name: str
    members: tuple[str, ...]
    exclusive: bool = False
    condition: Atom | None = None
    residual: bool = False
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ConflictDecl:
    """``conflict p, q.``: predicates p and q contradict like p and ~p."""

    first: str
    second: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Report:
    """``report atom by source credibility N [on DATE] ["quote"].``"""

    atom: Atom
    source: str
    credibility: int
    date: str | None = None
    quote: str | None = None
    span: Span = _span()
    row: tuple[tuple[str, str], ...] = field(default=(), compare=False, hash=False, repr=False)
    """The primary key of the table row it was read from (each key column and
    its value; ``assess.analysis.tables``), empty for a report written as text."""


@dataclass(frozen=True, slots=True)
class Load:
    """``load "file.csv".`` (reports, one per row) or ``load "file.assess".``,
    relative to this file; inside a scenario, evidence for that scenario only.
    ``load "edges.csv" as edge/2.`` (or a ``.tsv`` file): one fact of
    ``relation`` (name, arity, contrary) per row."""

    path: str
    relation: Relation | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Relation:
    """``edge/2`` or ``~edge/2`` in ``load … as``: the predicate each row is a fact of."""

    name: str
    arity: int
    contrary: bool = False


@dataclass(frozen=True, slots=True)
class GradeOverride:
    """``grade B2 = 0.7.``: the probability of a report graded B2."""

    grade: str
    probability: float
    span: Span = _span()


# ---- scenarios --------------------------------------------------------------


class Estimate(StrEnum):
    """ICD 203 expressions of likelihood, in increasing order."""

    ALMOST_NO_CHANCE = "almost no chance"
    VERY_UNLIKELY = "very unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly even chance"
    LIKELY = "likely"
    VERY_LIKELY = "very likely"
    ALMOST_CERTAIN = "almost certain"


class Status(StrEnum):
    """Statuses a scenario may expect under the ``defeasible`` semantics."""

    DEFINITELY = "definitely provable"
    DEFEASIBLY = "defeasibly provable"
    NOT_PROVABLE = "not provable"
    CONTESTED = "contested"


@dataclass(frozen=True, slots=True)
class ExpectEstimate:
    """``expect h is unlikely.``"""

    atom: Atom
    estimate: Estimate
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ExpectStatus:
    """``expect fly(tweety) is defeasibly provable.``"""

    atom: Atom
    status: Status
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ExpectRank:
    """``expect higher > lower.``: higher is strictly more probable."""

    higher: Atom
    lower: Atom
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ExpectProbability:
    """``expect probability(a) < 0.2 [within 0.01].``"""

    atom: Atom
    op: CompareOp
    bound: float
    tolerance: float | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class ExpectCites:
    """``expect why(h) cites source.``"""

    atom: Atom
    source: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Drop:
    """In a scenario, ``drop source s.``, ``drop atom.`` or ``drop atom by s.``:
    the reports it matches (by ``source``; of ``atom``, a pattern whose
    variables match anything) are left out of the scenario's evidence.
    At least one of ``atom`` and ``source`` is given."""

    atom: Atom | None
    source: str | None = None
    span: Span = _span()


Expectation = ExpectEstimate | ExpectStatus | ExpectRank | ExpectProbability | ExpectCites
ScenarioItem = Clause | Disjunction | Report | Load | Drop | Expectation


@dataclass(frozen=True, slots=True)
class Scenario:
    """``scenario "name" { reports, facts, loads, drops, expectations }``."""

    name: str
    items: tuple[ScenarioItem, ...]
    span: Span = _span()


Statement = (
    Clause
    | Disjunction
    | UseModule
    | Unknown
    | Query
    | Evidence
    | Superiority
    | SourceDecl
    | IndicatorDecl
    | HypothesisDecl
    | CompetingDecl
    | ConflictDecl
    | Report
    | Load
    | GradeOverride
    | Scenario
)


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``%`` or ``/* */`` comment, kept so that ``fmt`` can put it back."""

    text: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Program:
    """One parsed file: its statements in order, and its comments."""

    statements: tuple[Statement, ...]
    comments: tuple[Comment, ...] = field(default=(), compare=False, hash=False)
    file: str = field(default="<string>", compare=False, hash=False)
