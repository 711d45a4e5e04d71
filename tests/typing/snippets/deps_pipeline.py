"""`build(flow, deps=T)` types the run's `deps=`: required, of type `T`; a pipeline without deps takes none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_type

from typedflow import Flow, TypedPipeline, build, node
from typedflow._node import AsyncDepsNode, AsyncNode


@dataclass
class AppDeps:
    user: str


@dataclass
class AdminDeps(AppDeps):
    level: int


DEPS = AppDeps  # the snippet suite builds this module's flows with `deps=DEPS`


@node
async def greet(name: str, *, deps: AppDeps) -> str:
    return f"{deps.user}: {name}"


@node
def size(text: str) -> int:
    return len(text)


@node
def strip(text: str) -> str:
    return text.strip()


flow_greet = greet >> size
flow_plain = strip >> size.named("plain_size")


async def runs() -> None:
    p = build(flow_greet, deps=AppDeps)
    assert_type(p, TypedPipeline[str, int, AppDeps])
    assert_type(await p.run("x", deps=AppDeps("u")), int)
    assert_type(await p.run("x", deps=AdminDeps("u", 1)), int)
    await p.run("x")  # E: Missing named argument "deps" for "run" of "TypedPipeline"  [call-arg]  # N: "run" defined in "typedflow._build"
    # ^ P: Argument missing for parameter "deps"  [reportCallIssue]
    await p.run("x", deps="u")  # E: Argument "deps" to "run" of "TypedPipeline" has incompatible type "str"; expected "AppDeps"  [arg-type]
    # ^ P: Argument of type "Literal['u']" cannot be assigned to parameter "deps" of type "AppDeps" in function "run"  [reportArgumentType]
    assert_type(await p.map(["x"], deps=AppDeps("u")), list[int])
    await p.map(["x"], deps="u")  # E: No overload variant of "map" of "TypedPipeline" matches argument types "list[str]", "str"  [call-overload]  # N: Possible overload variants:  # N: def map(self, inputs: Iterable[str] | AsyncIterable[str] | Observable[str], *, concurrency: int = ..., on_error: Literal['raise', 'skip'] = ..., progress: bool | Progress = ..., deps: AppDeps = ...) -> Coroutine[Any, Any, list[int]]
    # ^ N: def map(self, inputs: Iterable[str] | AsyncIterable[str] | Observable[str], *, concurrency: int = ..., on_error: Literal['collect'], progress: bool | Progress = ..., deps: AppDeps = ...) -> Coroutine[Any, Any, list[Outcome[str, int]]]
    # ^ N: def map(self, inputs: Iterable[str] | AsyncIterable[str] | Observable[str], *, concurrency: int = ..., on_error: Literal['raise', 'skip', 'collect'] = ..., progress: bool | Progress = ..., deps: AppDeps = ...) -> Coroutine[Any, Any, list[Any]]
    # ^ P: No overloads for "map" match the provided arguments  [reportCallIssue]
    # ^ P: Argument of type "Literal['u']" cannot be assigned to parameter "deps" of type "AppDeps" in function "map"  [reportArgumentType]
    async for out in p.stream(["x"], deps=AppDeps("u")):
        assert_type(out, int)
    plain = build(flow_plain)
    assert_type(plain, TypedPipeline[str, int])
    assert_type(await plain.run("x"), int)
    await plain.run("x", deps=AppDeps("u"))  # E: No overload variant of "run" of "TypedPipeline" matches argument types "str", "AppDeps"  [call-overload]  # N: Possible overload variants:  # N: def run(self, data: str) -> Coroutine[Any, Any, int]  # N: def run(self, data: str, *, deps: None) -> Coroutine[Any, Any, int]
    # ^ P: Argument of type "AppDeps" cannot be assigned to parameter "deps" of type "None" in function "run"  [reportArgumentType]


def nested() -> None:
    inner = build(flow_greet, deps=AppDeps).as_node()
    assert_type(inner, AsyncDepsNode[str, int, AppDeps])
    assert_type(strip >> inner, Flow[str, int])
    assert_type((strip >> inner).build(deps=AppDeps), TypedPipeline[str, int, AppDeps])
    assert_type(flow_greet.build(deps=AdminDeps), TypedPipeline[str, int, AdminDeps])
    plain = build(flow_plain).as_node()
    assert_type(plain, AsyncNode[[str], int])
