"""Fan-in nodes that take the run's deps: `(a, b) >> join` with `join(x, y, *, deps: T)` wires
like `(x, y) -> R` (two or three inputs); a direct call needs `deps=`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_type

from typedflow import Flow, TypedPipeline, build, node
from typedflow._node import AsyncDepsNode2, AsyncDepsNode3, SyncDepsNode2, SyncDepsNode3


@dataclass
class AppDeps:
    user: str


DEPS = AppDeps  # the snippet suite builds this module's flows with `deps=DEPS`


@node
def source(text: str) -> str:
    return text


@node
def size(text: str) -> int:
    return len(text)


@node
def upper(text: str) -> str:
    return text.upper()


@node
def join(text: str, n: int, *, deps: AppDeps) -> str:
    return f"{deps.user}: {text} {n}"


@node
async def ajoin(text: str, n: int, *, deps: AppDeps) -> float:
    return float(n)


@node
def join3(a: str, n: int, b: str, *, deps: AppDeps) -> bytes:
    return (a + b).encode()


@node(name="ajoin3", retries=1)
async def ajoin3(a: str, n: int, b: str, *, deps: AppDeps) -> int:
    return n


@node
def join_optional(text: str, n: int, extra: int = 0, *, deps: AppDeps) -> str:
    return text * (n + extra)


@node
def half(n: float) -> float:
    return n / 2


assert_type(join, SyncDepsNode2[str, int, str, AppDeps])
assert_type(ajoin, AsyncDepsNode2[str, int, float, AppDeps])
assert_type(join3, SyncDepsNode3[str, int, str, bytes, AppDeps])
assert_type(ajoin3, AsyncDepsNode3[str, int, str, int, AppDeps])
assert_type(join_optional, SyncDepsNode2[str, int, str, AppDeps])

flow_join = source >> (upper, size) >> join
assert_type(flow_join, Flow[str, str])
flow_ajoin = source >> (upper, size) >> ajoin >> half
assert_type(flow_ajoin, Flow[str, float])
flow_join3 = source >> (upper, size, source.named("again")) >> join3
assert_type(flow_join3, Flow[str, bytes])
flow_ajoin3 = source >> (upper, size, source.named("again3")) >> ajoin3
assert_type(flow_ajoin3, Flow[str, int])
flow_optional = source >> (upper, size) >> join_optional
assert_type(flow_optional, Flow[str, str])
flow_swapped = source >> (size, upper) >> join  # E: Unsupported operand types for >> ("Flow[str, tuple[int, str]]" and "SyncDepsNode2[str, int, str, AppDeps]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, tuple[int, str]]" and "SyncDepsNode2[str, int, str, AppDeps]"  [reportOperatorIssue]


async def calls() -> None:
    assert_type(join("a", 1, deps=AppDeps("u")), str)
    assert_type(await ajoin("a", 1, deps=AppDeps("u")), float)
    assert_type(join3("a", 1, "b", deps=AppDeps("u")), bytes)
    join("a", 1)  # E: Missing named argument "deps" for "__call__" of "SyncDepsNode2"  [call-arg]  # N: "__call__" defined in "typedflow._node"
    # ^ P: Argument missing for parameter "deps"  [reportCallIssue]
    pipeline = build(flow_join, deps=AppDeps)
    assert_type(pipeline, TypedPipeline[str, str, AppDeps])
    assert_type(await pipeline.run("ab", deps=AppDeps("u")), str)
