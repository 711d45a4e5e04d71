"""`stream`, `map` and `as_observable` are typed from the pipeline: `O`, or `Outcome[I, O]` with
on_error="collect"."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any, assert_type

from rx.core import Observable

from typedflow import Outcome, StreamErrors, TypedPipeline, node


@node
def size(text: str) -> int:
    return len(text)


@node
def half(n: int) -> float:
    return n / 2


flow_main = size >> half


async def types(pipeline: TypedPipeline[str, float], mode: StreamErrors) -> None:
    assert_type(await pipeline.map(["a"]), list[float])
    assert_type(await pipeline.map(["a"], on_error="skip"), list[float])
    assert_type(await pipeline.map(["a"], on_error="collect"), list[Outcome[str, float]])
    assert_type(await pipeline.map(["a"], on_error=mode), list[Any])
    assert_type(pipeline.stream(["a"]), AsyncGenerator[float])
    assert_type(pipeline.stream(["a"], on_error="collect"), AsyncGenerator[Outcome[str, float]])
    async for out in pipeline.stream(["a"], ordered=False):
        assert_type(out, float)
    async for outcome in pipeline.stream(["a"], on_error="collect"):
        assert_type(outcome.input, str)
        assert_type(outcome.output, float | None)
    assert_type(pipeline.as_observable(["a"]), Observable[float])
    assert_type(pipeline.as_observable(["a"], on_error="collect"), Observable[Outcome[str, float]])
    wrong: list[str] = await pipeline.map(["a"])  # E: Incompatible types in assignment (expression has type "list[float]", variable has type "list[str]")  [assignment]
    # ^ P: Type "list[float]" is not assignable to declared type "list[str]"  [reportAssignmentType]
    await pipeline.map([1])  # E: List item 0 has incompatible type "int"; expected "str"  [list-item]
    # ^ P: No overloads for "map" match the provided arguments  [reportCallIssue]
    # ^ P: Argument of type "list[int]" cannot be assigned to parameter "inputs" of type "Inputs[str]" in function "map"  [reportArgumentType]
