"""Optional outputs need Optional inputs; a plain output fits an Optional input."""

from __future__ import annotations

from typing import Optional

from typedflow import node


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
flow_optional_bad = maybe >> need_int  # E: Need type annotation for "flow_optional_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], int | None]" and "SyncNode[[int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int | None]" and "SyncNode[(x: int), int]"  [reportOperatorIssue]
flow_old_spelling_bad = maybe_old >> need_int  # E: Need type annotation for "flow_old_spelling_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], int | None]" and "SyncNode[[int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), int | None]" and "SyncNode[(x: int), int]"  [reportOperatorIssue]
