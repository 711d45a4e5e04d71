"""First `execute()` of a long straight chain of sync nodes: is it linear? (issue 11, item 3)

Run: `.venv/bin/python tests/benchmarks/bench_long_chain.py`. Prints the time and peak traced
memory of the first execute for 1,000 to 8,000 nodes, and the 8,000/1,000 time ratio against
the ideal 8 (before the fix: 13 s and 261 MB at 8,000 nodes, a ratio near 35), then the first
execute of 5,000 nodes without tracemalloc (issue 12's target: at most 50 ms).
"""

from __future__ import annotations

import asyncio
import itertools
import time
import tracemalloc

from typedflow import Pipeline, PipelineNode


def inc(x: int) -> int:
    return x + 1


def first_execute(n: int, traced: bool = True) -> tuple[float, float]:
    p = Pipeline("chain")
    nodes = [p.add_node(PipelineNode(f"n{i}", inc)) for i in range(n)]
    for a, b in itertools.pairwise(nodes):
        a.connect(b)
    p.set_start_node(nodes[0])
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    out = asyncio.run(p.execute(0))
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6 if traced else 0.0
    tracemalloc.stop()
    assert out[f"n{n - 1}"] == n
    return elapsed, peak


def main() -> None:
    times = {}
    for n in (1000, 2000, 4000, 8000):
        elapsed, peak = first_execute(n)
        times[n] = elapsed
        print(f"chain {n:5,d} nodes: first execute {elapsed * 1000:7.1f} ms, peak {peak:5.1f} MB")
    print(f"ratio 8,000/1,000: {times[8000] / times[1000]:.1f} (linear: 8)")
    plain = sorted(first_execute(5000, traced=False)[0] for _ in range(5))
    print(
        f"chain 5,000 nodes, no tracemalloc: first execute {plain[2] * 1000:.1f} ms"
        f" (median of 5, min {plain[0] * 1000:.1f}; target <= 50 ms)"
    )


if __name__ == "__main__":
    main()
