"""Calling pipelines from synchronous code, against hand-written code in the same process.

Run: python tests/benchmarks/bench_sync.py [--quick]

Rows (the performance issue's targets, 2-core machine, medians):
  W1  a 5-node chain of sync `@node` functions through `run_sync`, against 5 direct calls
      (target: <= 10x);
  W1a the same chain through the async `run`, against one bare `loop.run_in_executor` hop
      doing the 5 calls (target: <= 1.2x);
  W4  500 items x 3 sync nodes x 2 ms blocking `time.sleep`, concurrency 32, through `map`
      and `map_sync`, against a hand-written `ThreadPoolExecutor(32)` doing the 3 sleeps per
      item (target: <= 1.15x); and `map_sync` on a pool held at 6 threads (the old default
      size here), to show what capping the pool cost.
The nodes are declared with `from __future__ import annotations`, as users write them.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from typedflow import build, node

if TYPE_CHECKING:
    from collections.abc import Callable

QUICK = "--quick" in sys.argv
REPEATS = 3 if QUICK else 7


@node
def n1(x: int) -> int:
    return x + 1


@node
def n2(x: int) -> int:
    return x * 2


@node
def n3(x: int) -> int:
    return x - 3


@node
def n4(x: int) -> int:
    return x + 4


@node
def n5(x: int) -> int:
    return x // 2


@node
def sleep_a(x: int) -> int:
    time.sleep(0.002)
    return x + 1


@node
def sleep_b(x: int) -> int:
    time.sleep(0.002)
    return x + 1


@node
def sleep_c(x: int) -> int:
    time.sleep(0.002)
    return x + 1


F1, F2, F3, F4, F5 = n1.func, n2.func, n3.func, n4.func, n5.func


def plain_chain(x: int) -> int:
    return F5(F4(F3(F2(F1(x)))))


def plain_sleeps(x: int) -> int:
    return sleep_c.func(sleep_b.func(sleep_a.func(x)))


def batch(call: Callable[[int], Any], n: int) -> float:
    """CPU seconds of this thread per call of `call` over one batch of `n` calls (both sides
    run in this thread only; wall time on a machine shared with other jobs would penalise
    the longer batch, which is preempted more often)."""
    t0 = time.thread_time()
    for i in range(n):
        call(i)
    return (time.thread_time() - t0) / n


def paired(
    base: Callable[[int], Any], ours: Callable[[int], Any], n: int
) -> tuple[float, float, float]:
    """Median seconds per call of each, and the median ratio of batches run back to back
    (so a busy machine slows both sides of a ratio alike)."""
    pairs = [(batch(base, n), batch(ours, n)) for _ in range(REPEATS * 3)]
    return (
        statistics.median(b for b, _ in pairs),
        statistics.median(o for _, o in pairs),
        statistics.median(o / b for b, o in pairs),
    )


async def per_await(call: Callable[[int], Any], n: int) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for i in range(n):
            await call(i)
        times.append((time.perf_counter() - t0) / n)
    return statistics.median(times)


def row(
    label: str, value: float, base: float, unit: str, target: str, ratio: float | None = None
) -> None:
    scale = 1e6 if unit == "us" else 1.0
    ratio = value / base if ratio is None else ratio
    print(
        f"{label:<62} {value * scale:8.2f} {unit}  baseline {base * scale:8.2f} {unit}"
        f"  ratio {ratio:5.2f}x  (target {target})"
    )


def w1() -> None:
    pipeline = build(n1 >> n2 >> n3 >> n4 >> n5)
    assert pipeline.run_sync(7) == plain_chain(7)
    n = 2_000 if QUICK else 10_000
    base, ours, ratio = paired(plain_chain, pipeline.run_sync, n)
    row("W1 5-node sync chain: run_sync vs 5 direct calls", ours, base, "us", "<= 10x", ratio)


async def w1_async() -> None:
    pipeline = build(n1 >> n2 >> n3 >> n4 >> n5)
    loop = asyncio.get_running_loop()
    n = 500 if QUICK else 3_000
    with ThreadPoolExecutor(6) as pool:

        def hop(x: int) -> Any:
            return loop.run_in_executor(pool, plain_chain, x)

        base = await per_await(hop, n)
        ours = await per_await(pipeline.run, n)
    await pipeline.aclose()
    row("W1a 5-node sync chain: async run vs one run_in_executor hop", ours, base, "us", "<= 1.2x")


def timed(call: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    call()
    return time.perf_counter() - t0


def w4() -> None:
    items = list(range(200 if QUICK else 500))
    expected = [plain_sleeps(x) for x in items[:3]]
    pipeline = build(sleep_a >> sleep_b >> sleep_c)
    capped = build(sleep_a >> sleep_b >> sleep_c, max_workers=6)
    base_runs, map_runs, sync_runs, capped_runs = [], [], [], []
    with ThreadPoolExecutor(32) as pool:
        for _ in range(REPEATS if QUICK else 5):  # alternate, so drift hits all alike
            base_runs.append(timed(lambda: list(pool.map(plain_sleeps, items))))
            map_runs.append(timed(lambda: asyncio.run(pipeline.map(items, concurrency=32))))
            sync_runs.append(timed(lambda: pipeline.map_sync(items, concurrency=32)))
            capped_runs.append(timed(lambda: capped.map_sync(items, concurrency=32)))
    assert pipeline.map_sync(items[:3], concurrency=32) == expected
    pipeline.close()
    capped.close()
    base = statistics.median(base_runs)
    label = f"W4 {len(items)} items x 3 nodes x 2 ms, concurrency 32"
    row(f"{label}: map", statistics.median(map_runs), base, "s", "<= 1.15x")
    row(f"{label}: map_sync", statistics.median(sync_runs), base, "s", "<= 1.15x")
    row(f"{label}: map_sync, pool of 6", statistics.median(capped_runs), base, "s", "(old cap)")


def main() -> None:
    ideal = (200 if QUICK else 500) / 32 * 0.006
    print(f"python {sys.version.split()[0]}; W4 ideal (items / 32 x 6 ms): {ideal:.3f} s")
    w1()
    asyncio.run(w1_async())
    w4()


if __name__ == "__main__":
    main()
