"""Lowering: facts, choices, disjunctions, reports grouped by origin."""

from __future__ import annotations

import pytest

from assess.diagnostics import AssessError
from assess.engine.ir import IConst, IRAssign, IRCompare, IRLiteral, IVar, Pred
from assess.engine.lower import lower
from assess.engine.terms import Float, Str
from assess.syntax import ast
from assess.syntax.parser import parse


def lowered(text: str, extra: tuple[ast.Statement, ...] = ()):  # type: ignore[no-untyped-def]
    return lower([parse(text)], extra)


def test_certain_facts_go_to_tables_and_choices_to_rules() -> None:
    ir = lowered("""
        e(a, "b c", 3). e(a, 'b c', -2.5).
        0.3::burglary.
        [lab] quake.
        p(X) -< q(X).
        h <~ q(a).
    """)
    assert ir.facts == {Pred("e", 3): {("a", Str("b c"), 3), ("a", "b c", Float(-2.5))}}
    assert ("a", "b c", 3) not in ir.facts[Pred("e", 3)]  # a string is not an atom
    kinds = [(r.head.pred.name, r.probability, r.label, r.kind) for r in ir.rules]
    assert kinds == [
        ("burglary", 0.3, None, ast.RuleKind.STRICT),
        ("quake", None, "lab", ast.RuleKind.STRICT),
        ("p", None, None, ast.RuleKind.DEFEASIBLE),
        ("h", None, None, ast.RuleKind.DEFEATER),
    ]
    assert [r.id for r in ir.rules] == [0, 1, 2, 3]


def test_variables_are_numbered_head_first_and_each_underscore_is_new() -> None:
    ir = lowered("p(Y, X) :- q(X, _, Z), r(_, Y), \\+ s(Z), Z > 1, W is Z + 1, W \\= Y.")
    (rule,) = ir.rules
    assert rule.var_names == ("Y", "X", "_", "Z", "_", "W")
    assert rule.head.args == (IVar(0), IVar(1))
    q, r, s, cmp, assign, neq = rule.body
    assert isinstance(q, IRLiteral) and q.atom.args == (IVar(1), IVar(2), IVar(3))
    assert isinstance(r, IRLiteral) and r.atom.args == (IVar(4), IVar(0))
    assert isinstance(s, IRLiteral) and s.negated
    assert isinstance(cmp, IRCompare) and cmp.right == IConst(1)
    assert isinstance(assign, IRAssign) and assign.var == IVar(5)
    assert isinstance(neq, IRCompare) and neq.op is ast.CompareOp.NOT_UNIFY


def test_contrary_heads_are_their_own_predicate() -> None:
    ir = lowered("~fly(X) :- penguin(X). fly(X) :- bird(X).")
    assert ir.rules[0].head.pred == Pred("fly", 1, contrary=True)
    assert ir.rules[1].head.pred == Pred("fly", 1)


def test_annotated_disjunction_shares_an_id_per_statement() -> None:
    ir = lowered("0.4::a; 0.6::b :- c. 0.5::d; 0.5::e.")
    assert [(r.head.pred.name, r.probability, r.disjunction) for r in ir.rules] == [
        ("a", 0.4, 0), ("b", 0.6, 0), ("d", 0.5, 1), ("e", 0.5, 1),
    ]
    assert all(len(r.body) == 1 for r in ir.rules[:2])


def test_queries_evidence_superiority_conflicts_and_declarations() -> None:
    ir = lowered("""
        query(p(X)). evidence(q, false).
        [a] > [b]. conflict p, q.
        hypothesis h "H". indicator i(n) "I". competing c: h, g.
        grade B2 = 0.75.
    """)
    assert ir.queries[0].atom.pred == Pred("p", 1)
    assert ir.queries[0].atom.args == (IVar(0),)
    assert ir.evidence[0].value is False
    assert ir.superiority == [("a", "b")]
    assert ir.conflicts == [("p", "q")]
    assert set(ir.hypotheses) == {"h"} and set(ir.indicators) == {"i"}
    assert ir.competing[0].members == ("h", "g")
    assert ir.grades == {"B2": 0.75}


REPORTS = """
    source kremlin "Kremlin" reliability C.
    source tass "TASS" reliability B derived_from kremlin.
    source isw "ISW" reliability A.
    report troops(12500) by tass credibility 2.
    report troops(12500) by kremlin credibility 3.
    report troops(12500) by isw credibility 3.
    report troops(12500) by isw credibility 2.
    report troops(9000) by isw credibility 2.
    grade A2 = 0.9.
"""


def test_reports_of_one_origin_count_once_with_their_best_grade() -> None:
    ir = lowered(REPORTS)
    choices = {
        (r.head.args, r.probability): [x.source for x in ir.reports[r.id]] for r in ir.rules
    }
    assert choices == {
        ((IConst(12500),), 0.8): ["tass", "kremlin"],  # B2 0.80 beats C3 0.625
        ((IConst(12500),), 0.9): ["isw", "isw"],  # A2 overridden to 0.9
        ((IConst(9000),), 0.9): ["isw"],
    }
    assert all(not r.body and r.var_names == () for r in ir.rules)


def test_scenario_items_lower_as_extra_statements() -> None:
    program = parse(REPORTS + 'scenario "s" { report troops(1) by isw credibility 1. }')
    scenario = program.statements[-1]
    assert isinstance(scenario, ast.Scenario)
    assert len(lower([program]).rules) == 3
    ir = lower([program], scenario.items)
    assert len(ir.rules) == 4 and ir.rules[3].head.args == (IConst(1),)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('source s "S" reliability A. report p(X) by s credibility 1.', "nonground_report"),
        ("report p by nobody credibility 1.", "unknown_source"),
    ],
)
def test_bad_reports_are_diagnosed(text: str, code: str) -> None:
    with pytest.raises(AssessError) as caught:
        lowered(text)
    assert caught.value.diagnostics[0].code == code
