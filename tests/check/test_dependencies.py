"""The checker's dependency graph: contraries apart, rule spans kept, cycles named in full."""

from __future__ import annotations

from assess.check import run_checks
from assess.check.dependencies import program_graph
from assess.syntax.parser import parse


def test_program_graph_keeps_contraries_apart_and_records_rule_spans() -> None:
    program = parse("p(X) :- q(X), \\+ ~q(X).\nq(a).", "g.assess")
    graph = program_graph([program])
    edges = graph.edges_from(("p", 1, False))
    assert [(e.body, e.negative, e.origin.line) for e in edges] == [
        (("q", 1, False), False, 1),
        (("q", 1, True), True, 1),
    ]


def test_a_negative_cycle_names_every_predicate_and_rule() -> None:
    text = "b(a).\np(X) :- b(X), q(X).\nq(X) :- b(X), r(X).\nr(X) :- b(X), \\+ p(X).\n"
    (finding,) = run_checks([parse(text, "c.assess")])
    assert finding.code == "negative_cycle"
    for name in ("p/1", "q/1", "r/1", "c.assess:2", "c.assess:3", "c.assess:4"):
        assert name in finding.message
    assert "b/1" not in finding.message


def test_the_program_is_all_files_together() -> None:
    rules = parse("alarm :- burglary.\nquery(alarm).", "rules.assess")
    evidence = parse("0.1::burglary.", "evidence.assess")
    assert run_checks([rules, evidence]) == []
    assert [d.code for d in run_checks([rules])] == ["undefined_predicate"]
