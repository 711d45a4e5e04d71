"""Tests of the event stream (typedflow/_runtime/_events.py) as published by the scheduler."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

import pytest

from typedflow import NodeExecutionError
from typedflow._runtime import _run
from typedflow._runtime._events import EventStream
from typedflow.pipeline import NodeEvent, NodeStatus, Pipeline, PipelineNode

from ._helpers import aident, chain, fan_out, ident, wait

if TYPE_CHECKING:
    from collections.abc import Callable

RUNNING, COMPLETED, FAILED, SKIPPED = (
    NodeStatus.RUNNING,
    NodeStatus.COMPLETED,
    NodeStatus.FAILED,
    NodeStatus.SKIPPED,
)


def collect(p: Pipeline) -> list[NodeEvent]:
    events: list[NodeEvent] = []
    p.events.subscribe(events.append)
    return events


def steps(events: list[NodeEvent]) -> list[tuple[str, NodeStatus]]:
    return [(e.node, e.status) for e in events]


def boom(x: Any) -> Any:
    raise ValueError("boom")


@pytest.mark.parametrize(
    "make",
    [
        lambda name: PipelineNode(name, aident),
        lambda name: PipelineNode(name, ident, inline=True),
        lambda name: PipelineNode(name, ident),
    ],
    ids=["async", "inline", "threaded"],
)
async def test_a_chain_publishes_each_change_in_order(make: Callable[[str], PipelineNode]) -> None:
    async with chain(Pipeline("p"), make("a"), make("b"), make("c")) as p:
        events = collect(p)
        record = await p.execute_record(1)
    assert steps(events) == [
        ("a", RUNNING), ("a", COMPLETED),
        ("b", RUNNING), ("b", COMPLETED),
        ("c", RUNNING), ("c", COMPLETED),
    ]
    assert {(e.run_id, e.pipeline) for e in events} == {(record.run_id, "p")}
    times = [e.time for e in events]
    assert times == sorted(times)
    for e in events:
        assert e.error is None
        assert e.attempt == 1
        if e.status is RUNNING:
            assert e.duration is None
        else:
            assert e.duration is not None
            assert e.duration >= 0


async def test_a_failure_publishes_failed_then_skipped() -> None:
    p = chain(Pipeline("p"), PipelineNode("a", aident), PipelineNode("b", boom, inline=True),
              PipelineNode("c", aident), PipelineNode("d", aident))
    events = collect(p)
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(1)
    assert steps(events) == [
        ("a", RUNNING), ("a", COMPLETED), ("b", RUNNING), ("b", FAILED),
        ("c", SKIPPED), ("d", SKIPPED),
    ]
    failed = events[3]
    assert failed.error is info.value.__cause__
    assert failed.duration is not None
    assert failed.duration >= 0
    for skipped in events[4:]:
        assert (skipped.duration, skipped.error) == (None, None)


async def test_a_filtered_branch_publishes_skipped() -> None:
    p = chain(Pipeline("p"), PipelineNode("f", lambda x: None, inline=True),
              PipelineNode("after", aident))
    events = collect(p)
    await p.execute(1)
    assert steps(events) == [("f", RUNNING), ("f", COMPLETED), ("after", SKIPPED)]


async def test_a_cancelled_branch_publishes_skipped_with_the_cancellation() -> None:
    started = asyncio.Event()

    async def hang(x: int) -> int:
        started.set()
        await asyncio.Event().wait()
        return x

    async def fail(x: int) -> int:
        await wait(started.wait())
        raise ValueError("stop")

    p = fan_out("p", PipelineNode("src", aident),
                [PipelineNode("hang", hang), PipelineNode("fail", fail)])
    events = collect(p)
    with pytest.raises(NodeExecutionError):
        await p.execute(1)
    assert steps(events) == [
        ("src", RUNNING), ("src", COMPLETED),
        ("hang", RUNNING), ("fail", RUNNING), ("fail", FAILED), ("hang", SKIPPED),
    ]
    cancelled = events[-1]
    assert isinstance(cancelled.error, asyncio.CancelledError)


async def test_each_run_has_its_own_id_and_sequence() -> None:
    gate = asyncio.Event()

    async def held(x: int) -> int:
        await wait(gate.wait())
        return x

    p = chain(Pipeline("p"), PipelineNode("a", held), PipelineNode("b", aident))
    events = collect(p)
    first = asyncio.create_task(p.execute_record(1))
    second = asyncio.create_task(p.execute_record(2))
    await asyncio.sleep(0)
    gate.set()
    records = await wait(asyncio.gather(first, second))
    for record in records:
        own = [e for e in events if e.run_id == record.run_id]
        assert steps(own) == [("a", RUNNING), ("a", COMPLETED), ("b", RUNNING), ("b", COMPLETED)]
    assert len(events) == 8


def test_publisher_is_none_without_subscribers() -> None:
    stream = EventStream()
    assert stream.publisher() is None
    seen: list[NodeEvent] = []
    subscription = stream.observable.subscribe(seen.append)
    publish = stream.publisher()
    assert publish is not None
    event = NodeEvent(1, "p", "a", RUNNING, 0.0)
    publish(event)
    assert seen == [event]
    subscription.dispose()
    assert stream.publisher() is None


def test_the_observable_does_not_expose_on_next() -> None:
    p = Pipeline("p")
    assert not hasattr(p.events, "on_next")


async def test_no_event_is_built_when_nobody_subscribes(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: Any) -> NodeEvent:
        raise AssertionError("an event was built without a subscriber")

    monkeypatch.setattr(_run, "NodeEvent", forbidden)
    p = chain(Pipeline("p"), PipelineNode("a", aident), PipelineNode("b", boom, inline=True),
              PipelineNode("c", aident))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(1)
    assert isinstance(info.value.__cause__, ValueError)
    assert p.get_pipeline_status() == {"a": COMPLETED, "b": FAILED, "c": SKIPPED}


async def test_unsubscribing_stops_events() -> None:
    p = chain(Pipeline("p"), PipelineNode("a", aident))
    events: list[NodeEvent] = []
    subscription = p.events.subscribe(events.append)
    await p.execute(1)
    subscription.dispose()
    await p.execute(2)
    assert len(events) == 2


@pytest.mark.parametrize("failing_on", [RUNNING, COMPLETED])
async def test_issue2_a_failing_subscriber_does_not_break_the_run(
    failing_on: NodeStatus, caplog: pytest.LogCaptureFixture
) -> None:
    def bad(event: NodeEvent) -> None:
        if event.node in ("b", "c") and event.status is failing_on:
            raise RuntimeError("subscriber broke")

    p = fan_out("p", PipelineNode("src", aident), [PipelineNode("b", aident),
                                                   PipelineNode("c", aident)])
    p.events.subscribe(bad)
    events = collect(p)
    with caplog.at_level(logging.ERROR, logger="typedflow"):
        assert await p.execute(1) == {"src": 1, "b": 1, "c": 1}
    assert p.get_pipeline_status() == {"src": COMPLETED, "b": COMPLETED, "c": COMPLETED}
    assert len(events) == 6
    messages = [r.getMessage() for r in caplog.records if r.name == "typedflow"]
    assert messages == [
        f"an event subscriber of pipeline `p` raised on the {failing_on.value} event "
        f"of node `{n}`"
        for n in ("b", "c")
    ]


async def test_a_sync_chain_publishes_each_change_when_it_happens_while_someone_listens() -> None:
    """Issue 2: with a subscriber, a straight sync chain is not fused into one thread hop, so
    each node's RUNNING event comes before it runs and its COMPLETED event after it ends."""
    ran: dict[str, tuple[float, float]] = {}

    def step(name: str) -> Any:
        def run(x: int) -> int:
            start = time.time()
            time.sleep(0.01)
            ran[name] = (start, time.time())
            return x

        return run

    p = chain(Pipeline("p"), *(PipelineNode(n, step(n)) for n in "abc"))
    seen: list[tuple[str, NodeStatus, float]] = []
    p.events.subscribe(lambda e: seen.append((e.node, e.status, e.time)))
    async with p:
        await p.execute(1)
    for name in "abc":
        (running,) = [t for n, st, t in seen if n == name and st is NodeStatus.RUNNING]
        (completed,) = [t for n, st, t in seen if n == name and st is NodeStatus.COMPLETED]
        start, end = ran[name]
        assert running <= start
        assert completed >= end


def test_threads_reading_events_first_share_one_stream() -> None:
    # The stream is made on first read; threads racing to that read must all subscribe to
    # the one the runs publish on, or some subscribers would hear nothing.
    import threading

    p = Pipeline("p")
    p.set_start_node(p.add_node(PipelineNode("a", ident, inline=True)))
    start = threading.Barrier(8)
    heard: list[list[str]] = [[] for _ in range(8)]

    def subscribe(k: int) -> None:
        start.wait()
        p.events.subscribe(lambda e: heard[k].append(e.status.name))

    threads = [threading.Thread(target=subscribe, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert p.execute_sync(1) == {"a": 1}
    assert heard == [["RUNNING", "COMPLETED"]] * 8
