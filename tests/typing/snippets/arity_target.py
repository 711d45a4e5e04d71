"""A target that needs more than one argument, or a keyword, cannot follow one node."""

from __future__ import annotations

from typedflow import node


@node
def src(x: str) -> int:
    return len(x)


@node
def pair(a: int, b: int) -> int:
    return a + b


@node
def keyed(a: int, *, scale: int) -> int:
    return a * scale


@node
def nothing() -> int:
    return 0


flow_two_params = src >> pair  # E: Unsupported operand types for >> ("SyncNode[[str], int]" and "SyncNode[[int, int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int]" and "SyncNode[(a: int, b: int), int]"  [reportOperatorIssue]
flow_keyword = src >> keyed  # E: Need type annotation for "flow_keyword"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], int]" and "SyncNode[[int, NamedArg(int, 'scale')], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int]" and "SyncNode[(a: int, *, scale: int), int]"  [reportOperatorIssue]
flow_no_params = src >> nothing  # E: Need type annotation for "flow_no_params"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], int]" and "SyncNode[[], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int]" and "SyncNode[(), int]"  [reportOperatorIssue]
