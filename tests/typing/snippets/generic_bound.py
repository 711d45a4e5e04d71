"""TypeVar bounds and constraints are respected on edges."""

from __future__ import annotations

from collections.abc import Sized
from typing import AnyStr, TypeVar, assert_type

from typedflow import Flow, node

S = TypeVar("S", bound=Sized)


@node
def text(x: int) -> str:
    return str(x)


@node
def number(x: str) -> int:
    return len(x)


@node
def sized(x: S) -> S:
    return x


@node
def doubled(x: AnyStr) -> AnyStr:
    return x + x


flow_bound_ok = number >> text >> sized
assert_type(flow_bound_ok, Flow[str, str])
flow_constrained_ok = number >> text >> doubled
assert_type(flow_constrained_ok, Flow[str, str])
flow_bound_bad = text >> number >> sized  # E: Unsupported operand types for >> ("Flow[int, int]" and "SyncNode[[_T], _T]")  [operator]
# ^ N: Following member(s) of "SyncNode[[_T], _T]" have conflicts:
# ^ N:     Expected:
# ^ N:         def _sig(self, int, /) -> int
# ^ N:     Got:
# ^ N:         def [_T: Sized] _sig(self, x: _T) -> _T
# ^ P: Operator ">>" not supported for types "Flow[int, int]" and "SyncNode[(x: S@sized), S@sized]"  [reportOperatorIssue]
flow_constrained_bad = text >> number >> doubled  # E: Unsupported operand types for >> ("Flow[int, int]" and "SyncNode[[_T], _T]")  [operator]
# ^ N: Following member(s) of "SyncNode[[_T], _T]" have conflicts:
# ^ N:     Expected:
# ^ N:         def _sig(self, int, /) -> int
# ^ N:     Got:
# ^ N:         def [_T: (str, bytes)] _sig(self, x: _T) -> _T
# ^ P: Operator ">>" not supported for types "Flow[int, int]" and "SyncNode[(x: AnyStr@doubled), AnyStr@doubled]"  [reportOperatorIssue]
