"""The dependency graph: SCCs in dependency order, reachability, cycles."""

from __future__ import annotations

import doctest

from hypothesis import given, settings
from hypothesis import strategies as st

from assess import graphs
from assess.graphs import DependencyGraph


def test_docstring_examples() -> None:
    result = doctest.testmod(graphs)
    assert result.attempted > 0 and result.failed == 0


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


def test_depends_on_follows_edges_of_both_signs_from_the_goals() -> None:
    graph: DependencyGraph[str, None] = DependencyGraph()
    graph.add_edge("a", "b", False, None)
    graph.add_edge("b", "c", True, None)
    graph.add_edge("d", "a", False, None)
    assert graph.depends_on(["a"]) == {"a", "b", "c"}
    assert graph.depends_on([]) == set()


def test_cycle_through_closes_on_the_edge_it_starts_with() -> None:
    graph: DependencyGraph[str, int] = DependencyGraph()
    graph.add_edge("p", "q", False, 0)
    graph.add_edge("q", "r", True, 1)
    graph.add_edge("r", "p", False, 2)
    graph.add_edge("r", "s", False, 3)
    (component,) = [c for c in graph.components() if len(c) > 1]
    negative = next(e for e in graph.inner_edges(component) if e.negative)
    cycle = graph.cycle_through(negative, component)
    assert [(e.head, e.body) for e in cycle] == [("q", "r"), ("r", "p"), ("p", "q")]
