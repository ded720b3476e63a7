"""Hypothesis strategies for syntax trees with every node type and field.

Trees are built as the parser would return them, spans left at their
default. Names include the words that are keywords somewhere in the grammar
(``not``, ``report``, ``probability``, ``by``, …) wherever the lexer reads
them as plain names. The few shapes that have no text at all are left out,
each with the reason:

* a plain body atom ``not(...)``: ``not`` followed by ``(`` is negation;
* an unlabelled, unweighted fact ``query(...)`` / ``evidence(...)``: those
  are the query and evidence statements;
* ``expect probability(...) is …`` / ``expect why(...) > …``: after
  ``expect``, ``probability(`` and ``why(`` open those expectations;
* ``Negated(Number(n))``: ``-3`` is read as ``Number(-3)``;
* a defeasible rule or defeater without a body, and an annotated
  disjunction with one head: the grammar has no way to write them;
* a body atom ``call(...)``: it is read as the goal it calls;
* a function ``not(...)`` (at the start of a goal it is negation);
* ``Alternatives`` whose last branch is one ``Alternatives`` (``;`` is
  right-associative, so ``(a ; (b ; c))`` is ``(a ; b ; c)``), a ``NotGroup``
  of one atom (that is a ``Negation``), an if-then-else whose condition binds
  a variable read after it (refused), a weight that is a plain number (that
  is the ``probability``).
"""

from __future__ import annotations

from hypothesis import strategies as st

from assess.syntax import ast
from assess.syntax.expand import check_conditions, literal_vars
from assess.syntax.functions import FUNCTIONS, evaluate

KEYWORDS = (
    "not", "mod", "is", "by", "credibility", "on", "within", "cites", "reliability",
    "derived_from", "source", "indicator", "hypothesis", "competing", "conflict", "report",
    "load", "grade", "scenario", "expect", "probability", "why", "query", "evidence",
    "true", "false", "current", "drop", "xor", "rem", "div", "exclusive", "given",
    "otherwise", "as",
)  # fmt: skip

names = st.one_of(
    st.from_regex(r"[a-z][A-Za-z0-9_]{0,5}", fullmatch=True), st.sampled_from(KEYWORDS)
)
texts = st.one_of(
    st.text(max_size=10),
    names,
    st.sampled_from(["it's", 'say "no"', "back\\slash", "two\nlines", "tab\there", "", "Kyiv"]),
)
probabilities = st.floats(min_value=0.0, max_value=1.0)
non_negative = st.floats(min_value=0.0, allow_nan=False, allow_infinity=False)

relations = st.builds(
    ast.Relation, st.from_regex(r"[a-z][A-Za-z0-9_]{0,5}", fullmatch=True),
    st.integers(0, 12), st.booleans(),
)
loads = st.builds(ast.Load, texts, st.none() | relations)

variables = st.builds(ast.Var, st.from_regex(r"[A-Z_][A-Za-z0-9_]{0,4}", fullmatch=True))
numbers = st.builds(
    ast.Number,
    st.one_of(st.integers(-(10**9), 10**9), st.floats(allow_nan=False, allow_infinity=False)),
)
constants = st.one_of(st.builds(ast.Symbol, texts), st.builds(ast.String, texts), numbers)
flat_terms = st.one_of(variables, constants)


def _compound_terms(children: st.SearchStrategy[ast.Term]) -> st.SearchStrategy[ast.Term]:
    return st.one_of(
        st.builds(ast.Compound, texts, st.lists(children, min_size=1, max_size=3).map(tuple)),
        st.builds(ast.ListTerm, st.lists(children, max_size=3).map(tuple)),
        st.builds(
            ast.ListTerm, st.lists(children, min_size=1, max_size=3).map(tuple), children
        ),
    )


terms = st.recursive(flat_terms, _compound_terms, max_leaves=5)
atoms = st.builds(ast.Atom, names, st.lists(terms, max_size=3).map(tuple), st.booleans())


def _arithmetic(children: st.SearchStrategy[ast.Expr]) -> st.SearchStrategy[ast.Expr]:
    return st.one_of(
        st.builds(ast.BinaryOp, st.sampled_from(ast.ArithOp), children, children),
        st.builds(ast.Negated, children.filter(lambda e: not isinstance(e, ast.Number))),
        st.sampled_from(sorted(FUNCTIONS)).flatmap(lambda f: st.builds(
            ast.Function, st.just(f[0]),
            st.lists(children, min_size=f[1], max_size=f[1]).map(tuple))),
        st.builds(ast.Function, st.just("\\"), st.tuples(children)),
    )


# Words that are operators or keywords in or around arithmetic, as constants.
operator_words = st.builds(ast.Symbol, st.sampled_from(("not", "mod", "is")))
# In an expression, `abs(X)` is the function and `f(X)` the compound term
# (``builder._value``): a compound term there is not named as a function.
value_terms = terms.filter(lambda t: not isinstance(t, ast.Compound) or not (
    (t.functor, len(t.args)) in FUNCTIONS or t.functor == "\\"))
expressions = st.recursive(value_terms | operator_words, _arithmetic, max_leaves=6)

plain_literals = st.one_of(
    atoms.filter(lambda a: a.contrary or not a.args or a.predicate not in ("not", "call")),
    st.builds(ast.Negation, atoms, st.sampled_from(ast.NafStyle)),
    st.builds(ast.Comparison, st.sampled_from(ast.CompareOp), expressions, expressions),
    st.builds(ast.Assignment, variables, expressions),
)


def _groups(
    children: st.SearchStrategy[ast.BodyLiteral],
) -> st.SearchStrategy[ast.BodyLiteral]:
    conjunctions = st.lists(children, min_size=1, max_size=2).map(tuple)
    last = conjunctions.filter(lambda c: not (len(c) == 1 and isinstance(c[0], ast.Alternatives)))
    return st.one_of(
        st.builds(lambda first, end: ast.Alternatives((*first, end)),
                  st.lists(conjunctions, min_size=1, max_size=2), last),
        st.builds(ast.IfThenElse, conjunctions, conjunctions, st.none() | conjunctions),
        st.builds(ast.NotGroup, conjunctions.filter(
            lambda c: not (len(c) == 1 and isinstance(c[0], ast.Atom))),
            st.sampled_from(ast.NafStyle)),
    )


body_literals = st.recursive(plain_literals, _groups, max_leaves=5)
bodies = st.lists(body_literals, max_size=4).map(tuple)
labels = st.none() | names


def _is_statement_keyword(clause: ast.Clause) -> bool:
    head = clause.head
    bare = clause.label is None and clause.probability is None and not head.contrary
    return bare and bool(head.args) and head.predicate in ("query", "evidence")


small = st.integers(1, 9).map(ast.Number)
ground_weights = st.builds(ast.BinaryOp, st.sampled_from([ast.ArithOp.DIV, ast.ArithOp.MUL]),
                           small, small)


@st.composite
def clauses(draw: st.DrawFn) -> ast.Clause:
    body = draw(bodies)
    kind = draw(st.sampled_from(ast.RuleKind)) if body else ast.RuleKind.STRICT
    probability, weight = draw(st.none() | probabilities), None
    shape = draw(st.sampled_from(["number", "expression", "flexible"]))
    if shape == "expression":
        weight = draw(ground_weights)
        probability = evaluate(weight)
    elif shape == "flexible" and body:
        probability, weight = None, draw(variables)
    return ast.Clause(draw(atoms), body, probability, draw(labels), kind, weight)


def _no_committed_binding(clause: ast.Clause) -> bool:
    later = frozenset(literal_vars(clause.head))
    return check_conditions(clause.body, frozenset(), later) is None


rules = clauses().filter(lambda c: not _is_statement_keyword(c) and _no_committed_binding(c))
disjunctions = st.builds(
    ast.Disjunction,
    st.lists(st.one_of(
        st.builds(ast.Choice, probabilities, atoms),
        ground_weights.map(lambda w: ast.Choice(evaluate(w), ast.Atom("w"), w)),
    ), min_size=2, max_size=3).map(tuple),
    bodies,
    labels,
).filter(lambda d: check_conditions(d.body, frozenset(), frozenset(
    v for c in d.choices for v in literal_vars(c.atom))) is None)
reports = st.builds(
    ast.Report,
    atoms,
    names,
    st.integers(0, 99),
    st.none() | st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.none() | texts,
)


def _opens_expectation(atom: ast.Atom) -> bool:
    return not atom.contrary and bool(atom.args) and atom.predicate in ("probability", "why")


first_atoms = atoms.filter(lambda a: not _opens_expectation(a))
expectations = st.one_of(
    st.builds(ast.ExpectEstimate, first_atoms, st.sampled_from(ast.Estimate)),
    st.builds(ast.ExpectStatus, first_atoms, st.sampled_from(ast.Status)),
    st.builds(ast.ExpectRank, first_atoms, atoms),
    st.builds(
        ast.ExpectProbability,
        atoms,
        st.sampled_from(ast.CompareOp),
        non_negative,
        st.none() | non_negative,
    ),
    st.builds(ast.ExpectCites, atoms, names),
)
drops = st.one_of(
    st.builds(ast.Drop, st.none(), names),
    st.builds(ast.Drop, atoms, st.none() | names),
)
scenarios = st.builds(
    ast.Scenario,
    texts,
    st.lists(
        st.one_of(rules, disjunctions, reports, loads, drops, expectations),
        max_size=4,
    ).map(tuple),
)
name_lists = st.lists(names, max_size=2).map(tuple)
declarations = st.one_of(
    st.builds(ast.Query, atoms, st.booleans()),
    st.builds(ast.UseModule, st.sampled_from(sorted(ast.LIBRARIES))),
    st.builds(ast.Unknown, st.sampled_from(ast.UNKNOWN_ACTIONS)),
    st.builds(ast.Evidence, atoms, st.booleans()),
    st.builds(ast.Superiority, names, names),
    st.builds(ast.SourceDecl, names, texts, st.sampled_from("ABCDEF"), name_lists),
    st.builds(ast.IndicatorDecl, names, name_lists, texts, st.booleans()),
    st.builds(ast.HypothesisDecl, names, name_lists, texts),
    st.builds(ast.CompetingDecl, names, st.lists(names, min_size=1, max_size=3).map(tuple),
              st.just(False), st.none() | atoms),
    st.builds(ast.CompetingDecl, names, st.lists(names, min_size=1, max_size=3).map(tuple),
              st.just(True), st.none() | atoms, st.booleans()),
    st.builds(ast.ConflictDecl, names, names),
    loads,
    st.builds(ast.GradeOverride, st.from_regex(r"[A-F][1-6]", fullmatch=True), non_negative),
)
statements = st.one_of(rules, disjunctions, reports, declarations, scenarios)
programs = st.builds(ast.Program, st.lists(statements, max_size=6).map(tuple))
