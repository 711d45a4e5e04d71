"""The int -> float -> complex promotions hold on edges; the reverse does not."""

from __future__ import annotations

from typedflow import node


@node
def integer(x: str) -> int:
    return len(x)


@node
def real(x: float) -> float:
    return x


@node
def cplx(x: complex) -> complex:
    return x


@node
def need_int(x: int) -> int:
    return x


flow_up = integer >> real >> cplx
flow_down = integer >> real >> need_int  # E: Need type annotation for "flow_down"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, float]" and "SyncNode[[int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, float]" and "SyncNode[(x: int), int]"  [reportOperatorIssue]
