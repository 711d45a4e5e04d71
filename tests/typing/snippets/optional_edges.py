"""A plain output fits an Optional input; an Optional output is a filter (issue 10): its edges
carry the type without None, and the flow's output may be None."""

from __future__ import annotations

from typing import Optional, assert_type

from typedflow import Flow, node


@node
def maybe(x: str) -> int | None:
    return len(x) or None


@node
def maybe_old(x: str) -> Optional[int]:  # noqa: UP045  # the spelling under test
    return len(x) or None


@node
def need_int(x: int) -> int:
    return x


@node
def take_optional(x: int | None) -> int:
    return x or 0


@node
def size(x: str) -> int:
    return len(x)


flow_optional_ok = maybe >> take_optional
flow_old_spelling = maybe_old >> take_optional
flow_plain_into_optional = size >> take_optional
flow_optional_filter = maybe >> need_int
flow_old_spelling_filter = maybe_old >> need_int
flow_optional_bad = maybe >> size  # E: Need type annotation for "flow_optional_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], int | None]" and "SyncNode[[str], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int | None]" and "SyncNode[(x: str), int]"  [reportOperatorIssue]


def types() -> None:
    assert_type(flow_optional_ok, Flow[str, int])
    assert_type(flow_plain_into_optional, Flow[str, int])
    assert_type(flow_optional_filter, Flow[str, int | None])
    assert_type(flow_old_spelling_filter, Flow[str, int | None])
