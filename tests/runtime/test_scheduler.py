"""Tests of the DAG scheduler (typedflow/_runtime/_scheduler.py): concurrency and cancellation."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from typing import Any

import pytest

from typedflow import NodeExecutionError
from typedflow.pipeline import NodeStatus, Pipeline, PipelineNode

from ._helpers import WAIT, aident, chain, fan_out, ident, typedflow_threads, wait

COMPLETED, FAILED, SKIPPED = NodeStatus.COMPLETED, NodeStatus.FAILED, NodeStatus.SKIPPED


async def test_fan_out_branches_run_at_the_same_time() -> None:
    started: list[str] = []
    all_started = asyncio.Event()

    def branch(name: str) -> Any:
        async def run(x: int) -> str:
            started.append(name)
            if len(started) == 3:
                all_started.set()
            await wait(all_started.wait())
            return f"{name}{x}"

        return run

    p = fan_out("p", PipelineNode("src", aident), [PipelineNode(n, branch(n)) for n in "abc"])
    assert await p.execute(1) == {"src": 1, "a": "a1", "b": "b1", "c": "c1"}
    assert sorted(started) == ["a", "b", "c"]


async def test_fan_out_of_sleeps_takes_about_one_sleep() -> None:
    async def nap(x: int) -> int:
        await asyncio.sleep(0.2)
        return x

    p = fan_out("p", PipelineNode("src", aident), [PipelineNode(n, nap) for n in "abc"])
    t0 = time.perf_counter()
    await p.execute(1)
    elapsed = time.perf_counter() - t0
    assert 0.2 <= elapsed < 0.5


async def test_sync_branches_run_in_parallel_threads() -> None:
    barrier = threading.Barrier(3, timeout=WAIT)
    threads: list[str] = []

    def branch(x: int) -> int:
        threads.append(threading.current_thread().name)
        barrier.wait()
        return x

    async with fan_out(
        "par", PipelineNode("src", ident, inline=True), [PipelineNode(n, branch) for n in "abc"]
    ) as p:
        assert await p.execute(1) == {"src": 1, "a": 1, "b": 1, "c": 1}
    assert len(set(threads)) == 3
    assert all(name.startswith("typedflow-par") for name in threads)


async def test_concurrent_executions_never_mix_outputs_or_statuses() -> None:
    async def shift(x: int) -> int:
        await asyncio.sleep(0)
        return x + 1000

    async def maybe_fail(x: int) -> int:
        await asyncio.sleep(0)
        if x % 7 == 0:
            raise ValueError(str(x))
        return -x

    p = fan_out(
        "p",
        PipelineNode("src", aident),
        [PipelineNode("shift", shift), PipelineNode("neg", maybe_fail),
         PipelineNode("sq", lambda x: x * x)],
        PipelineNode("join", lambda a, b, c: (a, b, c), inline=True),
        on_error="continue",
    )
    records = await asyncio.gather(*(p.execute_record(x) for x in range(200)))
    for x, record in enumerate(records):
        if x % 7 == 0:
            assert record.outputs == {"src": x, "shift": x + 1000, "sq": x * x}
            assert record.status["neg"] is FAILED
            assert record.status["join"] is SKIPPED
            assert str(record.errors["neg"]) == str(x)
        else:
            assert record.outputs == {
                "src": x, "shift": x + 1000, "neg": -x, "sq": x * x,
                "join": (x + 1000, -x, x * x),
            }
            assert set(record.status.values()) == {COMPLETED}
    assert len({r.run_id for r in records}) == 200
    await p.aclose()


async def test_concurrent_executions_return_their_own_results() -> None:
    async def step(x: tuple[int, ...]) -> tuple[int, ...]:
        await asyncio.sleep(0)
        return (*x, x[0])

    p = chain(Pipeline("p"), *(PipelineNode(f"n{k}", step) for k in range(4)))
    results = await asyncio.gather(*(p.execute((x,)) for x in range(200)))
    for x, result in enumerate(results):
        assert result["n3"] == (x,) * 5


async def test_failure_cancels_running_sibling_branches() -> None:
    before = asyncio.all_tasks()
    sibling_started = asyncio.Event()
    observed: list[str] = []
    forever = asyncio.Event()

    async def sibling(x: int) -> int:
        sibling_started.set()
        try:
            await forever.wait()
        except asyncio.CancelledError:
            observed.append("cancelled")
            raise
        return x

    async def failing(x: int) -> int:
        await wait(sibling_started.wait())
        raise ValueError("bad")

    p = fan_out("p", PipelineNode("src", aident),
                [PipelineNode("sibling", sibling), PipelineNode("failing", failing)])
    after_sibling = p.add_node(PipelineNode("after", aident))
    p.get_node("sibling").connect(after_sibling)
    with pytest.raises(NodeExecutionError) as info:
        await wait(p.execute(1))
    assert info.value.node == "failing"
    assert observed == ["cancelled"]
    assert p.get_pipeline_status() == {
        "src": COMPLETED, "sibling": SKIPPED, "failing": FAILED, "after": SKIPPED,
    }
    record = p.last_run
    assert record is not None
    assert isinstance(record.nodes["sibling"].error, asyncio.CancelledError)
    assert list(record.errors) == ["failing"]
    assert asyncio.all_tasks() == before


async def test_caller_cancellation_cancels_every_branch() -> None:
    before = asyncio.all_tasks()
    started: list[str] = []
    cancelled: list[str] = []
    all_started = asyncio.Event()

    def branch(name: str) -> Any:
        async def run(x: int) -> int:
            started.append(name)
            if len(started) == 3:
                all_started.set()
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancelled.append(name)
                raise
            return x

        return run

    p = fan_out("p", PipelineNode("src", aident), [PipelineNode(n, branch(n)) for n in "abc"],
                PipelineNode("join", lambda *a: a, inline=True))
    task = asyncio.create_task(p.execute(1))
    await wait(all_started.wait())
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert sorted(cancelled) == ["a", "b", "c"]
    assert p.get_pipeline_status() == {
        "src": COMPLETED, "a": SKIPPED, "b": SKIPPED, "c": SKIPPED, "join": SKIPPED,
    }
    assert asyncio.all_tasks() == before


async def test_caller_cancellation_of_a_chain() -> None:
    before = asyncio.all_tasks()
    entered = asyncio.Event()
    cancelled: list[str] = []

    async def block(x: int) -> int:
        entered.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.append("b")
            raise
        return x

    p = chain(Pipeline("p"), PipelineNode("a", aident), PipelineNode("b", block),
              PipelineNode("c", aident))
    task = asyncio.create_task(p.execute(1))
    await wait(entered.wait())
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert cancelled == ["b"]
    assert p.get_pipeline_status() == {"a": COMPLETED, "b": SKIPPED, "c": SKIPPED}
    assert asyncio.all_tasks() == before


async def test_cancellation_then_aclose_leaves_no_thread_running() -> None:
    entered = threading.Event()
    release = threading.Event()
    names: list[str] = []

    def blocking(x: int) -> int:
        names.append(threading.current_thread().name)
        entered.set()
        release.wait(WAIT)
        return x

    p = fan_out("cancelled", PipelineNode("src", aident),
                [PipelineNode("a", blocking), PipelineNode("b", aident)])
    task = asyncio.create_task(p.execute(1))
    assert await asyncio.to_thread(entered.wait, WAIT)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert p.get_pipeline_status()["a"] is SKIPPED
    release.set()
    await p.aclose()
    assert names[0].startswith("typedflow-cancelled")
    assert typedflow_threads() == []


async def test_pipeline_can_run_again_after_aclose() -> None:
    async with chain(Pipeline("again"), PipelineNode("a", ident)) as p:
        assert await p.execute(1) == {"a": 1}
    assert typedflow_threads() == []
    async with p:
        assert await p.execute(2) == {"a": 2}
    assert typedflow_threads() == []


async def test_max_workers_bounds_the_pool() -> None:
    running = 0
    peak = 0
    lock = threading.Lock()

    def work(x: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        return x

    async with fan_out("bounded", PipelineNode("src", aident),
                       [PipelineNode(f"w{k}", work) for k in range(6)], max_workers=2) as p:
        await p.execute(1)
    assert peak <= 2


async def test_many_start_nodes_that_fail_leave_no_tasks() -> None:
    before = asyncio.all_tasks()
    p = Pipeline("p")
    nodes = [p.add_node(PipelineNode(f"s{k}", aident)) for k in range(5)]
    bad = p.add_node(PipelineNode("bad", lambda x: 1 / 0, inline=True))
    nodes[0].connect(bad)
    for n in nodes:
        p.set_start_node(n)
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(1)
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    assert asyncio.all_tasks() == before
    assert p.get_pipeline_status()["bad"] is FAILED


async def test_issue2_a_failure_inside_a_chain_of_sync_nodes_is_the_failing_nodes() -> None:
    def bad(x: int) -> int:
        raise ValueError(f"bad {x}")

    async with chain(
        Pipeline("sync"),
        PipelineNode("a", lambda x: x + 1),
        PipelineNode("b", bad),
        PipelineNode("c", ident),
    ) as p:
        with pytest.raises(NodeExecutionError) as info:
            await wait(p.execute(1))
    assert info.value.node == "b"
    assert info.value.message == "node `b` in pipeline `sync` failed: ValueError: bad 2"
    assert p.get_pipeline_status() == {"a": COMPLETED, "b": FAILED, "c": SKIPPED}
    record = p.last_run
    assert record is not None
    assert record.outputs == {"a": 2}
    assert list(record.errors) == ["b"]


async def test_chain_of_sync_nodes_results_statuses_and_filtering() -> None:
    async with chain(
        Pipeline("sync"),
        PipelineNode("a", lambda x: x + 1),
        PipelineNode("b", lambda x: x * 2),
        PipelineNode("none", lambda x: None if x > 10 else x),
        PipelineNode("c", lambda x: -x),
    ) as p:
        assert await p.execute(1) == {"a": 2, "b": 4, "none": 4, "c": -4}
        assert await p.execute(9) == {"a": 10, "b": 20, "none": None}
        assert p.get_pipeline_status() == {
            "a": COMPLETED, "b": COMPLETED, "none": COMPLETED, "c": SKIPPED,
        }
        record = await p.execute_record(1)
        runs = record.nodes
        assert all(runs[n].started is not None for n in "abc")
        assert runs["a"].ended <= runs["b"].started  # type: ignore[operator]  # set above


@pytest.mark.parametrize("length", [1, 3])
async def test_issue2_a_sync_node_raising_stop_iteration_fails_instead_of_hanging(
    length: int,
) -> None:
    nodes = [PipelineNode(f"n{k}", ident) for k in range(length - 1)]
    nodes.append(PipelineNode("first", lambda xs: next(iter(xs))))
    async with chain(Pipeline("stop"), *nodes) as p:
        with pytest.raises(NodeExecutionError) as info:
            await wait(p.execute([]))
    assert info.value.node == "first"
    cause = info.value.__cause__
    assert isinstance(cause, RuntimeError)
    assert isinstance(cause.__cause__, StopIteration)


async def test_a_timeout_around_execute_cancels_the_run() -> None:
    before = asyncio.all_tasks()
    started = asyncio.Event()
    cancelled: list[str] = []

    def branch(name: str) -> Any:
        async def run(x: int) -> int:
            started.set()
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancelled.append(name)
                raise
            return x

        return run

    p = fan_out("p", PipelineNode("src", aident), [PipelineNode(n, branch(n)) for n in "ab"])
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await p.execute(1)
    assert started.is_set()
    assert sorted(cancelled) == ["a", "b"]
    assert asyncio.all_tasks() == before


def test_issue_11_a_straight_sync_chain_is_planned_in_linear_size() -> None:
    # Only a run's head holds the run: the first execute of an 8,000-node chain was O(n²)
    # (22 s and 260 MB) when every node held the rest of the chain.
    from typedflow._runtime._run import thread_segments

    n = 8000
    edges = [[(i + 1, 0)] for i in range(n - 1)] + [[]]
    segments = thread_segments([True] * n, edges)
    assert segments[0] == tuple(range(n))
    assert sum(len(s) for s in segments if s is not None) == n


async def test_issue_11_a_long_sync_chain_runs_in_flat_memory() -> None:
    import tracemalloc

    p = Pipeline("long")
    nodes = [p.add_node(PipelineNode(f"n{i}", lambda x: x + 1)) for i in range(4000)]
    for a, b in itertools.pairwise(nodes):
        a.connect(b)
    p.set_start_node(nodes[0])
    tracemalloc.start()
    try:
        async with p:
            out = await p.execute(0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out["n3999"] == 4000
    assert peak < 20_000_000  # 67 MB before; about 2 MB now
