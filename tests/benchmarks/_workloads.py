"""Workloads shared by the benchmark scripts (issue 12): the W5 module sources, the hand-written
asyncio baseline for many items, import timing in fresh interpreters, and medians of
alternating runs. A private helper: `python tests/benchmarks/bench_*.py` puts this directory
first on `sys.path`.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

LOOP = asyncio.new_event_loop()  # the async measurements' loop, kept across rounds
HEADER = "from __future__ import annotations\nfrom typedflow import build, node\n"
STAGES = 3


def chain_source(n: int, decorate: bool) -> str:
    """A module defining `f0` ... `f{n-1}` (`int -> int`); decorated, it folds them with `>>`
    and builds the chain."""
    at = "@node\n" if decorate else ""
    defs = "".join(f"{at}def f{i}(x: int) -> int:\n    return x + {i}\n\n" for i in range(n))
    fold = "flow = f0 >> f1\nfor i in range(2, N):\n    flow = flow >> globals()[f'f{i}']\n"
    return HEADER + defs + (fold + "pipeline = build(flow)\n" if decorate else "")


def fan_source(n: int, decorate: bool) -> str:
    """A module defining `src`, `b0` ... `b{n-1}` and `total`; decorated, it builds
    `src >> [b...] >> total`."""
    at = "@node\n" if decorate else ""
    defs = f"{at}def src(x: int) -> int:\n    return x\n\n"
    defs += "".join(f"{at}def b{i}(x: int) -> str:\n    return str(x)\n\n" for i in range(n))
    defs += f"{at}def total(*xs: str) -> int:\n    return len(xs)\n\n"
    wire = "pipeline = build(src >> [globals()[f'b{i}'] for i in range(N)] >> total)\n"
    return HEADER + defs + (wire if decorate else "")


def exec_ms(source: str, n: int, runs: int = 5, prelude: str = "") -> float:
    """Median ms to execute a module's compiled code (bytecode compiled first, as an import
    would have it); `prelude` is executed untimed first in the same namespace."""
    return statistics.median(exec_times(source, n, runs, prelude))


def exec_times(source: str, n: int, runs: int = 5, prelude: str = "") -> list[float]:
    """The ms of each of `runs` executions of a module's compiled code (see `exec_ms`)."""
    code = compile(source, f"<bench {n}>", "exec")
    times = []
    for _ in range(runs):
        namespace: dict[str, Any] = {"__name__": "bench_module", "N": n}
        if prelude:
            exec(prelude, namespace)
        gc.collect()
        start = time.perf_counter()
        exec(code, namespace)
        times.append((time.perf_counter() - start) * 1000)
    return times


async def gather_baseline(
    step: Callable[[int], Awaitable[int]], n: int, concurrency: int
) -> list[int]:
    """`n` items through `STAGES` awaits of `step` each, at most `concurrency` at a time: a
    semaphore and `gather`, as one would write it by hand."""
    sem = asyncio.Semaphore(concurrency)

    async def one(x: int) -> int:
        async with sem:
            for _ in range(STAGES):
                x = await step(x)
            return x

    return await asyncio.gather(*(one(x) for x in range(n)))


def import_times(statement: str) -> dict[str, tuple[int, int]]:
    """`{module: (self µs, cumulative µs)}` for one fresh interpreter running `statement`,
    plus `""` for the whole statement (the sum of the top-level imports' cumulative times).

    The child may write bytecode whatever this process was told (`PYTHONDONTWRITEBYTECODE`
    would make every import compile its modules' source again: the first call compiles).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    times: dict[str, tuple[int, int]] = {}
    whole = 0
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        own, total, name = line.removeprefix("import time:").split("|")
        if not name.startswith("  "):  # one space after the bar: a top-level import
            whole += int(total)
        times[name.strip()] = (int(own), int(total))
    times[""] = (whole, whole)
    return times


def medians(columns: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each column's measurements over `rounds` rounds, the columns alternating within each
    round (so drift on a shared machine hits them alike)."""
    found: dict[str, list[float]] = {name: [] for name in columns}
    for _ in range(rounds):
        for name, measure in columns.items():
            found[name].append(measure())
    return found


def per_call_sync(call: Callable[[int], Any], n: int) -> Callable[[], float]:
    def measure() -> float:
        start = time.perf_counter()
        for i in range(n):
            call(i)
        return (time.perf_counter() - start) / n

    return measure


def per_call_async(call: Callable[[int], Any], n: int) -> Callable[[], float]:
    async def batch() -> float:
        start = time.perf_counter()
        for i in range(n):
            await call(i)
        return (time.perf_counter() - start) / n

    return lambda: LOOP.run_until_complete(batch())


def once_async(run: Callable[[], Any]) -> Callable[[], float]:
    async def timed() -> float:
        start = time.perf_counter()
        await run()
        return time.perf_counter() - start

    return lambda: LOOP.run_until_complete(timed())


def once_sync(run: Callable[[], Any]) -> Callable[[], float]:
    def timed() -> float:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start

    return timed
