"""First `run()` of a long chain of routes: is it linear? (issue 10, part 2)

Run: `.venv/bin/python tests/benchmarks/bench_route.py`. Builds a chain of 250 to 2,000
`route(on_int, on_str)` (each input takes one branch, the other is SKIPPED "not routed"), then
prints the time of the build and of the first run, and their 2,000/250 ratios against the
ideal 8.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

from typedflow import Flow, build, route
from typedflow._node import make_node


def _inc(x: int) -> int:
    return x + 1


def _size(x: str) -> int:
    return len(x)


def _chain(n: int) -> Flow[Any, Any]:
    flow: Any = None
    for i in range(n):
        on_int = make_node(_inc, name=f"int{i}", inline=True)
        on_str = make_node(_size, name=f"str{i}", inline=True)
        step = route(on_int, on_str)
        flow = step if flow is None else flow >> step
    return flow  # type: ignore[no-any-return]  # built at run time


def first_run(n: int) -> tuple[float, float]:
    """Seconds to build a chain of `n` routes, and to run it once."""
    flow = _chain(n)
    start = time.perf_counter()
    pipeline = build(flow)
    built = time.perf_counter()
    out = asyncio.run(pipeline.run(0))
    elapsed = time.perf_counter() - built
    assert out == n, out
    return built - start, elapsed


def main() -> None:
    sys.setrecursionlimit(10_000)
    times = {}
    for n in (250, 500, 1_000, 2_000):
        times[n] = first_run(n)
        print(
            f"{n:>6} routes: build {times[n][0] * 1000:8.1f} ms, run {times[n][1] * 1000:8.1f} ms"
        )
    for k, what in enumerate(("build", "run")):
        print(f"{what} ratio 2000/250: {times[2_000][k] / times[250][k]:.1f} (linear: 8)")


if __name__ == "__main__":
    main()
