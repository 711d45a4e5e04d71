"""Data stays on the cluster between Dask nodes (issue 13): a chain of Dask nodes passes
Dask futures, not values; only what the caller or a local node needs comes back."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

distributed = pytest.importorskip(
    "distributed", reason="the Dask executor tests need `pip install -e '.[dask]'`"
)

from tests.flows import remote  # noqa: E402
from tests.flows.remote import Payload  # noqa: E402
from typedflow import NodeExecutionError, build, node  # noqa: E402
from typedflow._runtime._node import Special  # noqa: E402
from typedflow._runtime._remote import kept_outputs  # noqa: E402
from typedflow.pipeline import DaskExecutor, NodeStatus, Pipeline, PipelineNode  # noqa: E402

from ._helpers import chain, fan_out  # noqa: E402
from .test_dask import _task_count, _until, _until_async  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from typedflow import NodeEvent


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    """A 2-process LocalCluster on 127.0.0.1, shared by this module's tests."""
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def cluster(address: str) -> Iterator[DaskExecutor]:
    """An executor connected to the module's cluster. A test's pipeline closing it (as
    `aclose()` closes a node's executor) only disconnects: the next call reconnects to the
    same cluster, which the `scheduler` fixture watches."""
    executor = DaskExecutor(address)
    asyncio.run(executor.run(remote.make, (0,)))  # connected: tests time only calls
    yield executor
    executor.close()


@pytest.fixture
async def scheduler(address: str) -> Any:
    """A client of the cluster's scheduler, to count the keys it holds."""
    client = await distributed.Client(address, asynchronous=True, set_as_default=False)
    yield client
    await client.close()


@pytest.fixture(autouse=True)
def counts() -> None:
    Payload.pickled = Payload.unpickled = 0


def _node(name: str, func: Callable[..., Any], executor: Any, **options: Any) -> PipelineNode:
    return PipelineNode(name, func, executor=executor, **options)


async def _no_keys(scheduler: Any) -> None:
    """Wait until the scheduler holds no task (releases reach it asynchronously)."""

    async def empty() -> bool:
        count: int = await scheduler.run_on_scheduler(_task_count)
        return count == 0

    await _until_async(empty)


async def test_a_chain_passes_futures_and_each_value_comes_back_once_at_the_end(
    cluster: DaskExecutor, scheduler: Any
) -> None:
    nodes: list[tuple[str, Callable[..., Any]]] = [
        ("make", remote.make),
        ("grow", remote.grow),
        ("again", remote.grow),
    ]
    p = chain(Pipeline("p"), *[_node(n, f, cluster) for n, f in nodes])
    seen: list[tuple[str, NodeStatus, int]] = []

    def on_event(event: NodeEvent) -> None:
        seen.append((event.node, event.status, Payload.unpickled))

    p.events.subscribe(on_event)
    outputs = await p.execute(3)
    local = chain(Pipeline("local"), *[PipelineNode(n, f) for n, f in nodes])
    assert outputs == await local.execute(3)
    assert outputs["again"] == Payload([3, 4, 7, 14])
    assert Payload.pickled == 0  # no value went out from here to a worker
    assert Payload.unpickled == 3  # each output came here once
    assert ("again", NodeStatus.RUNNING, 0) in seen  # none before the last call
    await _no_keys(scheduler)


async def test_without_one_executor_every_value_goes_through_the_pipeline(
    cluster: DaskExecutor, address: str
) -> None:
    """The converse of the test above, so that it can fail: another executor (connection)
    on the same cluster gets its arguments from here."""
    other = DaskExecutor(address)
    try:
        p = chain(
            Pipeline("p"),
            _node("make", remote.make, cluster),
            _node("grow", remote.grow, other),
            _node("again", remote.grow, cluster),
        )
        assert (await p.execute(3))["again"] == Payload([3, 4, 7, 14])
    finally:
        await other.aclose()
    assert Payload.pickled >= 2  # `make`'s and `grow`'s outputs went out from here


async def test_a_filter_in_the_middle_still_filters(
    cluster: DaskExecutor, scheduler: Any
) -> None:
    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        _node("small", remote.keep_small, cluster),
        _node("total", remote.total, cluster),
    )
    assert await p.map([2, 3, 4]) == [
        {"make": Payload([2, 3]), "small": Payload([2, 3]), "total": 5},
        {"make": Payload([3, 4]), "small": None},
        {"make": Payload([4, 5]), "small": Payload([4, 5]), "total": 9},
    ]
    record = await p.execute_record(3)
    assert record.status == {
        "make": NodeStatus.COMPLETED,
        "small": NodeStatus.COMPLETED,
        "total": NodeStatus.SKIPPED,
    }
    assert Payload.pickled == 0
    await _no_keys(scheduler)


async def test_a_local_node_in_the_middle_gets_the_value(
    cluster: DaskExecutor, scheduler: Any
) -> None:
    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        PipelineNode("local", remote.grow),
        _node("total", remote.total, cluster),
    )
    assert p._compile().kept is None
    assert (await p.execute(1))["total"] == 1 + 2 + 3
    await _no_keys(scheduler)


async def test_one_remote_value_feeds_two_dask_nodes(
    cluster: DaskExecutor, scheduler: Any
) -> None:
    make = _node("make", remote.make, cluster)
    branches = [_node("total", remote.total, cluster), _node("grow", remote.grow, cluster)]
    p = fan_out("p", make, branches)
    assert p._compile().kept == (True, False, False)
    assert await p.execute(5) == {
        "make": Payload([5, 6]),
        "total": 11,
        "grow": Payload([5, 6, 11]),
    }
    assert (Payload.pickled, Payload.unpickled) == (0, 2)
    await _no_keys(scheduler)


async def test_a_failure_reports_the_node_that_raised(
    cluster: DaskExecutor, scheduler: Any
) -> None:
    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        _node("broken", remote.broken, cluster),
        _node("total", remote.total, cluster),
    )
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(7)
    assert info.value.message == "node `broken` in pipeline `p` failed: KeyError: 'broken 7'"
    cause = info.value.__cause__
    assert type(cause) is KeyError
    tb = cause.__traceback__
    assert tb is not None
    while tb.tb_next is not None:
        tb = tb.tb_next
    assert (Path(tb.tb_frame.f_code.co_filename).name, tb.tb_frame.f_code.co_name) == (
        "remote.py",
        "broken",
    )
    assert p.last_run is not None
    assert p.last_run.outputs == {"make": Payload([7, 8])}  # still reported, fetched
    await _no_keys(scheduler)


async def test_a_kept_nodes_own_failure_is_its_own(cluster: DaskExecutor) -> None:
    p = chain(
        Pipeline("p"),
        _node("fail", remote.fail, cluster),
        _node("total", remote.total, cluster),
    )
    assert p._compile().kept == (True, False)
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(1)
    assert info.value.message == "node `fail` in pipeline `p` failed: ValueError: bad 1"


async def test_a_retried_consumer_gets_the_value_again(
    cluster: DaskExecutor, scheduler: Any, tmp_path: Path
) -> None:
    retried = functools.partial(remote.fail_once_on, str(tmp_path / "failed"))
    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        _node("grow", retried, cluster, retries=1, retry_on=ConnectionError),
        _node("total", remote.total, cluster),
    )
    assert (await p.execute(1))["total"] == 6
    assert p.last_run is not None
    assert p.last_run.attempts("grow") == 2
    assert Payload.pickled == 0
    await _no_keys(scheduler)


async def test_a_cancelled_run_leaves_no_key_on_the_scheduler(
    cluster: DaskExecutor, scheduler: Any, tmp_path: Path
) -> None:
    gate, started = tmp_path / "gate", tmp_path / "started"
    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        _node("hold", functools.partial(remote.hold_on, str(gate), str(started)), cluster),
        _node("total", remote.total, cluster),
    )
    run = asyncio.ensure_future(p.execute(1))
    try:
        await _until(started.exists)
        run.cancel()
        with pytest.raises(asyncio.CancelledError):
            await run
        assert p.last_run is not None
        assert p.last_run.outputs == {"make": None}  # a cancelled run fetches nothing
    finally:
        gate.touch()  # the running call cannot be stopped: it ends, then is forgotten
    await _no_keys(scheduler)
    assert Payload.unpickled == 0


async def test_a_timeout_downstream_leaves_no_key_on_the_scheduler(
    cluster: DaskExecutor, scheduler: Any, tmp_path: Path
) -> None:
    gate, started = tmp_path / "gate", tmp_path / "started"
    hold = functools.partial(remote.hold_on, str(gate), str(started))
    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        _node("hold", hold, cluster, timeout=0.2),
        _node("total", remote.total, cluster),
    )
    try:
        with pytest.raises(NodeExecutionError) as info:
            await p.execute(1)
    finally:
        gate.touch()
    assert info.value.message == (
        "node `hold` in pipeline `p` failed: TimeoutError: attempt timed out after 0.2 s"
    )
    await _no_keys(scheduler)


async def test_stream_of_many_inputs(cluster: DaskExecutor, scheduler: Any) -> None:
    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        _node("grow", remote.grow, cluster),
        _node("total", remote.total, cluster),
    )
    totals = sorted([r["total"] async for r in p.stream(range(24), concurrency=8)])
    assert totals == sorted(4 * x + 2 for x in range(24))
    assert Payload.pickled == 0
    await _no_keys(scheduler)


def test_successive_event_loops_and_execute_sync(cluster: DaskExecutor) -> None:
    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        _node("total", remote.total, cluster),
    )
    assert [asyncio.run(p.execute(x))["total"] for x in (1, 2)] == [3, 5]
    assert p.execute_sync(3) == {"make": Payload([3, 4]), "total": 7}


def test_runtime_checks_take_values_here(cluster: DaskExecutor) -> None:
    """A consumer that checks its arguments, or a checked result, needs the value here."""

    def check(args: tuple[Any, ...]) -> None:
        assert isinstance(args[0], Payload)

    p = chain(
        Pipeline("p"),
        _node("make", remote.make, cluster),
        _node("total", remote.total, cluster, check_args=check),
    )
    assert p._compile().kept is None
    assert asyncio.run(p.execute(1))["total"] == 3


_EXECUTORS = [DaskExecutor("tcp://127.0.0.1:1"), DaskExecutor("tcp://127.0.0.1:2")]


@settings(max_examples=200, deadline=None)
@given(
    kinds=st.lists(
        st.sampled_from(["local", "dask0", "dask1", "checked", "router"]), min_size=1, max_size=7
    ),
    data=st.data(),
)
def test_kept_outputs_property(kinds: list[str], data: st.DataObject) -> None:
    """A node keeps its output exactly when it is a Dask node with consumers, all of them Dask
    nodes of its executor that do not check their arguments, and no router among them."""
    n = len(kinds)
    edges = [
        sorted(data.draw(st.sets(st.integers(i + 1, n - 1), max_size=3)) if i + 1 < n else [])
        for i in range(n)
    ]

    def special(kind: str) -> Special | None:
        if kind == "local":
            return None
        executor = _EXECUTORS[kind == "dask1"]
        check = (lambda args: None) if kind == "checked" else None
        return Special(remote.grow, None, executor, check, None)

    routes = [((j,),) if k == "router" else None for j, k in enumerate(kinds)]
    specials = [special(k) for k in kinds]
    kept = kept_outputs(specials, [[(j, 0) for j in e] for e in edges], routes)
    where = [None if k == "local" else _EXECUTORS[k == "dask1"] for k in kinds]
    expected = [
        where[i] is not None
        and kinds[i] != "router"
        and bool(edges[i])
        and all(where[j] is where[i] and kinds[j] not in {"checked", "router"} for j in edges[i])
        for i in range(n)
    ]
    assert kept == (tuple(expected) if any(expected) else None)


async def test_a_dsl_chain_with_a_filter(cluster: DaskExecutor, scheduler: Any) -> None:
    make = node(remote.make, executor=cluster)
    small = node(remote.keep_small, executor=cluster)
    total = node(remote.total, executor=cluster)
    pipeline = build(make >> small >> total)
    assert [await pipeline.run(x) for x in (2, 3)] == [5, None]
    assert await pipeline.map([4, 5, 6]) == [9, None, 13]
    assert Payload.pickled == 0
    await _no_keys(scheduler)


async def test_a_dsl_run_brings_back_only_its_output(cluster: DaskExecutor, scheduler: Any) -> None:
    """`run`, `map` and a nested pipeline read only the sinks, which are never kept: the kept
    intermediates are released unfetched (the record says so); `execute` still fetches them."""
    make = node(remote.make, executor=cluster)
    grow = node(remote.grow, executor=cluster)
    pipeline = build(make >> grow >> grow.named("again"))
    assert await pipeline.run(3) == Payload([3, 4, 7, 14])
    assert (Payload.pickled, Payload.unpickled) == (0, 1)  # the output alone came here
    assert pipeline.last_run is not None
    left = pipeline.last_run.outputs
    assert [repr(left[name]) for name in ("make", "grow")] == ["<left on the Dask cluster>"] * 2
    assert await pipeline.map([1, 2]) == [Payload([1, 2, 3, 6]), Payload([2, 3, 5, 10])]
    assert Payload.unpickled == 3
    outer = build(pipeline.as_node("inner") >> node(remote.total))  # `total` runs here
    assert await outer.run(3) == 28
    assert Payload.unpickled == 4
    outputs = await pipeline.execute(3)  # the documented API gives every node's output
    assert outputs["make"] == Payload([3, 4])
    assert Payload.unpickled == 7
    await _no_keys(scheduler)
