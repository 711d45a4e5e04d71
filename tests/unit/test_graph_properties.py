"""Property tests of the DSL over random graphs: DAGs build and run, cycles are found exactly."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typedflow import GraphError, build, node
from typedflow._check import check
from typedflow._ir import graph_of

if TYPE_CHECKING:
    from random import Random

    from typedflow._flow import Flow
    from typedflow._node import Node


def make_nodes(n: int, log: list[int]) -> list[Node[..., Any]]:
    def make(i: int) -> Node[..., Any]:
        def step(*xs: int) -> int:
            log.append(i)
            return i

        return node(name=f"n{i}", inline=i % 2 == 0)(step)

    return [make(i) for i in range(n)]


@st.composite
def dags(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(1, 12))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True) if pairs else st.just([]))
    return n, edges


@st.composite
def digraphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(1, 8))
    pairs = [(u, v) for u in range(n) for v in range(n)]
    return n, draw(st.lists(st.sampled_from(pairs), unique=True, max_size=16))


def fan_in(sources: list[Node[..., Any]], target: Node[..., Any]) -> Flow[Any, Any]:
    """`sources >> target` as one `>>` expression (a node's arguments are written together)."""
    if len(sources) == 1:
        return sources[0] >> target
    return tuple(sources) >> target  # type: ignore[operator,no-any-return]  # any arity


def flows_of(nodes: list[Node[..., Any]], edges: list[tuple[int, int]]) -> list[Flow[Any, Any]]:
    targets = dict.fromkeys(v for _, v in edges)
    flows = [fan_in([nodes[u] for u, w in edges if w == v], nodes[v]) for v in targets]
    flows += [nodes[v]._as_flow() for v in range(len(nodes))]
    return flows


@settings(max_examples=60, deadline=None)
@given(dags())
def test_random_dags_build_and_run_each_node_once_after_its_upstreams(
    dag: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = dag
    log: list[int] = []
    nodes = make_nodes(n, log)
    sinks = [v for v in range(n) if all(u != v for u, _ in edges)]

    @node
    def final(*xs: int) -> int:
        log.append(n)
        return len(xs)

    flows = [*flows_of(nodes, edges), fan_in([nodes[v] for v in sinks], final)]
    pipeline = build(*flows, name="random")
    assert asyncio.run(pipeline.run(0)) == len(sinks)
    assert sorted(log) == list(range(n + 1))
    position = {v: log.index(v) for v in range(n + 1)}
    for u, v in [*edges, *((s, n) for s in sinks)]:
        assert position[u] < position[v]


def has_cycle(n: int, edges: list[tuple[int, int]]) -> bool:
    """Reference: some vertex reaches itself through at least one edge (plain BFS)."""
    succ: dict[int, set[int]] = {v: set() for v in range(n)}
    for u, v in edges:
        succ[u].add(v)
    for start in range(n):
        seen: set[int] = set()
        todo = list(succ[start])
        while todo:
            v = todo.pop()
            if v == start:
                return True
            if v not in seen:
                seen.add(v)
                todo.extend(succ[v])
    return False


@settings(max_examples=200, deadline=None)
@given(digraphs())
def test_checker_finds_a_cycle_exactly_when_one_exists(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = graph
    nodes = make_nodes(n, [])
    problems = check(graph_of(flows_of(nodes, edges)))
    assert any(p.code == "TF002" for p in problems) == has_cycle(n, edges)


@settings(max_examples=30, deadline=None)
@given(digraphs())
def test_build_fails_on_every_cycle(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    if not has_cycle(n, edges):
        return
    nodes = make_nodes(n, [])
    with pytest.raises(GraphError) as info:
        build(*flows_of(nodes, edges))
    assert "TF002" in {p.code for p in info.value.problems}


@settings(max_examples=100, deadline=None)
@given(dags(), st.randoms(use_true_random=False))
def test_issue_3_argument_order_never_depends_on_the_order_of_fragments(
    dag: tuple[int, list[tuple[int, int]]], rng: Random
) -> None:
    n, edges = dag
    nodes = make_nodes(n, [])
    flows = [nodes[u] >> nodes[v] for u, v in edges]  # fragments of one edge each
    flows += flows_of(nodes, edges)  # and each node's fan-in in one expression
    shuffled = rng.sample(flows, len(flows))
    for graph in (graph_of(flows), graph_of(shuffled)):
        assert not [p for p in check(graph) if p.code == "TF003"]
        arguments = {
            graph.nodes[v].name: [graph.edges[i].source.name for i in ins]
            for v, ins in enumerate(graph.inputs)
        }
        assert arguments == {f"n{v}": [f"n{u}" for u, w in edges if w == v] for v in range(n)}
    # No fan-in written: single edges merge like `connect` calls, in the order first written.
    if not edges:
        return
    lone = graph_of([nodes[u] >> nodes[v] for u, v in edges])
    assert not [p for p in check(lone) if p.code == "TF003"]
    assert {
        lone.nodes[v].name: [lone.edges[i].source.name for i in ins]
        for v, ins in enumerate(lone.inputs)
    } == {
        f"n{v}": [f"n{u}" for u, w in edges if w == v]
        for v in {x for edge in edges for x in edge}
    }
