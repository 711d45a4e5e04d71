"""`aclose()` while runs are in flight (issue 11, item 7): in-flight runs finish on the pool
they started with, which is then released (it was re-created and leaked); a run starting while
it is under way fails clearly; `as_observable` pumps stop; afterwards the pipeline runs again."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING

import pytest

from typedflow import Pipeline, PipelineError, PipelineNode

from ._helpers import typedflow_threads, wait


def _threads_of(pipeline: str) -> list[str]:
    """The live pool threads of pipeline `pipeline` (other tests' may still be ending)."""
    return [t for t in typedflow_threads() if t.startswith(f"typedflow-{pipeline}")]

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


def _two_hops(gate: threading.Event, started: threading.Event) -> Pipeline:
    """src (sync, waits for `gate`) fans out to two sync nodes: each needs the pool again."""

    def src(x: int) -> int:
        started.set()
        gate.wait(timeout=30)
        return x

    p = Pipeline("closing")
    a = p.add_node(PipelineNode("src", src))
    for name in ("b", "c"):
        a.connect(p.add_node(PipelineNode(name, lambda x: x + 1)))
    p.set_start_node(a)
    return p


async def test_aclose_waits_for_a_run_in_flight_and_leaks_no_pool() -> None:
    gate, started = threading.Event(), threading.Event()
    p = _two_hops(gate, started)
    run = asyncio.create_task(p.execute(1))
    await wait(asyncio.to_thread(started.wait, 30))
    closing = asyncio.create_task(p.aclose())
    await asyncio.sleep(0.05)
    assert not closing.done()  # it waits for the run, which still needs the pool
    gate.set()
    assert await wait(run) == {"src": 1, "b": 2, "c": 2}
    await wait(closing)
    assert _threads_of('closing') == []


async def test_a_run_started_while_closing_fails_clearly() -> None:
    gate, started = threading.Event(), threading.Event()
    p = _two_hops(gate, started)
    first = asyncio.create_task(p.execute(1))
    await wait(asyncio.to_thread(started.wait, 30))
    closing = asyncio.create_task(p.aclose())
    await asyncio.sleep(0)
    with pytest.raises(PipelineError) as caught:
        await p.execute(2)
    assert str(caught.value) == (
        "Pipeline `closing` is closing (`aclose()` is under way): a run cannot start now;"
        " start it after `aclose()` returns"
    )
    gate.set()
    await wait(first)
    await wait(closing)
    assert await wait(p.execute(3)) == {"src": 3, "b": 4, "c": 4}  # usable again afterwards
    await p.aclose()
    assert _threads_of('closing') == []


async def test_aclose_stops_observable_pumps() -> None:
    p = Pipeline("pumps")
    p.set_start_node(p.add_node(PipelineNode("double", lambda x: 2 * x, inline=True)))
    seen: list[object] = []
    first = asyncio.Event()
    endless = asyncio.Queue[int]()

    async def source() -> AsyncIterator[int]:
        while True:
            yield await endless.get()

    def deliver(item: object) -> None:
        seen.append(item)
        first.set()

    p.as_observable(source()).subscribe(deliver)
    await endless.put(1)
    await wait(first.wait())
    await wait(p.aclose())
    await endless.put(2)
    await asyncio.sleep(0.05)
    assert seen == [{"double": 2}]  # nothing delivered after aclose
