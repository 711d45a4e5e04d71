"""Tests of `Flow` and the `>>` operators (typedflow/_flow.py)."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

import pytest

from typedflow._node import node

if TYPE_CHECKING:
    from typedflow._flow import Flow


@node
def a(x: int) -> int:
    return x


@node
def b(x: int) -> int:
    return x


@node
def c(x: int) -> int:
    return x


@node
def d(x: int, y: int) -> int:
    return x + y


def names(flow: Flow[object, object]) -> list[tuple[str, str]]:
    return [(e.source.name, e.target.name) for e in flow.edges()]


def test_chain_records_edges_in_order() -> None:
    flow = a >> b >> c
    assert names(flow) == [("a", "b"), ("b", "c")]
    assert flow.entries == (a,)
    assert flow.exits == (c,)
    assert flow.nodes() == (a, b, c)


def test_rshift_never_mutates() -> None:
    first = a >> b
    before = names(first)
    second = first >> c
    third = first >> d
    assert names(first) == before
    assert names(second) == [("a", "b"), ("b", "c")]
    assert names(third) == [("a", "b"), ("b", "d")]


def test_fan_out_tuple_and_list() -> None:
    for branches in ((b, c), [b, c]):
        flow = a >> branches
        assert names(flow) == [("a", "b"), ("a", "c")]
        assert flow.exits == (b, c)


def test_fan_in_from_tuple_keeps_positions() -> None:
    flow = (b, c) >> d
    assert names(flow) == [("b", "d"), ("c", "d")]
    assert flow.entries == (b, c)
    assert flow.exits == (d,)


def test_fan_out_then_fan_in() -> None:
    flow = a >> (b, c) >> d
    assert names(flow) == [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]


def test_flows_stand_where_nodes_do() -> None:
    pre = a >> b
    flow = (pre >> c, pre) >> d
    assert names(flow) == [("a", "b"), ("b", "c"), ("c", "d"), ("b", "d")]
    assert flow.entries == (a,)
    nested = a >> (b >> c)
    assert names(nested) == [("b", "c"), ("a", "b")]


def test_same_node_twice_is_one_vertex_and_a_cycle_is_just_recorded() -> None:
    flow = a >> b >> a
    assert names(flow) == [("a", "b"), ("b", "a")]
    assert flow.nodes() == (a, b)


def test_a_pair_written_in_two_expressions_is_one_edge() -> None:
    flow = (a >> b >> c, a >> b) >> d
    assert names(flow) == [("a", "b"), ("b", "c"), ("c", "d"), ("b", "d")]


def test_a_pair_repeated_in_one_expression_is_parallel_edges() -> None:
    flow = (b, b) >> d
    assert names(flow) == [("b", "d"), ("b", "d")]


def test_edges_carry_the_line_of_the_rshift_expression() -> None:
    line = sys._getframe().f_lineno + 1
    flow = a >> b
    (edge,) = flow.edges()
    assert (edge.path, edge.line) == (__file__, line)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: a >> 42,
            "`a` >> int: the right side of `>>` must be a node, a flow, or a tuple or list of them",
        ),
        (
            lambda: "x" >> a,
            "str >> `a`: the left side of `>>` must be a node, a flow, or a tuple or list of them",
        ),
        (lambda: a >> (), "`a` >> an empty tuple cannot be a side of `>>`"),
        (lambda: a >> (b, 1), "`a` >> item 1 of the right tuple is `int`, not a node or a flow"),
        (lambda: (b, None) >> d, "item 1 of the left tuple is `NoneType`, not a node or a flow"),
    ],
    ids=["right-int", "left-str", "empty", "bad-item-right", "bad-item-left"],
)
def test_operator_misuse_raises_type_error_at_once(make, message: str) -> None:
    with pytest.raises(TypeError) as info:
        make()
    assert str(info.value) == message


def test_left_fold_is_linear() -> None:
    def chain(k: int) -> float:
        nodes = [a.named(f"n{i}") for i in range(k)]
        start = time.process_time()  # CPU time: a loaded machine does not skew the ratio
        flow: Flow[int, int] = nodes[0] >> nodes[1]
        for n in nodes[2:]:
            flow = flow >> n
        assert len(flow.edges()) == k - 1
        return time.process_time() - start

    chain(1000)
    small = min(chain(1000) for _ in range(3))
    big = min(chain(10_000) for _ in range(2))
    assert big / small < 30  # quadratic would be ~100
