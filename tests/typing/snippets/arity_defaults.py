"""Defaults and *args: a target takes as many arguments as its signature allows."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node


@node
def src(x: str) -> str:
    return x


@node
def size(x: str) -> int:
    return len(x)


@node
def scaled(n: int, factor: int = 2) -> int:
    return n * factor


@node
def total(*ns: int) -> int:
    return sum(ns)


@node
def pair_or_triple(a: int, b: int, c: int = 0) -> int:
    return a + b + c


size2 = size.named("size2")
size3 = size.named("size3")
flow_default = src >> size >> scaled
flow_varargs = src >> (size, size2, size3) >> total
flow_optional_third = src >> (size, size2) >> pair_or_triple
flow_all_three = src >> (size, size2, size3) >> pair_or_triple
assert_type(flow_varargs, Flow[str, int])
flow_varargs_in = (size, size2) >> total
# ^ P: Operator ">>" not supported for types "tuple[SyncNode[(x: str), int], SyncNode[(x: str), int]]" and "SyncNode[(*ns: int), int]"  [reportOperatorIssue]
flow_defaults_in = (size, size2) >> pair_or_triple
