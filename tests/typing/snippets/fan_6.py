"""Fan-out to 6 branches is typed positionally; fan-in of 6 checks each position and the arity."""

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
def b4(x: str) -> float:
    return float(len(x))


@node
def b5(x: str) -> bool:
    return bool(x)


@node
def b6(x: str) -> list[int]:
    return [len(x)]


@node
def join(p1: int, p2: str, p3: bytes, p4: float, p5: bool, p6: list[int]) -> str:
    return ""


@node
def swapped(p1: int, p2: str, p3: bytes, p4: float, p5: list[int], p6: bool) -> str:
    return ""


@node
def short(p1: int, p2: str, p3: bytes, p4: float, p5: bool) -> str:
    return ""


flow_out = src >> (b1, b2, b3, b4, b5, b6)
assert_type(flow_out, Flow[str, tuple[int, str, bytes, float, bool, list[int]]])
flow_in = src >> (b1, b2, b3, b4, b5, b6) >> join
assert_type(flow_in, Flow[str, str])
flow_in_parts = (src >> b1, src >> b2, src >> b3, src >> b4, src >> b5, src >> b6) >> join
assert_type(flow_in_parts, Flow[str, str])
flow_swapped = src >> (b1, b2, b3, b4, b5, b6) >> swapped  # E: Unsupported operand types for >> ("Flow[str, tuple[int, str, bytes, float, bool, list[int]]]" and "SyncNode[[int, str, bytes, float, list[int], bool], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, tuple[int, str, bytes, float, bool, list[int]]]" and "SyncNode[(p1: int, p2: str, p3: bytes, p4: float, p5: list[int], p6: bool), str]"  [reportOperatorIssue]
flow_short = (b1, b2, b3, b4, b5, b6) >> short  # E: Unsupported operand types for >> ("tuple[SyncNode[[str], int], SyncNode[[str], str], SyncNode[[str], bytes], SyncNode[[str], float], SyncNode[[str], bool], SyncNode[[str], list[int]]]" and "SyncNode[[int, str, bytes, float, bool], str]")  [operator]
# ^ E: Need type annotation for "flow_short"  [var-annotated]
# ^ P: Operator ">>" not supported for types "tuple[SyncNode[(x: str), int], SyncNode[(x: str), str], SyncNode[(x: str), bytes], SyncNode[(x: str), float], SyncNode[(x: str), bool], SyncNode[(x: str), list[int]]]" and "SyncNode[(p1: int, p2: str, p3: bytes, p4: float, p5: bool), str]"  [reportOperatorIssue]
