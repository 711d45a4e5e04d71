"""DSL node options compile to the runtime's policies and batch nodes (issue 6)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from typedflow import GraphError, NodeDefinitionError, NodeExecutionError, node
from typedflow.pipeline import BatchNode, NodeStatus, PoolExecutor


@node(inline=True)
def strip(text: str) -> str:
    return text.strip()


async def test_batch_node_groups_the_items_of_a_stream_and_routes_each_result() -> None:
    sizes: list[int] = []

    @node(batch_size=8, max_wait=0.05)
    async def lengths(texts: list[str]) -> list[int]:
        sizes.append(len(texts))
        return [len(t) for t in texts]

    pipeline = (strip >> lengths).build()
    assert isinstance(pipeline.get_node("lengths"), BatchNode)
    items = [" " + "x" * i + " " for i in range(20)]
    assert await pipeline.map(items, concurrency=20) == list(range(20))
    assert sum(sizes) == 20
    assert max(sizes) == 8


async def test_a_lone_item_is_flushed_without_waiting_for_a_full_batch() -> None:
    @node(batch_size=100, max_wait=0.01)
    def double(xs: list[int]) -> Sequence[int]:
        return [2 * x for x in xs]

    assert await double._as_flow().build().run(21) == 42


def test_batch_node_is_checked_per_item() -> None:
    @node(batch_size=4)
    def lengths(texts: list[str]) -> list[int]:
        return [len(t) for t in texts]

    @node
    def shout(text: str) -> str:
        return text.upper()

    with pytest.raises(GraphError) as info:
        (lengths >> shout).build()  # type: ignore[operator]  # the error under test
    assert [p.code for p in info.value.problems] == ["TF001"]
    assert "`lengths` returns `int`, but `shout` expects `str`" in info.value.problems[0].message


def test_a_batch_function_must_map_a_list_to_a_sequence() -> None:
    def scalar(text: str) -> int:
        return len(text)

    with pytest.raises(NodeDefinitionError) as info:
        node(batch_size=4)(scalar)  # type: ignore[arg-type]  # the error under test
    assert info.value.message == (
        "Batch node `test_a_batch_function_must_map_a_list_to_a_sequence.<locals>.scalar` must "
        "be annotated `list[T] -> list[U]` (any sequence of results), so that the graph sees "
        "one `T -> U` per item"
    )


async def test_retries_and_fallback_options_reach_the_runtime() -> None:
    seen: set[int] = set()

    @node(retries=2, backoff=0)
    async def flaky(x: int) -> int:
        if x not in seen:
            seen.add(x)
            raise ConnectionError("reset")
        return x * 10

    @node(fallback=-1)
    async def broken(x: int) -> int:
        raise ValueError(x)

    pipeline = (flaky >> broken).build()
    record = await pipeline.execute_record(3)
    assert record.outputs == {"flaky": 30, "broken": -1}
    assert record.attempts("flaky") == 2
    assert record.status == {"flaky": NodeStatus.COMPLETED, "broken": NodeStatus.COMPLETED}


async def test_timeout_option_fails_a_hanging_node() -> None:
    never = asyncio.Event()

    @node(timeout=0.05)
    async def hang(x: int) -> int:
        await never.wait()
        return x

    with pytest.raises(NodeExecutionError) as info:
        await hang._as_flow().build().run(1)
    assert info.value.node == "hang"
    assert isinstance(info.value.__cause__, TimeoutError)


async def test_concurrency_option_limits_calls_across_a_stream() -> None:
    running = peak = 0

    @node(concurrency=2)
    async def limited(x: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.001)
        running -= 1
        return x

    assert await limited._as_flow().build().map(range(40), concurrency=20) == list(range(40))
    assert peak == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"retries": -1}, "`@node` of `f`: retries must be a whole number >= 0, got -1"),
        (
            {"timeout": 0},
            "`@node` of `f`: timeout must be a positive, finite number of seconds, got 0",
        ),
        ({"concurrency": 0}, "`@node` of `f`: concurrency must be at least 1, got 0"),
        ({"batch_size": 0}, "`@node` of `f`: batch_size must be a whole number >= 1, got 0"),
        (
            {"batch_size": 2, "retries": 1},
            "`@node` of `f`: retries, timeout and fallback are not supported on batch nodes",
        ),
    ],
)
def test_invalid_options_are_rejected_at_decoration(options: dict[str, int], message: str) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        node(name="f", **options)  # type: ignore[call-overload]  # the error under test
    assert info.value.message == message


@node(executor=PoolExecutor.processes(1))
def pid_of_worker(x: int) -> tuple[int, int]:
    import os

    return os.getpid(), x + 1


async def test_executor_option_runs_a_module_level_node_in_a_process_pool() -> None:
    import os

    async with pid_of_worker._as_flow().build() as pipeline:
        pid, value = await pipeline.run(1)
    assert (value, pid != os.getpid()) == (2, True)


def test_executor_option_takes_sync_functions_only() -> None:
    async def coroutine(x: int) -> int:
        return x

    with pytest.raises(NodeDefinitionError) as info:
        node(executor=PoolExecutor.threads(1))(coroutine)
    assert info.value.message == (
        "`test_executor_option_takes_sync_functions_only.<locals>.coroutine`: an `executor` runs "
        "sync functions; it cannot be combined with an async function, `inline=True` or a batch "
        "node"
    )
