"""Build-time benchmark of the DSL: compose with `>>` and build (all checks); prints timings.

Run: `.venv/bin/python tests/benchmarks/bench_build.py`. Targets (issue 3): a 5,000-node chain
composed and built in at most 100 ms; a 1,000-way fan-out/fan-in in at most 50 ms; the
10,000/1,000 chain time ratio at most 12 (linear growth).
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING, Any

from typedflow import Flow, build, node

if TYPE_CHECKING:
    from collections.abc import Callable

    from typedflow._node import Node


@node
def step(x: int) -> int:
    return x + 1


@node
def total(*xs: int) -> int:
    return sum(xs)


def chain(n: int) -> Callable[[], object]:
    nodes = [step.named(f"s{i}") for i in range(n)]

    def run() -> object:
        flow: Flow[int, int] = nodes[0] >> nodes[1]
        for x in nodes[2:]:
            flow = flow >> x
        return flow.build(name="chain")

    return run


def fan(n: int) -> Callable[[], object]:
    src = step.named("src")
    branches: list[Node[..., Any]] = [step.named(f"b{i}") for i in range(n)]

    def run() -> object:
        return build(src >> branches >> total, name="fan")

    return run


def best(fn: Callable[[], object], repeat: int = 7) -> float:
    fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    c1k, c5k, c10k = (best(chain(n)) for n in (1_000, 5_000, 10_000))
    f1k = best(fan(1_000))
    print(f"chain  1,000 nodes: {c1k * 1e3:7.1f} ms")
    print(f"chain  5,000 nodes: {c5k * 1e3:7.1f} ms   (target <= 100 ms)")
    print(f"chain 10,000 nodes: {c10k * 1e3:7.1f} ms")
    print(f"fan-out/fan-in 1,000: {f1k * 1e3:5.1f} ms   (target <= 50 ms)")
    print(f"ratio 10,000/1,000: {c10k / c1k:7.2f}      (target <= 12)")


if __name__ == "__main__":
    main()
