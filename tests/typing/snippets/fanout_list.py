"""Fan-out to a list is a homogeneous tuple of the branches' common output."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node


@node
def src(x: str) -> str:
    return x


@node
def size(x: str) -> int:
    return len(x)


@node
def width(x: str) -> int:
    return len(x) * 2


@node
def need_bytes(x: bytes) -> int:
    return len(x)


flow_list = src >> [size, width]
assert_type(flow_list, Flow[str, tuple[int, ...]])
flow_list_bad = src >> [size, need_bytes]  # E: Need type annotation for "flow_list_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], str]" and "list[object]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), str]" and "list[SyncNode[(x: str), int] | SyncNode[(x: bytes), int]]"  [reportOperatorIssue]
