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
are built in. A rule with ``;``, ``->`` or ``\\+ ( … )`` is seen as the plain
rules it stands for (``syntax.expand``), except by ``written_rules``.

Example::

    >>> from assess.syntax.parser import parse
    >>> p = parse("p(X) :- q(X), \\\\+ r(X).")
    >>> sorted(a.predicate for a, _ in used_atoms([p]))
    ['q', 'r']
    >>> sorted(s for s in defined_signatures([p]) if s not in BUILTINS)
    [('p', 1)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assess.syntax import ast
from assess.syntax.expand import expand

Signature = tuple[str, int]
"""Predicate name and arity; ``~p`` shares the signature of ``p``."""

BUILTINS: frozenset[Signature] = frozenset({
    ("true", 0), ("fail", 0), ("false", 0), ("between", 3), ("succ", 2), ("plus", 3),
})

Rule = ast.Clause | ast.Disjunction


def describe(signature: Signature) -> str:
    """``name/arity``, as Prolog writes a predicate indicator."""
    return f"{signature[0]}/{signature[1]}"


def written_items(programs: Sequence[ast.Program]) -> Iterator[ast.Statement | ast.ScenarioItem]:
    """Every top-level statement and every item of every scenario, in order,
    as written."""
    for program in programs:
        for statement in program.statements:
            yield statement
            if isinstance(statement, ast.Scenario):
                yield from statement.items


def all_items(programs: Sequence[ast.Program]) -> Iterator[ast.Statement | ast.ScenarioItem]:
    """Every top-level statement and every item of every scenario, in order;
    a rule with ``;``, ``->`` or ``\\+ (…)`` as the plain rules it stands for
    (``syntax.expand``)."""
    for item in written_items(programs):
        if isinstance(item, ast.Clause | ast.Disjunction):
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
    for item in all_items(programs):
        if isinstance(item, ast.Clause | ast.Disjunction):
            yield item


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
    """Each atom that must be defined somewhere, with where it is used."""
    for item in all_items(programs):
        if isinstance(item, ast.Clause | ast.Disjunction):
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
        if isinstance(item, ast.Clause | ast.Disjunction):
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


def defined_signatures(programs: Sequence[ast.Program]) -> set[Signature]:
    """Every signature defined or declared anywhere, built-ins included."""
    defined = set(BUILTINS)
    defined.update(atom.signature for atom in defining_atoms(programs))
    defined.update(signature for signature, _ in declared_signatures(programs))
    return defined


def expr_vars(expr: ast.Expr) -> Iterator[ast.Var]:
    """The variables of a term or arithmetic expression, left to right."""
    stack: list[ast.Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Var):
            yield node
        elif isinstance(node, ast.BinaryOp):
            stack.extend((node.right, node.left))
        elif isinstance(node, ast.Negated):
            stack.append(node.operand)
        elif isinstance(node, ast.Function):
            stack.extend(reversed(node.args))


def atom_vars(atom: ast.Atom) -> Iterator[ast.Var]:
    return (term for term in atom.args if isinstance(term, ast.Var))


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
