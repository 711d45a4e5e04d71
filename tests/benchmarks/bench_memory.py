"""Memory of many inputs through a 3-node flow (issue 12): is it flat, and what does one
in-flight input cost?

Run: `python tests/benchmarks/bench_memory.py [--quick]`

1. Peak RSS of `stream` and `map` over 10,000, 100,000 and 1,000,000 inputs (a lazy `range`)
   through `build(a >> b >> c)` of three trivial async nodes, concurrency 100, each count in a
   fresh interpreter (peak RSS is per process). Printed against the RSS after import and build.
   `stream` should stay flat; `map` returns the list of all results, so its growth is printed
   next to the size of that list (the list and its int objects, `sys.getsizeof`).
2. Per-input bookkeeping: N inputs held in flight at once (each waits in the first node on one
   event), traced with tracemalloc, divided by N; next to the same for a hand-written
   semaphore + gather doing the three awaits.
"""

from __future__ import annotations

import asyncio
import gc
import resource
import subprocess
import sys
import tracemalloc

from typedflow import build, node

QUICK = "--quick" in sys.argv
COUNTS = (10_000, 100_000) if QUICK else (10_000, 100_000, 1_000_000)
CONCURRENCY = 100
IN_FLIGHT = 2_000 if QUICK else 10_000
RELEASE: asyncio.Event | None = None  # set: the inputs held in the first node go on
ALL_IN: asyncio.Event | None = None  # set by the IN_FLIGHT-th input to reach the first node
STARTED = 0


async def first(x: int) -> int:
    global STARTED
    if RELEASE is not None and ALL_IN is not None:
        STARTED += 1
        if STARTED == IN_FLIGHT:
            ALL_IN.set()
        await RELEASE.wait()
    return x + 1


async def second(x: int) -> int:
    return x * 2


async def third(x: int) -> int:
    return x - 3


PIPELINE = build(node(first) >> node(second) >> node(third))


def rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def results_mb(results: list[int]) -> float:
    """What `map`'s result list holds: the list and its int objects."""
    return (sys.getsizeof(results) + sum(sys.getsizeof(r) for r in results)) / 2**20


async def child(mode: str, n: int) -> None:
    """One measurement in this (fresh) process: prints `start peak results` in MB."""
    await PIPELINE.run(1)  # first-run costs (planning, loop machinery) before the baseline
    gc.collect()
    start = rss_mb()
    held = 0.0
    if mode == "stream":
        count = 0
        async for _ in PIPELINE.stream(range(n), concurrency=CONCURRENCY):
            count += 1
        assert count == n
    else:
        results = await PIPELINE.map(range(n), concurrency=CONCURRENCY)
        assert len(results) == n
        assert results[-1] == ((n - 1) + 1) * 2 - 3
        held = results_mb(results)
    print(f"{start:.1f} {rss_mb():.1f} {held:.1f}")


def measure(mode: str, n: int) -> tuple[float, float, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(n)],
        capture_output=True,
        text=True,
        check=True,
    )
    start, peak, held = map(float, done.stdout.split())
    return start, peak, held


async def in_flight_bytes(typedflow: bool) -> float:
    """Traced bytes per input with IN_FLIGHT inputs waiting in the first node at once."""
    global RELEASE, ALL_IN, STARTED
    RELEASE, ALL_IN, STARTED = asyncio.Event(), asyncio.Event(), 0
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    if typedflow:
        task = asyncio.ensure_future(PIPELINE.map(range(IN_FLIGHT), concurrency=IN_FLIGHT))
    else:
        task = asyncio.ensure_future(hand_written(IN_FLIGHT))
    await ALL_IN.wait()
    held = tracemalloc.get_traced_memory()[0] - before
    RELEASE.set()
    await task
    tracemalloc.stop()
    RELEASE = ALL_IN = None
    return held / IN_FLIGHT


async def hand_written(n: int) -> list[int]:
    sem = asyncio.Semaphore(n)

    async def one(x: int) -> int:
        async with sem:
            return await third(await second(await first(x)))

    return await asyncio.gather(*(one(x) for x in range(n)))


def main() -> None:
    print(f"Python {sys.version.split()[0]}; 3 async nodes, concurrency {CONCURRENCY}")
    print("| inputs | `stream` peak RSS (growth) | `map` peak RSS (growth) | `map`'s result list |")
    print("|---|---|---|---|")
    for n in COUNTS:
        s_start, s_peak, _ = measure("stream", n)
        m_start, m_peak, held = measure("map", n)
        print(
            f"| {n:,} | {s_peak:.1f} MB (+{s_peak - s_start:.1f}) "
            f"| {m_peak:.1f} MB (+{m_peak - m_start:.1f}) | {held:.1f} MB |"
        )
    ours = asyncio.run(in_flight_bytes(typedflow=True))
    plain = asyncio.run(in_flight_bytes(typedflow=False))
    print(
        f"per in-flight input ({IN_FLIGHT:,} at once, tracemalloc): typedflow {ours:,.0f} bytes,"
        f" hand-written semaphore + gather {plain:,.0f} bytes ({ours / plain:.1f}x)"
    )


if __name__ == "__main__":
    if "--child" in sys.argv:
        at = sys.argv.index("--child")
        asyncio.run(child(sys.argv[at + 1], int(sys.argv[at + 2])))
    else:
        main()
