"""A caller's own run record and id (issue 14): `recording(pipeline)` and `LiveRun.record` /
`LiveRun.run_id`, exact under concurrent callers, where `last_run` is whichever run started
last. Concurrency is arranged with events, never by sleeping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from typedflow import NodeExecutionError, NodeStatus, PipelineError, build, node, recording
from typedflow.pipeline import Pipeline, PipelineNode, SubPipeline

from ._helpers import aident, chain

RUNNING, COMPLETED = NodeStatus.RUNNING, NodeStatus.COMPLETED


async def test_concurrent_callers_each_get_the_record_of_their_own_run() -> None:
    arrived: list[int] = []
    both = asyncio.Event()

    async def meet(x: int) -> int:  # each run waits until the other one is inside this node
        arrived.append(x)
        if len(arrived) == 2:
            both.set()
        await both.wait()
        return x * 10

    p = chain(Pipeline("own"), PipelineNode("meet", meet), PipelineNode("tail", aident))

    async def call(x: int) -> tuple[int, dict[str, int], dict[str, object]]:
        with recording(p) as runs:
            out = await p.execute(x)
        [record] = runs
        return record.run_id, out, record.outputs

    (id1, out1, rec1), (id2, out2, rec2) = await asyncio.gather(call(1), call(2))
    assert (id1, id2) == (1, 2)
    assert out1 == rec1 == {"meet": 10, "tail": 10}
    assert out2 == rec2 == {"meet": 20, "tail": 20}
    assert p.last_run is not None
    assert p.last_run.run_id == 2  # the last one started: not caller 1's


async def test_map_gives_one_record_per_input_in_start_order() -> None:
    p = build(double_it, name="m")
    with recording(p) as runs:
        assert await p.map([1, 2, 3], concurrency=1) == [2, 4, 6]
    assert [(r.run_id, r.outputs) for r in runs] == [
        (1, {"double_it": 2}), (2, {"double_it": 4}), (3, {"double_it": 6})
    ]


@node
async def double_it(x: int) -> int:
    return x * 2


async def twice(x: int) -> int:
    return x * 2


async def test_only_runs_of_the_given_pipeline_are_collected_not_nested_or_other_ones() -> None:
    inner = chain(Pipeline("inner"), PipelineNode("x2", twice))  # async: no pool thread
    outer = chain(Pipeline("outer"), SubPipeline("sub", inner))
    other = chain(Pipeline("other"), PipelineNode("id", aident))
    with recording(outer) as runs, recording(inner) as inner_runs:
        await outer.execute(1)
        await other.execute(1)
        await outer.execute(2)
    assert [(r.run_id, r.outputs) for r in runs] == [(1, {"sub": 2}), (2, {"sub": 4})]
    assert [(r.run_id, r.outputs) for r in inner_runs] == [(1, {"x2": 2}), (2, {"x2": 4})]
    with recording(outer) as after:
        pass
    await outer.execute(3)
    assert after == []  # the block has ended: later runs are not collected


async def test_a_record_is_live_while_its_run_goes_on() -> None:
    entered, release = asyncio.Event(), asyncio.Event()

    async def hold(x: int) -> int:
        entered.set()
        await release.wait()
        return x

    p = chain(Pipeline("live"), PipelineNode("hold", hold))
    with recording(p) as runs:
        task = asyncio.create_task(p.execute(1))
        await entered.wait()
        [record] = runs
        assert record.status == {"hold": RUNNING}
        release.set()
        await task
    assert record.status == {"hold": COMPLETED}


@node
async def tokens(text: str) -> AsyncIterator[str]:
    for ch in text:
        yield ch


async def test_a_live_run_has_its_own_id_and_record_once_it_has_started() -> None:
    p = build(tokens, name="stream")
    async with p.start("ab") as first, p.start("xyz") as second:
        with pytest.raises(RuntimeError) as early:
            _ = first.record
        assert str(early.value) == (
            "the live run of pipeline `stream` has not started yet: it starts at the block's"
            " first `await`"
        )
        assert [c async for c in second.chunks(tokens)] == ["x", "y", "z"]
        assert (first.run_id, second.run_id) == (1, 2)
        assert await first.result() == ["a", "b"]
        assert first.record.outputs == {"tokens": ["a", "b"]}
        assert second.record.outputs == {"tokens": ["x", "y", "z"]}
    assert p.last_run is not None
    assert p.last_run.run_id == 2


async def test_a_live_runs_record_outside_its_block_or_of_a_run_that_could_not_start() -> None:
    p = build(tokens, name="s")
    live = p.start("a")
    with pytest.raises(RuntimeError) as outside:
        _ = live.record
    assert str(outside.value) == "use a live run as `async with pipeline.start(data) as run:`"
    broken = Pipeline("broken")
    broken.add_node(PipelineNode("a", aident))  # no start node: it cannot compile
    async with broken.start(1) as run:
        with pytest.raises(PipelineError):
            await run.result()
        with pytest.raises(RuntimeError) as no_run:
            _ = run.run_id
        assert str(no_run.value) == (
            "the live run of pipeline `broken` did not start; `result()` raises why"
        )


def test_the_sync_api_gives_its_runs_to_the_callers_recording() -> None:
    @node
    def double(x: int) -> int:  # plain sync: run_sync runs it without an event loop
        return 2 * x

    @node
    async def inc(x: int) -> int:  # async: execute_sync and map_sync use the private loop
        return x + 1

    with build(double) as loop_free, build(inc) as looped:
        with recording(loop_free) as free_runs, recording(looped) as looped_runs:
            assert loop_free.run_sync(4) == 8
            assert looped.run_sync(1) == 2
            assert looped.map_sync([5, 6]) == [6, 7]
            assert loop_free.execute_sync(7) == {"double": 14}
        assert loop_free.run_sync(9) == 18  # after the block: not collected
    assert [(r.outputs, r.status) for r in free_runs] == [
        ({"double": 8}, {"double": NodeStatus.COMPLETED}),
        ({"double": 14}, {"double": NodeStatus.COMPLETED}),
    ]
    assert sorted(r.outputs["inc"] for r in looped_runs) == [2, 6, 7]
    assert len({r.run_id for r in looped_runs}) == 3


def test_a_failed_loop_free_run_is_recorded_too() -> None:
    @node
    def boom(x: int) -> int:
        raise ValueError(x)

    with build(boom) as pipeline, recording(pipeline) as runs, pytest.raises(NodeExecutionError):
        pipeline.run_sync(1)
    assert [r.status for r in runs] == [{"boom": NodeStatus.FAILED}]
