"""Walking the syntax trees of a whole invocation, shared by the checks.

The unit a check sees is every file of the invocation together, scenarios
included: a rule in ``rules.assess`` may use an indicator reported only in
``evidence.assess`` or only inside a scenario. So *definitions* are the union
of all files and all scenario blocks; *uses* are resolved against that union.

A predicate is **defined** by a clause or disjunction head, a report, or an
``indicator``/``hypothesis`` declaration (with as many arguments as it has
parameters). It is **used** by a body literal (negated or not), a query, an
evidence atom, a scenario expectation or a scenario's ``drop``. ``true/0``
is built in.

Example::

    >>> from assess.syntax.parser import parse
    >>> p = parse("p(X) :- q(X), \\\\+ r(X).")
    >>> sorted(a.predicate for a, _ in used_atoms([p]))
    ['q', 'r']
    >>> sorted(defined_signatures([p]))
    [('p', 1), ('true', 0)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assess.syntax import ast

Signature = tuple[str, int]
"""Predicate name and arity; ``~p`` shares the signature of ``p``."""

BUILTINS: frozenset[Signature] = frozenset({("true", 0)})

Rule = ast.Clause | ast.Disjunction


def describe(signature: Signature) -> str:
    """``name/arity``, as Prolog writes a predicate indicator."""
    return f"{signature[0]}/{signature[1]}"


def all_items(programs: Sequence[ast.Program]) -> Iterator[ast.Statement | ast.ScenarioItem]:
    """Every top-level statement and every item of every scenario, in order."""
    for program in programs:
        statements = program.statements
        if ast.Scenario not in map(type, statements):  # the common case, at C speed
            yield from statements
            continue
        for statement in statements:
            yield statement
            if isinstance(statement, ast.Scenario):
                yield from statement.items


def rules(programs: Sequence[ast.Program]) -> Iterator[Rule]:
    """Every clause and annotated disjunction, scenarios included."""
    for item in all_items(programs):
        if isinstance(item, ast.Clause | ast.Disjunction):
            yield item


def is_ground_fact(rule: Rule) -> bool:
    """A fact with constant arguments: nothing for the variable checks to see
    (the bulk of a large program, skipped by them at the cost of this test)."""
    return (
        isinstance(rule, ast.Clause)
        and not rule.body
        and not any(isinstance(a, ast.Var) for a in rule.head.args)
    )


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
    else:
        yield literal.target
        yield from expr_vars(literal.expr)


def rule_vars(rule: Rule) -> Iterator[ast.Var]:
    """Every variable occurrence of a rule: heads first, then the body."""
    for head in heads(rule):
        yield from atom_vars(head)
    for literal in rule.body:
        yield from literal_vars(literal)
