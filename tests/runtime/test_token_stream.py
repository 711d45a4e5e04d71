"""Streaming nodes at run time (issue 10, part 3): collected values downstream, live chunks
through `Pipeline.start`, chunk events, retries, timeouts, and cancellation closing the
generator. Concurrency is asserted by recorded order, never by sleeping."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typedflow import (
    ChunkEvent,
    NodeEvent,
    NodeExecutionError,
    NodeStatus,
    NodeTypeError,
    build,
    node,
)

RUNNING, COMPLETED, SKIPPED = NodeStatus.RUNNING, NodeStatus.COMPLETED, NodeStatus.SKIPPED


def join(chunks: list[str]) -> str:
    return "".join(chunks)


@node
def count(chunks: list[str]) -> int:
    return len(chunks)


@node
def shout(text: str) -> str:
    return text.upper()


async def test_downstream_receives_the_collected_chunks() -> None:
    @node
    async def words(text: str) -> AsyncIterator[str]:
        for w in text.split():
            await asyncio.sleep(0)
            yield w

    assert await build(words >> count).run("a b c") == 3
    assert await build(words).run("a b") == ["a", "b"]


async def test_collect_turns_the_chunks_into_the_value_downstream() -> None:
    @node(collect=join)
    def letters(text: str) -> Iterator[str]:
        yield from text

    assert await build(letters >> shout).run("abc") == "ABC"


async def test_a_sync_generator_runs_one_chunk_per_pool_call_and_inline_on_the_loop() -> None:
    threads: list[str] = []

    def gen(n: int) -> Iterator[int]:
        for k in range(n):
            threads.append(threading.current_thread().name)
            yield k

    pooled = build(node(gen))
    assert await pooled.run(2) == [0, 1]
    assert all(t.startswith("typedflow-") for t in threads)
    threads.clear()
    inline = build(node(gen, name="inline_gen", inline=True))
    assert await inline.run(2) == [0, 1]
    assert threads == [threading.current_thread().name] * 2
    await pooled.aclose()


async def test_chunks_arrive_live_before_the_generator_goes_on_and_before_downstream() -> None:
    order: list[str] = []
    seen = asyncio.Event()

    @node
    async def tokens(text: str) -> AsyncIterator[str]:
        order.append("yield a")
        yield "a"
        await asyncio.wait_for(seen.wait(), 5)  # only the live reader can set it
        order.append("yield b")
        yield "b"

    @node
    def after(chunks: list[str]) -> str:
        order.append("downstream")
        return "".join(chunks)

    pipeline = build(tokens >> after)
    async with pipeline.start("q") as run:
        async for token in run.chunks(tokens):
            order.append(f"got {token}")
            seen.set()
        assert await run.result() == "ab"
    assert order == ["yield a", "got a", "yield b", "got b", "downstream"]


async def test_a_waiting_reader_sees_each_chunk_before_the_generator_is_asked_for_more() -> None:
    order: list[str] = []

    @node
    def tokens(text: str) -> Iterator[str]:  # never waits: the reader's turn comes from us
        for c in text:
            order.append(f"yield {c}")
            yield c

    @node
    async def after(chunks: list[str]) -> int:
        order.append("downstream")
        return len(chunks)

    for inline in (False, True):
        order.clear()
        made = node(tokens.func, name="tokens", inline=inline)
        async with build(made >> after).start("ab") as run:
            async for token in run.chunks(made):
                order.append(f"got {token}")  # noqa: PERF401  # the order is the point
            assert await run.result() == 2
        assert order == ["yield a", "got a", "yield b", "got b", "downstream"]


async def test_every_reader_gets_every_chunk_however_late_it_starts() -> None:
    @node
    async def tokens(text: str) -> AsyncIterator[str]:
        for c in text:
            yield c

    async with build(tokens >> count).start("xyz") as run:
        assert await run.result() == 3
        early, late = run.chunks(tokens), run.chunks("tokens")
        assert [c async for c in early] == ["x", "y", "z"]
        assert [c async for c in late] == ["x", "y", "z"]


async def test_an_untyped_pipeline_starts_too_and_gives_what_execute_gives() -> None:
    @node(collect=join)
    async def tokens(text: str) -> AsyncIterator[str]:
        yield text

    pipeline = build(tokens >> shout)
    async with pipeline.start("hi") as run:
        assert [c async for c in run.chunks("tokens")] == ["hi"]
        assert await run.result() == "HI"
    async with super(type(pipeline), pipeline).start("hi") as raw:
        assert await raw.result() == {"tokens": "hi", "shout": "HI"}


async def test_a_nested_pipeline_s_node_of_the_same_name_streams_into_its_own_run() -> None:
    async def inner_gen(text: str) -> AsyncIterator[str]:
        yield f"inner {text}"

    async def outer_gen(text: str) -> AsyncIterator[str]:
        yield "outer"

    inner = build(node(collect=join, name="tokens")(inner_gen))
    outer_tokens = node(collect=join)(outer_gen).named("tokens")
    outer = build(outer_tokens >> inner.as_node("inner"))
    inner_events: list[NodeEvent] = []
    outer_events: list[NodeEvent] = []
    inner.events.subscribe(inner_events.append)
    outer.events.subscribe(outer_events.append)
    async with outer.start("q") as run:
        assert [c async for c in run.chunks(outer_tokens)] == ["outer"]
        assert await run.result() == "inner outer"
    assert [e.chunk for e in outer_events if isinstance(e, ChunkEvent)] == ["outer"]
    assert [e.chunk for e in inner_events if isinstance(e, ChunkEvent)] == ["inner outer"]


async def test_chunks_of_a_node_that_does_not_stream_is_a_type_error() -> None:
    @node
    async def tokens(text: str) -> AsyncIterator[str]:
        yield text

    other = tokens.named("other")
    async with build(tokens >> count).start("q") as run:
        with pytest.raises(TypeError) as caught:
            run.chunks(count)  # type: ignore[call-overload]  # the case under test
        assert str(caught.value) == (
            "`count` is not a streaming node of pipeline `count`; only a node of a generator"
            " function (`-> AsyncIterator[T]` or `-> Iterator[T]`) gives chunks"
        )
        with pytest.raises(TypeError, match="`other` is not a streaming node of pipeline"):
            run.chunks(other)
        await run.result()


async def test_a_live_run_must_be_entered_first() -> None:
    @node
    async def tokens(text: str) -> AsyncIterator[str]:
        yield text

    run = build(tokens).start("q")
    with pytest.raises(RuntimeError) as caught:
        run.chunks(tokens)
    assert str(caught.value) == "use a live run as `async with pipeline.start(data) as run:`"


async def test_each_chunk_is_an_event_between_running_and_completed() -> None:
    @node
    async def tokens(text: str) -> AsyncIterator[str]:
        for c in text:
            yield c

    pipeline = build(tokens >> count)
    events: list[NodeEvent] = []
    pipeline.events.subscribe(events.append)
    assert await pipeline.run("ab") == 2
    assert [(e.node, e.status, type(e).__name__) for e in events] == [
        ("tokens", RUNNING, "NodeEvent"),
        ("tokens", RUNNING, "ChunkEvent"),
        ("tokens", RUNNING, "ChunkEvent"),
        ("tokens", COMPLETED, "NodeEvent"),
        ("count", RUNNING, "NodeEvent"),
        ("count", COMPLETED, "NodeEvent"),
    ]
    chunks = [e for e in events if isinstance(e, ChunkEvent)]
    assert [(e.chunk, e.index, e.attempt, e.run_id) for e in chunks] == [
        ("a", 0, 1, 1),
        ("b", 1, 1, 1),
    ]
    assert all(e.pipeline == "count" for e in chunks)


async def test_a_retry_restarts_the_generator_and_downstream_sees_the_last_attempt() -> None:
    calls: list[int] = []

    @node(retries=1, backoff=0, jitter=0)
    async def flaky(text: str) -> AsyncIterator[str]:
        calls.append(len(calls) + 1)
        yield "a"
        if len(calls) == 1:
            raise ConnectionError("dropped")
        yield "b"

    pipeline = build(flaky)
    events: list[NodeEvent] = []
    pipeline.events.subscribe(events.append)
    async with pipeline.start("q") as run:
        live = [c async for c in run.chunks(flaky)]
        assert await run.result() == ["a", "b"]
    assert calls == [1, 2]
    assert live == ["a", "a", "b"]
    assert [(e.chunk, e.index, e.attempt) for e in events if isinstance(e, ChunkEvent)] == [
        ("a", 0, 1),
        ("a", 0, 2),
        ("b", 1, 2),
    ]
    assert pipeline.last_run is not None
    assert pipeline.last_run.attempts("flaky") == 2


async def test_a_failing_generator_fails_the_node_and_is_raised_by_result() -> None:
    closed: list[str] = []

    @node
    async def broken(text: str) -> AsyncIterator[str]:
        try:
            yield "a"
            raise ValueError("model error")
        finally:
            closed.append("finally")

    pipeline = build(broken >> count)
    async with pipeline.start("q") as run:
        assert [c async for c in run.chunks(broken)] == ["a"]
        with pytest.raises(NodeExecutionError) as caught:
            await run.result()
    assert caught.value.message == (
        "node `broken` in pipeline `count` failed: ValueError: model error"
    )
    assert closed == ["finally"]
    assert pipeline.get_pipeline_status() == {"broken": NodeStatus.FAILED, "count": SKIPPED}


async def test_a_failure_nobody_read_is_raised_when_the_block_ends() -> None:
    @node
    async def broken(text: str) -> AsyncIterator[str]:
        yield "a"
        raise ValueError("model error")

    with pytest.raises(NodeExecutionError, match="ValueError: model error"):
        async with build(broken).start("q") as run:
            assert [c async for c in run.chunks(broken)] == ["a"]


async def test_a_generator_function_returning_no_iterator_fails_clearly() -> None:
    def fake(text: str) -> Iterator[str]:
        return text  # type: ignore[return-value]  # the case under test

    with pytest.raises(NodeExecutionError) as caught:
        await build(node(fake)).run("q")
    assert caught.value.message == (
        "node `fake` in pipeline `fake` failed: TypeError: streaming node `fake` returned"
        " `str`, not an iterator or an async iterator"
    )


async def test_runtime_checks_apply_to_the_collected_value() -> None:
    @node
    async def liar(text: str) -> AsyncIterator[str]:
        yield 1  # type: ignore[misc]  # the case under test

    with pytest.raises(NodeTypeError, match="liar"):
        await build(liar, runtime_checks=True).run("q")


class _Gate:
    """A generator that records its life and waits, after its first chunk, for a release that
    never comes: only a cancellation ends it."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.started = asyncio.Event()

    def node(self) -> Any:
        gate = self

        @node
        async def waiting(text: str) -> AsyncIterator[str]:
            try:
                gate.log.append("yield")
                yield "first"
                gate.started.set()
                await asyncio.Event().wait()
                yield "never"
            finally:
                gate.log.append("finally")

        return waiting


async def test_leaving_the_block_early_cancels_the_run_and_closes_the_generator() -> None:
    gate = _Gate()
    waiting = gate.node()
    pipeline = build(waiting >> count)
    async with pipeline.start("q") as run:
        async for chunk in run.chunks(waiting):
            assert chunk == "first"
            break
        await gate.started.wait()
    assert gate.log == ["yield", "finally"]
    assert pipeline.get_pipeline_status() == {"waiting": SKIPPED, "count": SKIPPED}


async def test_cancelling_a_run_closes_the_generator() -> None:
    gate = _Gate()
    pipeline = build(gate.node())
    task = asyncio.get_running_loop().create_task(pipeline.run("q"))
    await gate.started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert gate.log == ["yield", "finally"]


async def test_closing_the_pipeline_cancels_live_runs_and_closes_their_generators() -> None:
    gate = _Gate()
    waiting = gate.node()
    pipeline = build(waiting)
    async with pipeline.start("q") as run:
        await gate.started.wait()
        await pipeline.aclose()
        assert gate.log == ["yield", "finally"]
        assert [c async for c in run.chunks(waiting)] == ["first"]
        with pytest.raises(asyncio.CancelledError):
            await run.result()


async def test_a_timeout_covers_the_whole_stream_and_closes_the_generator() -> None:
    log: list[str] = []

    @node(timeout=0.05)
    async def slow(text: str) -> AsyncIterator[str]:
        try:
            yield "a"
            await asyncio.Event().wait()
            yield "b"
        finally:
            log.append("finally")

    with pytest.raises(NodeExecutionError, match="node `slow` in pipeline `slow` failed: Timeout"):
        await build(slow).run("q")
    assert log == ["finally"]


async def test_cancelling_closes_a_sync_generator_once_its_chunk_returns() -> None:
    log: list[str] = []
    inside = threading.Event()
    release = threading.Event()
    closed = asyncio.Event()
    loop = asyncio.get_running_loop()

    def gen(text: str) -> Iterator[str]:
        try:
            yield "a"
            inside.set()
            release.wait(5)
            log.append("second chunk made")
            yield "b"
            log.append("never")
        finally:
            log.append("finally")
            loop.call_soon_threadsafe(closed.set)

    pipeline = build(node(gen))
    task = loop.create_task(pipeline.run("q"))
    await asyncio.to_thread(inside.wait, 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    release.set()
    await asyncio.wait_for(closed.wait(), 5)
    assert log == ["second chunk made", "finally"]
    await pipeline.aclose()


async def _fan_out(chunks: list[str], branches: int, is_async: bool, readers: int) -> None:
    async def agen(text: str) -> AsyncIterator[str]:
        for c in chunks:
            await asyncio.sleep(0)
            yield c

    def sgen(text: str) -> Iterator[str]:
        yield from chunks

    source = node(agen, name="source") if is_async else node(sgen, name="source")

    def branch(k: int) -> Any:
        def take(got: list[str]) -> tuple[int, list[str]]:
            return k, got

        return node(take, name=f"branch{k}")

    sinks = tuple(branch(k) for k in range(branches))
    pipeline = build(source >> (sinks if branches > 1 else sinks[0]))
    events: list[NodeEvent] = []
    pipeline.events.subscribe(events.append)
    async with pipeline.start("q") as run:

        async def read() -> list[str]:
            return [c async for c in run.chunks(source)]

        live = await asyncio.gather(*(read() for _ in range(readers)))
        result = await run.result()
    outputs = result if branches > 1 else (result,)
    assert list(outputs) == [(k, chunks) for k in range(branches)]
    assert live == [chunks] * readers
    chunk_events = [e for e in events if isinstance(e, ChunkEvent)]
    assert [(e.chunk, e.index) for e in chunk_events] == [(c, i) for i, c in enumerate(chunks)]
    steps = [(e.node, e.status) for e in events if not isinstance(e, ChunkEvent)]
    assert steps[:2] == [("source", RUNNING), ("source", COMPLETED)]
    await pipeline.aclose()


@settings(max_examples=40, deadline=None)
@given(
    chunks=st.lists(st.text(max_size=3), max_size=8),
    branches=st.integers(1, 4),
    is_async=st.booleans(),
    readers=st.integers(0, 3),
)
def test_every_branch_gets_the_whole_stream_and_every_reader_every_chunk(
    chunks: list[str], branches: int, is_async: bool, readers: int
) -> None:
    asyncio.run(_fan_out(chunks, branches, is_async, readers))
