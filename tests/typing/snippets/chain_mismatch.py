"""A chain with one ill-typed edge is a mypy error on the line of that edge."""

from __future__ import annotations

from typedflow import node


@node
def clean(text: str) -> str:
    return text.strip()


@node
def double(n: int) -> int:
    return 2 * n


@node
def show(n: int) -> str:
    return str(n)


flow_bad = clean >> double  # E: Need type annotation for "flow_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], str]" and "SyncNode[[int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(text: str), str]" and "SyncNode[(n: int), int]"  [reportOperatorIssue]
flow_bad_later = double >> show >> double.named("d2") >> show.named("s2") >> show.named("s3")  # E: Need type annotation for "flow_bad_later"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[int, str]" and "SyncNode[[int], int]")  [operator]
# ^ E: Unsupported operand types for >> ("Flow[int, str]" and "SyncNode[[int], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[int, str]" and "SyncNode[(n: int), int]"  [reportOperatorIssue]
