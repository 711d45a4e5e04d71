"""Literal, NewType and Annotated edges follow the assignability rules."""

from __future__ import annotations

from typing import Annotated, Literal, NewType

from typedflow import node

UserId = NewType("UserId", int)


@node
def mode(x: str) -> Literal["r", "w"]:
    return "r"


@node
def any_text(x: str) -> str:
    return x


@node
def need_mode(m: Literal["r", "w", "a"]) -> int:
    return 1


@node
def user(x: str) -> UserId:
    return UserId(len(x))


@node
def need_int(n: int) -> int:
    return n


@node
def need_user(u: UserId) -> int:
    return u


@node
def annotated(x: Annotated[str, "meta"]) -> Annotated[int, "meta"]:
    return len(x)


flow_literal_ok = mode >> need_mode
flow_newtype_ok = user >> need_int
flow_annotated_ok = any_text >> annotated >> need_int
flow_literal_bad = any_text >> need_mode  # E: Need type annotation for "flow_literal_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], str]" and "SyncNode[[Literal['r', 'w', 'a']], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), str]" and "SyncNode[(m: Literal['r', 'w', 'a']), int]"  [reportOperatorIssue]
flow_newtype_bad = annotated >> need_user  # E: Need type annotation for "flow_newtype_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], int]" and "SyncNode[[UserId], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int]" and "SyncNode[(u: UserId), int]"  [reportOperatorIssue]
