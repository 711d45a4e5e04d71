"""Tests of `BatchNode` (typedflow/_runtime/_batch.py): micro-batching of concurrent executions."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from typing import Any

import pytest

from typedflow import NodeDefinitionError, NodeExecutionError, PipelineError
from typedflow.pipeline import BatchNode, Pipeline, PipelineNode

from ._helpers import aident, chain, wait


def doubling(batches: list[list[Any]]) -> Any:
    async def run(items: list[Any]) -> list[Any]:
        batches.append(list(items))
        await asyncio.sleep(0)
        return [x * 2 for x in items]

    return run


async def test_hundreds_of_concurrent_executions_each_get_their_own_result() -> None:
    batches: list[list[int]] = []
    p = chain(
        Pipeline("p"),
        PipelineNode("src", aident),
        BatchNode("embed", doubling(batches), batch_size=16, max_wait=0.005),
        PipelineNode("after", lambda x: x + 1, inline=True),
    )
    results = await wait(asyncio.gather(*(p.execute(x) for x in range(500))))
    for x, result in enumerate(results):
        assert result == {"src": x, "embed": 2 * x, "after": 2 * x + 1}
    assert all(1 <= len(b) <= 16 for b in batches)
    assert Counter(x for b in batches for x in b) == Counter(range(500))
    assert len(batches) < 500


async def test_sync_batch_function_runs_on_the_pipeline_pool() -> None:
    threads: list[str] = []

    def upper(items: list[str]) -> list[str]:
        threads.append(threading.current_thread().name)
        return [s.upper() for s in items]

    async with chain(Pipeline("batchpool"), BatchNode("up", upper, batch_size=4)) as p:
        results = await wait(asyncio.gather(*(p.execute(c) for c in "abcdefgh")))
    assert [r["up"] for r in results] == list("ABCDEFGH")
    assert threads
    assert all(t.startswith("typedflow-batchpool") for t in threads)


async def test_a_full_batch_flushes_without_waiting() -> None:
    batches: list[list[int]] = []
    node = BatchNode("b", doubling(batches), batch_size=4, max_wait=3600)
    p = chain(Pipeline("p"), node)
    results = await wait(asyncio.gather(*(p.execute(x) for x in range(8))))
    assert [r["b"] for r in results] == [x * 2 for x in range(8)]
    assert batches == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert node.batches_run == 2


async def test_a_lone_input_is_flushed_after_max_wait() -> None:
    batches: list[list[int]] = []
    p = chain(Pipeline("p"), BatchNode("b", doubling(batches), batch_size=100, max_wait=0.01))
    assert await wait(p.execute(21)) == {"b": 42}
    assert batches == [[21]]


async def test_an_exception_fails_every_execution_of_that_batch_only() -> None:
    batches: list[list[str]] = []

    async def check(items: list[str]) -> list[str]:
        batches.append(list(items))
        if "bad" in items:
            raise ValueError("bad batch")
        return [s.upper() for s in items]

    p = chain(Pipeline("p"), BatchNode("b", check, batch_size=3, max_wait=3600))
    inputs = ["a", "bad", "c", "d", "e", "f"]
    results = await wait(asyncio.gather(*(p.execute(s) for s in inputs), return_exceptions=True))
    assert batches == [["a", "bad", "c"], ["d", "e", "f"]]
    errors = results[:3]
    assert all(isinstance(e, NodeExecutionError) for e in errors)
    causes = [e.__cause__ for e in errors]
    assert all(isinstance(c, ValueError) and str(c) == "bad batch" for c in causes)
    assert results[3:] == [{"b": "D"}, {"b": "E"}, {"b": "F"}]


@pytest.mark.parametrize(
    ("returned", "message"),
    [
        ([1], "batch node `b`: func returned 1 results for a batch of 2 inputs"),
        (7, "batch node `b`: func must return a sequence of results, got `int`"),
        ("xy", "batch node `b`: func must return a sequence of results, got `str`"),
    ],
    ids=["short", "not-a-sequence", "string"],
)
async def test_a_wrong_result_fails_the_batch_with_a_clear_message(
    returned: Any, message: str
) -> None:
    p = chain(Pipeline("p"), BatchNode("b", lambda items: returned, batch_size=2))
    results = await wait(asyncio.gather(p.execute(1), p.execute(2), return_exceptions=True))
    for result in results:
        assert isinstance(result, NodeExecutionError)
        assert str(result.__cause__) == message
    await p.aclose()


async def test_cancelling_a_waiting_execution_loses_or_duplicates_nothing() -> None:
    batches: list[list[str]] = []
    node = BatchNode("b", doubling(batches), batch_size=3, max_wait=3600)
    p = chain(Pipeline("p"), node)
    first = asyncio.create_task(p.execute("A"))
    second = asyncio.create_task(p.execute("B"))
    await asyncio.sleep(0)
    assert len(node._loops[asyncio.get_running_loop()].pending) == 2
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    rest = [asyncio.create_task(p.execute(s)) for s in "CDEF"]
    results = await wait(asyncio.gather(second, *rest))
    assert [r["b"] for r in results] == ["BB", "CC", "DD", "EE", "FF"]
    assert batches == [["B", "C"], ["D", "E", "F"]]


async def test_cancelling_an_execution_while_its_batch_runs() -> None:
    entered, release = asyncio.Event(), asyncio.Event()
    calls: list[list[int]] = []

    async def slow(items: list[int]) -> list[int]:
        calls.append(list(items))
        entered.set()
        await wait(release.wait())
        return [x + 1 for x in items]

    p = chain(Pipeline("p"), BatchNode("b", slow, batch_size=3, max_wait=3600))
    tasks = [asyncio.create_task(p.execute(x)) for x in range(3)]
    await wait(entered.wait())
    tasks[1].cancel()
    release.set()
    results = await wait(asyncio.gather(*tasks, return_exceptions=True))
    assert results[0] == {"b": 1}
    assert isinstance(results[1], asyncio.CancelledError)
    assert results[2] == {"b": 3}
    assert calls == [[0, 1, 2]]


async def test_process_batches_concurrent_calls_outside_a_pipeline() -> None:
    batches: list[list[int]] = []
    node = BatchNode("b", doubling(batches), batch_size=5, max_wait=0.01)
    results = await wait(asyncio.gather(*(node.process(x) for x in range(10))))
    assert results == [x * 2 for x in range(10)]
    assert batches == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]


async def test_aclose_fails_waiting_inputs_with_a_clear_error_not_a_cancellation() -> None:
    node = BatchNode("b", doubling([]), batch_size=10, max_wait=3600)
    task = asyncio.create_task(node.process(1))
    await asyncio.sleep(0)
    await node.aclose()
    with pytest.raises(PipelineError) as info:
        await task
    assert info.value.message == "batch node `b` was closed before its batch ran"


async def test_aclose_fails_inputs_of_a_batch_in_flight_with_a_clear_error() -> None:
    started = asyncio.Event()

    async def hang(items: list[int]) -> list[int]:
        started.set()
        await asyncio.Event().wait()
        return items

    node = BatchNode("b", hang, batch_size=1, max_wait=0)
    task = asyncio.create_task(node.process(1))
    await wait(started.wait())
    await node.aclose()
    with pytest.raises(PipelineError) as info:
        await task
    assert info.value.message == "batch node `b` was closed while its batch ran"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"batch_size": 0}, "node `b`: batch_size must be a whole number >= 1, got 0"),
        ({"max_wait": -1}, "node `b`: max_wait must be a finite number of seconds >= 0, got -1"),
    ],
    ids=["batch_size", "max_wait"],
)
def test_bad_batch_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        BatchNode("b", list, **options)
    assert info.value.message == message


async def test_issue6_leaving_a_stream_cancels_a_batch_call_nobody_waits_for() -> None:
    started = asyncio.Event()
    cancelled = asyncio.Event()
    never = asyncio.Event()

    async def slow(items: list[int]) -> list[int]:
        started.set()
        try:
            await never.wait()
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return items

    p = chain(Pipeline("p"), BatchNode("b", slow, batch_size=4, max_wait=0.001))
    baseline = asyncio.all_tasks()
    consumer = asyncio.ensure_future(p.map(range(4), concurrency=4))
    await wait(started.wait())
    consumer.cancel()
    await wait(cancelled.wait())
    for _ in range(5):
        await asyncio.sleep(0)
    assert asyncio.all_tasks() == baseline


def test_issue6_a_batch_node_with_a_limit_works_in_a_second_event_loop() -> None:
    async def double(items: list[int]) -> list[int]:
        await asyncio.sleep(0.001)  # batches overlap, so the limit makes them wait
        return [2 * i for i in items]

    node = BatchNode("b", double, batch_size=2, max_wait=0.001, concurrency=1)
    p = chain(Pipeline("p"), node)

    async def run() -> list[Any]:
        return await p.map(range(6), concurrency=6)

    expected = [{"b": 2 * i} for i in range(6)]
    assert asyncio.run(run()) == expected
    assert asyncio.run(run()) == expected


def test_issue_11_two_loops_in_two_threads_each_keep_their_waiting_inputs() -> None:
    """Thread A's first input waits for a partner while thread B runs a whole batch on its
    own loop: A's input must stay queued on A's loop and be batched with A's second input."""
    batches: list[list[str]] = []
    node = BatchNode("b", doubling(batches), batch_size=2, max_wait=60)
    a_waiting, b_done = threading.Event(), threading.Event()
    results: dict[str, Any] = {}

    async def in_a() -> list[Any]:
        first = asyncio.create_task(node.submit("a1"))
        await asyncio.sleep(0)
        a_waiting.set()
        await wait(asyncio.to_thread(b_done.wait))
        return await wait(asyncio.gather(first, node.submit("a2")))

    async def in_b() -> list[Any]:
        await wait(asyncio.to_thread(a_waiting.wait))
        try:
            return await wait(asyncio.gather(node.submit("b1"), node.submit("b2")))
        finally:
            b_done.set()

    def run(name: str, main: Any) -> None:
        try:
            results[name] = asyncio.run(main())
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            results[name] = exc

    threads = [threading.Thread(target=run, args=(n, m)) for n, m in (("a", in_a), ("b", in_b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(15)
    assert results == {"a": ["a1a1", "a2a2"], "b": ["b1b1", "b2b2"]}
    assert batches == [["b1", "b2"], ["a1", "a2"]]


def test_issue_11_a_second_asyncio_run_starts_with_its_own_batch() -> None:
    batches: list[list[int]] = []
    node = BatchNode("b", doubling(batches), batch_size=2, max_wait=60, concurrency=1)

    async def pair(a: int, b: int) -> list[Any]:
        return await wait(asyncio.gather(node.submit(a), node.submit(b)))

    assert asyncio.run(pair(1, 2)) == [2, 4]
    assert asyncio.run(pair(3, 4)) == [6, 8]
    assert batches == [[1, 2], [3, 4]]
