"""The executor seam: where a node's synchronous function runs (DESIGN: pluggable executors)."""

from __future__ import annotations

import math
import os
import threading
from typing import TYPE_CHECKING, Any

import pytest

from typedflow import NodeDefinitionError, NodeExecutionError
from typedflow.pipeline import NodeExecutor, Pipeline, PipelineNode, PoolExecutor

from ._helpers import chain, typedflow_threads

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def pid_and_square(x: int) -> tuple[int, int]:
    """Module level, so a process pool can pickle it."""
    return os.getpid(), x * x


def fail(x: int) -> int:
    raise ValueError(f"bad {x}")


class Recording:
    """A custom executor: runs calls inline and records them."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.closed = 0

    async def run(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        self.calls.append((func.__name__, args))
        return func(*args)

    async def aclose(self) -> None:
        self.closed += 1


async def test_a_process_pool_runs_the_function_in_another_process() -> None:
    pool = PoolExecutor.processes(2)
    p = chain(Pipeline("p"), PipelineNode("square", pid_and_square, executor=pool))
    async with p:
        results = await p.map(range(6), concurrency=6)
    pids = {r["square"][0] for r in results}
    assert [r["square"][1] for r in results] == [0, 1, 4, 9, 16, 25]
    assert os.getpid() not in pids


async def test_a_failure_in_a_pool_is_the_nodes_failure() -> None:
    p = chain(Pipeline("p"), PipelineNode("fail", fail, executor=PoolExecutor.processes(1)))
    async with p:
        with pytest.raises(NodeExecutionError) as info:
            await p.execute(3)
    assert info.value.message == "node `fail` in pipeline `p` failed: ValueError: bad 3"


async def test_a_custom_executor_gets_every_call_and_is_closed_with_the_pipeline() -> None:
    executor = Recording()
    assert isinstance(executor, NodeExecutor)
    p = chain(Pipeline("p"), PipelineNode("sq", pid_and_square, executor=executor))
    async with p:
        assert (await p.execute(3))["sq"][1] == 9
    assert executor.calls == [("pid_and_square", (3,))]
    assert executor.closed == 1


async def test_a_thread_pool_executor_names_its_threads_and_is_shut_down() -> None:
    pool = PoolExecutor.threads(2, "typedflow-mine")
    p = chain(
        Pipeline("p"),
        PipelineNode("where", lambda x: threading.current_thread().name, executor=pool),
    )
    async with p:
        assert (await p.execute(1))["where"].startswith("typedflow-mine")
    assert typedflow_threads() == []


async def _coroutine(x: int) -> int:
    return x


@pytest.mark.parametrize(
    ("func", "options"),
    [(_coroutine, {}), (pid_and_square, {"inline": True})],
    ids=["async", "inline"],
)
def test_an_executor_takes_synchronous_functions_only(func: Any, options: dict[str, Any]) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        PipelineNode("n", func, executor=Recording(), **options)
    assert info.value.message == (
        "node `n`: an executor runs synchronous functions; it cannot be combined with an async "
        "function or inline=True"
    )


async def test_issue_11_a_dead_worker_fails_its_call_and_the_pool_is_replaced(
    tmp_path: Path,
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    from tests.flows.dying import die_once

    marker = str(tmp_path / "died")
    pool = PoolExecutor.processes(1)
    try:
        with pytest.raises(BrokenProcessPool):
            await pool.run(die_once, (marker,))
        assert (await pool.run(die_once, (marker,))).startswith("ok in ")
    finally:
        await pool.aclose()


async def test_issue_11_a_retry_recovers_from_a_dead_worker(tmp_path: Path) -> None:
    from tests.flows.dying import die_once

    marker = str(tmp_path / "died")
    executor = PoolExecutor.processes(1)
    node = PipelineNode("work", die_once, executor=executor, retries=1)
    async with chain(Pipeline("p"), node) as p:
        out = await p.execute(marker)
    assert out["work"].startswith("ok in ")
    assert p.last_run is not None


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: PoolExecutor.threads(0), "PoolExecutor.threads: max_workers must be an int of"
                                          " at least 1, got 0"),
        (
            lambda: PoolExecutor.threads(2.5),  # type: ignore[arg-type]  # the point
            "PoolExecutor.threads: max_workers must be an int of at least 1, got 2.5",
        ),
        (
            lambda: PoolExecutor.processes(math.nan),  # type: ignore[arg-type]  # the point
            "PoolExecutor.processes: max_workers must be an int of at least 1 or None, got nan",
        ),
    ],
    ids=["threads-0", "threads-float", "processes-nan"],
)
def test_pool_sizes_are_checked_when_the_executor_is_made(
    make: Callable[[], PoolExecutor], message: str
) -> None:
    with pytest.raises(ValueError) as info:
        make()
    assert str(info.value) == message
