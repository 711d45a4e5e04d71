"""Fragments sharing node objects merge in `build(*flows)`; several sinks need one output."""

from __future__ import annotations

from typing import Any, assert_type

from typedflow import TypedPipeline, build, node


@node
def src(x: str) -> str:
    return x


@node
def size(x: str) -> int:
    return len(x)


@node
def width(x: str) -> int:
    return len(x) * 2


@node
def add(a: int, b: int) -> int:
    return a + b


flow_merged = (src >> size, src >> width, (size, width) >> add)
flow_two_sinks = (src >> size, src >> width)


def types() -> None:
    assert_type(build(*flow_merged), TypedPipeline[Any, Any])
