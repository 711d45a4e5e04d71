"""list is invariant, Sequence and Mapping values covariant, on edges as in calls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from typedflow import node


@node
def ints(x: str) -> list[int]:
    return [len(x)]


@node
def seq_float(xs: Sequence[float]) -> int:
    return len(xs)


@node
def list_float(xs: list[float]) -> int:
    return len(xs)


@node
def table(x: str) -> dict[str, int]:
    return {x: 1}


@node
def read_table(m: Mapping[str, float]) -> int:
    return len(m)


@node
def write_table(m: dict[str, float]) -> int:
    return len(m)


flow_covariant = ints >> seq_float
flow_mapping = table >> read_table
flow_invariant = ints >> list_float  # E: Need type annotation for "flow_invariant"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], list[int]]" and "SyncNode[[list[float]], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), list[int]]" and "SyncNode[(xs: list[float]), int]"  [reportOperatorIssue]
flow_dict_invariant = table >> write_table  # E: Need type annotation for "flow_dict_invariant"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], dict[str, int]]" and "SyncNode[[dict[str, float]], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), dict[str, int]]" and "SyncNode[(m: dict[str, float]), int]"  [reportOperatorIssue]
