"""Small builders shared by the runtime tests."""

from __future__ import annotations

import asyncio
import itertools
import threading
from typing import TYPE_CHECKING, Any

from typedflow.pipeline import Pipeline, PipelineNode

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

WAIT = 5.0
"""Seconds a test waits for an event that must come, before failing instead of hanging."""


def chain(pipeline: Pipeline, *nodes: PipelineNode) -> Pipeline:
    """Add `nodes`, connect them in a line, and start the pipeline at the first."""
    for n in nodes:
        pipeline.add_node(n)
    for a, b in itertools.pairwise(nodes):
        a.connect(b)
    pipeline.set_start_node(nodes[0])
    return pipeline


def fan_out(
    name: str,
    source: PipelineNode,
    branches: list[PipelineNode],
    join: PipelineNode | None = None,
    **options: Any,
) -> Pipeline:
    """`source` feeding every branch (and every branch feeding `join`, if given)."""
    p = Pipeline(name, **options)
    p.add_node(source)
    p.set_start_node(source)
    for b in branches:
        p.add_node(b)
        source.connect(b)
    if join is not None:
        p.add_node(join)
        for b in branches:
            b.connect(join)
    return p


def ident(x: Any) -> Any:
    return x


async def aident(x: Any) -> Any:
    return x


def typedflow_threads() -> list[str]:
    """Names of the live threads that typedflow's pools started."""
    return [t.name for t in threading.enumerate() if t.name.startswith("typedflow-")]


async def wait(awaitable: Awaitable[Any]) -> Any:
    """Await with the test timeout, so a missing event fails the test instead of hanging it."""
    return await asyncio.wait_for(awaitable, WAIT)


def recorder(log: list[Any], name: str, result: Callable[..., Any]) -> Callable[..., Any]:
    """An async node function that logs its start and end around `result(*args)`."""

    async def run(*args: Any) -> Any:
        log.append(("start", name))
        await asyncio.sleep(0)
        out = result(*args)
        log.append(("end", name))
        return out

    return run
