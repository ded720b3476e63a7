"""The dependency graph: SCCs in dependency order, cycles named in full."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.check import run_checks
from assess.check.dependencies import DependencyGraph, program_graph
from assess.syntax.parser import parse


def test_components_come_after_what_they_depend_on() -> None:
    graph: DependencyGraph[str, int] = DependencyGraph()
    graph.add_edge("top", "mid", False, 0)
    graph.add_edge("mid", "loop_a", False, 1)
    graph.add_edge("loop_a", "loop_b", False, 2)
    graph.add_edge("loop_b", "loop_a", False, 3)
    graph.add_edge("loop_b", "leaf", True, 4)
    order = graph.components()
    assert order == [
        frozenset({"leaf"}),
        frozenset({"loop_a", "loop_b"}),
        frozenset({"mid"}),
        frozenset({"top"}),
    ]
    assert graph.negative_cycles() == []


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    graph: DependencyGraph[int, None] = DependencyGraph()
    for node in range(50_000):
        graph.add_edge(node, node + 1, False, None)
    graph.add_edge(50_000, 0, True, None)
    (cycle,) = graph.negative_cycles()
    assert len(cycle.nodes) == 50_001


@settings(max_examples=200, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=25))
def test_components_partition_nodes_and_respect_edges(edges: list[tuple[int, int]]) -> None:
    graph: DependencyGraph[int, None] = DependencyGraph()
    for head, body in edges:
        graph.add_edge(head, body, False, None)
    components = graph.components()
    position = {node: i for i, component in enumerate(components) for node in component}
    assert sorted(position) == sorted(graph.nodes)
    reach = {node: {node} for node in graph.nodes}
    for _ in graph.nodes:
        for head, body in edges:
            reach[head] |= reach[body]
    for head, body in edges:
        assert position[body] <= position[head]
    for a in graph.nodes:
        for b in graph.nodes:
            same = position[a] == position[b]
            assert same == (b in reach[a] and a in reach[b])


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
