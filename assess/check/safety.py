"""``unsafe_variable``: every variable a rule needs is bound by its body.

Datalog's range restriction, read order-independently (the engine plans the
order of a body; ``X > 3, n(X)`` is as safe as ``n(X), X > 3``):

* a positive body literal (``p(X)`` or ``~p(X)``) binds all its variables;
* ``X = t`` (either way round) binds ``X`` once ``t`` is a constant or bound,
  and ``[H|T] = t`` or ``f(X, Y) = t`` binds the variables of the compound term;
* ``X is expr`` binds ``X`` once every variable of ``expr`` is bound;
* repeat until nothing new is bound.

Then a variable is **unsafe** where it is not bound and it occurs in the head
of a rule (a fact with variables, ``0.6::f(X).``, is true of each instance:
the engine makes the instances its callers ask for), under negation (the
anonymous ``_`` is fine there: ``\\+ edge(X, _)`` means "no edge from X"), in
a comparison, or on the right of ``is``. Reports and evidence must be ground.
Each unsafe variable is reported once per rule, where it first occurs unsafely.

A rule of a predicate that a query or evidence depends on is also read as
ProbLog reads it, from its calls: a variable of its head is bound by the
call (``n(T) :- T > 0, P is T - 1, n(P).`` asked ``n(10)``) or left free in
the answer (``p(X, Y) :- a(X).`` answers ``p(1, Y)`` for every Y). So its
head's variables count as bound here; ``prob`` grounds such a program from
its queries (``engine.demand``), and a call that leaves a variable free
where it must be bound is ``unsafe_variable`` at the rule then.

Example: ``p(X, Y) :- q(X), \\+ r(Z).`` has two findings: ``Y`` in the head and
``Z`` under negation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assess.check.dependencies import PredicateNode, node_of, program_graph
from assess.check.walk import Rule, all_items, atom_vars, expr_vars, heads, is_ground_clause, rules
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast


def _unify_targets(literal: ast.Comparison, bound: set[str]) -> set[str]:
    """The variables ``X = t`` (or ``[H|T] = t``) would bind now, if any."""
    for side, other in ((literal.left, literal.right), (literal.right, literal.left)):
        if not isinstance(side, ast.Var | ast.Compound | ast.ListTerm):
            continue
        new = {var.name for var in expr_vars(side)} - bound
        if new and all(var.name in bound for var in expr_vars(other)):
            return new
    return set()


def bound_variables(body: Sequence[ast.BodyLiteral]) -> set[str]:
    """The names of the variables that ``body`` binds (see the module doc)."""
    bound = {
        var.name for literal in body if isinstance(literal, ast.Atom) for var in atom_vars(literal)
    }
    binders = [
        literal
        for literal in body
        if isinstance(literal, ast.Assignment)
        or (isinstance(literal, ast.Comparison) and literal.op is ast.CompareOp.UNIFY)
    ]
    changed = True
    while changed:
        changed = False
        for literal in binders:
            if isinstance(literal, ast.Assignment):
                target = literal.target.name
                ready = all(var.name in bound for var in expr_vars(literal.expr))
                new = {target} - bound if ready else set()
            else:
                new = _unify_targets(literal, bound)
            if new:
                bound |= new
                changed = True
    return bound


def _needing_binding(rule: Rule) -> Iterator[tuple[ast.Var, str]]:
    """Every variable occurrence that must be bound, with where it is."""
    if rule.body or not isinstance(rule, ast.Clause):  # a non-ground fact is true of all
        for head in heads(rule):
            for var in atom_vars(head):
                yield var, "in the head"
    for literal in rule.body:
        if isinstance(literal, ast.Negation):
            for var in atom_vars(literal.atom):
                if not var.is_anonymous:
                    yield var, "under negation"
        elif isinstance(literal, ast.Comparison):
            for var in (*expr_vars(literal.left), *expr_vars(literal.right)):
                yield var, "in a comparison"
        elif isinstance(literal, ast.Assignment):
            for var in expr_vars(literal.expr):
                yield var, "on the right of 'is'"


def demanded(programs: Sequence[ast.Program]) -> set[PredicateNode]:
    """The predicates some query or evidence depends on (a clause of
    ``query/1``, ``query(p(X)) :- a(X).``, asks for ``p``)."""
    graph = program_graph(programs)
    stack = [node_of(item.atom) for item in all_items(programs)
             if isinstance(item, ast.Query | ast.Evidence)]
    for rule in rules(programs):
        for head in heads(rule):
            if head.signature == ("query", 1):
                stack.append(node_of(head))
                asked = head.args[0]
                if isinstance(asked, ast.Compound):
                    stack.append((asked.functor, len(asked.args), False))
                elif isinstance(asked, ast.Symbol):
                    stack.append((asked.value, 0, False))
    seen: set[PredicateNode] = set()
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(edge.body for edge in graph.edges_from(node))
    return seen


def _rule_findings(rule: Rule, called: set[PredicateNode]) -> list[Diagnostic]:
    bound = bound_variables(rule.body)
    if rule.body and any(node_of(head) in called for head in heads(rule)):
        bound |= {var.name for head in heads(rule) for var in atom_vars(head)}
    reported: set[str] = set()
    findings = []
    for var, where in _needing_binding(rule):
        if var.name in bound or var.name in reported:
            continue
        if not var.is_anonymous:
            reported.add(var.name)
        findings.append(
            error(
                "unsafe_variable",
                var.span,
                f"variable {var.name} {where} is not bound by a positive literal of the body",
            )
        )
    return findings


def _ground_findings(programs: Sequence[ast.Program]) -> Iterator[Diagnostic]:
    for item in all_items(programs):
        if isinstance(item, ast.Report | ast.Evidence):
            what = "a report" if isinstance(item, ast.Report) else "evidence"
            for var in atom_vars(item.atom):
                yield error(
                    "unsafe_variable",
                    var.span,
                    f"variable {var.name} in {what}: {what} must be ground (constants only)",
                )


def check_unsafe_variable(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Unbound variables in heads, negations, comparisons and ``is``; non-ground evidence."""
    called = demanded(programs)
    findings = [
        finding
        for rule in rules(programs)
        if not is_ground_clause(rule)
        for finding in _rule_findings(rule, called)
    ]
    findings.extend(_ground_findings(programs))
    return findings
