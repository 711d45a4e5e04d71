"""Features combined: runtime checks, executors, policies, sub-pipelines (issues 2, 5, 6)."""

from __future__ import annotations

import copy
import os
import threading
import time

import pytest

from tests.flows.pooled import square, worker_pid
from typedflow import NodeTypeError, build, node
from typedflow.pipeline import Pipeline, PipelineNode, PoolExecutor, SubPipeline


async def test_runtime_checks_work_with_a_process_pool_executor() -> None:
    async with build(square, runtime_checks=True) as pipeline:
        assert await pipeline.run(4) == 16
        with pytest.raises(NodeTypeError) as info:
            await pipeline.run("4")  # type: ignore[arg-type]  # the error under test
    assert info.value.message == (
        "Input of pipeline `square`: node `square` parameter `x` expects `int`, got `str`: '4'"
    )


async def test_a_process_pool_node_runs_in_another_process() -> None:
    async with build(worker_pid) as pipeline:
        assert await pipeline.run(0) != os.getpid()


async def test_an_executor_call_abandoned_by_its_timeout_still_holds_its_permit() -> None:
    lock = threading.Lock()
    running = peak = 0

    def blocking(x: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.15)
        with lock:
            running -= 1
        return x

    pool = PoolExecutor.threads(4, "typedflow-permit")
    p = Pipeline("p")
    p.set_start_node(
        p.add_node(PipelineNode("n", blocking, executor=pool, concurrency=1, timeout=0.02))
    )
    async with p:
        outcomes = await p.map(range(4), concurrency=4, on_error="collect")
    assert [o.ok for o in outcomes] == [False] * 4
    assert peak == 1


async def test_a_fallback_value_is_checked_like_any_output() -> None:
    # An unannotated fallback function: the build cannot see its values (issue 9 makes a
    # `fallback="n/a"` value on this node a TF008 build error).
    @node(fallback=lambda s: "n/a")
    def parse(s: str) -> int:
        return int(s)

    @node
    def label(x: int) -> str:
        return f"#{x * 2}"

    pipeline = build(parse >> label, runtime_checks=True)
    assert await pipeline.run("21") == "#42"
    with pytest.raises(NodeTypeError) as info:
        await pipeline.run("oops")
    assert info.value.node == "parse"
    assert info.value.message == (
        "Node `parse` in pipeline `label`: `return` expects `int`, got `str`: 'n/a'"
    )


async def test_a_fan_out_pipeline_in_a_sub_pipeline_gives_what_run_gives() -> None:
    @node
    def double(x: int) -> int:
        return 2 * x

    @node
    def show(x: int) -> str:
        return str(x)

    @node
    def source(x: int) -> int:
        return x

    inner = (source >> (double, show)).build(name="inner_fan")
    assert await inner.run(1) == (2, "1")
    outer = Pipeline("outer")
    outer.set_start_node(outer.add_node(SubPipeline("sub", inner)))
    async with outer:
        assert await outer.execute(1) == {"sub": (2, "1")}


def test_copying_a_named_node_keeps_its_name() -> None:
    renamed = square.named("renamed")
    assert copy.copy(renamed).name == "renamed"
    assert copy.deepcopy(renamed).name == "renamed"

    @node
    def local(x: int) -> int:
        return x

    assert copy.copy(local).name == "local"
