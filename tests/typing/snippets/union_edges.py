"""A union output needs every member accepted; a member fits a union input."""

from __future__ import annotations

from typedflow import node


@node
def either(x: str) -> int | str:
    return x


@node
def wide(x: int | str | bytes) -> str:
    return str(x)


@node
def need_int(x: int) -> int:
    return x


@node
def size(x: str) -> int:
    return len(x)


@node
def number(x: int | float) -> float:
    return float(x)


flow_union_ok = either >> wide
flow_member_ok = size >> wide
flow_numeric_union = size >> number
flow_union_bad = either >> need_int  # E: Need type annotation for "flow_union_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], int | str]" and "SyncNode[[int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int | str]" and "SyncNode[(x: int), int]"  [reportOperatorIssue]
