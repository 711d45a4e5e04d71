"""Streaming throughput: Pipeline.map against hand-written asyncio, in the same process.

Run: python tests/benchmarks/bench_stream.py [--quick]

Workloads (issue 6), each timed against a hand-written baseline doing the same work:
  (a) 5,000 items through 3 async nodes awaiting asyncio.sleep(0.005), concurrency 500;
      baseline: a semaphore + gather running the three awaits per item. Target <= 1.1x.
  (b) 3 sync nodes doing a blocking time.sleep(0.002) on a 32-thread pool, concurrency 32.
      typedflow fuses a straight chain of sync nodes into one thread hop, so the baseline
      (ThreadPoolExecutor(32) + run_in_executor + semaphore) runs the 3 sleeps in one hop
      too. Target <= 1.15x.
  (c) per-item overhead: 3 trivial async nodes, concurrency 500: items/s and the ratio.
Prints the median of several alternating runs of each side.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from _workloads import STAGES, gather_baseline

from typedflow.pipeline import Pipeline, PipelineNode

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

QUICK = "--quick" in sys.argv
REPEATS = 3 if QUICK else 5


def chain(name: str, func: Callable[[int], Any], **options: Any) -> Pipeline:
    pipeline = Pipeline(name, **options)
    nodes = [pipeline.add_node(PipelineNode(f"{name}{i}", func)) for i in range(STAGES)]
    for a, b in itertools.pairwise(nodes):
        a.connect(b)
    pipeline.set_start_node(nodes[0])
    return pipeline


async def call_5ms(x: int) -> int:
    await asyncio.sleep(0.005)
    return x + 1


def block_2ms(x: int) -> int:
    time.sleep(0.002)
    return x + 1


async def trivial(x: int) -> int:
    return x + 1


async def thread_baseline(pool: ThreadPoolExecutor, n: int, concurrency: int) -> list[int]:
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(concurrency)

    def three(x: int) -> int:  # the same work as typedflow's fused segment: one hop
        for _ in range(STAGES):
            x = block_2ms(x)
        return x

    async def one(x: int) -> int:
        async with sem:
            return await loop.run_in_executor(pool, three, x)

    return await asyncio.gather(*(one(x) for x in range(n)))


async def timed(run: Callable[[], Awaitable[list[Any]]], n: int) -> float:
    t0 = time.perf_counter()
    out = await run()
    elapsed = time.perf_counter() - t0
    assert len(out) == n
    return elapsed


async def compare(
    ours: Callable[[], Awaitable[list[Any]]],
    theirs: Callable[[], Awaitable[list[Any]]],
    n: int,
) -> tuple[float, float]:
    await ours()  # warm up: pool threads, caches
    await theirs()
    mine: list[float] = []
    base: list[float] = []
    for _ in range(REPEATS):
        mine.append(await timed(ours, n))
        base.append(await timed(theirs, n))
    return statistics.median(mine), statistics.median(base)


async def main() -> None:
    rows: list[tuple[str, str, str, str, str, str]] = []

    n, conc = (2_000 if QUICK else 5_000), 500
    p = chain("a", call_5ms)
    ours, base = await compare(
        lambda: p.map(range(n), concurrency=conc),
        lambda: gather_baseline(call_5ms, n, conc),
        n,
    )
    ideal = n / conc * STAGES * 0.005
    rows.append(
        (
            f"(a) {n:,} items, 3 async nodes x 5 ms, conc {conc}",
            f"{ours:.3f} s",
            f"{base:.3f} s",
            f"{ours / base:.2f}x",
            "<= 1.10x",
            f"ideal {ideal:.3f} s; baseline {base / ideal:.2f}x of it",
        )
    )

    n, conc = (500 if QUICK else 1_500), 32
    async with chain("b", block_2ms, max_workers=32) as threaded:
        with ThreadPoolExecutor(32) as pool:
            ours, base = await compare(
                lambda: threaded.map(range(n), concurrency=conc),
                lambda: thread_baseline(pool, n, conc),
                n,
            )
    ideal = n / conc * STAGES * 0.002
    rows.append(
        (
            f"(b) {n:,} items, 3 sync nodes x 2 ms (1 fused hop), pool 32",
            f"{ours:.3f} s",
            f"{base:.3f} s",
            f"{ours / base:.2f}x",
            "<= 1.15x",
            f"ideal {ideal:.3f} s; baseline {base / ideal:.2f}x of it",
        )
    )

    n, conc = (10_000 if QUICK else 30_000), 500
    fast = chain("c", trivial)
    ours, base = await compare(
        lambda: fast.map(range(n), concurrency=conc),
        lambda: gather_baseline(trivial, n, conc),
        n,
    )
    rows.append(
        (
            f"(c) {n:,} items, 3 trivial async nodes, conc {conc}",
            f"{n / ours:,.0f} items/s",
            f"{n / base:,.0f} items/s",
            f"{ours / base:.2f}x",
            "report",
            f"{ours / n * 1e6:.1f} us/item vs {base / n * 1e6:.1f} us/item",
        )
    )

    head = ("workload", "typedflow", "baseline", "ratio", "target", "notes")
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    mode = "quick" if QUICK else "full"
    version = sys.version.split()[0]
    print(f"bench_stream ({mode}; median of {REPEATS} alternating runs; Python {version})")
    for row in (head, tuple("-" * w for w in widths), *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(
        "typedflow fuses a straight chain of sync nodes into one thread hop; baseline (b) "
        "runs the 3 sleeps in one run_in_executor call per item, the same work."
    )


if __name__ == "__main__":
    asyncio.run(main())
