"""The parser builds the documented AST for every form of DESIGN §2."""

from __future__ import annotations

import pytest

from assess.diagnostics import AssessError
from assess.syntax import ast
from assess.syntax.parser import parse


def only(text: str) -> ast.Statement:
    (statement,) = parse(text).statements
    return statement


def test_fact_with_every_kind_of_constant() -> None:
    clause = only("""f(a, 'B c', "str", 3, -2.5, X, _).""")
    assert clause == ast.Clause(
        ast.Atom(
            "f",
            (
                ast.Symbol("a"),
                ast.Symbol("B c"),
                ast.String("str"),
                ast.Number(3),
                ast.Number(-2.5),
                ast.Var("X"),
                ast.Var("_"),
            ),
        )
    )


def test_labelled_probabilistic_rule_with_every_body_literal() -> None:
    clause = only("[r1] 0.7::h(X) :- b(X, Y), \\+ c(Y), not d, X > 3, Z is X + 1 * 2.")
    assert isinstance(clause, ast.Clause)
    assert clause.label == "r1" and clause.probability == 0.7
    kinds = [type(literal).__name__ for literal in clause.body]
    assert kinds == ["Atom", "Negation", "Negation", "Comparison", "Assignment"]
    assignment = clause.body[4]
    assert isinstance(assignment, ast.Assignment)
    assert assignment.expr == ast.BinaryOp(
        ast.ArithOp.ADD,
        ast.Var("X"),
        ast.BinaryOp(ast.ArithOp.MUL, ast.Number(1), ast.Number(2)),
    )


def test_annotated_disjunction() -> None:
    disjunction = only("0.4::goes(seaside); 0.6::goes(city) :- holiday.")
    assert isinstance(disjunction, ast.Disjunction)
    assert [c.probability for c in disjunction.choices] == [0.4, 0.6]


def test_defeasible_rule_defeater_and_contrary() -> None:
    rule, defeater = parse("fly(X) -< bird(X). ~fly(X) <~ injured(X).").statements
    assert isinstance(rule, ast.Clause) and rule.kind is ast.RuleKind.DEFEASIBLE
    assert isinstance(defeater, ast.Clause) and defeater.kind is ast.RuleKind.DEFEATER
    assert defeater.head.contrary


def test_declarations() -> None:
    statements = parse(
        """
        source pentagon "Pentagon press secretary" reliability B derived_from dod.
        indicator troops_in_belarus(count) "Russian troops in Belarus".
        hypothesis imminent_attack "Attack within weeks".
        competing threat: imminent_attack, feint.
        conflict attack, feint.
        report troops_in_belarus(12500) by pentagon credibility 2 on 2022-12-15 "10,000 to 15,000".
        load "reports.csv".
        grade B2 = 0.7.
        [strong] > [weak].
        query(imminent_attack).
        evidence(troops_in_belarus(12500), false).
        """
    ).statements
    assert statements[0] == ast.SourceDecl("pentagon", "Pentagon press secretary", "B", ("dod",))
    assert statements[1] == ast.IndicatorDecl(
        "troops_in_belarus", ("count",), "Russian troops in Belarus"
    )
    assert statements[3] == ast.CompetingDecl("threat", ("imminent_attack", "feint"))
    report = statements[5]
    assert isinstance(report, ast.Report)
    assert (report.source, report.credibility, report.date) == ("pentagon", 2, "2022-12-15")
    assert statements[7] == ast.GradeOverride("B2", 0.7)
    assert statements[8] == ast.Superiority("strong", "weak")
    assert statements[10] == ast.Evidence(
        ast.Atom("troops_in_belarus", (ast.Number(12500),)), False
    )


def test_scenario_with_every_expectation() -> None:
    scenario = only(
        """scenario "baseline" {
            report quiet by pentagon credibility 2.
            expect imminent_attack is very unlikely.
            expect fly(tweety) is defeasibly provable.
            expect feint > imminent_attack.
            expect probability(force_ready) < 0.2 within 0.01.
            expect why(feint) cites pentagon.
        }"""
    )
    assert isinstance(scenario, ast.Scenario)
    kinds = [type(item).__name__ for item in scenario.items]
    assert kinds == [
        "Report",
        "ExpectEstimate",
        "ExpectStatus",
        "ExpectRank",
        "ExpectProbability",
        "ExpectCites",
    ]


def test_keywords_stay_usable_as_predicates() -> None:
    statements = parse("source(x). report :- not(a). query(source(x)).").statements
    assert isinstance(statements[0], ast.Clause) and statements[0].head.predicate == "source"
    assert isinstance(statements[1], ast.Clause) and statements[1].head.predicate == "report"


def test_spans_point_at_the_statement_but_not_into_equality() -> None:
    program = parse("a.\n  edge(a, b).", "f.assess")
    clause = program.statements[1]
    assert clause.span.line == 2 and clause.span.column == 3 and clause.span.file == "f.assess"
    assert clause == ast.Clause(ast.Atom("edge", (ast.Symbol("a"), ast.Symbol("b"))))


def test_comments_are_kept() -> None:
    program = parse("% first\nedge(a, b). /* block */\n")
    assert [c.text for c in program.comments] == ["% first", "/* block */"]


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("edge(a, b)", "missing '.'", 1, 11),
        ("p := q.", "':-' is misspelt", 1, 3),
        ("Edge(a, b).", "lower-case letter", 1, 1),
        ("a::0.3.", "weight goes before the atom", 1, 2),
        ("p(a, b.", "'(' is not closed", 1, 7),
        ("p(a)).", "')' has no matching '('", 1, 5),
        ("0.3::a; b :- c.", "needs a probability", 1, 1),
    ],
)
def test_known_mistakes_get_friendly_messages(
    text: str, message: str, line: int, column: int
) -> None:
    with pytest.raises(AssessError) as caught:
        parse(text)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "syntax_error"
    assert message in diagnostic.message
    assert (diagnostic.span.line, diagnostic.span.column) == (line, column)


def test_exclusive_and_conditional_competing_sets() -> None:
    exclusive, conditional, plain = parse(
        """
        competing timing exclusive: imminent, winter, otherwise no_attack.
        competing axis exclusive given ~calm(2023): north, west.
        competing purpose given renewed: offensive, feint.
        """
    ).statements
    assert exclusive == ast.CompetingDecl(
        "timing", ("imminent", "winter", "no_attack"), True, None, True
    )
    assert conditional == ast.CompetingDecl(
        "axis", ("north", "west"), True, ast.Atom("calm", (ast.Number(2023),), True)
    )
    assert plain == ast.CompetingDecl("purpose", ("offensive", "feint"), False, ast.Atom("renewed"))


@pytest.mark.parametrize(
    "text",
    [
        "competing s exclusive: otherwise a, b.",  # the residual comes last
        "competing s: a, otherwise b.",  # a residual needs an exclusive set
    ],
)
def test_a_misplaced_residual_is_a_syntax_error(text: str) -> None:
    with pytest.raises(AssessError) as caught:
        parse(text)
    assert caught.value.diagnostics[0].code == "syntax_error"


def test_competing_keywords_stay_names_elsewhere() -> None:
    text = "exclusive. given(x). otherwise(y). competing s: otherwise, given."
    statements = parse(text).statements
    assert statements[3] == ast.CompetingDecl("s", ("otherwise", "given"))
