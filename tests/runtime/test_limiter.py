"""Tests of `Limiter` (typedflow/_runtime/_limiter.py): limits that hold across pipelines,
threads and event loops (issue 10, part 5)."""

from __future__ import annotations

import asyncio
import math
import threading
import time
from typing import TYPE_CHECKING

import pytest

from typedflow import Limiter, NodeDefinitionError, NodeExecutionError, build, node

from ._helpers import WAIT

if TYPE_CHECKING:
    from collections.abc import Callable


class InFlight:
    """Counts calls running now and the most at once (thread-safe), in the order they came."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.peak = 0
        self.log: list[str] = []

    def enter(self) -> None:
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
            self.log.append("enter")

    def leave(self) -> None:
        with self.lock:
            self.running -= 1
            self.log.append("leave")


async def until(condition: Callable[[], bool]) -> None:
    """Let the loop run until `condition` holds (fails after WAIT seconds instead of hanging)."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "condition never held"
        await asyncio.sleep(0.001)


def until_sync(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "condition never held"
        time.sleep(0.001)


def own_limiter(n: object) -> Limiter:
    limiters = n.options.limiters  # type: ignore[attr-defined]  # a node's options
    assert isinstance(limiters[0], Limiter)
    return limiters[0]


async def test_issue10_a_node_limit_holds_across_pipelines_built_per_request() -> None:
    flight = InFlight()
    gate = asyncio.Event()

    @node(concurrency=2)
    async def call_model(x: int) -> int:
        flight.enter()
        await gate.wait()
        flight.leave()
        return x * 10

    limiter = own_limiter(call_model)

    async def request(x: int) -> int:
        pipeline = build(call_model)  # one pipeline per request, as the examples do
        async with pipeline:
            out: int = await pipeline.run(x)
        return out

    tasks = [asyncio.ensure_future(request(x)) for x in range(10)]
    await until(lambda: limiter.in_flight == 2 and limiter.waiting == 8)
    assert flight.running == 2  # the other 8 wait for a permit, not in the function
    gate.set()
    assert await asyncio.gather(*tasks) == [x * 10 for x in range(10)]
    assert flight.peak == 2
    assert (limiter.in_flight, limiter.waiting) == (0, 0)


def test_issue10_a_node_limit_holds_across_event_loops_in_threads() -> None:
    flight = InFlight()
    gate = threading.Event()

    @node(concurrency=2)
    def call_model(x: int) -> int:  # a sync node: permits are released from pool threads
        flight.enter()
        gate.wait(WAIT)
        flight.leave()
        return x + 1

    limiter = own_limiter(call_model)
    results: dict[int, list[int]] = {}

    async def requests(first: int) -> list[int]:
        async def one(x: int) -> int:
            async with build(call_model) as pipeline:
                out: int = await pipeline.run(x)
            return out

        return list(await asyncio.gather(*(one(x) for x in range(first, first + 5))))

    def loop_thread(first: int) -> None:
        results[first] = asyncio.run(requests(first))

    threads = [threading.Thread(target=loop_thread, args=(k,)) for k in (0, 5)]
    for t in threads:
        t.start()
    until_sync(lambda: limiter.in_flight == 2 and limiter.waiting == 8)
    assert flight.running == 2
    gate.set()
    for t in threads:
        t.join(WAIT)
    assert results == {0: [1, 2, 3, 4, 5], 5: [6, 7, 8, 9, 10]}
    assert flight.peak == 2
    assert (limiter.in_flight, limiter.waiting) == (0, 0)


async def test_one_limiter_shared_by_two_nodes() -> None:
    flight = InFlight()
    gate = asyncio.Event()
    provider = Limiter(concurrency=1)

    @node(limiter=provider)
    async def summarize(x: str) -> str:
        flight.enter()
        await gate.wait()
        flight.leave()
        return x.upper()

    @node(limiter=provider, concurrency=5)
    async def translate(x: str) -> str:
        flight.enter()
        await gate.wait()
        flight.leave()
        return x[::-1]

    async def request(x: str) -> str:
        async with build(summarize >> translate) as pipeline:
            return await pipeline.run(x)

    tasks = [asyncio.ensure_future(request(x)) for x in ("ab", "cd", "ef")]
    await until(lambda: provider.in_flight == 1 and provider.waiting == 2)
    gate.set()
    assert await asyncio.gather(*tasks) == ["BA", "DC", "FE"]
    assert flight.peak == 1


async def test_rate_limits_call_starts() -> None:
    starts: list[float] = []
    quota = Limiter(rate=20)  # burst 1: starts at least 50 ms apart

    @node(limiter=quota)
    async def call_model(x: int) -> int:
        starts.append(time.monotonic())
        return x

    async with build(call_model) as pipeline:
        await asyncio.gather(*(pipeline.run(x) for x in range(6)))
    assert len(starts) == 6
    # Paced as a whole: 5 gaps of 50 ms. Not each gap: a start is stamped when the node runs,
    # which a loaded machine delays by a few ms after the grant (the next gap looks shorter).
    assert 5 * 0.05 - 0.05 <= starts[-1] - starts[0] < 5.0
    assert sorted(starts) == starts


async def test_rate_burst_lets_that_many_start_at_once_then_paces() -> None:
    quota = Limiter(rate=10, burst=3)
    starts: list[float] = []

    async def call() -> None:
        async with quota:
            starts.append(time.monotonic())

    t0 = time.monotonic()
    await asyncio.gather(*(call() for _ in range(5)))
    # 3 at once, then 100 ms apart: the fifth starts 200 ms in
    assert sorted(starts)[-1] - t0 >= 0.2 * 0.8
    assert sorted(starts)[2] - t0 < 0.1 + 1.0  # the first three did not wait for tokens


async def test_cancelling_a_waiting_or_running_call_releases_its_permit() -> None:
    gate = asyncio.Event()
    entered = asyncio.Event()

    @node(concurrency=1)
    async def call_model(x: int) -> int:
        entered.set()
        await gate.wait()
        return x

    limiter = own_limiter(call_model)
    async with build(call_model) as pipeline:
        running = asyncio.ensure_future(pipeline.run(1))
        await entered.wait()
        waiting = asyncio.ensure_future(pipeline.run(2))
        await until(lambda: limiter.waiting == 1)
        waiting.cancel()
        running.cancel()
        for task in (waiting, running):
            with pytest.raises(asyncio.CancelledError):
                await task
        assert (limiter.in_flight, limiter.waiting) == (0, 0)
        gate.set()
        assert await pipeline.run(3) == 3


async def test_a_permit_handed_to_a_cancelled_waiter_is_passed_on() -> None:
    limiter = Limiter(concurrency=1)
    await limiter.acquire()
    first = asyncio.ensure_future(limiter.acquire())
    second = asyncio.ensure_future(limiter.acquire())
    await until(lambda: limiter.waiting == 2)
    limiter.release()  # the permit goes to `first`...
    first.cancel()  # ...which is cancelled before it wakes
    with pytest.raises(asyncio.CancelledError):
        await first
    await second  # so `second` gets it
    assert limiter.in_flight == 1
    limiter.release()
    assert limiter.in_flight == 0


async def test_a_timed_out_call_releases_its_permit() -> None:
    never = asyncio.Event()

    @node(concurrency=1, timeout=0.05)
    async def call_model(x: int) -> int:
        if x == 0:
            await never.wait()
        return x

    limiter = own_limiter(call_model)
    async with build(call_model) as pipeline:
        with pytest.raises(NodeExecutionError, match="timed out"):
            await pipeline.run(0)
        assert limiter.in_flight == 0
        assert await pipeline.run(7) == 7


def test_named_copies_share_the_node_limit() -> None:
    @node(concurrency=3)
    def f(x: int) -> int:
        return x

    assert own_limiter(f.named("g")) is own_limiter(f)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, TypeError, "Limiter() needs concurrency=, rate= or both"),
        ({"concurrency": 0}, ValueError, "Limiter concurrency must be at least 1, got 0"),
        ({"concurrency": True}, TypeError, "Limiter concurrency must be an int, got bool True"),
        ({"concurrency": 2.5}, TypeError, "Limiter concurrency must be an int, got float 2.5"),
        ({"rate": 0}, ValueError, "Limiter rate must be positive and finite, got 0"),
        ({"rate": math.inf}, ValueError, "Limiter rate must be positive and finite, got inf"),
        ({"rate": math.nan}, ValueError, "Limiter rate must be positive and finite, got nan"),
        (
            {"rate": "5"},
            TypeError,
            "Limiter rate must be a number of calls per second, got str '5'",
        ),
        ({"rate": 1, "burst": 0}, ValueError, "Limiter burst must be at least 1, got 0"),
    ],
    ids=["nothing", "zero", "bool", "float", "rate0", "inf", "nan", "str", "burst0"],
)
def test_limiter_values_are_validated(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        Limiter(**kwargs)  # type: ignore[arg-type]  # wrong values on purpose
    assert str(info.value) == message


def test_node_limit_options_are_validated_naming_the_node() -> None:
    def f(x: int) -> int:
        return x

    with pytest.raises(NodeDefinitionError) as info:
        node(f, limiter=3)  # type: ignore[call-overload]  # not a Limiter
    assert str(info.value) == "`@node` of `f`: limiter must be a `typedflow.Limiter`, got `int`"
    with pytest.raises(NodeDefinitionError) as info:
        node(f, concurrency=0)
    assert str(info.value) == "`@node` of `f`: concurrency must be at least 1, got 0"


def test_limiter_repr() -> None:
    assert repr(Limiter(concurrency=2)) == "Limiter(concurrency=2)"
    assert repr(Limiter(rate=0.5, burst=2)) == "Limiter(rate=0.5, burst=2)"


async def test_runtime_nodes_of_two_pipelines_share_a_limiter() -> None:
    from typedflow.pipeline import Pipeline, PipelineNode

    flight = InFlight()
    gate = asyncio.Event()
    shared = Limiter(concurrency=1)

    async def call(x: int) -> int:
        flight.enter()
        await gate.wait()
        flight.leave()
        return x

    pipelines = []
    for name in ("p", "q"):
        pipeline = Pipeline(name)
        pipeline.set_start_node(pipeline.add_node(PipelineNode("n", call, limiter=shared)))
        pipelines.append(pipeline)
    tasks = [asyncio.ensure_future(p.execute(k)) for k, p in enumerate(pipelines)]
    await until(lambda: shared.in_flight == 1 and shared.waiting == 1)
    gate.set()
    assert [r["n"] for r in await asyncio.gather(*tasks)] == [0, 1]
    assert flight.peak == 1
