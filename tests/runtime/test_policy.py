"""Tests of node fault policies (typedflow/_runtime/_policy.py) as the scheduler applies them."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any

import pytest

from typedflow import NodeDefinitionError, NodeExecutionError, NodeTypeError
from typedflow._runtime._policy import NodePolicy
from typedflow.pipeline import NodeStatus, Pipeline, PipelineNode

from ._helpers import chain, typedflow_threads, wait

if TYPE_CHECKING:
    from collections.abc import Callable

    from typedflow.pipeline import NodeEvent

RUNNING, COMPLETED, FAILED = NodeStatus.RUNNING, NodeStatus.COMPLETED, NodeStatus.FAILED


def flaky(failures: int, exc: Callable[[int], Exception] = lambda n: ValueError(f"try {n}")) -> Any:
    """An async node function failing its first `failures` calls; `.calls` counts calls."""

    async def run(x: int) -> int:
        run.calls += 1  # type: ignore[attr-defined]  # a counter on the function
        if run.calls <= failures:  # type: ignore[attr-defined]
            raise exc(run.calls)  # type: ignore[attr-defined]
        return x

    run.calls = 0  # type: ignore[attr-defined]
    return run


def single(func: Callable[..., Any], **options: Any) -> Pipeline:
    return chain(Pipeline("p"), PipelineNode("f", func, **options))


# -- retries --------------------------------------------------------------------------


async def test_retries_happen_exactly_retries_times_then_fail() -> None:
    run = flaky(100)
    p = single(run, retries=2, backoff=0)
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(1)
    assert run.calls == 3
    assert info.value.attempts == 3
    assert (
        info.value.message == "node `f` in pipeline `p` failed after 3 attempts: ValueError: try 3"
    )
    assert isinstance(info.value.__cause__, ValueError)


async def test_a_retry_that_succeeds_returns_its_output() -> None:
    run = flaky(2)
    p = single(run, retries=2, backoff=0)
    record = await p.execute_record(7)
    assert record.outputs == {"f": 7}
    assert run.calls == 3
    assert record.attempts("f") == 3
    assert record.nodes["f"].attempts == 3
    assert record.nodes["f"].status is COMPLETED


async def test_no_retries_means_one_attempt_and_no_count_in_the_message() -> None:
    run = flaky(1)
    with pytest.raises(NodeExecutionError) as info:
        await single(run, timeout=1).execute(1)
    assert run.calls == 1
    assert info.value.attempts == 1
    assert info.value.message == "node `f` in pipeline `p` failed: ValueError: try 1"


async def test_retry_on_limits_which_exceptions_are_retried() -> None:
    keys = flaky(1, lambda n: KeyError(n))
    assert await single(keys, retries=3, backoff=0, retry_on=KeyError).execute(1) == {"f": 1}
    assert keys.calls == 2

    values = flaky(5)
    with pytest.raises(NodeExecutionError) as info:
        await single(values, retries=3, backoff=0, retry_on=(KeyError, OSError)).execute(1)
    assert values.calls == 1
    assert info.value.attempts == 1


async def test_cancellation_is_never_retried_even_under_retry_on_base_exception() -> None:
    """Regression (issue 6): retry_on=BaseException retried (and swallowed) cancellation."""
    started = asyncio.Event()
    calls = 0

    async def hang(x: int) -> int:
        nonlocal calls
        calls += 1
        started.set()
        await asyncio.Event().wait()
        return x  # pragma: no cover

    p = single(hang, retries=5, backoff=0, retry_on=BaseException)
    task = asyncio.get_running_loop().create_task(p.execute(1))
    await wait(started.wait())
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await wait(task)
    assert calls == 1


# -- backoff --------------------------------------------------------------------------


def test_backoff_doubles_up_to_the_maximum_without_jitter() -> None:
    policy = NodePolicy(retries=6, backoff=0.5, max_backoff=5.0, jitter=0)
    assert [policy.delay(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_jitter_adds_at_most_its_fraction(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = NodePolicy(backoff=1.0, jitter=0.25)
    monkeypatch.setattr("typedflow._runtime._policy.random.random", lambda: 0.0)
    assert [policy.delay(n) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]
    monkeypatch.setattr("typedflow._runtime._policy.random.random", lambda: 0.999)
    assert [policy.delay(n) for n in (1, 2, 3)] == pytest.approx([1.24975, 2.4995, 4.999])
    monkeypatch.undo()
    delays = [policy.delay(2) for _ in range(1000)]
    assert all(2.0 <= d < 2.5 for d in delays)
    assert len(set(delays)) > 1


async def test_the_scheduler_waits_the_backoff_between_attempts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def fake_sleep(delay: float, result: Any = None) -> Any:
        waits.append(delay)
        return await real_sleep(0, result)

    monkeypatch.setattr("typedflow._runtime._policy.asyncio.sleep", fake_sleep)
    run = flaky(3)
    out = await single(run, retries=3, backoff=0.2, jitter=0).execute(1)
    assert out == {"f": 1}
    assert waits == [0.2, 0.4, 0.8]


# -- timeouts -------------------------------------------------------------------------


async def test_timeout_fails_an_attempt_with_timeout_error_chained() -> None:
    never = asyncio.Event()

    async def hang(x: int) -> int:
        await never.wait()
        return x  # pragma: no cover

    with pytest.raises(NodeExecutionError) as info:
        await wait(single(hang, timeout=0.05).execute(1))
    assert isinstance(info.value.__cause__, TimeoutError)
    assert info.value.message == (
        "node `f` in pipeline `p` failed: TimeoutError: attempt timed out after 0.05 s"
    )


async def test_timeout_applies_per_attempt() -> None:
    never = asyncio.Event()
    calls = 0

    async def hang(x: int) -> int:
        nonlocal calls
        calls += 1
        await never.wait()
        return x  # pragma: no cover

    with pytest.raises(NodeExecutionError) as info:
        await wait(single(hang, timeout=0.05, retries=2, backoff=0).execute(1))
    assert calls == 3
    assert info.value.attempts == 3
    assert info.value.message.startswith("node `f` in pipeline `p` failed after 3 attempts: ")


async def test_a_slow_first_attempt_times_out_and_the_retry_succeeds() -> None:
    never = asyncio.Event()
    calls = 0

    async def slow_once(x: int) -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            await never.wait()
        return x

    record = await wait(single(slow_once, timeout=0.05, retries=1, backoff=0).execute_record(4))
    assert record.outputs == {"f": 4}
    assert record.attempts("f") == 2


async def test_a_timeout_error_the_function_raises_itself_keeps_its_message() -> None:
    async def own(x: int) -> int:
        raise TimeoutError("upstream said so")

    with pytest.raises(NodeExecutionError) as info:
        await single(own, timeout=10).execute(1)
    assert info.value.message == "node `f` in pipeline `p` failed: TimeoutError: upstream said so"


async def test_timeout_on_a_sync_node_abandons_the_thread() -> None:
    release = threading.Event()

    def block(x: int) -> int:
        release.wait(10)
        return x

    p = single(block, timeout=0.05)
    try:
        with pytest.raises(NodeExecutionError, match=r"attempt timed out after 0\.05 s"):
            await wait(p.execute(1))
    finally:
        release.set()
        await p.aclose()
    assert typedflow_threads() == []


# -- fallbacks ------------------------------------------------------------------------


async def test_fallback_value_after_every_attempt_failed() -> None:
    run = flaky(100)
    record = await single(run, retries=1, backoff=0, fallback="fb").execute_record(1)
    assert record.outputs == {"f": "fb"}
    assert record.status == {"f": COMPLETED}
    assert record.attempts("f") == 2
    assert run.calls == 2


async def test_fallback_function_of_the_inputs() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", lambda x: x + 1, inline=True))
    b = p.add_node(PipelineNode("b", flaky(100), fallback=lambda x: -x))
    a.connect(b)
    p.set_start_node(a)
    assert await p.execute(1) == {"a": 2, "b": -2}


async def test_async_fallback_function_is_awaited() -> None:
    async def later(x: int) -> str:
        await asyncio.sleep(0)
        return f"late {x}"

    assert await single(flaky(100), fallback=later).execute(3) == {"f": "late 3"}


async def test_fallback_pipeline_node() -> None:
    backup = PipelineNode("backup", lambda x: x * 10)
    assert await single(flaky(100), retries=1, backoff=0, fallback=backup).execute(3) == {"f": 30}


async def test_fallback_also_covers_errors_not_retried() -> None:
    run = flaky(100)
    record = await single(run, retries=3, backoff=0, retry_on=KeyError, fallback=0).execute_record(
        1
    )
    assert record.outputs == {"f": 0}
    assert run.calls == 1
    assert record.attempts("f") == 1


async def test_fallback_none_ends_the_branch() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", flaky(100), fallback=None))
    b = p.add_node(PipelineNode("b", lambda x: x, inline=True))
    a.connect(b)
    p.set_start_node(a)
    record = await p.execute_record(1)
    assert record.status == {"a": COMPLETED, "b": NodeStatus.SKIPPED}


# -- per-node concurrency -------------------------------------------------------------


async def test_node_concurrency_holds_under_a_wide_stream() -> None:
    active = peak = calls = 0

    async def limited(x: int) -> int:
        nonlocal active, peak, calls
        active += 1
        calls += 1
        peak = max(peak, active)
        for _ in range(3):
            await asyncio.sleep(0)
        active -= 1
        return x

    outer_active = outer_peak = 0

    async def before(x: int) -> int:
        nonlocal outer_active, outer_peak
        outer_active += 1
        outer_peak = max(outer_peak, outer_active)
        await asyncio.sleep(0)
        outer_active -= 1
        return x

    p = chain(
        Pipeline("p"), PipelineNode("wide", before), PipelineNode("narrow", limited, concurrency=2)
    )
    outs = await p.map(range(200), concurrency=50)
    assert [o["narrow"] for o in outs] == list(range(200))
    assert calls == 200
    assert peak == 2
    assert outer_peak == 50  # the stream itself was wide


async def test_node_concurrency_counts_calls_not_backoff_waits() -> None:
    inside = 0
    peak = 0
    gate = asyncio.Event()
    calls = 0

    async def flaky_limited(x: int) -> int:
        nonlocal inside, peak, calls
        inside += 1
        calls += 1
        peak = max(peak, inside)
        await asyncio.sleep(0)
        inside -= 1
        if calls <= 4:
            raise ValueError("again")
        gate.set()
        return x

    p = single(flaky_limited, concurrency=1, retries=5, backoff=0)
    assert sorted(o["f"] for o in await p.map(range(4), concurrency=4)) == [0, 1, 2, 3]
    assert peak == 1
    assert calls == 8


# -- events and records ---------------------------------------------------------------


async def test_events_show_running_per_attempt_with_the_previous_error() -> None:
    p = single(flaky(2), retries=2, backoff=0)
    events: list[NodeEvent] = []
    subscription = p.events.subscribe(events.append)
    try:
        await p.execute(1)
    finally:
        subscription.dispose()
    seen = [(e.node, e.status, e.attempt, repr(e.error)) for e in events]
    assert seen == [
        ("f", RUNNING, 1, "None"),
        ("f", RUNNING, 2, "ValueError('try 1')"),
        ("f", RUNNING, 3, "ValueError('try 2')"),
        ("f", COMPLETED, 3, "None"),
    ]


async def test_events_of_a_node_that_runs_out_of_attempts() -> None:
    p = single(flaky(9), retries=1, backoff=0)
    events: list[NodeEvent] = []
    subscription = p.events.subscribe(events.append)
    try:
        with pytest.raises(NodeExecutionError):
            await p.execute(1)
    finally:
        subscription.dispose()
    seen = [(e.status, e.attempt, repr(e.error)) for e in events]
    assert seen == [
        (RUNNING, 1, "None"),
        (RUNNING, 2, "ValueError('try 1')"),
        (FAILED, 2, "ValueError('try 2')"),
    ]


async def test_run_record_attempts_per_node() -> None:
    p = Pipeline("p", on_error="continue")
    a = p.add_node(PipelineNode("a", flaky(1), retries=2, backoff=0))
    b = p.add_node(PipelineNode("b", flaky(5), retries=1, backoff=0))
    c = p.add_node(PipelineNode("c", lambda x: x, inline=True))
    a.connect(b).connect(c)
    p.set_start_node(a)
    record = await p.execute_record(1)
    assert record.status == {"a": COMPLETED, "b": FAILED, "c": NodeStatus.SKIPPED}
    assert {name: run.attempts for name, run in record.nodes.items()} == {"a": 2, "b": 2, "c": 0}
    assert [record.attempts(n) for n in "abc"] == [2, 2, 0]


async def test_attempts_start_over_in_each_run() -> None:
    calls = 0

    async def fails_odd_calls(x: int) -> int:
        nonlocal calls
        calls += 1
        if calls % 2:
            raise ValueError(calls)
        return x

    p = single(fails_odd_calls, retries=1, backoff=0)
    first = await p.execute_record(1)
    second = await p.execute_record(2)
    assert (first.attempts("f"), second.attempts("f")) == (2, 2)
    assert (first.outputs, second.outputs) == ({"f": 1}, {"f": 2})


# -- options --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"retries": -1}, "node `n`: retries must be a whole number >= 0, got -1"),
        ({"timeout": 0}, "node `n`: timeout must be a positive, finite number of seconds, got 0"),
        (
            {"timeout": -1.5},
            "node `n`: timeout must be a positive, finite number of seconds, got -1.5",
        ),
        ({"concurrency": 0}, "node `n`: concurrency must be at least 1, got 0"),
        (
            {"backoff": -0.1},
            "node `n`: backoff, max_backoff and jitter must be finite numbers >= 0, got"
            " backoff=-0.1, max_backoff=10.0, jitter=0.1",
        ),
        (
            {"jitter": -1},
            "node `n`: backoff, max_backoff and jitter must be finite numbers >= 0, got"
            " backoff=0.1, max_backoff=10.0, jitter=-1",
        ),
        ({"retry_on": int}, "node `n`: retry_on must be an exception type or a tuple of them"),
        ({"retry_on": ()}, "node `n`: retry_on must be an exception type or a tuple of them"),
        (
            {"retry_on": (ValueError, "x")},
            "node `n`: retry_on must be an exception type or a tuple of them",
        ),
    ],
    ids=lambda v: "" if isinstance(v, str) else next(iter(v)),
)
def test_invalid_options_raise_node_definition_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        PipelineNode("n", flaky(0), **options)
    assert info.value.message == message


def test_a_node_without_options_has_no_policy() -> None:
    assert PipelineNode("n", flaky(0)).policy is None
    assert PipelineNode("n", flaky(0), backoff=3, jitter=0).policy is None
    policy = PipelineNode("n", flaky(0), retries=2, retry_on=KeyError).policy
    assert policy is not None
    assert (policy.retries, policy.retry_on) == (2, (KeyError,))


# -- fusion ---------------------------------------------------------------------------


async def test_a_sync_node_with_a_policy_is_not_fused_and_still_retries() -> None:
    calls: list[tuple[str, int]] = []

    def step(name: str, failures: int) -> Callable[[int], int]:
        def run(x: int) -> int:
            calls.append((name, x))
            if sum(1 for n, _ in calls if n == name) <= failures:
                raise ValueError(f"{name} fails")
            return x + 1

        return run

    async with chain(
        Pipeline("p"),
        PipelineNode("a", step("a", 0)),
        PipelineNode("b", step("b", 2), retries=2, backoff=0),
        PipelineNode("c", step("c", 0)),
    ) as p:
        record = await p.execute_record(0)
        assert record.outputs == {"a": 1, "b": 2, "c": 3}
        assert [record.attempts(n) for n in "abc"] == [1, 3, 1]
        assert calls == [("a", 0), ("b", 1), ("b", 1), ("b", 1), ("c", 2)]
        assert p._compile().segments == (None, None, None)


async def test_a_fused_sync_chain_without_policies_is_one_segment() -> None:
    async with chain(
        Pipeline("p"),
        PipelineNode("a", lambda x: x + 1),
        PipelineNode("b", lambda x: x + 1),
    ) as p:
        assert await p.execute(0) == {"a": 1, "b": 2}
        assert p._compile().segments == ((0, 1), None)


async def test_a_runtime_type_violation_is_neither_retried_nor_replaced_by_the_fallback() -> None:
    calls: list[int] = []

    async def typed(x: int) -> int:
        calls.append(x)
        raise NodeTypeError("value is not an int", node="n", pipeline="p")

    p = chain(Pipeline("p"), PipelineNode("n", typed, retries=3, backoff=0, fallback=-1))
    with pytest.raises(NodeTypeError):  # raised as itself: it already names node and pipeline
        await p.execute(1)
    assert p.last_run is not None
    assert (calls, p.last_run.attempts("n")) == ([1], 1)


async def test_a_sync_call_abandoned_by_its_timeout_still_holds_its_concurrency_permit() -> None:
    lock = threading.Lock()
    running = peak = 0
    release = threading.Event()

    def blocking(x: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        release.wait(5)
        with lock:
            running -= 1
        return x

    p = chain(Pipeline("p"), PipelineNode("n", blocking, concurrency=1, timeout=0.02))
    async with p:
        first = asyncio.ensure_future(p.execute(1))
        with pytest.raises(NodeExecutionError):
            await first  # timed out; its thread is still blocked
        second = asyncio.ensure_future(p.execute(2))
        await asyncio.sleep(0.05)
        assert not second.done()  # waits for the permit the abandoned thread holds
        release.set()
        assert await second == {"n": 2}
    assert peak == 1
