"""Runtime overhead: typedflow's Pipeline against direct calls, measured in the same process.

Run: python tests/benchmarks/bench_runtime.py [--quick]

Prints the median time per execution of each workload, and the ratio to its baseline
(direct function calls or hand-written asyncio doing the same work). Targets (issue 2):
5-node async chain <= 15 us; sync chain on the thread pool <= 40 us per node; the inline
sync chain within 2x of the async chain; diamond (source, 3 async branches, join) <= 40 us.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from typedflow.pipeline import Pipeline, PipelineNode

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

QUICK = "--quick" in sys.argv
REPEATS = 5 if QUICK else 9


async def inc_async(x: int) -> int:
    return x + 1


def inc_sync(x: int) -> int:
    return x + 1


async def join3(a: int, b: int, c: int) -> int:
    return a + b + c


def chain(name: str, func: Callable[[int], Any], n: int = 5, **options: Any) -> Pipeline:
    pipeline = Pipeline(name)
    nodes = [pipeline.add_node(PipelineNode(f"{name}{i}", func, **options)) for i in range(n)]
    for a, b in itertools.pairwise(nodes):
        a.connect(b)
    pipeline.set_start_node(nodes[0])
    return pipeline


def diamond() -> Pipeline:
    pipeline = Pipeline("diamond")
    source = pipeline.add_node(PipelineNode("source", inc_async))
    join = pipeline.add_node(PipelineNode("join", join3))
    for i in range(3):
        source.connect(pipeline.add_node(PipelineNode(f"b{i}", inc_async))).connect(join)
    pipeline.set_start_node(source)
    return pipeline


async def direct_async_chain(x: int) -> int:
    for _ in range(5):
        x = await inc_async(x)
    return x


def direct_sync_chain(x: int) -> int:
    for _ in range(5):
        x = inc_sync(x)
    return x


async def direct_threaded_chain(pool: ThreadPoolExecutor, x: int) -> int:
    loop = asyncio.get_running_loop()
    for _ in range(5):
        x = await loop.run_in_executor(pool, inc_sync, x)
    return x


async def direct_diamond(x: int) -> int:
    s = await inc_async(x)
    a, b, c = await asyncio.gather(inc_async(s), inc_async(s), inc_async(s))
    return await join3(a, b, c)


async def measure(call: Callable[[], Awaitable[object]], n: int) -> float:
    """Median seconds per call over REPEATS rounds of n calls."""
    for _ in range(min(n, 200)):
        await call()
    rounds = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(n):
            await call()
        rounds.append((time.perf_counter() - start) / n)
    return statistics.median(rounds)


def measure_sync(call: Callable[[], object], n: int) -> float:
    rounds = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(n):
            call()
        rounds.append((time.perf_counter() - start) / n)
    return statistics.median(rounds)


def row(label: str, seconds: float, baseline: float, target: str) -> None:
    print(f"{label:<44} {seconds * 1e6:9.2f} us  {seconds / baseline:7.1f}x   {target}")


async def main() -> None:
    n = 2_000 if QUICK else 20_000
    async_chain = chain("a", inc_async)
    sync_chain = chain("s", inc_sync)
    inline_chain = chain("i", inc_sync, inline=True)
    dia = diamond()

    base_async = await measure(lambda: direct_async_chain(1), n)
    base_sync = measure_sync(lambda: direct_sync_chain(1), n)
    base_diamond = await measure(lambda: direct_diamond(1), n // 4)
    with ThreadPoolExecutor(4) as pool:
        base_threaded = await measure(lambda: direct_threaded_chain(pool, 1), n // 10)
    t_async = await measure(lambda: async_chain.execute(1), n)
    t_inline = await measure(lambda: inline_chain.execute(1), n)
    async with sync_chain:
        t_sync = await measure(lambda: sync_chain.execute(1), n // 10)
    t_diamond = await measure(lambda: dia.execute(1), n // 4)
    subscription = async_chain.events.subscribe(lambda event: None)
    t_events = await measure(lambda: async_chain.execute(1), n // 4)
    subscription.dispose()

    print(f"{'workload (median per execution)':<44} {'time':>12}  {'ratio':>7}   target")
    print(f"{'direct: 5 awaited async calls':<44} {base_async * 1e6:9.2f} us")
    print(f"{'direct: 5 sync calls':<44} {base_sync * 1e6:9.2f} us")
    print(f"{'hand-written asyncio diamond (gather)':<44} {base_diamond * 1e6:9.2f} us")
    print(f"{'hand-written: 5 run_in_executor hops':<44} {base_threaded * 1e6:9.2f} us")
    row("5-node async chain", t_async, base_async, "<= 15 us")
    inline_vs_async = f"<= 2x async ({t_inline / t_async:.2f}x)"
    per_node = f"<= 40 us/node ({t_sync / 5 * 1e6:.1f})"
    row("5-node sync chain, inline=True", t_inline, base_sync, inline_vs_async)
    row("5-node sync chain, thread pool", t_sync, base_threaded, per_node)
    row("diamond: source, 3 async branches, join", t_diamond, base_diamond, "<= 40 us")
    row("5-node async chain, events subscribed", t_events, base_async, "(10 events)")


if __name__ == "__main__":
    asyncio.run(main())
