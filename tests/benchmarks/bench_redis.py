"""Per-call cost of a cache hit: `RedisCache` against `MemoryCache` and no cache at all.

Run: python -m tests.benchmarks.bench_redis [--quick]   (needs redis-server and typedflow[redis])

Starts its own redis-server on a Unix socket in a temporary directory, then times a one-node
pipeline (an async node returning a small dataclass) executed N times on the same input: with
no cache (the function runs each time), with a warm `MemoryCache` and with a warm `RedisCache`
(every execution a hit: a GET and a msgpack decode into the dataclass), and a bare redis-py GET
for the floor. Prints the median microseconds per execution and the difference from the
uncached pipeline.
"""

from __future__ import annotations

import asyncio
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from typedflow.pipeline import (
    CacheBackend,
    CachedNode,
    MemoryCache,
    Pipeline,
    PipelineNode,
    RedisCache,
)

from ..runtime._redis_server import RedisServer

QUICK = "--quick" in sys.argv
REPEATS = 3 if QUICK else 7
CALLS = 300 if QUICK else 2000


@dataclasses.dataclass
class Summary:
    title: str
    words: int
    tags: list[str]


async def summarize(text: str) -> Summary:
    return Summary(text[:10], len(text.split()), ["a", "b", "c"])


def pipeline(backend: CacheBackend | None) -> Pipeline:
    p = Pipeline("bench")
    if backend is None:
        n = p.add_node(PipelineNode("summarize", summarize))
    else:
        n = p.add_node(CachedNode("summarize", summarize, backend=backend))
    p.set_start_node(n)
    return p


async def per_call(p: Pipeline, text: str) -> float:
    """Median seconds per execution over REPEATS rounds of CALLS executions."""
    await p.execute(text)  # warm: the entry is stored, the pool connected
    rounds = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(CALLS):
            await p.execute(text)
        rounds.append((time.perf_counter() - start) / CALLS)
    return statistics.median(rounds)


async def measure(url: str) -> dict[str, float]:
    text = "a short document of several words " * 20
    redis = RedisCache(url, namespace="bench")
    results: dict[str, Any] = {}
    for label, backend in (
        ("no cache", None),
        ("MemoryCache hit", MemoryCache()),
        ("RedisCache hit (Unix socket)", redis),
    ):
        results[label] = await per_call(pipeline(backend), text)
    results["redis-py GET alone (same pool)"] = await raw_get(redis)
    await redis.clear()
    await redis.aclose()
    return results


async def raw_get(cache: RedisCache) -> float:
    """Median seconds of a bare GET through the cache's own client: the floor for a hit."""
    client = await cache._client()
    await client.set("bench:raw", b"x")
    rounds = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(CALLS):
            await client.get("bench:raw")
        rounds.append((time.perf_counter() - start) / CALLS)
    return statistics.median(rounds)


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        server = RedisServer(Path(directory))
        server.start()
        try:
            results = asyncio.run(measure(server.url))
        finally:
            server.stop()
    base = results["no cache"]
    print(f"{CALLS} executions x {REPEATS} rounds, median per execution:")
    for label, seconds in results.items():
        print(f"  {label:30} {seconds * 1e6:8.1f} us  ({(seconds - base) * 1e6:+8.1f} us)")


if __name__ == "__main__":
    main()
