"""A built pipeline wraps back into a typed async node with `as_node()`."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node
from typedflow._node import AsyncNode


@node
def clean(text: str) -> str:
    return text.strip()


@node
def size(text: str) -> int:
    return len(text)


@node
def need_str(text: str) -> str:
    return text


inner = (clean >> size).build(name="inner").as_node()
assert_type(inner, AsyncNode[[str], int])
flow_outer = clean >> inner
assert_type(flow_outer, Flow[str, int])
flow_outer_fan = clean >> (inner, inner.named("inner2"))
assert_type(flow_outer_fan, Flow[str, tuple[int, int]])
flow_outer_bad = clean >> inner >> need_str  # E: Need type annotation for "flow_outer_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, int]" and "SyncNode[[str], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, int]" and "SyncNode[(text: str), str]"  [reportOperatorIssue]
