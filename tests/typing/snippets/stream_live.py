"""A live run gives a streaming node's chunks typed, and `result()` typed as `run` is."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, assert_type

from typedflow import build, node


def join(chunks: list[str]) -> str:
    return "".join(chunks)


@node(collect=join)
async def answer(question: str) -> AsyncIterator[str]:
    yield question


@node
def numbers(text: str) -> Iterator[int]:
    yield len(text)


@node
def shout(text: str) -> str:
    return text.upper()


@node
def pair(text: str, ns: list[int]) -> tuple[str, int]:
    return text, len(ns)


flow_answer = answer >> shout
flow_both = (answer, numbers) >> pair


async def live() -> None:
    pipeline = build(flow_answer)
    async with pipeline.start("q") as run:
        async for chunk in run.chunks(answer):
            assert_type(chunk, str)
        assert_type(await run.result(), str)
        assert_type(run.chunks("answer"), AsyncIterator[Any])
        run.chunks(shout)  # E: No overload variant of "chunks" of "LiveRun" matches argument type "SyncNode[[str], str]"  [call-overload]
        # ^ N: Possible overload variants:
        # ^ N:     def [C] chunks(self, node: Streams[C]) -> AsyncIterator[C]
        # ^ N:     def chunks(self, node: str) -> AsyncIterator[Any]
        # ^ P: No overloads for "chunks" match the provided arguments  [reportCallIssue]
        # ^ P: Argument of type "SyncNode[(text: str), str]" cannot be assigned to parameter "node" of type "str" in function "chunks"  [reportArgumentType]
    pipeline.start(1)  # E: No overload variant of "start" of "TypedPipeline" matches argument type "int"  [call-overload]
    # ^ N: Possible overload variants:
    # ^ N:     def start(self, data: str, *, deps: None = ...) -> LiveRun[str]
    # ^ P: No overloads for "start" match the provided arguments  [reportCallIssue]
    # ^ P: Argument of type "Literal[1]" cannot be assigned to parameter "data" of type "str" in function "start"  [reportArgumentType]
    both = build(flow_both)
    async with both.start("q") as run2:
        async for n in run2.chunks(numbers):
            assert_type(n, int)
        assert_type(await run2.result(), tuple[str, int])
