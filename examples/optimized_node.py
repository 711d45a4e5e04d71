"""Documentation "Performance Optimization": thread pools for CPU-bound work, and caching.

Changed from the documentation: its `OptimizedNode` created a thread pool per node object and
put `functools.lru_cache` on an async method, which caches coroutine objects (awaiting a hit
raises "cannot reuse already awaited coroutine"). Here `ThreadPoolNode` gives the CPU-bound
step its own bounded pool (shut down with the pipeline) and `CachedNode` caches results.
"""

import asyncio
import hashlib
from typing import Any

from typedflow.pipeline import CachedNode, Pipeline, ThreadPoolNode


def fingerprint(text: str) -> str:
    """CPU-bound work: many rounds of hashing."""
    digest = text.encode()
    for _ in range(2_000):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()[:16]


calls = 0


async def lookup(key: str) -> dict[str, Any]:
    """An expensive call (a database or an API) worth caching."""
    global calls
    calls += 1
    await asyncio.sleep(0.01)
    return {"key": key, "score": len(key)}


async def run() -> list[dict[str, Any]]:
    pipeline = Pipeline("optimized")
    hasher = pipeline.add_node(ThreadPoolNode("fingerprint", fingerprint, max_workers=2))
    cached = pipeline.add_node(CachedNode("lookup", lookup, cache_size=1000, ttl=60))
    hasher.connect(cached)
    pipeline.set_start_node(hasher)
    async with pipeline:
        inputs = ["alpha", "beta", "alpha", "alpha", "beta"]
        results = await asyncio.gather(*(pipeline.execute(text) for text in inputs))
    return [r["lookup"] for r in results]


def main() -> None:
    results = asyncio.run(run())
    print(results)
    print(f"{len(results)} executions, {calls} lookups")


if __name__ == "__main__":
    main()
