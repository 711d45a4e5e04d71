"""The cost of tracing (issue 14): a 5-node async chain untraced before and after the
OpenTelemetry SDK is imported and installed as the global provider (tracing off must cost the
same), then traced with the API's no-op tracer, the SDK without exporters, the SDK exporting
to memory, and the same recording values.

Run: python tests/benchmarks/bench_otel.py [--quick]

Prints the median time per execution and, for the traced rows, the extra cost per node
against the untraced chain. Untraced runs alternate with the SDK-installed ones so that the
machine's drift shows in both.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
import time
from typing import TYPE_CHECKING

from typedflow import trace
from typedflow.pipeline import Pipeline, PipelineNode

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

QUICK = "--quick" in sys.argv
REPEATS = 5 if QUICK else 9
NODES = 5


async def inc(x: int) -> int:
    return x + 1


def chain(name: str) -> Pipeline:
    pipeline = Pipeline(name)
    nodes = [pipeline.add_node(PipelineNode(f"n{i}", inc)) for i in range(NODES)]
    for a, b in itertools.pairwise(nodes):
        a.connect(b)
    pipeline.set_start_node(nodes[0])
    return pipeline


async def measure(call: Callable[[], Awaitable[object]], n: int) -> float:
    """Median seconds per call over REPEATS rounds of n calls."""
    for _ in range(min(n, 200)):
        await call()
    rounds = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(n):
            await call()
        rounds.append((time.perf_counter() - start) / n)
    return statistics.median(rounds)


def row(label: str, seconds: float, base: float | None = None) -> None:
    extra = "" if base is None else f"   +{(seconds - base) / NODES * 1e6:6.1f} us/node"
    print(f"{label:<52} {seconds * 1e6:9.2f} us{extra}")


async def main() -> None:
    n = 2_000 if QUICK else 20_000
    plain = chain("plain")
    before = await measure(lambda: plain.execute(1), n)
    assert not any(m.startswith("opentelemetry") for m in sys.modules)

    from opentelemetry import trace as otel_trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    noop = trace(chain("noop"))  # before a global provider is set: the API's no-op tracer
    t_noop = await measure(lambda: noop.execute(1), n // 4)
    otel_trace.set_tracer_provider(TracerProvider())
    after = await measure(lambda: plain.execute(1), n)
    again = await measure(lambda: plain.execute(1), n)  # drift check for `before`
    bare = trace(chain("bare"))
    t_bare = await measure(lambda: bare.execute(1), n // 4)
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    exported = trace(chain("exported"), tracer_provider=provider)

    async def export_and_clear() -> None:
        await exported.execute(1)
        exporter.clear()

    t_exported = await measure(export_and_clear, n // 4)
    valued = trace(chain("valued"), tracer_provider=provider, record_values=True)

    async def values_and_clear() -> None:
        await valued.execute(1)
        exporter.clear()

    t_values = await measure(values_and_clear, n // 4)

    untraced = statistics.median([before, after, again])
    print(f"{'workload: 5-node async chain (median per run)':<52} {'time':>12}")
    row("untraced, opentelemetry never imported", before)
    row("untraced, SDK imported and global provider set", after)
    row("untraced, the same again (drift)", again)
    row("traced, API no-op tracer (no provider set)", t_noop, untraced)
    row("traced, SDK provider without processors", t_bare, untraced)
    row("traced, SDK + SimpleSpanProcessor(InMemory)", t_exported, untraced)
    row("traced, SDK + in-memory, record_values=True", t_values, untraced)


if __name__ == "__main__":
    asyncio.run(main())
