"""Generic identity and wrapping nodes keep the type of what flows through them."""

from __future__ import annotations

from typing import TypeVar, assert_type

from typedflow import Flow, node

T = TypeVar("T")


@node
def size(x: str) -> int:
    return len(x)


@node
def same(x: T) -> T:
    return x


@node
def boxed(x: T) -> list[T]:
    return [x]


@node
def first(xs: list[T]) -> T:
    return xs[0]


@node
def need_int(x: int) -> int:
    return x


@node
def need_str(x: str) -> int:
    return len(x)


flow_same = size >> same >> need_int
flow_box = size >> boxed >> first >> same >> need_int
assert_type(size >> boxed, Flow[str, list[int]])
assert_type(size >> same >> boxed >> first, Flow[str, int])
flow_box_bad = size >> boxed >> first >> need_str  # E: Need type annotation for "flow_box_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, int]" and "SyncNode[[str], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, int]" and "SyncNode[(x: str), int]"  [reportOperatorIssue]
