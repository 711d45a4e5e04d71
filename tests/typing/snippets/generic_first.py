"""A generic node is solved from its upstream; the solution flows downstream."""

from __future__ import annotations

from typing import TypeVar, assert_type

from typedflow import Flow, node

T = TypeVar("T")


@node
def words(text: str) -> list[str]:
    return text.split()


@node
def first(xs: list[T]) -> T:
    return xs[0]


@node
def need_str(x: str) -> int:
    return len(x)


@node
def need_int(x: int) -> int:
    return x


flow_solved = words >> first
assert_type(flow_solved, Flow[str, str])
flow_downstream = words >> first >> need_str
flow_wrong_solution = words >> first >> need_int  # E: Need type annotation for "flow_wrong_solution"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, str]" and "SyncNode[[int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, str]" and "SyncNode[(x: int), int]"  [reportOperatorIssue]
flow_not_a_list = need_str >> first  # E: Need type annotation for "flow_not_a_list"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], int]" and "SyncNode[[list[T]], T]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int]" and "SyncNode[(xs: list[T@first]), T@first]"  [reportOperatorIssue]
