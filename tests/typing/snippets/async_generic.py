"""Generic coroutine functions are solved like generic plain functions."""

from __future__ import annotations

from typing import TypeVar, assert_type

from typedflow import Flow, node

T = TypeVar("T")


@node
def words(text: str) -> list[str]:
    return text.split()


@node
async def first(xs: list[T]) -> T:
    return xs[0]


@node
async def need_int(x: int) -> int:
    return x


flow_async_generic = words >> first
assert_type(flow_async_generic, Flow[str, str])
flow_async_generic_bad = words >> first >> need_int  # E: Need type annotation for "flow_async_generic_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, str]" and "AsyncNode[[int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, str]" and "AsyncNode[(x: int), int]"  [reportOperatorIssue]
