"""Walking the syntax trees of a whole invocation, shared by the checks.

The unit a check sees is every file of the invocation together, scenarios
included: a rule in ``rules.assess`` may use an indicator reported only in
``evidence.assess`` or only inside a scenario. So *definitions* are the union
of all files and all scenario blocks; *uses* are resolved against that union.

A predicate is **defined** by a clause or disjunction head, a report, or an
``indicator``/``hypothesis`` declaration (with as many arguments as it has
parameters). It is **used** by a body literal (negated or not), a query, an
evidence atom, a scenario expectation or a scenario's ``drop``. ``BUILTINS``
(``true/0``, ``fail/0``, ``false/0``, ``between/3``, ``succ/2``, ``plus/3``)
are built in, and the list library (``LIBRARY``) is provided. A rule with
``;``, ``->`` or ``\\+ ( … )`` is seen as the plain rules it stands for
(``syntax.expand``), except by ``written_rules``.

Example::

    >>> from assess.syntax.parser import parse
    >>> p = parse("p(X) :- q(X), \\\\+ r(X).")
    >>> sorted(a.predicate for a, _ in used_atoms([p]))
    ['q', 'r']
    >>> sorted(defined_signatures([p]) - BUILTINS - LIBRARY)
    [('p', 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, cast

from assess.syntax import ast
from assess.syntax.expand import expand

Signature = tuple[str, int]
"""Predicate name and arity; ``~p`` shares the signature of ``p``."""

BUILTINS: frozenset[Signature] = frozenset({
    ("true", 0), ("fail", 0), ("false", 0), ("between", 3), ("succ", 2), ("plus", 3),
})

DEMANDED: frozenset[Signature] = frozenset({
    ("append", 2), ("is_list", 1), ("var", 1), ("nonvar", 1), ("ground", 1), ("atom", 1),
    ("atomic", 1), ("compound", 1), ("number", 1), ("integer", 1), ("float", 1),
    ("callable", 1), ("sort", 2), ("compare", 3), ("memberchk", 2),
    ("reverse", 2), ("nth0", 3), ("nth1", 3), ("last", 2), ("sum_list", 2), ("sumlist", 2),
    ("max_list", 2), ("min_list", 2), ("select", 3),
})
"""ProbLog built-ins and list predicates that only demand-driven grounding
runs (``engine.solve``): they read how a call is instantiated (``var/1``), or
their answers are finite only from their calls (``append/2``). The prob
reading of a ProbLog program has them; a bottom-up reading refuses a rule
calling one (``unsafe_variable``)."""

LIBRARY: frozenset[Signature] = frozenset(
    {("member", 2), ("append", 3), ("length", 2), ("findall", 3), *DEMANDED}
)
"""ProbLog's list predicates (``library(lists)``), ``findall/3`` and the
``DEMANDED`` built-ins, which the engine provides (``engine.library``,
``engine.solve``) unless the program defines its own."""

UNSUPPORTED_BUILTINS: frozenset[Signature] = frozenset({
    *(("call_nc", n) for n in range(1, 9)), *(("call_in_scope", n) for n in range(2, 9)),
    *(("try_call", n) for n in range(1, 9)), *(("write", n) for n in range(1, 9)),
    *(("writeln", n) for n in range(1, 9)), *(("writenl", n) for n in range(1, 9)),
    *(("debugprint", n) for n in range(1, 9)), *(("error", n) for n in range(1, 9)),
    ("all", 3), ("all_or_none", 3), ("arg", 3), ("atom_number", 2), ("clause", 2),
    ("clause", 3), ("consult", 1), ("cmd_args", 1), ("findall", 4), ("functor", 3),
    ("nl", 0), ("once", 1), ("possible", 1), ("subquery", 2), ("subquery", 3),
    ("subquery", 5), ("numbervars", 3),
    ("subsumes_term", 2), ("subsumes_chk", 2), ("aggregate_all", 3), ("aggregate_all", 4),
    ("aggregate", 3), ("bagof", 3), ("setof", 3), ("assert", 1), ("asserta", 1),
    ("assertz", 1), ("retract", 1), ("retractall", 1), ("copy_term", 2),
    ("atom_codes", 2), ("atom_chars", 2), ("atom_length", 2), ("atom_concat", 3),
    ("char_code", 2), ("number_codes", 2), ("sub_atom", 5), ("term_variables", 2),
    ("catch", 3), ("throw", 1), ("halt", 0), ("halt", 1), ("ignore", 1), ("not", 1),
    ("nocache", 2), ("create_scope", 2), ("find_scope", 2), ("module", 2), ("rational", 1),
    ("simple", 1), ("varnumbers", 2), ("use_module", 1), ("unknown", 1),
    ("delete", 3), ("flatten", 2), ("intersection", 3), ("list_to_set", 2),
    ("max_member", 2), ("min_member", 2), ("nextto", 3), ("numlist", 3), ("permutation", 2),
    ("prefix", 2), ("proper_length", 2), ("same_length", 2), ("select", 4), ("selectchk", 3),
    ("select_uniform", 4), ("select_weighted", 4), ("select_weighted", 5), ("subset", 2),
    ("subtract", 3), ("union", 3), ("msort", 2),
    ("exclude", 3), ("include", 3), ("partition", 4), ("foldl", 4),
    *(("maplist", n) for n in range(2, 8)),
})
"""ProbLog built-ins and library predicates (``library(lists)``,
``library(apply)``, …) that assess does not provide (``BUILTINS``, ``call/N``
and ``LIBRARY`` it does): a program that calls one without defining it is
refused (``unsupported_builtin``), where it would otherwise fail silently as
an undefined predicate."""

Rule = ast.Clause | ast.Disjunction


def describe(signature: Signature) -> str:
    """``name/arity``, as Prolog writes a predicate indicator."""
    return f"{signature[0]}/{signature[1]}"


def written_items(programs: Sequence[ast.Program]) -> Iterator[ast.Statement | ast.ScenarioItem]:
    """Every top-level statement and every item of every scenario, in order,
    as written."""
    for program in programs:
        statements = program.statements
        if ast.Scenario not in map(type, statements):  # the common case, at C speed
            yield from statements
            continue
        for statement in statements:
            yield statement
            if isinstance(statement, ast.Scenario):
                yield from statement.items


Item = ast.Statement | ast.ScenarioItem

_expanded: tuple[tuple[ast.Program, ...], tuple[Item, ...], tuple[Rule, ...]] = ((), (), ())
"""The programs ``all_items`` last walked, their items and their rules: every
check walks the same programs (some many times), so they are expanded
once. The entry holds the programs themselves, so a program seen is the
same object (ASTs are immutable)."""


def _walked(programs: Sequence[ast.Program]) -> tuple[tuple[Item, ...], tuple[Rule, ...]]:
    global _expanded
    seen, items, found = _expanded
    if len(seen) != len(programs) or any(
        a is not b for a, b in zip(seen, programs, strict=True)
    ):
        items = tuple(_expanded_items(programs))
        found = tuple(i for i in items if isinstance(i, ast.Clause | ast.Disjunction))
        _expanded = (tuple(programs), items, found)
        _derived.clear()
    return items, found


T = TypeVar("T")

_derived: dict[str, Any] = {}
"""What ``derive_once`` computed from the programs ``_walked`` holds, by name."""


def derive_once(programs: Sequence[ast.Program], name: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per set of programs (it must read only them)."""
    _walked(programs)
    if name not in _derived:
        _derived[name] = compute()
    return cast(T, _derived[name])


def all_items(programs: Sequence[ast.Program]) -> Iterator[Item]:
    """Every top-level statement and every item of every scenario, in order;
    a rule with ``;``, ``->`` or ``\\+ (…)`` as the plain rules it stands for
    (``syntax.expand``)."""
    return iter(_walked(programs)[0])


def _expanded_items(programs: Sequence[ast.Program]) -> Iterator[Item]:
    for item in written_items(programs):
        if isinstance(item, ast.Clause | ast.Disjunction) and item.body:
            yield from expand(item)
        else:
            yield item


def written_rules(programs: Sequence[ast.Program]) -> Iterator[Rule]:
    """Every clause and annotated disjunction as written, scenarios included."""
    for item in written_items(programs):
        if isinstance(item, ast.Clause | ast.Disjunction):
            yield item


def rules(programs: Sequence[ast.Program]) -> Iterator[Rule]:
    """Every clause and annotated disjunction, scenarios included."""
    return iter(_walked(programs)[1])


def is_ground_clause(rule: Rule) -> bool:
    """A fact or rule of atoms with constant arguments: nothing for the
    variable checks to see (the bulk of a large program, skipped by them at
    the cost of this test, which is written for speed: AST classes are
    never subclassed, so ``type`` tests stand for ``isinstance``)."""
    if type(rule) is not ast.Clause or (rule.weight is not None and rule.probability is None):
        return False
    may = _MAY_HOLD_VARIABLES
    for a in rule.head.args:
        if type(a) in may:
            return False
    for item in rule.body:
        if type(item) is not ast.Atom:
            return False
        for a in item.args:
            if type(a) in may:
                return False
    return True


_MAY_HOLD_VARIABLES = frozenset({ast.Var, ast.Compound, ast.ListTerm})


def heads(rule: Rule) -> tuple[ast.Atom, ...]:
    """The atoms a rule concludes (several for an annotated disjunction)."""
    if isinstance(rule, ast.Clause):
        return (rule.head,)
    return tuple(choice.atom for choice in rule.choices)


def body_atoms(body: Sequence[ast.BodyLiteral]) -> Iterator[tuple[ast.Atom, bool]]:
    """Each atom of a body with whether it is under negation as failure."""
    for literal in body:
        if isinstance(literal, ast.Atom):
            yield literal, False
        elif isinstance(literal, ast.Negation):
            yield literal.atom, True


def expectation_atoms(item: ast.Expectation) -> tuple[ast.Atom, ...]:
    if isinstance(item, ast.ExpectRank):
        return (item.higher, item.lower)
    return (item.atom,)


def used_atoms(programs: Sequence[ast.Program]) -> Iterator[tuple[ast.Atom, str]]:
    """Each atom that must be defined somewhere, with where it is used
    (found once per set of programs: two checks read them)."""
    return iter(derive_once(programs, "used_atoms", lambda: tuple(_used_atoms(programs))))


def _used_atoms(programs: Sequence[ast.Program]) -> Iterator[tuple[ast.Atom, str]]:
    for item in all_items(programs):
        if type(item) is ast.Report:  # uses nothing (the bulk of an evidence base)
            continue
        if isinstance(item, ast.Clause | ast.Disjunction):
            if item.body:  # a fact uses nothing (the bulk of a large program)
                for atom, negated in body_atoms(item.body):
                    yield atom, "under negation" if negated else "in a rule body"
        elif isinstance(item, ast.Query):
            yield item.atom, "in a query"
        elif isinstance(item, ast.Evidence):
            yield item.atom, "as evidence"
        elif isinstance(
            item,
            ast.ExpectEstimate
            | ast.ExpectStatus
            | ast.ExpectRank
            | ast.ExpectProbability
            | ast.ExpectCites,
        ):
            for atom in expectation_atoms(item):
                yield atom, "in an expectation"
        elif isinstance(item, ast.Drop) and item.atom is not None:
            yield item.atom, "in a drop"


def defining_atoms(programs: Sequence[ast.Program]) -> Iterator[ast.Atom]:
    """Each atom that defines its predicate: rule heads and reports."""
    for item in all_items(programs):
        if type(item) is ast.Clause:
            yield item.head
        elif isinstance(item, ast.Disjunction):
            yield from heads(item)
        elif isinstance(item, ast.Report):
            yield item.atom


def declared_signatures(
    programs: Sequence[ast.Program],
) -> Iterator[tuple[Signature, ast.IndicatorDecl | ast.HypothesisDecl]]:
    """Signatures declared by ``indicator`` and ``hypothesis``."""
    for item in all_items(programs):
        if isinstance(item, ast.IndicatorDecl | ast.HypothesisDecl):
            yield (item.name, len(item.params)), item


def defined_signatures(programs: Sequence[ast.Program]) -> frozenset[Signature]:
    """Every signature defined or declared anywhere, built-ins included."""

    def compute() -> frozenset[Signature]:
        defined = set(BUILTINS | LIBRARY)
        defined.update(atom.signature for atom in defining_atoms(programs))
        defined.update(signature for signature, _ in declared_signatures(programs))
        return frozenset(defined)

    return derive_once(programs, "defined_signatures", compute)


def expr_vars(expr: ast.Expr) -> Iterator[ast.Var]:
    """The variables of a term or arithmetic expression, left to right."""
    stack: list[ast.Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Var):
            yield node
        elif isinstance(node, ast.Compound):
            stack.extend(reversed(node.args))
        elif isinstance(node, ast.ListTerm):
            stack.extend(reversed((*node.items, *(() if node.tail is None else (node.tail,)))))
        elif isinstance(node, ast.BinaryOp):
            stack.extend((node.right, node.left))
        elif isinstance(node, ast.Negated):
            stack.append(node.operand)
        elif isinstance(node, ast.Function):
            stack.extend(reversed(node.args))


def atom_vars(atom: ast.Atom) -> Iterator[ast.Var]:
    """The variables of an atom's arguments (inside compound terms too), left to right."""
    return (var for term in atom.args for var in expr_vars(term))


def literal_vars(literal: ast.BodyLiteral) -> Iterator[ast.Var]:
    """The variables of one body literal, left to right."""
    if isinstance(literal, ast.Atom):
        yield from atom_vars(literal)
    elif isinstance(literal, ast.Negation):
        yield from atom_vars(literal.atom)
    elif isinstance(literal, ast.Comparison):
        yield from expr_vars(literal.left)
        yield from expr_vars(literal.right)
    elif isinstance(literal, ast.Assignment):
        yield literal.target
        yield from expr_vars(literal.expr)
    else:
        for item in group_items(literal):
            yield from literal_vars(item)


def group_items(group: ast.Alternatives | ast.IfThenElse | ast.NotGroup) -> list[ast.BodyLiteral]:
    """The literals of a parenthesised body, in order."""
    if isinstance(group, ast.Alternatives):
        return [item for branch in group.branches for item in branch]
    if isinstance(group, ast.IfThenElse):
        return [*group.condition, *group.then, *(group.otherwise or ())]
    return list(group.body)


def rule_vars(rule: Rule) -> Iterator[ast.Var]:
    """Every variable occurrence of a rule: heads (and a flexible weight)
    first, then the body."""
    for head in heads(rule):
        yield from atom_vars(head)
    if isinstance(rule, ast.Clause) and rule.weight is not None:
        yield from expr_vars(rule.weight)
    for literal in rule.body:
        yield from literal_vars(literal)
