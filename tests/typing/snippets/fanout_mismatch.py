"""A fan-out branch that does not accept the upstream output is an error."""

from __future__ import annotations

from typedflow import node


@node
def src(x: str) -> str:
    return x


@node
def size(x: str) -> int:
    return len(x)


@node
def need_int(x: int) -> int:
    return x


flow_bad_branch = src >> (size, need_int)  # E: Need type annotation for "flow_bad_branch"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], str]" and "tuple[SyncNode[[str], int], SyncNode[[int], int]]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), str]" and "tuple[SyncNode[(x: str), int], SyncNode[(x: int), int]]"  [reportOperatorIssue]
flow_bad_third = src >> (size, size, need_int)  # E: Need type annotation for "flow_bad_third"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], str]" and "tuple[SyncNode[[str], int], SyncNode[[str], int], SyncNode[[int], int]]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), str]" and "tuple[SyncNode[(x: str), int], SyncNode[(x: str), int], SyncNode[(x: int), int]]"  [reportOperatorIssue]
