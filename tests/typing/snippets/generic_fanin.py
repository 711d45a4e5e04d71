"""A generic fan-in target is solved from all of its positions."""

from __future__ import annotations

from typing import TypeVar, assert_type

from typedflow import Flow, node

T = TypeVar("T")


@node
def src(x: str) -> str:
    return x


@node
def size(x: str) -> int:
    return len(x)


@node
def width(x: str) -> int:
    return len(x) + 1


@node
def larger(a: T, b: T) -> T:
    return a


@node
def need_int(x: int) -> int:
    return x


@node
def need_str(x: str) -> int:
    return len(x)


flow_same_types = src >> (size, width) >> larger >> need_int
assert_type(src >> (size, width) >> larger, Flow[str, int])
echo = src.named("echo")
flow_mixed_types = src >> (size, echo) >> larger
flow_mixed_then_str = src >> (size, echo) >> larger >> need_str  # E: Need type annotation for "flow_mixed_then_str"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, object]" and "SyncNode[[str], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, int | str]" and "SyncNode[(x: str), int]"  [reportOperatorIssue]
