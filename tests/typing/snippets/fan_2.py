"""Fan-out to 2 branches is typed positionally; fan-in of 2 checks each position and the arity."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node


@node
def src(x: str) -> str:
    return x


@node
def b1(x: str) -> int:
    return len(x)


@node
def b2(x: str) -> str:
    return x


@node
def join(p1: int, p2: str) -> str:
    return ""


@node
def swapped(p1: str, p2: int) -> str:
    return ""


@node
def short(p1: int) -> str:
    return ""


flow_out = src >> (b1, b2)
assert_type(flow_out, Flow[str, tuple[int, str]])
flow_in = src >> (b1, b2) >> join
assert_type(flow_in, Flow[str, str])
flow_in_parts = (src >> b1, src >> b2) >> join
assert_type(flow_in_parts, Flow[str, str])
flow_swapped = src >> (b1, b2) >> swapped  # E: Unsupported operand types for >> ("Flow[str, tuple[int, str]]" and "SyncNode[[str, int], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, tuple[int, str]]" and "SyncNode[(p1: str, p2: int), str]"  [reportOperatorIssue]
flow_short = (b1, b2) >> short  # E: Unsupported left operand type for >> ("tuple[SyncNode[[str], int], SyncNode[[str], str]]")  [operator]
# ^ P: Operator ">>" not supported for types "tuple[SyncNode[(x: str), int], SyncNode[(x: str), str]]" and "SyncNode[(p1: int), str]"  [reportOperatorIssue]
