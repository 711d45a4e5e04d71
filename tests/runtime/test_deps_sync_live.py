"""Per-run deps through the synchronous API (`run_sync`, `map_sync`, `execute_sync`) and live
runs (`start`): issue 10, parts 3, 4 and 7 together."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from typedflow import build, node


@dataclass(frozen=True)
class Deps:
    user: str


@node(inline=True)
def tag(text: str, *, deps: Deps) -> str:  # plain sync: the loop-free path of run_sync
    return f"{deps.user}:{text}"


@node
def pooled_tag(text: str, *, deps: Deps) -> str:  # on the pool: a private loop for run_sync
    return f"{deps.user}:{text}"


@node
async def async_tag(text: str, *, deps: Deps) -> str:
    await asyncio.sleep(0)
    return f"{deps.user}:{text}"


def join(chunks: list[str]) -> str:
    return "".join(chunks)


@node(collect=join)
async def spell(text: str, *, deps: Deps) -> AsyncIterator[str]:
    for letter in f"{deps.user}:{text}":
        await asyncio.sleep(0)
        yield letter


@node(collect=join)
def spell_sync(text: str, *, deps: Deps) -> Iterator[str]:  # one chunk per pool call
    yield from f"{deps.user}:{text}"


@pytest.mark.parametrize(
    "first", [tag, pooled_tag, async_tag, spell, spell_sync], ids=lambda n: n.name
)
def test_run_sync_passes_each_calls_deps(first: object) -> None:
    with build(first, deps=Deps) as pipeline:  # type: ignore[call-overload]
        assert pipeline.run_sync("x", deps=Deps("ann")) == "ann:x"
        assert pipeline.run_sync("y", deps=Deps("bob")) == "bob:y"
        assert pipeline.execute_sync("z", deps=Deps("cy")) == {first.name: "cy:z"}  # type: ignore[attr-defined]
        assert pipeline.map_sync(["a", "b"], deps=Deps("dee")) == ["dee:a", "dee:b"]


def test_run_sync_without_deps_fails_before_any_node_runs() -> None:
    with build(tag, deps=Deps) as pipeline:
        with pytest.raises(TypeError) as caught:
            pipeline.run_sync("x")  # type: ignore[call-overload]
        assert str(caught.value) == (
            "Pipeline `tag` was run without `deps=`, but its node `tag` takes the run's"
            " dependencies"
        )
        assert pipeline.last_run is None


def test_threads_calling_run_sync_with_their_own_deps_never_mix() -> None:
    results: dict[str, str] = {}
    barrier = threading.Barrier(8)

    @node(inline=True)
    def wait_then_tag(text: str, *, deps: Deps) -> str:
        barrier.wait(timeout=30)  # every thread is inside a run before any finishes
        return f"{deps.user}:{text}"

    with build(wait_then_tag, deps=Deps) as pipeline:

        def call(i: int) -> None:
            results[f"u{i}"] = pipeline.run_sync(str(i), deps=Deps(f"u{i}"))

        threads = [threading.Thread(target=call, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert results == {f"u{i}": f"u{i}:{i}" for i in range(8)}


@pytest.mark.parametrize("streaming", [spell, spell_sync], ids=lambda n: n.name)
async def test_a_live_run_passes_deps_to_a_streaming_node(streaming: Any) -> None:
    async with build(streaming, deps=Deps) as pipeline:
        async with pipeline.start("hi", deps=Deps("al")) as run:
            chunks = [c async for c in run.chunks(streaming)]
            assert await run.result() == "al:hi"
        assert chunks == list("al:hi")
        with pytest.raises(TypeError, match=rf"^Pipeline `{streaming.name}` was run without"):
            pipeline.start("hi")
