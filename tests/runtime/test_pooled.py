"""Issue 12 (W4): `stream`/`map` of a straight chain of plain sync nodes run each input's whole
run on a pool thread (`typedflow/_runtime/_pooled.py`) instead of hopping from the event loop
for every input. Same outcomes as the scheduler's path (a differential property), inputs still
pulled on the consumer's thread and lazily, other work on the pool still gets its turn, and
the run's bookkeeping (status, last run, recordings, deps, log levels) holds."""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typedflow import NodeExecutionError, NodeTypeError, PipelineError, build, node, recording
from typedflow.pipeline import NodeStatus, Outcome, Pipeline, PipelineNode

from ._helpers import WAIT, chain


@node
def inc(x: int) -> int:
    return x + 1


@node
def double(x: int) -> int:
    return x * 2


@node
def odd_only(x: int) -> int | None:
    return x if x % 2 else None


@node
def boom_at_3(x: int) -> int:
    if x == 3:
        raise ValueError(f"bad {x}")
    return x


def _listen(pipeline: Pipeline) -> list[Any]:
    """Subscribe to the events: the pipeline then runs every input on the scheduler."""
    heard: list[Any] = []
    pipeline.events.subscribe(heard.append)
    return heard


def _summary(outcomes: list[Outcome[Any, Any]]) -> list[tuple[Any, ...]]:
    return [
        (o.index, o.input, o.output, repr(o.error), o.node, o.attempts, o.filtered)
        for o in outcomes
    ]


def test_each_input_runs_its_whole_chain_on_one_pool_thread() -> None:
    threads: dict[int, list[int]] = {}

    @node
    def first(x: int) -> int:
        threads.setdefault(x, []).append(threading.get_ident())
        return x

    @node
    def second(x: int) -> int:
        threads[x].append(threading.get_ident())
        return x * 10

    pipeline = build(first >> second)

    async def main() -> tuple[list[int], int]:
        return await pipeline.map(range(20), concurrency=4), threading.get_ident()

    outputs, loop_thread = asyncio.run(main())
    assert outputs == [x * 10 for x in range(20)]
    assert all(len(set(ts)) == 1 and ts[0] != loop_thread for ts in threads.values())
    assert sorted(threads) == list(range(20))
    pipeline.close()


def test_inputs_are_pulled_on_the_consumers_thread_and_lazily() -> None:
    pulled_on: set[int] = set()
    pulled = itertools.count()

    def numbers() -> Any:  # an infinite source, like a database cursor bound to its thread
        for x in itertools.count():
            pulled_on.add(threading.get_ident())
            next(pulled)
            yield x

    pipeline = build(inc >> double)

    async def main() -> list[int]:
        got = []
        async for out in pipeline.stream(numbers(), concurrency=3):
            got.append(out)
            if len(got) == 10:
                break
        assert pulled_on == {threading.get_ident()}
        return got

    assert asyncio.run(main()) == [(x + 1) * 2 for x in range(10)]
    assert next(pulled) <= 10 + 2 * 3 + 1  # at most 2 * concurrency ahead of the outputs
    pipeline.close()


@pytest.mark.parametrize("on_error", ["raise", "skip", "collect"])
def test_failures_and_filters_give_the_schedulers_outcomes(on_error: str) -> None:
    pooled = build(inc >> boom_at_3 >> odd_only >> double)
    scheduled = build(inc >> boom_at_3 >> odd_only >> double)
    _listen(scheduled)

    async def outcomes(p: Any) -> Any:
        if on_error == "raise":
            with pytest.raises(NodeExecutionError) as caught:
                await p.map(range(6), concurrency=2, on_error="raise")
            return str(caught.value)
        if on_error == "skip":
            return await p.map(range(6), concurrency=2, on_error="skip")
        return _summary(await p.map(range(6), concurrency=2, on_error="collect"))

    got = asyncio.run(outcomes(pooled))
    assert got == asyncio.run(outcomes(scheduled))
    if on_error == "raise":
        assert got == "node `boom_at_3` in pipeline `double` failed: ValueError: bad 3"
    elif on_error == "skip":
        assert got == [2, None, None, 10, None]  # input 2 failed; even values filtered
    else:
        error = "node `boom_at_3` in pipeline `double` failed: ValueError: bad 3"
        assert got[2] == (2, 2, None, f"NodeExecutionError({error!r})", "boom_at_3", 1, False)
        assert got[1] == (1, 1, None, "None", None, 0, True)
    pooled.close()
    scheduled.close()


def test_a_node_returning_none_without_admitting_it_fails_that_input() -> None:
    @node
    def sometimes_none(x: int) -> int:
        return None if x == 1 else x  # type: ignore[return-value]  # the mistake under test

    pipeline = build(sometimes_none >> inc)
    outcomes = pipeline.map_sync([0, 1, 2], on_error="collect")
    assert [o.output for o in outcomes] == [1, None, 3]
    error = outcomes[1].error
    assert isinstance(error, NodeTypeError)
    assert str(error) == (
        "Output node `inc` of pipeline `inc` produced no value (a node returned `None`, ending"
        " its branch), but its return type does not admit `None`"
    )
    pipeline.close()


def test_other_work_on_the_pool_gets_its_turn_during_a_long_map() -> None:
    """Each pool thread queues itself again after every input: a run of the same pipeline
    started meanwhile takes a thread before the map's remaining inputs."""
    order: list[str] = []
    started = threading.Event()

    def step(x: int) -> int:
        order.append(f"map {x}" if x >= 0 else "other")
        if x == 0:
            started.set()
        if x >= 0:
            threading.Event().wait(0.002)
        return x

    pipeline = chain(Pipeline("shared", max_workers=2), PipelineNode("step", step))

    async def main() -> None:
        mapping = asyncio.ensure_future(pipeline.map(range(200), concurrency=2))
        await asyncio.to_thread(started.wait, WAIT)
        await pipeline.execute(-1)
        await mapping

    asyncio.run(main())
    assert order.index("other") < order.index("map 150")
    assert sorted(order) == sorted(["other", *(f"map {x}" for x in range(200))])
    pipeline.close()


def test_status_last_run_and_recordings_hold() -> None:
    pipeline = build(inc >> double)

    async def main() -> list[int]:
        with recording(pipeline) as runs:
            outputs = await pipeline.map([1, 2, 3], concurrency=2)
        assert sorted(r.outputs["double"] for r in runs) == [4, 6, 8]
        assert all(r.status["inc"] is NodeStatus.COMPLETED for r in runs)
        return outputs

    assert asyncio.run(main()) == [4, 6, 8]
    assert set(pipeline.get_pipeline_status().values()) == {NodeStatus.COMPLETED}
    assert pipeline.last_run is not None
    pipeline.close()


def test_deps_reach_every_input() -> None:
    @node
    def scale(x: int, *, deps: int) -> int:
        return x * deps

    pipeline = build(inc >> scale, deps=int)
    assert pipeline.map_sync([1, 2], deps=10) == [20, 30]
    pipeline.close()


def test_failures_handled_by_the_caller_are_logged_at_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pipeline = build(inc >> boom_at_3)
    with caplog.at_level(logging.DEBUG, logger="typedflow"):
        assert pipeline.map_sync(range(4), on_error="skip") == [1, 2, 4]
        failed = "node `boom_at_3` failed"
        failures = [r for r in caplog.records if r.getMessage().startswith(failed)]
        assert failures
        assert {r.levelno for r in failures} == {logging.DEBUG}
    pipeline.close()


class Stop(BaseException):
    pass


def test_a_base_exception_in_a_node_ends_the_map() -> None:
    @node
    def interrupt(x: int) -> int:
        if x == 2:
            raise Stop
        return x

    pipeline = build(inc >> interrupt)
    with pytest.raises(Stop):
        pipeline.map_sync(range(5), concurrency=2)
    pipeline.close()


def test_with_a_subscriber_every_input_runs_on_the_scheduler_with_events() -> None:
    pipeline = build(inc >> double)
    heard = _listen(pipeline)
    assert pipeline.map_sync([1, 2]) == [4, 6]
    assert len(heard) == 2 * 2 * 2  # RUNNING and COMPLETED per node per input
    pipeline.close()


_ACTIONS = st.sampled_from(["inc", "double", "filter", "fail"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    actions=st.lists(_ACTIONS, min_size=1, max_size=5),
    inputs=st.lists(st.integers(-5, 20), max_size=12),
    concurrency=st.integers(1, 4),
    ordered=st.booleans(),
)
def test_property_pooled_outcomes_match_the_schedulers(
    actions: list[str], inputs: list[int], concurrency: int, ordered: bool
) -> None:
    def make(kind: str) -> Any:
        if kind == "inc":
            return lambda x: x + 1
        if kind == "double":
            return lambda x: x * 2
        if kind == "filter":
            return lambda x: x if x % 3 else None
        return lambda x: 1 // (x % 4)  # fails on multiples of 4

    def pipeline() -> Pipeline:
        nodes = [PipelineNode(f"n{i}", make(kind)) for i, kind in enumerate(actions)]
        return chain(Pipeline("p"), *nodes)

    async def outcomes(p: Pipeline) -> list[tuple[Any, ...]]:
        got = [
            o
            async for o in p.stream(
                inputs, concurrency=concurrency, ordered=ordered, on_error="collect"
            )
        ]
        return sorted(_summary(got), key=lambda t: t[0])

    pooled, scheduled = pipeline(), pipeline()
    _listen(scheduled)
    assert asyncio.run(outcomes(pooled)) == asyncio.run(outcomes(scheduled))
    pooled.close()
    scheduled.close()


def test_only_plain_sync_chains_over_plain_iterables_take_the_pool_path() -> None:
    """The rule `_pooled_plan` applies (white-box: the speed of W4 depends on it)."""

    async def numbers() -> Any:
        yield 1

    @node(inline=True)
    def on_loop(x: int) -> int:
        return x

    @node
    async def awaits(x: int) -> int:
        return x

    @node(retries=1)
    def retried(x: int) -> int:
        return x

    plain = build(inc >> double)
    assert plain._pooled_plan([1]) is not None
    assert plain._pooled_plan(iter([1])) is not None
    assert plain._pooled_plan(numbers()) is None  # an async iterable: pulled on the loop
    for other in (inc >> on_loop, inc >> awaits, inc >> retried, inc >> (double, on_loop)):
        assert build(other)._pooled_plan([1]) is None
    _listen(plain)
    assert plain._pooled_plan([1]) is None


def test_closing_the_pipeline_under_a_pooled_stream_ends_the_stream_with_an_error() -> None:
    """`aclose()` while such a stream runs: the inputs running finish, no other starts, and
    the stream raises (it never hangs waiting for inputs that cannot run)."""
    release, both_in = threading.Event(), threading.Event()
    ran: list[int] = []

    @node
    def slow(x: int) -> int:
        ran.append(x)
        if len(ran) == 2:
            both_in.set()
        release.wait(WAIT)
        return x

    pipeline = build(slow >> inc)

    async def main() -> None:
        mapping = asyncio.ensure_future(pipeline.map(range(100), concurrency=2))
        assert await asyncio.to_thread(both_in.wait, WAIT)  # both threads are in `slow`
        closing = asyncio.ensure_future(pipeline.aclose())
        await asyncio.sleep(0)  # `aclose()` has begun: the pipeline is closing
        release.set()
        await closing
        with pytest.raises(PipelineError) as caught:
            await mapping
        assert str(caught.value) == (
            "Pipeline `inc` was closed (`aclose()`) while a stream of it ran"
        )

    asyncio.run(main())
    assert len(ran) < 100
