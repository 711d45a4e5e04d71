"""Tests of streaming (typedflow/_runtime/_stream.py via Pipeline.stream/map/as_observable)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import tracemalloc
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

import pytest
import rx
from rx.subject import Subject

from typedflow import NodeExecutionError
from typedflow.pipeline import Outcome, Pipeline, PipelineNode, Progress

from ._helpers import chain, wait

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from rx.core import Observable


def single(func: Callable[..., Any], name: str = "p", **options: Any) -> Pipeline:
    """A pipeline `name` of one node `f` running `func`."""
    return chain(Pipeline(name), PipelineNode("f", func, **options))


async def double(x: int) -> int:
    await asyncio.sleep(0)
    return 2 * x


async def settle(turns: int = 10) -> None:
    """Let the loop run callbacks and finalizers (closing dropped generators)."""
    for _ in range(turns):
        await asyncio.sleep(0)


def announced(subject: Subject[int], subscribed: asyncio.Event) -> Observable[int]:
    """`subject`, setting `subscribed` once the stream has subscribed to it."""

    def subscribe(observer: Any, scheduler: Any = None) -> Any:
        disposable = subject.subscribe(observer, scheduler=scheduler)
        subscribed.set()
        return disposable

    return rx.create(subscribe)


class Hanging:
    """A node function: inputs in `fast` return at once, others wait for a gate that never opens.

    Records which inputs started and which saw their cancellation; `all_started` is set once
    `expect` inputs have started.
    """

    def __init__(self, expect: int, fast: frozenset[int] = frozenset()) -> None:
        self.started: list[int] = []
        self.cancelled: list[int] = []
        self.expect = expect
        self.fast = fast
        self.all_started = asyncio.Event()
        self.all_cancelled = asyncio.Event()
        self._never = asyncio.Event()

    async def __call__(self, x: int) -> int:
        self.started.append(x)
        if len(self.started) >= self.expect:
            self.all_started.set()
        if x in self.fast:
            return x
        try:
            await self._never.wait()
        except asyncio.CancelledError:
            self.cancelled.append(x)
            if len(self.cancelled) == len(self.started) - len(self.fast):
                self.all_cancelled.set()
            raise
        return x  # pragma: no cover


# -- inputs ---------------------------------------------------------------------------


async def test_map_over_a_list_returns_outputs_in_input_order() -> None:
    p = single(double)
    assert await p.map([3, 1, 2], concurrency=2) == [{"f": 6}, {"f": 2}, {"f": 4}]


async def test_map_over_an_empty_input_is_empty() -> None:
    assert await single(double).map([]) == []


async def test_stream_pulls_an_infinite_generator_lazily() -> None:
    pulled = 0

    def numbers() -> Iterator[int]:
        nonlocal pulled
        for i in itertools.count():
            pulled = i + 1
            yield i

    concurrency = 4
    seen: list[int] = []
    ahead: list[int] = []
    async with aclosing(single(double).stream(numbers(), concurrency=concurrency)) as items:
        async for out in items:
            seen.append(out["f"])
            ahead.append(pulled - len(seen))
            if len(seen) == 100:
                break
    assert seen == [2 * i for i in range(100)]
    assert max(ahead) <= 2 * concurrency + 1
    assert pulled <= 100 + 2 * concurrency + 1


async def test_stream_over_an_async_generator() -> None:
    async def numbers() -> AsyncIterator[int]:
        for i in range(20):
            await asyncio.sleep(0)
            yield i

    outs = [o["f"] async for o in single(double).stream(numbers(), concurrency=3)]
    assert outs == [2 * i for i in range(20)]


async def test_stream_over_an_rx_observable() -> None:
    source = rx.from_iterable(range(30))
    assert await single(double).map(source, concurrency=5) == [{"f": 2 * i} for i in range(30)]


async def test_stream_over_a_subject_yields_each_output_before_the_next_push() -> None:
    """Regression (issue 6): a pending pull from a live source held back finished outputs."""
    subject: Subject[int] = Subject()
    got: list[int] = []
    arrived, subscribed = asyncio.Event(), asyncio.Event()

    async def consume() -> None:
        async for out in single(double).stream(announced(subject, subscribed), concurrency=4):
            got.append(out["f"])
            arrived.set()

    consumer = asyncio.get_running_loop().create_task(consume())
    await wait(subscribed.wait())
    for i in range(5):
        arrived.clear()
        subject.on_next(i)
        await wait(arrived.wait())  # the output comes although no further input has
        assert got == [2 * j for j in range(i + 1)]
    subject.on_completed()
    await wait(consumer)
    assert got == [0, 2, 4, 6, 8]


async def test_an_observable_error_ends_the_stream_with_it() -> None:
    subject: Subject[int] = Subject()
    subscribed = asyncio.Event()

    async def consume() -> list[Any]:
        return await single(double).map(announced(subject, subscribed))

    consumer = asyncio.get_running_loop().create_task(consume())
    await wait(subscribed.wait())
    subject.on_next(1)
    subject.on_error(LookupError("source broke"))
    with pytest.raises(LookupError, match="source broke"):
        await wait(consumer)


async def test_bad_options_are_rejected() -> None:
    p = single(double)
    bad: Any
    for bad in (0, 2.5, math.nan, True):  # NaN once let no input in: map gave [] for [1]
        with pytest.raises(ValueError) as info:
            await p.map([1], concurrency=bad)
        assert str(info.value) == f"concurrency must be an int of at least 1, got {bad!r}"
    with pytest.raises(ValueError, match="on_error must be 'raise', 'skip' or 'collect', got 'x'"):
        await p.map([1], on_error="x")  # type: ignore[arg-type]  # the error under test


# -- ordering and bounds --------------------------------------------------------------


def reverse_finisher(n: int) -> tuple[Callable[[int], Any], list[int], list[asyncio.Event]]:
    """A node function whose inputs 0..n-1 finish in reverse order: n-1 first, 0 last.

    Input x waits for gate x; when it finishes it opens gate x-1. The test opens gate n-1.
    """
    gates = [asyncio.Event() for _ in range(n)]
    finished: list[int] = []

    async def run(x: int) -> int:
        await gates[x].wait()
        finished.append(x)
        if x > 0:
            gates[x - 1].set()
        return x

    return run, finished, gates


@pytest.mark.parametrize(
    ("ordered", "expected"), [(True, [0, 1, 2, 3, 4]), (False, [4, 3, 2, 1, 0])]
)
async def test_ordered_yields_input_order_else_completion_order(
    ordered: bool, expected: list[int]
) -> None:
    run, finished, gates = reverse_finisher(5)
    p = single(run)
    items = p.stream(range(5), concurrency=5, ordered=ordered)

    async def consume() -> list[int]:
        return [o["f"] async for o in items]

    consumer = asyncio.get_running_loop().create_task(consume())
    await settle()
    gates[4].set()
    assert await wait(consumer) == expected
    assert finished == [4, 3, 2, 1, 0]


@pytest.mark.parametrize("ordered", [True, False])
async def test_at_most_concurrency_inputs_are_in_flight(ordered: bool) -> None:
    active = peak = 0

    async def count(x: int) -> int:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        for _ in range(3):
            await asyncio.sleep(0)
        active -= 1
        return x

    outs = (
        await single(count).map(range(200), concurrency=7)
        if ordered
        else [o["f"] async for o in single(count).stream(range(200), concurrency=7, ordered=False)]
    )
    assert peak == 7
    assert len(outs) == 200


# -- errors ---------------------------------------------------------------------------


async def test_on_error_raise_raises_the_first_failure_and_cancels_the_rest() -> None:
    hang = Hanging(expect=9)  # every input but 3

    async def run(x: int) -> int:
        if x == 3:
            await hang.all_started.wait()
            raise ValueError("bad 3")
        return await hang(x)

    baseline = asyncio.all_tasks()
    with pytest.raises(NodeExecutionError) as info:
        await wait(single(run).map(range(10), concurrency=10))
    assert info.value.message == "node `f` in pipeline `p` failed: ValueError: bad 3"
    assert info.value.node == "f"
    assert isinstance(info.value.__cause__, ValueError)
    assert sorted(hang.cancelled) == [0, 1, 2, 4, 5, 6, 7, 8, 9]
    await settle()
    assert asyncio.all_tasks() == baseline


async def test_on_error_raise_does_not_wait_for_earlier_inputs_in_order() -> None:
    """Regression (issue 6): with ordered=True a failure waited behind a slow earlier input.

    Input 0 never finishes; input 1 fails. The stream used to keep pulling new inputs and
    never raise; now the failure is raised at once and input 0 is cancelled.
    """
    hang = Hanging(expect=1)
    started: list[int] = []

    async def run(x: int) -> int:
        started.append(x)
        if x == 0:
            return await hang(x)
        await hang.all_started.wait()
        if x == 1:
            raise ValueError("bad 1")
        return x

    with pytest.raises(NodeExecutionError, match="ValueError: bad 1"):
        await wait(single(run).map(range(100), concurrency=2))
    assert hang.cancelled == [0]
    assert len(started) <= 4


async def test_on_error_skip_drops_failed_inputs_in_order(caplog: pytest.LogCaptureFixture) -> None:
    async def odd_fails(x: int) -> int:
        await asyncio.sleep(0)
        if x % 2:
            raise ValueError(f"odd {x}")
        return x

    with caplog.at_level(logging.INFO, logger="typedflow"):
        outs = await single(odd_fails).map(range(10), concurrency=3, on_error="skip")
    assert outs == [{"f": x} for x in (0, 2, 4, 6, 8)]
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert skipped == [
        f"input {x} skipped: node `f` in pipeline `p` failed: ValueError: odd {x}"
        for x in (1, 3, 5, 7, 9)
    ]


async def test_on_error_skip_unordered_keeps_every_success() -> None:
    async def fails_on_3(x: int) -> int:
        if x == 3:
            raise ValueError("3")
        return x

    outs = [
        o["f"]
        async for o in single(fails_on_3).stream(
            range(10), concurrency=4, ordered=False, on_error="skip"
        )
    ]
    assert sorted(outs) == [0, 1, 2, 4, 5, 6, 7, 8, 9]


async def test_on_error_collect_gives_exactly_one_outcome_per_input() -> None:
    calls: dict[int, int] = {}

    async def first(x: int) -> int:
        return x + 100

    async def second(y: int) -> int:
        calls[y] = calls.get(y, 0) + 1
        if y % 3 == 0:
            raise ValueError(f"no {y}")
        return -y

    p = chain(
        Pipeline("p"),
        PipelineNode("first", first),
        PipelineNode("second", second, retries=1, backoff=0),
    )
    outcomes = await p.map(range(9), concurrency=4, on_error="collect")
    assert [o.index for o in outcomes] == list(range(9))
    assert [o.input for o in outcomes] == list(range(9))
    for o in outcomes:
        assert isinstance(o, Outcome)
        y = o.input + 100
        if y % 3:
            assert o.ok
            assert o.output == {"first": y, "second": -y}
            assert (o.error, o.node, o.attempts) == (None, None, 0)
        else:
            assert not o.ok
            assert o.output is None
            assert (o.node, o.attempts) == ("second", 2)
            assert isinstance(o.error, NodeExecutionError)
            assert o.error.message == (
                f"node `second` in pipeline `p` failed after 2 attempts: ValueError: no {y}"
            )
            assert calls[y] == 2
    assert [o.input for o in outcomes if not o.ok] == [2, 5, 8]


# -- cancellation ---------------------------------------------------------------------


async def test_leaving_an_aclosing_stream_cancels_the_work_in_flight() -> None:
    hang = Hanging(expect=5, fast=frozenset({0}))
    baseline = asyncio.all_tasks()
    async with aclosing(single(hang).stream(itertools.count(), concurrency=5)) as items:
        async for out in items:
            assert out == {"f": 0}
            break
    # closed deterministically by aclosing: nothing to wait for
    assert sorted(hang.cancelled) == sorted(set(hang.started) - {0})
    assert hang.cancelled
    assert asyncio.all_tasks() == baseline


async def test_a_plain_break_cancels_the_work_in_flight_once_the_loop_turns() -> None:
    hang = Hanging(expect=5, fast=frozenset({0}))
    baseline = asyncio.all_tasks()
    async for out in single(hang).stream(itertools.count(), concurrency=5):
        assert out == {"f": 0}
        break
    await wait(hang.all_cancelled.wait())
    await settle()
    assert sorted(hang.cancelled) == sorted(set(hang.started) - {0})
    assert asyncio.all_tasks() == baseline


async def test_cancelling_the_consumer_cancels_the_work_in_flight() -> None:
    hang = Hanging(expect=6)
    baseline = asyncio.all_tasks()

    async def consume() -> None:
        async for _ in single(hang).stream(range(100), concurrency=6):
            pass  # pragma: no cover

    consumer = asyncio.get_running_loop().create_task(consume())
    await wait(hang.all_started.wait())
    consumer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await consumer
    assert sorted(hang.cancelled) == [0, 1, 2, 3, 4, 5]
    assert hang.started == [0, 1, 2, 3, 4, 5]
    await settle()
    assert asyncio.all_tasks() == baseline


async def test_cancelling_a_consumer_waiting_on_an_async_source_leaves_no_task() -> None:
    gate = asyncio.Event()
    pulls: list[str] = []

    async def slow_source() -> AsyncIterator[int]:
        yield 1
        pulls.append("waiting")
        try:
            await gate.wait()
        except asyncio.CancelledError:
            pulls.append("cancelled")
            raise
        yield 2  # pragma: no cover

    got = asyncio.Event()
    baseline = asyncio.all_tasks()

    async def consume() -> None:
        async for _ in single(double).stream(slow_source()):
            got.set()

    consumer = asyncio.get_running_loop().create_task(consume())
    await wait(got.wait())
    consumer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await consumer
    assert pulls == ["waiting", "cancelled"]
    await settle()
    assert asyncio.all_tasks() == baseline


# -- memory ---------------------------------------------------------------------------


async def test_memory_stays_flat_over_a_long_stream() -> None:
    n, size = 20_000, 1_000

    async def blob(x: int) -> bytes:
        return x.to_bytes(4, "little") * (size // 4)

    p = single(blob)
    await p.map(range(100), concurrency=50)  # warm up caches outside the measurement
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        count = total = 0
        async with aclosing(p.stream(range(n), concurrency=50)) as items:
            async for out in items:
                count += 1
                total += len(out["f"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == n
    assert total == n * size
    # All outputs held at once would take n * size = 20 MB; the stream holds ~ a window.
    assert peak < n * size / 10, f"peak {peak:,} bytes"


# -- rx -------------------------------------------------------------------------------


class Observer:
    """Records what an observable delivers; `ended` is set on completion or error."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.errors: list[BaseException] = []
        self.completed = 0
        self.ended = asyncio.Event()

    def on_next(self, item: Any) -> None:
        self.items.append(item)

    def on_error(self, error: BaseException) -> None:
        self.errors.append(error)
        self.ended.set()

    def on_completed(self) -> None:
        self.completed += 1
        self.ended.set()


async def test_as_observable_delivers_each_output_then_completes() -> None:
    seen = Observer()
    subscription = (
        single(double)
        .as_observable(range(5), concurrency=2)
        .subscribe(seen.on_next, seen.on_error, seen.on_completed)
    )
    await wait(seen.ended.wait())
    assert seen.items == [{"f": 2 * i} for i in range(5)]
    assert (seen.completed, seen.errors) == (1, [])
    subscription.dispose()


async def test_as_observable_delivers_a_failure_with_on_error() -> None:
    async def fails_on_2(x: int) -> int:
        if x == 2:
            raise ValueError("two")
        return x

    seen = Observer()
    single(fails_on_2).as_observable(range(5), concurrency=1).subscribe(
        seen.on_next, seen.on_error, seen.on_completed
    )
    await wait(seen.ended.wait())
    assert seen.items == [{"f": 0}, {"f": 1}]
    assert seen.completed == 0
    assert len(seen.errors) == 1
    assert isinstance(seen.errors[0], NodeExecutionError)
    assert seen.errors[0].message == "node `f` in pipeline `p` failed: ValueError: two"


async def test_disposing_the_subscription_cancels_the_work() -> None:
    hang = Hanging(expect=4)
    baseline = asyncio.all_tasks()
    seen = Observer()
    subscription = (
        single(hang)
        .as_observable(range(100), concurrency=4)
        .subscribe(seen.on_next, seen.on_error, seen.on_completed)
    )
    await wait(hang.all_started.wait())
    subscription.dispose()
    await wait(hang.all_cancelled.wait())
    await settle()
    assert sorted(hang.cancelled) == [0, 1, 2, 3]
    assert (seen.items, seen.errors, seen.completed) == ([], [], 0)
    assert asyncio.all_tasks() == baseline


async def test_operator_runs_the_pipeline_on_each_item_of_a_source() -> None:
    seen = Observer()
    rx.from_iterable([5, 6, 7]).pipe(single(double).operator(concurrency=2)).subscribe(
        seen.on_next, seen.on_error, seen.on_completed
    )
    await wait(seen.ended.wait())
    assert seen.items == [{"f": 10}, {"f": 12}, {"f": 14}]
    assert seen.completed == 1


# -- progress -------------------------------------------------------------------------


async def test_progress_true_runs() -> None:
    assert await single(double).map(range(5), progress=True) == [{"f": 2 * i} for i in range(5)]


async def test_progress_counts_done_and_failed() -> None:
    async def fails_on_odd(x: int) -> int:
        if x % 2:
            raise ValueError(x)
        return x

    with Progress(total=10) as bar:
        outs = await single(fails_on_odd).map(range(10), on_error="skip", progress=bar)
        assert (bar.done, bar.failed) == (10, 5)
        assert outs == [{"f": x} for x in range(0, 10, 2)]
        # Regression (issue 6): the stream stopped a bar it did not own; it can go on counting
        await single(fails_on_odd).map(range(4), on_error="collect", progress=bar)
        assert (bar.done, bar.failed) == (14, 7)
        assert bar._bar.live.is_started


async def test_progress_true_knows_the_total_of_a_sized_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    totals: list[int | None] = []
    original = Progress.__init__

    def spy(self: Progress, total: int | None = None, description: str = "items") -> None:
        totals.append(total)
        original(self, total, description)

    monkeypatch.setattr(Progress, "__init__", spy)
    await single(double).map([1, 2, 3], progress=True)
    await single(double).map(iter([1, 2, 3]), progress=True)
    assert totals == [3, None]


async def test_issue5_an_outcome_names_the_node_of_a_runtime_type_violation() -> None:
    from typedflow import NodeTypeError, node

    @node(check=True)
    def double(n: int) -> int:
        return 2 * n

    pipeline = double._as_flow().build()
    outcomes = await pipeline.map([1, "x"], on_error="collect")
    assert [o.ok for o in outcomes] == [True, False]
    assert isinstance(outcomes[1].error, NodeTypeError)
    assert (outcomes[1].node, outcomes[1].attempts) == ("double", 1)
