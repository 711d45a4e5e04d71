"""Where CPU-bound sync nodes should run: thread pool, process pool or a Dask cluster.

Run: python tests/benchmarks/bench_dask.py [--quick]   (needs `pip install -e '.[dask]'`)

Workloads (issue 13), each against plain code measured in the same process:
  (a) 200 items through one pure-Python CPU-bound node of about 20 ms, concurrency 16:
      the pipeline's thread pool (the GIL serialises the work), `PoolExecutor.processes(2)`
      and `DaskExecutor` over a 2-worker `LocalCluster` (1 thread each); baseline: a plain
      loop calling the function 200 times.
  (b) a 4-node chain over 16 MB `bytes` items (each node a cheap transformation, the last
      returns a small digest), concurrency 4: `DaskExecutor` nodes keeping the data on the
      cluster (the default: futures go from node to node; the intermediate values come back
      once, together, at the end of each run, for its record), the same nodes on two
      executors in turn (two connections to the same cluster: every value comes back to the
      pipeline and is sent out again, as before issue 13's data bullet), and hand-written
      Dask futures passed from step to step (only the digests ever come back).
Prints the median of several alternating runs of each side.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import itertools
import statistics
import sys
import time
from typing import TYPE_CHECKING, Any

from typedflow import build, node
from typedflow.pipeline import DaskExecutor, Pipeline, PipelineNode, PoolExecutor

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 3
ITEMS = 200
LOOPS = 1  # calibrated in main() so that one call of `cpu` takes about 20 ms
MB16 = 16 * 1024 * 1024


def cpu(x: int, loops: int | None = None) -> int:
    """Pure-Python arithmetic: holds the GIL for the whole call."""
    total = x
    for i in range(loops or LOOPS):
        total = (total * 31 + i) % 1_000_003
    return total


def step(data: bytes) -> bytes:
    """A cheap pass over a big value: the cost is moving it, not computing."""
    return data[1:] + data[:1]


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def calibrate() -> int:
    loops = 100_000
    t0 = time.perf_counter()
    cpu(0, loops)
    per_loop = (time.perf_counter() - t0) / loops
    return max(1, int(0.020 / per_loop))


def pipeline(name: str, funcs: list[Callable[..., Any]], **options: Any) -> Pipeline:
    p = Pipeline(name)
    nodes = [p.add_node(PipelineNode(f"{name}{i}", f, **options)) for i, f in enumerate(funcs)]
    for a, b in itertools.pairwise(nodes):
        a.connect(b)
    p.set_start_node(nodes[0])
    return p


async def timed(run: Callable[[], Awaitable[Any]]) -> float:
    t0 = time.perf_counter()
    await run()
    return time.perf_counter() - t0


async def medians(runs: Mapping[str, Callable[[], Awaitable[Any]]]) -> list[tuple[str, float]]:
    """Warm each side up once, then time them alternately, REPEATS rounds."""
    for run in runs.values():
        await run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(REPEATS):
        for name, run in runs.items():
            times[name].append(await timed(run))
    return [(name, statistics.median(t)) for name, t in times.items()]


async def cpu_rows(dask: DaskExecutor) -> list[tuple[str, float]]:
    loops = LOOPS

    async def plain() -> None:
        for x in range(ITEMS):
            cpu(x, loops)

    # `cpu` reads LOOPS at module level, which other processes do not share: every side gets
    # the calibrated count through the same partial.
    work = functools.partial(cpu, loops=loops)
    threads = pipeline("threads", [work])
    processes = pipeline("processes", [work], executor=PoolExecutor.processes(2))
    on_dask = pipeline("dask", [work], executor=dask)

    def mapped(p: Pipeline) -> Callable[[], Awaitable[Any]]:
        return lambda: p.map(range(ITEMS), concurrency=16)

    runs = {
        "plain loop (1 core)": plain,
        "thread pool": mapped(threads),
        "process pool, 2 processes": mapped(processes),
        "Dask, 2 workers x 1 thread": mapped(on_dask),
    }
    table = await medians(runs)
    await processes.aclose()
    return table


async def chain_rows(dask: DaskExecutor, items: int) -> list[tuple[str, float]]:
    import distributed  # the dask extra

    data = [bytes([i]) * MB16 for i in range(items)]
    chained = pipeline("chain", [step, step, step, digest], executor=dask)
    other = DaskExecutor(dask.address)  # another connection: nothing stays on the cluster
    relayed = Pipeline("relayed")
    nodes = [
        relayed.add_node(PipelineNode(f"relayed{i}", f, executor=(dask, other)[i % 2]))
        for i, f in enumerate([step, step, step, digest])
    ]
    for a, b in itertools.pairwise(nodes):
        a.connect(b)
    relayed.set_start_node(nodes[0])
    client = await distributed.Client(dask.address, asynchronous=True)  # type: ignore[no-untyped-call]  # distributed's own hints

    dsl = build(
        node(step, name="s1", executor=dask)
        >> node(step, name="s2", executor=dask)
        >> node(step, name="s3", executor=dask)
        >> node(digest, executor=dask)
    )

    async def by_typedflow() -> None:
        await chained.map(data, concurrency=4)

    async def by_the_dsl() -> None:  # `map` reads only the digests: nothing else comes back
        await dsl.map(data, concurrency=4)

    async def through_the_pipeline() -> None:
        await relayed.map(data, concurrency=4)

    async def futures_on_cluster() -> None:
        sem = asyncio.Semaphore(4)

        async def one(x: bytes) -> str:
            async with sem:
                f = await client.scatter(x, hash=False)  # as the executor sends big values
                f = client.submit(step, f, pure=False)
                f = client.submit(step, f, pure=False)
                f = client.submit(step, f, pure=False)
                out: str = await client.submit(digest, f, pure=False)
                return out

        await asyncio.gather(*(one(x) for x in data))

    runs = {
        f"typedflow chain, data kept, {items} x 16 MB (`Pipeline.map`: all outputs back)": (
            by_typedflow
        ),
        "typedflow DSL chain, data kept (`build(...).map`: only the digests back)": by_the_dsl,
        "typedflow chain, values relayed": through_the_pipeline,
        "hand-written Dask futures (data stays)": futures_on_cluster,
    }
    try:
        return await medians(runs)
    finally:
        await client.close()
        await other.aclose()


async def main() -> None:
    global LOOPS  # calibrated once, before any worker starts
    LOOPS = calibrate()
    dask = DaskExecutor(n_workers=2, threads_per_worker=1)
    t0 = time.perf_counter()
    await dask.run(cpu, (0, 1))
    started = time.perf_counter() - t0
    t0 = time.perf_counter()
    for x in range(20):
        await dask.run(cpu, (x, 1))
    round_trip = (time.perf_counter() - t0) / 20
    try:
        cpu_table = await cpu_rows(dask)
        chain_table = await chain_rows(dask, 4 if QUICK else 8)
    finally:
        await dask.aclose()
    mode = "quick" if QUICK else "full"
    version = sys.version.split()[0]
    print(f"bench_dask ({mode}; medians of {REPEATS}; Python {version})")
    print(
        f"LocalCluster start {started:.2f} s; one trivial call round trip {round_trip * 1e3:.1f} ms"
    )
    print(f"(a) {ITEMS} items x one ~20 ms pure-Python call (loops={LOOPS})")
    base = cpu_table[0][1]
    for name, t in cpu_table:
        print(f"    {name:<34} {t:7.3f} s  {t / base:5.2f}x plain  {t / ITEMS * 1e3:6.1f} ms/item")
    print("(b) 4-node chain (3 x rotate + digest) over 16 MB bytes, concurrency 4")
    base = next(t for name, t in chain_table if name.startswith("hand-written"))
    for name, t in chain_table:
        print(f"    {name:<42} {t:7.3f} s  {t / base:5.2f}x hand-written futures")


if __name__ == "__main__":
    asyncio.run(main())
