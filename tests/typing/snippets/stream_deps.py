"""Streaming nodes that take the run's deps: `>>` sees `(x) -> list[C]` (or what `collect`
makes), a direct call needs `deps=`, and a live run's chunks are typed from the node."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import assert_type

from typedflow import build, node
from typedflow._node import AsyncDepsStreamNode, SyncDepsStreamNode


@dataclass
class AppDeps:
    model: str


DEPS = AppDeps  # the snippet suite builds this module's flows with `deps=DEPS`


def join(chunks: list[str]) -> str:
    return "".join(chunks)


@node(collect=join)
async def generate(prompt: str, *, deps: AppDeps) -> AsyncIterator[str]:
    yield f"{deps.model}: {prompt}"


@node
def words(prompt: str, *, deps: AppDeps) -> Iterator[str]:
    yield from prompt.split()


@node
def size(text: str) -> int:
    return len(text)


@node
def count(items: list[str]) -> int:
    return len(items)


assert_type(generate, AsyncDepsStreamNode[str, str, str, AppDeps])
assert_type(words, SyncDepsStreamNode[str, list[str], str, AppDeps])

flow_generate = generate >> size
flow_words = words >> count
flow_wrong = words >> size  # E: Need type annotation for "flow_wrong"  [var-annotated]  # E: Unsupported operand types for >> ("SyncDepsStreamNode[str, list[str], str, AppDeps]" and "SyncNode[[str], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncDepsStreamNode[str, list[str], str, AppDeps]" and "SyncNode[(text: str), int]"  [reportOperatorIssue]


async def live() -> None:
    pipeline = build(flow_generate, deps=AppDeps)
    async with pipeline.start("hi", deps=AppDeps("m")) as run:
        async for token in run.chunks(generate):
            assert_type(token, str)
        assert_type(await run.result(), int)


def direct() -> None:
    assert_type(words("a b", deps=AppDeps("m")), Iterator[str])
    words("a b")  # E: Missing named argument "deps" for "__call__" of "SyncDepsStreamNode"  [call-arg]
    # ^ N: "__call__" defined in "typedflow._node"
    # ^ P: Argument missing for parameter "deps"  [reportCallIssue]
