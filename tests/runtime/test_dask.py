"""`DaskExecutor`: sync nodes on a real Dask cluster behave as local ones (issue 13)."""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

distributed = pytest.importorskip(
    "distributed", reason="the Dask executor tests need `pip install -e '.[dask]'`"
)
import dask  # noqa: E402  (after the skip: distributed brings it)

from tests.flows import remote  # noqa: E402
from typedflow import Limiter, NodeExecutionError, build, node  # noqa: E402
from typedflow.pipeline import DaskExecutor, NodeStatus, Pipeline, PipelineNode  # noqa: E402

from ._helpers import WAIT, chain  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterator

    from typedflow import NodeEvent


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    """A 2-process LocalCluster on 127.0.0.1, shared by this module's tests.

    Dask retries no task lost with its worker here, so a lost worker reaches the node at once.
    """
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as local,
    ):
        yield local.scheduler_address


@pytest.fixture(scope="module")
def cluster(address: str) -> Iterator[DaskExecutor]:
    """An executor connected to the module's cluster: a test's pipeline closing it only
    disconnects it, and the next call reconnects to the same cluster."""
    executor = DaskExecutor(address)
    asyncio.run(executor.run(remote.pid_and_square, (0,)))  # connected: tests time only calls
    yield executor
    executor.close()


async def test_results_come_from_worker_processes(cluster: DaskExecutor) -> None:
    p = chain(Pipeline("p"), PipelineNode("square", remote.pid_and_square, executor=cluster))
    results = await p.map(range(6), concurrency=6)
    assert [r["square"][1] for r in results] == [0, 1, 4, 9, 16, 25]
    assert os.getpid() not in {r["square"][0] for r in results}


async def test_a_remote_exception_keeps_its_type_and_the_workers_traceback(
    cluster: DaskExecutor,
) -> None:
    p = chain(Pipeline("p"), PipelineNode("fail", remote.fail, executor=cluster))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(3)
    assert info.value.message == "node `fail` in pipeline `p` failed: ValueError: bad 3"
    cause = info.value.__cause__
    assert type(cause) is ValueError
    frames = []
    tb = cause.__traceback__
    while tb is not None:
        frames.append((Path(tb.tb_frame.f_code.co_filename).name, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    assert frames[-1] == ("remote.py", "fail")


async def test_a_retry_runs_the_call_again_with_its_events(
    cluster: DaskExecutor, tmp_path: Path
) -> None:
    events: list[NodeEvent] = []
    work = PipelineNode(
        "work", remote.fail_once, executor=cluster, retries=1, retry_on=ConnectionError
    )
    p = chain(Pipeline("p"), work)
    p.events.subscribe(events.append)
    assert (await p.execute(str(tmp_path / "failed")))["work"] == "ok"
    assert [(e.status, e.attempt) for e in events] == [
        (NodeStatus.RUNNING, 1),
        (NodeStatus.RUNNING, 2),
        (NodeStatus.COMPLETED, 2),
    ]
    assert p.last_run is not None
    assert p.last_run.attempts("work") == 2


async def test_a_lost_worker_is_a_retriable_failure(cluster: DaskExecutor, tmp_path: Path) -> None:
    from tests.flows.dying import die_once

    marker = str(tmp_path / "died")
    with pytest.raises(distributed.KilledWorker):
        await cluster.run(die_once, (marker,))
    p = chain(Pipeline("p"), PipelineNode("work", die_once, executor=cluster, retries=1))
    os.remove(marker)
    assert (await p.execute(marker))["work"].startswith("ok in ")
    assert p.last_run is not None
    assert p.last_run.attempts("work") == 2


async def test_a_timeout_fails_the_attempt(cluster: DaskExecutor, tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    hold = functools.partial(remote.hold, str(gate))
    p = chain(Pipeline("p"), PipelineNode("slow", hold, executor=cluster, timeout=0.2))
    try:
        with pytest.raises(NodeExecutionError) as info:
            await p.execute(str(tmp_path / "started"))
    finally:
        gate.touch()  # the call runs on: a worker cannot be interrupted
    assert info.value.message == (
        "node `slow` in pipeline `p` failed: TimeoutError: attempt timed out after 0.2 s"
    )


def _started(tmp_path: Path) -> set[str]:
    return {p.name for p in tmp_path.glob("started-*")}


async def test_cancelling_drops_queued_calls(
    cluster: DaskExecutor, address: str, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    calls = [(str(gate), str(tmp_path / f"started-{i}")) for i in range(4)]
    futures = [cluster.submit(remote.hold, args) for args in calls]
    client = await distributed.Client(address, asynchronous=True)
    try:
        await _until(lambda: len(_started(tmp_path)) == 2)
        running = _started(tmp_path)  # two workers, one thread each: two calls wait
        queued = [
            f
            for f, (_, started) in zip(futures, calls, strict=True)
            if Path(started).name not in running
        ]
        assert len(queued) == 2
        assert all(f.cancel() for f in queued)
        tasks = [0]

        async def count() -> bool:
            tasks[0] = await client.run_on_scheduler(_task_count)
            return tasks[0] == 2

        await _until_async(count)  # the scheduler forgot the cancelled calls

        async def released() -> bool:  # and the workers, which may have queued them already
            held: dict[str, int] = await client.run(_worker_task_count)
            return sum(held.values()) == 2

        await _until_async(released)
        gate.touch()
        done = [f for f in futures if f not in queued]
        assert sorted([Path(await asyncio.wrap_future(f)).name for f in done]) == sorted(running)
        tasks[0] = -1
        await _until_async(lambda: _zero(client))
    finally:
        gate.touch()
        await client.close()
    assert _started(tmp_path) == running  # the cancelled calls never ran


async def _zero(client: Any) -> bool:
    count: int = await client.run_on_scheduler(_task_count)
    return count == 0


async def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


async def _until_async(condition: Callable[[], Awaitable[bool]]) -> None:
    deadline = time.monotonic() + WAIT
    while not await condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


def _task_count(dask_scheduler: Any) -> int:
    return len(dask_scheduler.tasks)


def _worker_task_count(dask_worker: Any) -> int:
    return len(dask_worker.state.tasks)


async def test_a_big_argument_is_scattered_apart_from_its_task(cluster: DaskExecutor) -> None:
    """Inside the task, 12 MB would be Dask's large-graph warning (an error in this suite)."""
    p = chain(Pipeline("p"), PipelineNode("size", len, executor=cluster))
    assert (await p.execute(b"x" * (12 << 20)))["size"] == 12 << 20


async def test_an_unpicklable_argument_fails_naming_it(cluster: DaskExecutor) -> None:
    p = chain(Pipeline("p"), PipelineNode("use", remote.use, executor=cluster))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(threading.Lock())
    assert info.value.message == (
        "node `use` in pipeline `p` failed: TypeError: cannot send argument 1 of `use` "
        "(a `lock`) to the Dask cluster: TypeError: cannot pickle '_thread.lock' object"
    )


async def test_a_closure_goes_by_value_unless_it_holds_something_unpicklable(
    cluster: DaskExecutor,
) -> None:
    offset, lock = 10, threading.Lock()

    def add(x: int) -> int:
        return x + offset

    def locked(x: int) -> bool:
        return lock.locked()

    p = chain(Pipeline("p"), PipelineNode("add", add, executor=cluster))
    assert (await p.execute(1))["add"] == 11
    p = chain(Pipeline("q"), PipelineNode("locked", locked, executor=cluster))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(1)
    assert info.value.message == (
        "node `locked` in pipeline `q` failed: TypeError: cannot send the function "
        "`test_a_closure_goes_by_value_unless_it_holds_something_unpicklable.<locals>.locked` "
        "to the Dask cluster: TypeError: cannot pickle '_thread.lock' object"
    )


async def test_a_stop_iteration_is_a_runtime_error(cluster: DaskExecutor) -> None:
    p = chain(Pipeline("p"), PipelineNode("stop", remote.stop, executor=cluster))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(1)
    assert info.value.message == (
        "node `stop` in pipeline `p` failed: RuntimeError: `stop` raised StopIteration"
    )


async def test_dsl_nodes_filters_and_runtime_checks(cluster: DaskExecutor) -> None:
    evens = node(remote.keep_even, executor=cluster)
    squares = node(remote.pid_and_square, executor=cluster, check=True)
    pipeline = build(evens >> squares)
    async with pipeline:
        assert [r[1] if r else r for r in [await pipeline.run(x) for x in range(4)]] == [
            0,
            None,
            4,
            None,
        ]


async def test_stream_under_a_concurrency_limit(cluster: DaskExecutor) -> None:
    p = chain(
        Pipeline("p"),
        PipelineNode("one", remote.interval, executor=cluster, limiter=Limiter(concurrency=1)),
    )
    spans = sorted([r["one"] async for r in p.stream(range(4), concurrency=4)])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


async def test_without_a_limit_calls_overlap(cluster: DaskExecutor, tmp_path: Path) -> None:
    """The converse of the test above, so that it can fail: two workers run two calls at once
    (each waits until the other has started; by event, not by timing, which load skews)."""
    p = chain(Pipeline("p"), PipelineNode("any", remote.meet, executor=cluster))
    inputs = [(str(tmp_path), f"call-{i}") for i in range(2)]
    assert [r["any"] for r in await p.map(inputs, concurrency=2)] == [2, 2]


def test_one_executor_serves_successive_event_loops(cluster: DaskExecutor) -> None:
    p = chain(Pipeline("p"), PipelineNode("square", remote.pid_and_square, executor=cluster))
    first = asyncio.run(p.execute(2))
    second = asyncio.run(p.execute(3))
    assert (first["square"][1], second["square"][1]) == (4, 9)


def test_an_existing_client_stays_open_after_aclose(cluster: DaskExecutor, address: str) -> None:
    with distributed.Client(address, set_as_default=False) as client:
        executor = DaskExecutor(client)
        assert repr(executor) == f"DaskExecutor({address!r})"
        p = chain(Pipeline("p"), PipelineNode("square", remote.pid_and_square, executor=executor))

        async def once() -> int:
            async with p:
                out: int = (await p.execute(5))["square"][1]
            return out

        assert asyncio.run(once()) == 25
        assert client.submit(remote.pid_and_square, 6, pure=False).result()[1] == 36


async def test_aclose_waits_for_calls_in_flight(
    cluster: DaskExecutor, address: str, tmp_path: Path
) -> None:
    executor = DaskExecutor(address)  # its own connection: closing it disconnects
    gate, started = tmp_path / "gate", tmp_path / "started"
    call = executor.submit(remote.hold, (str(gate), str(started)))
    await _until(started.exists)
    closing = asyncio.ensure_future(executor.aclose())
    await asyncio.sleep(0.05)
    assert not call.done()  # still running: aclose() is waiting for it
    gate.touch()
    await closing
    assert call.result() == str(started)


async def test_an_owned_cluster_is_closed_by_aclose() -> None:
    executor = DaskExecutor(n_workers=1, processes=False)
    assert repr(executor) == "DaskExecutor(<LocalCluster>)"
    p = chain(Pipeline("p"), PipelineNode("square", remote.pid_and_square, executor=executor))
    async with p:
        assert (await p.execute(4))["square"] == (os.getpid(), 16)  # processes=False: threads
        address = executor.address
    assert executor.address is None
    assert address is not None
    with pytest.raises(OSError):
        await distributed.Client(address, asynchronous=True, timeout=0.5)


def test_cluster_options_need_an_owned_cluster() -> None:
    with pytest.raises(TypeError) as info:
        DaskExecutor("tcp://127.0.0.1:8786", n_workers=2)
    assert str(info.value) == (
        "`DaskExecutor` takes cluster options only when it starts its own `LocalCluster`, "
        "not with a client or an address (got ['n_workers'])"
    )
    with pytest.raises(TypeError) as info:
        DaskExecutor(8786)
    assert str(info.value) == (
        "`DaskExecutor` takes a `distributed.Client`, a scheduler address or None, got `int`"
    )


@pytest.fixture(scope="module")
def commands(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A scheduler and two workers started as commands on 127.0.0.1, as on several machines;
    the workers import this checkout's `tests` package (PYTHONPATH), as machines would have
    the application installed. Yields the scheduler's address."""
    file = str(tmp_path_factory.mktemp("dask") / "scheduler.json")
    dask_cli = str(Path(sys.executable).parent / "dask")
    local = ["--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0"]
    worker = ["worker", "--scheduler-file", file, "--nthreads", "1", "--no-nanny", *local]
    lines = [
        ["scheduler", "--port", "0", "--scheduler-file", file, *local],
        [*worker, "--name", "w1"],
        [*worker, "--name", "w2"],
    ]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        processes.extend(_start([dask_cli, *line]) for line in lines)
        with distributed.Client(scheduler_file=file, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
            yield client.scheduler.address
            client.shutdown()  # the scheduler and its workers
    finally:
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.DEVNULL
    return subprocess.Popen(command, env=env, stdout=out, stderr=out)


ROOT = Path(__file__).resolve().parents[2]


async def test_a_cluster_started_as_commands(commands: str) -> None:
    executor = DaskExecutor(commands)
    pipeline = build(node(remote.pid_and_square, executor=executor))
    async with pipeline:
        outputs = await pipeline.map(range(4), concurrency=4)
    assert [square for _, square in outputs] == [0, 1, 4, 9]
    assert os.getpid() not in {pid for pid, _ in outputs}


def test_a_scripts_own_nodes_are_sent_by_value(commands: str) -> None:
    script = ROOT / "tests" / "flows" / "dask_script.py"
    out = subprocess.run(
        [sys.executable, str(script), commands],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=script.parent,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    pid, outputs = json.loads(out.stdout)
    assert [square for square, _ in outputs] == [0, 1, 4, 9]
    assert pid not in {worker for _, worker in outputs}
