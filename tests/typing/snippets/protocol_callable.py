"""Callback protocols and Callable outputs: parameters are contravariant."""

from __future__ import annotations

from collections.abc import Callable

from typedflow import node


@node
def make_handler(x: str) -> Callable[[object], int]:
    return lambda _: 1


@node
def make_narrow(x: str) -> Callable[[int], int]:
    return lambda n: n


@node
def use_int_handler(f: Callable[[int], int]) -> int:
    return f(1)


@node
def use_object_handler(f: Callable[[object], int]) -> int:
    return f("x")


flow_contravariant = make_handler >> use_int_handler
flow_narrow_bad = make_narrow >> use_object_handler  # E: Need type annotation for "flow_narrow_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], Callable[[int], int]]" and "SyncNode[[Callable[[object], int]], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), (int) -> int]" and "SyncNode[(f: (object) -> int), int]"  [reportOperatorIssue]
