"""Fault injection over a long stream (issue 6): random failures and hangs, nothing lost."""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from typing import Any

import pytest

from typedflow import NodeExecutionError
from typedflow.pipeline import Outcome, Pipeline, PipelineNode

from ._helpers import chain, typedflow_threads, wait

SEED = 20_061
ITEMS = 3_000
RAISE_RATE = 0.2
HANG_RATE = 0.04
RETRIES = 2
# Generous: only injected hangs may time out, never a slow but healthy attempt on a loaded
# machine (with 200 items in flight the loop can stall for tens of milliseconds, and CI runs
# two interpreters' suites at once on two cores; 0.15 s failed several full runs this way).
TIMEOUT = 0.5
NODES = ("a", "b", "c")
HANGING_NODES = ("a", "c")  # async; b is sync (a pool thread cannot be abandoned cheaply)


def fault(node: str, item: int, attempt: int) -> str | None:
    """The fault injected into `node`'s `attempt` on `item`: "raise", "hang" or None."""
    roll = random.Random(f"{SEED}:{node}:{item}:{attempt}").random()
    if roll < RAISE_RATE:
        return "raise"
    if node in HANGING_NODES and roll < RAISE_RATE + HANG_RATE:
        return "hang"
    return None


def expected(item: int) -> tuple[dict[str, int], str | None, str | None, int]:
    """What must happen to `item`: calls per node, the failing node, its last fault, hangs."""
    calls: dict[str, int] = {}
    hangs = 0
    kind: str | None = None
    for node in NODES:
        for attempt in range(1, RETRIES + 2):
            calls[node] = attempt
            kind = fault(node, item, attempt)
            hangs += kind == "hang"
            if kind is None:
                break
        else:
            return calls, node, kind, hangs
    return calls, None, None, hangs


class Faulty:
    """The three node functions, injecting faults and recording calls and timeouts."""

    def __init__(self) -> None:
        self.calls: Counter[tuple[str, int]] = Counter()
        self.timeouts = 0
        self.thread_ids: set[int] = set()
        self._never = asyncio.Event()

    async def _inject(self, node: str, item: int) -> None:
        self.calls[node, item] += 1
        kind = fault(node, item, self.calls[node, item])
        if kind == "raise":
            raise ValueError(f"{node} failed on {item}")
        if kind == "hang":
            try:
                await self._never.wait()
            except asyncio.CancelledError:
                self.timeouts += 1
                raise
        await asyncio.sleep(0)

    async def a(self, x: int) -> tuple[int, int]:
        await self._inject("a", x)
        return x, 2 * x

    def b(self, pair: tuple[int, int]) -> tuple[int, int]:
        x, v = pair
        self.thread_ids.add(threading.get_ident())
        self.calls["b", x] += 1
        if fault("b", x, self.calls["b", x]) is not None:
            raise ValueError(f"b failed on {x}")
        return x, v + 1

    async def c(self, pair: tuple[int, int]) -> tuple[int, int]:
        x, v = pair
        await self._inject("c", x)
        return x, 3 * v


def build(nodes: Faulty) -> Pipeline:
    options: dict[str, Any] = {"retries": RETRIES, "timeout": TIMEOUT, "backoff": 0.001}
    # b never hangs; a timeout on it would also count time spent queued for a pool thread,
    # which is load, not a fault (regression: 1 run in 7 saw an extra attempt of b).
    return chain(
        Pipeline("faults", max_workers=4),
        PipelineNode("a", nodes.a, **options),
        PipelineNode("b", nodes.b, retries=RETRIES, backoff=0.001),
        PipelineNode("c", nodes.c, **options),
    )


def test_the_injected_faults_cover_every_case() -> None:
    """The seed and rates give failures at each node, of both kinds, and many successes."""
    plans = [expected(i) for i in range(ITEMS)]
    failed_at = Counter(node for _, node, _, _ in plans)
    kinds = Counter(kind for _, _, kind, _ in plans)
    assert failed_at[None] > ITEMS * 0.9
    assert all(failed_at[n] > 0 for n in NODES)
    assert kinds["raise"] > 0
    assert kinds["hang"] > 0
    assert sum(h for *_, h in plans) > 100


@pytest.mark.parametrize("ordered", [True, False])
async def test_every_input_has_one_outcome_under_random_failures_and_hangs(ordered: bool) -> None:
    nodes = Faulty()
    baseline = asyncio.all_tasks()
    p = build(nodes)
    try:
        outcomes: list[Outcome[int, dict[str, Any]]] = [
            o
            async for o in p.stream(
                range(ITEMS), concurrency=200, ordered=ordered, on_error="collect"
            )
        ]
    finally:
        await wait(p.aclose())

    assert len(outcomes) == ITEMS
    if ordered:
        assert [o.index for o in outcomes] == list(range(ITEMS))
    else:
        assert sorted(o.index for o in outcomes) == list(range(ITEMS))
    hangs = 0
    for o in outcomes:
        x = o.input
        assert o.index == x
        calls, node, kind, item_hangs = expected(x)
        hangs += item_hangs
        assert {n: nodes.calls[n, x] for n in calls} == calls, x
        if node is None:
            assert o.ok, (x, o.error)
            assert o.output == {"a": (x, 2 * x), "b": (x, 2 * x + 1), "c": (x, 6 * x + 3)}
            continue
        assert (o.ok, o.node, o.attempts) == (False, node, RETRIES + 1), x
        assert isinstance(o.error, NodeExecutionError)
        cause = o.error.__cause__
        if kind == "hang":
            assert isinstance(cause, TimeoutError)
            assert o.error.message == (
                f"node `{node}` in pipeline `faults` failed after 3 attempts: "
                f"TimeoutError: attempt timed out after {TIMEOUT} s"
            )
        else:
            assert isinstance(cause, ValueError)
            assert o.error.message == (
                f"node `{node}` in pipeline `faults` failed after 3 attempts: "
                f"ValueError: {node} failed on {x}"
            )
    assert sum(nodes.calls.values()) == sum(sum(expected(i)[0].values()) for i in range(ITEMS))
    assert nodes.timeouts == hangs
    # nothing left running: no task, and the pool's threads are gone after aclose()
    assert asyncio.all_tasks() == baseline
    assert nodes.thread_ids
    assert typedflow_threads() == []
