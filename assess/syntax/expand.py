"""Bodies with ``;``, ``->`` and ``\\+ ( … )`` rewritten into plain rules.

The parser keeps a body as written (``fmt`` prints it back); the checks and
lowering read the rules ``expand`` makes of it, in which every body is a
conjunction of atoms, negated atoms, comparisons and ``is``:

* ``(C -> T ; E)`` is ``(C, T ; \\+ C, E)`` and ``(C -> T)`` is ``(C, T)``.
  Prolog commits to the *first* solution of C; the logical reading agrees
  with it when C binds no variable that T or the rest of the rule reads, and
  any other if-then-else is refused (``unsupported_if_then_else``, by the
  parser: ``check_conditions``);
* a rule that is certain (no weight, no label, the strict neck) is
  distributed: ``h :- a, (b ; c), d.`` is ``h :- a, b, d.`` and
  ``h :- a, c, d.``, which mean the same;
* in any other rule, each ground instance is one choice (ProbLog's meaning),
  so the disjunction becomes an auxiliary predicate that takes the literals
  before it along: ``0.5::h(X) :- a(X, Y), (b(Y) ; c).`` is
  ``0.5::h(X) :- h#or@F:L:C(X, Y).`` with ``h#or@F:L:C(X, Y) :- a(X, Y), b(Y).``
  and ``h#or@F:L:C(X, Y) :- a(X, Y), c.`` (named after the head and the place
  of the disjunction, so no program can write the name). Its arguments are
  every variable of those literals, as ProbLog's choice is one per
  instance of every variable of the rule;
* ``\\+ (G)`` of anything but one atom is ``\\+ aux(V)`` with ``aux(V) :- G.``,
  V the variables of G that the rest of the rule shares.

Example::

    >>> from assess.syntax.parser import parse
    >>> from assess.syntax.notation import statement
    >>> [statement(r) for r in expand(parse("h :- a, (b ; c).").statements[0])]
    ['h :- a, b.', 'h :- a, c.']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import product

from assess.syntax import ast

Rule = ast.Clause | ast.Disjunction
Body = tuple[ast.BodyLiteral, ...]
GROUPS = (ast.Alternatives, ast.IfThenElse, ast.NotGroup)


def expr_vars(expr: ast.Expr) -> Iterator[str]:
    """The named variables of an expression (``_`` is never shared)."""
    if isinstance(expr, ast.Var):
        if not expr.is_anonymous:
            yield expr.name
    elif isinstance(expr, ast.BinaryOp):
        yield from expr_vars(expr.left)
        yield from expr_vars(expr.right)
    elif isinstance(expr, ast.Negated):
        yield from expr_vars(expr.operand)
    elif isinstance(expr, ast.Function):
        for arg in expr.args:
            yield from expr_vars(arg)


def literal_vars(item: ast.BodyLiteral) -> Iterator[str]:
    """The named variables of a body literal, groups included."""
    if isinstance(item, ast.Atom):
        for arg in item.args:
            yield from expr_vars(arg)
    elif isinstance(item, ast.Negation):
        yield from literal_vars(item.atom)
    elif isinstance(item, ast.Comparison):
        yield from expr_vars(item.left)
        yield from expr_vars(item.right)
    elif isinstance(item, ast.Assignment):
        yield from expr_vars(item.target)
        yield from expr_vars(item.expr)
    elif isinstance(item, ast.Alternatives):
        for branch in item.branches:
            yield from body_vars(branch)
    elif isinstance(item, ast.IfThenElse):
        yield from body_vars((*item.condition, *item.then, *(item.otherwise or ())))
    else:
        yield from body_vars(item.body)


def body_vars(items: Sequence[ast.BodyLiteral]) -> Iterator[str]:
    for item in items:
        yield from literal_vars(item)


def has_groups(items: Sequence[ast.BodyLiteral]) -> bool:
    return any(isinstance(item, GROUPS) for item in items)


def check_conditions(items: Body, bound: frozenset[str], later: frozenset[str]) -> str | None:
    """The first variable an if-then-else condition in ``items`` binds that is
    read after it (``later``: the variables read after ``items``), or None."""
    for n, item in enumerate(items):
        after = later | frozenset(body_vars(items[n + 1:]))
        if isinstance(item, ast.IfThenElse):
            new = frozenset(body_vars(item.condition)) - bound
            read = after | frozenset(body_vars(item.then))
            if new & read:
                return min(new & read)
            for part in (item.condition, item.then, item.otherwise or ()):
                found = check_conditions(part, bound | new, after)
                if found:
                    return found
        elif isinstance(item, ast.Alternatives):
            for branch in item.branches:
                found = check_conditions(branch, bound, after)
                if found:
                    return found
        elif isinstance(item, ast.NotGroup):
            found = check_conditions(item.body, bound, after)
            if found:
                return found
        bound = bound | frozenset(literal_vars(item))
    return None


class _Expansion:
    """The rules made of one rule: its own (one or several) and the auxiliaries."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.aux: dict[str, list[ast.Clause]] = {}

    def head_vars(self) -> frozenset[str]:
        if isinstance(self.rule, ast.Clause):
            weight = () if self.rule.weight is None else tuple(expr_vars(self.rule.weight))
            return frozenset((*literal_vars(self.rule.head), *weight))
        return frozenset(v for c in self.rule.choices for v in literal_vars(c.atom))

    def name(self, kind: str, span: ast.Span) -> str:
        first = self.rule.head if isinstance(self.rule, ast.Clause) else self.rule.choices[0].atom
        return f"{first.predicate}#{kind}@{span}"

    def add_aux(self, atom: ast.Atom, bodies: Sequence[Body]) -> None:
        if atom.predicate in self.aux:
            return
        self.aux[atom.predicate] = []
        for body in bodies:
            self.aux[atom.predicate].extend(self.distribute(ast.Clause(atom, body, span=atom.span)))

    def negated(self, group: ast.NotGroup, outside: frozenset[str]) -> ast.BodyLiteral:
        """``\\+ aux(V)`` for ``\\+ (G)``, defining ``aux(V) :- G``; the
        complements of comparisons for comparisons alone (De Morgan)."""
        if len(group.body) == 1 and isinstance(group.body[0], ast.Atom):
            return ast.Negation(group.body[0], group.style, group.span)
        if all(isinstance(i, ast.Comparison) for i in group.body):
            return ast.Alternatives(tuple((_complement(i),) for i in group.body
                                          if isinstance(i, ast.Comparison)), group.span)
        shared = sorted(set(body_vars(group.body)) & outside)
        atom = ast.Atom(self.name("not", group.span), tuple(ast.Var(v, group.span) for v in shared),
                        span=group.span)
        self.add_aux(atom, [group.body])
        return ast.Negation(atom, group.style, group.span)

    def conjunctions(self, items: Body, outside: frozenset[str]) -> list[Body]:
        """``items`` as a disjunction of plain conjunctions (``outside``: the
        variables of the rule around ``items``)."""
        choices: list[list[Body]] = []
        for n, item in enumerate(items):
            around = outside | frozenset(body_vars(items[:n] + items[n + 1:]))
            if isinstance(item, ast.IfThenElse):
                item = _alternatives(item)
            if isinstance(item, ast.Alternatives):
                choices.append([c for b in item.branches for c in self.conjunctions(b, around)])
            elif isinstance(item, ast.NotGroup):
                choices.append(self.conjunctions((self.negated(item, around),), around))
            else:
                choices.append([(item,)])
        return [tuple(i for part in parts for i in part) for parts in product(*choices)]

    def distribute(self, clause: ast.Clause) -> list[ast.Clause]:
        """A certain clause as one clause per conjunction of its body."""
        if not has_groups(clause.body):
            return [clause]
        outside = frozenset(literal_vars(clause.head))
        return [ast.Clause(clause.head, body, clause.probability, clause.label, clause.kind,
                           clause.weight, clause.span)
                for body in self.conjunctions(clause.body, outside)]

    def through_aux(self, body: Body) -> Body:
        """A chosen rule's body with each disjunction made an auxiliary that
        takes the literals before it along."""
        out: list[ast.BodyLiteral] = []
        for n, item in enumerate(body):
            rest = frozenset(body_vars(body[n + 1:])) | self.head_vars()
            if isinstance(item, ast.IfThenElse):
                item = _alternatives(item)
            if isinstance(item, ast.Alternatives):
                taken = tuple(out)
                names = sorted(set(body_vars((*taken, item))))
                atom = ast.Atom(self.name("or", item.span),
                                tuple(ast.Var(v, item.span) for v in names), span=item.span)
                self.add_aux(atom, [(*taken, *branch) for branch in item.branches])
                out = [atom]
            elif isinstance(item, ast.NotGroup):
                negated = self.negated(item, rest | frozenset(body_vars(out)))
                out.extend(self.through_aux((negated,)) if isinstance(
                    negated, ast.Alternatives) else (negated,))
            else:
                out.append(item)
        return tuple(out)

    def run(self) -> tuple[Rule, ...]:
        rule = self.rule
        if not has_groups(rule.body):
            return (rule,)
        certain = (isinstance(rule, ast.Clause) and rule.probability is None
                   and rule.weight is None and rule.label is None
                   and rule.kind is ast.RuleKind.STRICT)
        if certain:
            assert isinstance(rule, ast.Clause)
            own: list[Rule] = list(self.distribute(rule))
        else:
            own = [_with_body(rule, self.through_aux(rule.body))]
        return (*own, *(c for clauses in self.aux.values() for c in clauses))


_COMPLEMENT = {
    ast.CompareOp.LT: ast.CompareOp.GE, ast.CompareOp.LE: ast.CompareOp.GT,
    ast.CompareOp.ARITH_EQ: ast.CompareOp.ARITH_NE, ast.CompareOp.UNIFY: ast.CompareOp.NOT_UNIFY,
    ast.CompareOp.IDENTICAL: ast.CompareOp.NOT_IDENTICAL,
    ast.CompareOp.BEFORE: ast.CompareOp.AFTER_EQ, ast.CompareOp.BEFORE_EQ: ast.CompareOp.AFTER,
}
_COMPLEMENT.update({b: a for a, b in list(_COMPLEMENT.items())})


def _complement(item: ast.Comparison) -> ast.Comparison:
    """The comparison that holds exactly when ``item`` fails (both sides ground)."""
    return ast.Comparison(_COMPLEMENT[item.op], item.left, item.right, item.span)


def _alternatives(item: ast.IfThenElse) -> ast.Alternatives:
    """``(C -> T ; E)`` as ``(C, T ; \\+ C, E)``."""
    then = (*item.condition, *item.then)
    if item.otherwise is None:
        return ast.Alternatives((then,), item.span)
    negated = ast.NotGroup(item.condition, ast.NafStyle.BACKSLASH_PLUS, item.span)
    return ast.Alternatives((then, (negated, *item.otherwise)), item.span)


def _with_body(rule: Rule, body: Body) -> Rule:
    if isinstance(rule, ast.Clause):
        return ast.Clause(rule.head, body, rule.probability, rule.label, rule.kind,
                          rule.weight, rule.span)
    return ast.Disjunction(rule.choices, body, rule.label, rule.span)


def expand(rule: Rule) -> tuple[Rule, ...]:
    """The plain rules ``rule`` stands for (itself when its body is plain)."""
    if not has_groups(rule.body):  # the common case: no expansion to set up
        return (rule,)
    return _Expansion(rule).run()
