"""A long chain keeps the first input and the last output."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node


@node
def a(x: int) -> str:
    return str(x)


@node
def b(x: str) -> bytes:
    return x.encode()


@node
def c(x: bytes) -> list[int]:
    return list(x)


@node
def d(x: list[int]) -> tuple[int, ...]:
    return tuple(x)


@node
def e(x: tuple[int, ...]) -> dict[str, int]:
    return {"n": len(x)}


@node
def f(x: dict[str, int]) -> bool:
    return bool(x)


flow_six = a >> b >> c >> d >> e >> f
assert_type(flow_six, Flow[int, bool])
