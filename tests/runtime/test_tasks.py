"""Issue 11, one owner for background tasks (typedflow/_runtime/_tasks.py): `TaskGroup`."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from typedflow._runtime._tasks import TaskGroup
from typedflow.pipeline import Pipeline, PipelineNode

from ._helpers import chain, wait


class _Boom(BaseException):
    pass


async def test_a_group_tracks_its_tasks_until_they_end_and_reports_each_end() -> None:
    ended: list[str] = []
    group = TaskGroup(lambda task: ended.append(task.get_name()))
    release = asyncio.Event()

    async def work() -> int:
        await release.wait()
        return 1

    task = group.start(work())
    task.set_name("work")
    assert len(group) == 1
    assert group
    release.set()
    assert await task == 1
    await asyncio.sleep(0)  # the done callbacks run
    assert len(group) == 0
    assert not group
    assert ended == ["work"]
    assert group.error is None


async def test_aclose_cancels_and_awaits_every_task_and_keeps_the_first_error() -> None:
    order: list[str] = []
    group = TaskGroup()
    started = asyncio.Event()

    async def sleeper(name: str) -> None:
        try:
            started.set()
            await asyncio.Event().wait()
        finally:
            order.append(f"{name} ended")

    async def failing() -> None:
        raise _Boom

    tasks = [group.start(sleeper("a")), group.start(sleeper("b"))]
    failed = group.start(failing())
    await wait(started.wait())
    await asyncio.wait([failed])
    await group.aclose()
    order.append("closed")
    assert sorted(order[:2]) == ["a ended", "b ended"]
    assert order[2] == "closed"
    assert all(t.cancelled() for t in tasks)
    assert isinstance(group.error, _Boom)
    assert not group


async def test_aclose_cancels_a_task_started_while_it_waits() -> None:
    group = TaskGroup()
    late: list[asyncio.Task[Any]] = []

    async def starts_another() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            late.append(group.start(asyncio.Event().wait()))

    group.start(starts_another())
    await asyncio.sleep(0)
    await group.aclose()
    assert len(late) == 1
    assert late[0].cancelled()
    assert not group


async def test_aclose_leaves_the_current_task_and_other_loops_tasks_alone() -> None:
    group = TaskGroup()
    other_started = threading.Event()
    other_release = threading.Event()
    other_task: list[asyncio.Task[Any]] = []

    def other_loop() -> None:
        async def main() -> None:
            async def idle() -> None:
                await asyncio.to_thread(other_release.wait)

            other_task.append(group.start(idle()))
            other_started.set()
            await other_task[0]

        asyncio.run(main())

    thread = threading.Thread(target=other_loop)
    thread.start()
    assert await asyncio.to_thread(other_started.wait, 5)

    async def closes_its_own_group() -> str:
        await group.aclose()
        return "closed"

    me = group.start(closes_its_own_group())
    assert await me == "closed"
    assert not other_task[0].done()  # another loop's task: only that loop can end it
    other_release.set()
    await asyncio.to_thread(thread.join, 5)
    assert other_task[0].done()
    assert not other_task[0].cancelled()


async def test_pipeline_aclose_ends_live_runs_and_observable_pumps_through_its_group() -> None:
    hold, both = asyncio.Event(), asyncio.Event()
    entered: list[int] = []

    async def slow(x: int) -> int:
        entered.append(x)
        if len(entered) == 2:
            both.set()
        await hold.wait()
        return x

    p = chain(Pipeline("p"), PipelineNode("slow", slow))
    live = p.start(1)
    await live.__aenter__()
    received: list[Any] = []
    subscription = p.as_observable([2]).subscribe(received.append)
    await wait(both.wait())
    assert len(p._tasks) == 2
    await p.aclose()
    assert len(p._tasks) == 0
    assert received == []
    with pytest.raises(asyncio.CancelledError):
        await live.result()
    await live.__aexit__(None, None, None)
    subscription.dispose()


def test_a_synchronous_call_runs_as_a_task_of_the_private_loops_group() -> None:
    p = Pipeline("sync")
    seen: list[int] = []

    async def look(x: int) -> int:
        runner = p._loop_thread
        assert runner is not None
        seen.append(len(runner.tasks))
        return x

    chain(p, PipelineNode("look", look))
    assert p.execute_sync(1) == {"look": 1}
    runner = p._loop_thread
    assert runner is not None
    assert seen == [1]
    assert len(runner.tasks) == 0
    p.close()
    assert p._loop_thread is None
