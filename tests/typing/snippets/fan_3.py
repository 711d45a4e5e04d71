"""Fan-out to 3 branches is typed positionally; fan-in of 3 checks each position and the arity."""

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
def b3(x: str) -> bytes:
    return x.encode()


@node
def join(p1: int, p2: str, p3: bytes) -> str:
    return ""


@node
def swapped(p1: int, p2: bytes, p3: str) -> str:
    return ""


@node
def short(p1: int, p2: str) -> str:
    return ""


flow_out = src >> (b1, b2, b3)
assert_type(flow_out, Flow[str, tuple[int, str, bytes]])
flow_in = src >> (b1, b2, b3) >> join
assert_type(flow_in, Flow[str, str])
flow_in_parts = (src >> b1, src >> b2, src >> b3) >> join
assert_type(flow_in_parts, Flow[str, str])
flow_swapped = src >> (b1, b2, b3) >> swapped  # E: Unsupported operand types for >> ("Flow[str, tuple[int, str, bytes]]" and "SyncNode[[int, bytes, str], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, tuple[int, str, bytes]]" and "SyncNode[(p1: int, p2: bytes, p3: str), str]"  [reportOperatorIssue]
flow_short = (b1, b2, b3) >> short  # E: Unsupported operand types for >> ("tuple[SyncNode[[str], int], SyncNode[[str], str], SyncNode[[str], bytes]]" and "SyncNode[[int, str], str]")  [operator]
# ^ E: Need type annotation for "flow_short"  [var-annotated]
# ^ P: Operator ">>" not supported for types "tuple[SyncNode[(x: str), int], SyncNode[(x: str), str], SyncNode[(x: str), bytes]]" and "SyncNode[(p1: int, p2: str), str]"  [reportOperatorIssue]
