"""Runtime type checks: a 5-node chain built with `runtime_checks=True` against unchecked.

Run: python tests/benchmarks/bench_checks.py [--quick]

Prints the median time per `run` of each variant and its ratio to the unchecked run of the
same chain, measured in this process. Target (issue 5): at most 2x for small values.
Also prints beartype's own cost per check for the hints used, to show where the time goes.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from typing import TYPE_CHECKING, Any, TypedDict

from beartype.door import is_bearable

from typedflow import TypedPipeline, node

if TYPE_CHECKING:
    from typedflow import Flow

QUICK = "--quick" in sys.argv
REPEATS = 5 if QUICK else 9
RUNS = 500 if QUICK else 3000


class Item(TypedDict):
    name: str
    score: int


@node(inline=True)
def inc(x: int) -> int:
    return x + 1


@node
async def ainc(x: int) -> int:
    return x + 1


@node(inline=True)
def words(xs: list[str]) -> list[str]:
    return xs


@node(inline=True)
def rescore(item: Item) -> Item:
    return item


def chain(first: Any, value: object, label: str) -> tuple[str, Flow[Any, Any], object]:
    flow = first.named(f"{label}0")
    for i in range(1, 5):
        flow = flow >> first.named(f"{label}{i}")
    return label, flow, value


async def per_run(pipeline: TypedPipeline[Any, Any], value: object) -> float:
    for _ in range(50):
        await pipeline.run(value)
    t0 = time.perf_counter()
    for _ in range(RUNS):
        await pipeline.run(value)
    return (time.perf_counter() - t0) / RUNS


def median(pipeline: TypedPipeline[Any, Any], value: object) -> float:
    return statistics.median(asyncio.run(per_run(pipeline, value)) for _ in range(REPEATS))


def main() -> None:
    cases = [
        chain(inc, 1, "inline int"),
        chain(ainc, 1, "async int"),
        chain(words, ["a", "b", "c"], "inline list[str]"),
        chain(rescore, {"name": "a", "score": 1}, "inline TypedDict"),
    ]
    print(f"{'5-node chain':<20} {'unchecked':>11} {'checked':>11} {'ratio':>6}")
    for label, flow, value in cases:
        plain = median(flow.build(name="plain"), value)
        checked = median(flow.build(name="checked", runtime_checks=True), value)
        ratio = checked / plain
        print(f"{label:<20} {plain * 1e6:>8.2f} us {checked * 1e6:>8.2f} us {ratio:>5.2f}x")
    print("\nbeartype is_bearable per call (for reference):")
    for hint, value in ((int, 1), (list[str], ["a", "b"]), (dict[str, int], {"a": 1})):
        n = 20000
        t0 = time.perf_counter()
        for _ in range(n):
            is_bearable(value, hint)
        print(f"  {hint!s:<16} {(time.perf_counter() - t0) / n * 1e9:>6.0f} ns")


if __name__ == "__main__":
    main()
