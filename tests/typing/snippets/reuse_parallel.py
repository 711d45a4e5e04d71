"""One node in several positions of a fan-in gives parallel edges, one per argument."""

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
def add(a: int, b: int) -> int:
    return a + b


flow_parallel = (src >> size, src >> size) >> add
assert_type(flow_parallel, Flow[str, int])
flow_shared_upstream = src >> (size, size.named("size2")) >> add
