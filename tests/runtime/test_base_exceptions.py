"""A `BaseException` that is not an `Exception` ends the run whatever the graph's shape (issue 11).

GeneratorExit, a test framework's failure or a custom BaseException raised by a node used to be
swallowed on a fan-out branch (`execute()` succeeded, the node stayed RUNNING) while on a
straight chain it propagated.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from typedflow import NodeExecutionError
from typedflow.pipeline import NodeStatus, Pipeline, PipelineNode

from ._helpers import aident, chain, fan_out, ident


class Stop(BaseException):
    """Not an `Exception`: what a test framework's failure or a custom signal looks like."""


def stop(x: Any) -> Any:
    raise Stop("stop here")


async def astop(x: Any) -> Any:
    await asyncio.sleep(0)
    raise Stop("stop here")


FAILED, COMPLETED = NodeStatus.FAILED, NodeStatus.COMPLETED


@pytest.mark.parametrize("body", [stop, astop], ids=["sync", "async"])
async def test_on_a_fan_out_branch_it_propagates_and_the_node_is_failed(body: Any) -> None:
    never = asyncio.Event()

    async def waits(x: Any) -> Any:
        await never.wait()
        return x

    p = fan_out(
        "p",
        PipelineNode("a", ident, inline=True),
        [PipelineNode("b", body, inline=body is stop), PipelineNode("c", waits)],
    )
    async with p:
        with pytest.raises(Stop, match="stop here"):
            await p.execute(1)
    assert p.get_pipeline_status() == {"a": COMPLETED, "b": FAILED, "c": NodeStatus.SKIPPED}


@pytest.mark.parametrize("body", [stop, astop], ids=["sync", "async"])
async def test_on_a_chain_it_propagates_the_same_way(body: Any) -> None:
    p = chain(Pipeline("p"), PipelineNode("a", aident), PipelineNode("b", body))
    async with p:
        with pytest.raises(Stop, match="stop here"):
            await p.execute(1)
    assert p.get_pipeline_status() == {"a": COMPLETED, "b": FAILED}


async def test_map_collect_does_not_report_it_as_ok() -> None:
    p = fan_out(
        "p",
        PipelineNode("a", ident, inline=True),
        [PipelineNode("b", stop, inline=True), PipelineNode("c", ident, inline=True)],
    )
    async with p:
        with pytest.raises(Stop):
            await p.map([1, 2], on_error="collect")


async def own_cancel(x: Any) -> Any:
    raise asyncio.CancelledError  # the node's own raise, not a cancellation of the run


def own_cancel_sync(x: Any) -> Any:
    raise asyncio.CancelledError


@pytest.mark.parametrize(
    ("body", "inline"),
    [(own_cancel, False), (own_cancel_sync, True), (own_cancel_sync, False)],
    ids=["async", "inline", "threaded"],
)
async def test_a_nodes_own_cancelled_error_is_its_failure_not_a_cancellation(
    body: Any, inline: bool
) -> None:
    p = chain(
        Pipeline("p"), PipelineNode("a", ident, inline=True), PipelineNode("b", body, inline=inline)
    )
    async with p:
        with pytest.raises(NodeExecutionError) as info:
            await p.execute(1)
        assert str(info.value) == "node `b` in pipeline `p` failed: CancelledError: "
        assert p.get_pipeline_status() == {"a": COMPLETED, "b": FAILED}
        outcomes = await p.map([1, 2], on_error="collect")
    assert [(o.ok, o.node) for o in outcomes] == [(False, "b"), (False, "b")]


async def test_a_real_cancellation_still_cancels() -> None:
    started = asyncio.Event()

    async def waits(x: Any) -> Any:
        started.set()
        await asyncio.Event().wait()

    p = chain(Pipeline("p"), PipelineNode("a", waits))
    task = asyncio.create_task(p.execute(1))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert p.get_pipeline_status() == {"a": NodeStatus.SKIPPED}
