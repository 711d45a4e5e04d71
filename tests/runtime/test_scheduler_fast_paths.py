"""Issue 12 (W1-W3): the runtime's fast paths keep every guarantee of the general one.

The plain async/inline nodes a run begins with (`Plan.chain`) are awaited in the driver's own
frame; fan-out branches and stream inputs start eagerly on Python 3.12+
(`TaskGroup.start_eager`); a stream's succeeded outcome is built through its slots.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator  # noqa: TC003  (node annotations are read at build)
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typedflow import ChunkEvent, NodeEvent, NodeExecutionError, Outcome, build, node, recording
from typedflow._runtime._stream import _succeeded
from typedflow._runtime._tasks import TaskGroup
from typedflow.pipeline import NodeStatus, Pipeline, PipelineNode

from ._helpers import aident, chain, fan_out, wait

PENDING, RUNNING = NodeStatus.PENDING, NodeStatus.RUNNING
COMPLETED, FAILED, SKIPPED = NodeStatus.COMPLETED, NodeStatus.FAILED, NodeStatus.SKIPPED
EAGER = sys.version_info >= (3, 12)


async def ainc(x: int) -> int:
    return x + 1


def inc(x: int) -> int:
    return x + 1


def _chain(*funcs: Any, **options: Any) -> Pipeline:
    nodes = [
        PipelineNode(f"n{k}", f, inline=not asyncio.iscoroutinefunction(f))
        for k, f in enumerate(funcs)
    ]
    return chain(Pipeline("c", **options), *nodes)


# -- the chain in the driver ----------------------------------------------------------------


async def test_a_chain_run_records_each_node_with_times_that_follow_one_another() -> None:
    p = _chain(ainc, inc, ainc, ainc)
    assert p._compile().chain == (0, 1, 2, 3)
    assert await p.execute(1) == {"n0": 2, "n1": 3, "n2": 4, "n3": 5}
    record = p.last_run
    assert record is not None
    runs = record.nodes
    assert [r.status for r in runs.values()] == [COMPLETED] * 4
    times = [(r.started, r.ended) for r in runs.values()]
    assert None not in [t for pair in times for t in pair]
    for (s0, e0), (s1, e1) in pairwise(times):
        assert s0 <= e0 == s1 <= e1  # type: ignore[operator]  # each starts when the one before ended
    assert [record.attempts(n) for n in runs] == [1, 1, 1, 1]


async def test_the_status_of_a_chain_node_is_live_while_it_awaits() -> None:
    entered, release = asyncio.Event(), asyncio.Event()

    async def held(x: int) -> int:
        entered.set()
        await release.wait()
        return x

    p = _chain(ainc, held, ainc)
    run = asyncio.create_task(p.execute(1))
    await wait(entered.wait())
    live = p.last_run
    assert p.get_pipeline_status() == {"n0": COMPLETED, "n1": RUNNING, "n2": PENDING}
    release.set()
    assert await wait(run) == {"n0": 2, "n1": 2, "n2": 3}
    assert live is not None
    assert live.status == {"n0": COMPLETED, "n1": COMPLETED, "n2": COMPLETED}


async def test_a_none_in_a_chain_skips_the_rest() -> None:
    async def none(x: int) -> None:
        return None

    p = _chain(ainc, none, ainc, inc)
    assert await p.execute(1) == {"n0": 2, "n1": None}
    assert p.get_pipeline_status() == {
        "n0": COMPLETED,
        "n1": COMPLETED,
        "n2": SKIPPED,
        "n3": SKIPPED,
    }


async def test_a_chain_node_failing_fails_the_run_and_skips_the_rest() -> None:
    async def boom(x: int) -> int:
        raise ValueError(f"bad {x}")

    p = _chain(ainc, boom, ainc)
    with pytest.raises(NodeExecutionError) as caught:
        await p.execute(1)
    assert str(caught.value) == "node `n1` in pipeline `c` failed: ValueError: bad 2"
    record = p.last_run
    assert record is not None
    assert record.status == {"n0": COMPLETED, "n1": FAILED, "n2": SKIPPED}
    assert repr(record.errors["n1"]) == "ValueError('bad 2')"
    assert record.nodes["n1"].ended is not None
    assert await p.execute(1, on_error="continue") == {"n0": 2}


async def test_a_record_made_before_a_failure_shows_its_error() -> None:
    """A run's errors list is made on its first error: a record made earlier (`recording`
    makes one as the run starts) must still show it."""

    async def boom(x: int) -> int:
        raise ValueError(f"bad {x}")

    p = _chain(ainc, boom, ainc, on_error="continue")
    with recording(p) as runs:
        assert await p.execute(1) == {"n0": 2}
        assert await p.execute(5) == {"n0": 6}
    assert [{n: repr(e) for n, e in r.errors.items()} for r in runs] == [
        {"n1": "ValueError('bad 2')"},
        {"n1": "ValueError('bad 6')"},
    ]
    clean = _chain(ainc, ainc)
    with recording(clean) as runs:
        await clean.execute(1)
    assert runs[0].errors == {}
    assert [n.error for n in runs[0].nodes.values()] == [None, None]


async def test_a_record_made_before_retries_counts_them() -> None:
    """`recording` makes a run's record as the run starts: it must count the attempts that
    a node's retries make later (it said 1 where `last_run` said 3)."""
    calls: list[int] = []

    async def flaky(x: int) -> int:
        calls.append(x)
        if len(calls) < 3:
            raise ValueError("again")
        return x

    p = chain(
        Pipeline("r"), PipelineNode("a", flaky, retries=3, backoff=0), PipelineNode("b", ainc)
    )
    with recording(p) as runs:
        assert await p.execute(1) == {"a": 1, "b": 2}
    assert p.last_run is not None
    assert [runs[0].attempts("a"), runs[0].attempts("b")] == [3, 1]
    assert [p.last_run.attempts("a"), p.last_run.attempts("b")] == [3, 1]
    assert runs[0].nodes["a"].attempts == 3


async def test_cancelling_a_run_in_a_chain_node_skips_it_and_the_rest() -> None:
    entered = asyncio.Event()

    async def hang(x: int) -> int:
        entered.set()
        await asyncio.Event().wait()
        return x

    p = _chain(ainc, hang, ainc)
    run = asyncio.create_task(p.execute(1))
    await wait(entered.wait())
    run.cancel()
    with pytest.raises(asyncio.CancelledError):
        await run
    record = p.last_run
    assert record is not None
    assert record.status == {"n0": COMPLETED, "n1": SKIPPED, "n2": SKIPPED}
    assert isinstance(record.nodes["n1"].error, asyncio.CancelledError)


async def test_a_chain_node_raising_cancelled_error_itself_is_a_failure() -> None:
    async def cancels(x: int) -> int:
        raise asyncio.CancelledError

    p = _chain(ainc, cancels, ainc)
    with pytest.raises(NodeExecutionError, match=r"^node `n1` in pipeline `c` failed: Cancel"):
        await p.execute(1)
    assert p.get_pipeline_status() == {"n0": COMPLETED, "n1": FAILED, "n2": SKIPPED}


async def test_with_a_subscriber_a_chain_publishes_every_change_in_order() -> None:
    p = _chain(ainc, inc, ainc)
    events: list[NodeEvent] = []
    p.events.subscribe(events.append)
    assert await p.execute(1) == {"n0": 2, "n1": 3, "n2": 4}
    assert [(e.node, e.status) for e in events] == [
        (n, s) for n in ("n0", "n1", "n2") for s in (RUNNING, COMPLETED)
    ]
    assert all(e.duration is not None for e in events if e.status is COMPLETED)


async def test_a_chain_goes_on_into_threads_and_a_fan_out_after_it() -> None:
    p = Pipeline("mixed")
    a, b = PipelineNode("a", ainc), PipelineNode("b", inc, inline=True)
    t = PipelineNode("t", inc)  # a thread node ends the chain
    x, y = PipelineNode("x", ainc), PipelineNode("y", ainc)
    for n in (a, b, t, x, y):
        p.add_node(n)
    a.connect(b)
    b.connect(t)
    t.connect(x)
    t.connect(y)
    p.set_start_node(a)
    assert p._compile().chain == (0, 1)
    assert await p.execute(1) == {"a": 2, "b": 3, "t": 4, "x": 5, "y": 5}
    q = fan_out("f", PipelineNode("src", aident), [PipelineNode(n, ainc) for n in "uvw"])
    assert q._compile().chain == (0,)
    assert await q.execute(1) == {"src": 1, "u": 2, "v": 2, "w": 2}
    await p.aclose()


async def test_a_chain_starting_at_a_node_with_options_has_no_chain() -> None:
    p = chain(Pipeline("r"), PipelineNode("a", ainc, retries=1), PipelineNode("b", ainc))
    assert p._compile().chain == ()
    assert await p.execute(1) == {"a": 2, "b": 3}


async def test_a_sub_pipeline_s_run_without_events_hides_the_outer_run_s() -> None:
    """A run without events leaves CURRENT_RUN alone unless an outer run is current: then it
    hides it, so a nested streaming node of the same name never chunks into the outer run."""

    def join(chunks: list[str]) -> str:
        return " ".join(chunks)

    async def inner_gen(text: str) -> AsyncIterator[str]:
        yield f"inner {text}"

    async def outer_gen(text: str) -> AsyncIterator[str]:
        yield "outer"

    inner = build(node(collect=join, name="tokens")(inner_gen))
    outer = build(node(collect=join)(outer_gen).named("tokens") >> inner.as_node("inner"))
    outer_events: list[NodeEvent] = []
    outer.events.subscribe(outer_events.append)  # the inner pipeline has no subscriber
    assert await outer.run("q") == "inner outer"
    assert [e.chunk for e in outer_events if isinstance(e, ChunkEvent)] == ["outer"]


# -- eager fan-out ----------------------------------------------------------------------------


@pytest.mark.skipif(not EAGER, reason="tasks start eagerly on Python 3.12+")
async def test_a_fan_out_that_never_waits_ends_without_a_turn_of_the_loop() -> None:
    order: list[str] = []

    async def other() -> None:
        order.append("other task")

    p = fan_out(
        "d",
        PipelineNode("src", ainc),
        [PipelineNode(n, ainc) for n in "abc"],
        PipelineNode("join", lambda *xs: sum(xs), inline=True),
    )
    task = asyncio.create_task(other())  # runs at the loop's next turn
    assert await p.execute(1) == {"src": 2, "a": 3, "b": 3, "c": 3, "join": 9}
    order.append("run")
    await task
    assert order == ["run", "other task"]
    assert p.get_pipeline_status() == dict.fromkeys(["src", "a", "b", "c", "join"], COMPLETED)


async def test_a_branch_failing_at_once_skips_the_branches_not_started() -> None:
    async def boom(x: int) -> int:
        raise ValueError("no")

    p = fan_out("f", PipelineNode("src", ainc), [PipelineNode("a", boom), PipelineNode("b", ainc)])
    with pytest.raises(NodeExecutionError) as caught:
        await p.execute(1)
    assert str(caught.value) == "node `a` in pipeline `f` failed: ValueError: no"
    assert p.get_pipeline_status() == {"src": COMPLETED, "a": FAILED, "b": SKIPPED}


async def test_a_deep_ladder_of_fan_outs_that_never_wait_runs_without_recursion_error() -> None:
    p = Pipeline("ladder")
    prev = p.add_node(PipelineNode("s0", ainc))
    p.set_start_node(prev)
    depth = 600  # each level starts the next eagerly, nested, up to the group's limit
    for k in range(1, depth):
        leaf = p.add_node(PipelineNode(f"leaf{k}", ainc))
        step = p.add_node(PipelineNode(f"s{k}", ainc))
        prev.connect(leaf)
        prev.connect(step)
        prev = step
    out = await p.execute(0)
    assert out[f"s{depth - 1}"] == depth
    assert out[f"leaf{depth - 1}"] == depth
    assert len(out) == 2 * depth - 1


@st.composite
def async_graphs(draw: st.DrawFn) -> list[tuple[list[int], bool, bool, bool]]:
    """Nodes 0..n-1 as (upstreams, waits, filters, fails); nodes without upstreams start."""
    n = draw(st.integers(1, 8))
    return [
        (
            draw(st.lists(st.integers(0, j - 1), max_size=3)) if j else [],
            draw(st.booleans()),
            draw(st.booleans()),
            draw(st.booleans()),
        )
        for j in range(n)
    ]


def _value(k: int, args: tuple[int, ...], filters: bool, fails: bool) -> int | None:
    v = (sum(args) * 7 + k) % 97
    if fails and v % 4 == 0:
        raise ValueError(f"n{k} failed on {v}")
    return None if filters and v % 3 == 0 else v


def _expected(graph: list[tuple[list[int], bool, bool, bool]], data: int) -> dict[str, Any]:
    """What every node gives under on_error="continue", computed directly."""
    out: dict[int, Any] = {}
    for j, (ups, _, filters, fails) in enumerate(graph):
        if any(u not in out or out[u] is None for u in ups):
            continue  # skipped: an upstream failed, was skipped or returned None
        try:
            out[j] = _value(j, tuple(out[u] for u in ups) if ups else (data,), filters, fails)
        except ValueError:
            continue
    return {f"n{j}": v for j, v in out.items()}


def _async_pipeline(graph: list[tuple[list[int], bool, bool, bool]]) -> Pipeline:
    def make(k: int, waits: bool, filters: bool, fails: bool) -> Any:
        async def f(*args: int) -> int | None:
            if waits:
                await asyncio.sleep(0)
            return _value(k, args, filters, fails)

        return f

    p = Pipeline("g", on_error="continue")
    nodes = [
        p.add_node(PipelineNode(f"n{k}", make(k, *rest))) for k, (_, *rest) in enumerate(graph)
    ]
    for j, (ups, *_) in enumerate(graph):
        for i in ups:
            nodes[i].connect(nodes[j])
        if not ups:
            p.set_start_node(nodes[j])
    return p


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=async_graphs(), data=st.integers(0, 200))
def test_property_async_graphs_give_what_a_direct_evaluation_gives(
    graph: list[tuple[list[int], bool, bool, bool]], data: int
) -> None:
    p = _async_pipeline(graph)
    got = asyncio.run(p.execute(data))
    assert got == _expected(graph, data)
    status = p.get_pipeline_status()
    assert {n for n, s in status.items() if s is COMPLETED} == set(got)
    assert not {PENDING, RUNNING} & set(status.values())


# -- TaskGroup.start_eager --------------------------------------------------------------------


@pytest.mark.skipif(not EAGER, reason="tasks start eagerly on Python 3.12+")
async def test_start_eager_ends_work_that_never_waits_at_once_and_holds_no_task() -> None:
    ended: list[asyncio.Task[Any]] = []
    group = TaskGroup(ended.append)

    async def quick() -> int:
        return 7

    async def fails() -> int:
        raise ValueError("x")

    task = group.start_eager(quick())
    assert task.done()
    assert task.result() == 7
    assert not group
    assert ended == [task]
    failing = group.start_eager(fails())
    assert not group
    assert ended == [task, failing]
    assert repr(group.error) == "ValueError('x')"


async def test_start_eager_holds_work_that_waits_until_it_ends() -> None:
    ended: list[asyncio.Task[Any]] = []
    group = TaskGroup(ended.append)
    release = asyncio.Event()
    steps: list[str] = []

    async def slow() -> int:
        steps.append("started")
        await release.wait()
        return 1

    task = group.start_eager(slow())
    assert steps == (["started"] if EAGER else [])
    assert len(group) == 1
    release.set()
    assert await task == 1
    await asyncio.sleep(0)  # the done callback runs
    assert not group
    assert ended == [task]


@pytest.mark.parametrize("shared", [True, False], ids=["one group", "a group per level"])
async def test_start_eager_nests_only_so_deep(shared: bool) -> None:
    groups = [TaskGroup()] * 21 if shared else [TaskGroup() for _ in range(21)]
    order: list[int] = []

    async def nested(k: int) -> None:
        order.append(k)
        if k < 20:
            groups[k + 1].start_eager(nested(k + 1))
        order.append(-k)

    groups[0].start_eager(nested(0))
    if EAGER:  # 16 nested eager starts, then one started as usual, after the others end
        assert order == [*range(16), *range(-15, 1)]
    else:
        assert order == []
    for _ in range(30):
        await asyncio.sleep(0)
    assert sorted(order) == sorted([*range(21), *(-k for k in range(21))])


async def test_start_eager_under_a_task_factory_starts_as_usual() -> None:
    loop = asyncio.get_running_loop()
    made: list[str] = []

    def factory(loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> asyncio.Task[Any]:
        made.append("task")
        return asyncio.Task(coro, loop=loop, **kwargs)

    steps: list[str] = []

    async def quick() -> None:
        steps.append("ran")

    loop.set_task_factory(factory)
    try:
        task = TaskGroup().start_eager(quick())
        assert (made, steps, task.done()) == (["task"], [], False)
        await task
        assert steps == ["ran"]
    finally:
        loop.set_task_factory(None)


# -- stream outcomes --------------------------------------------------------------------------


@given(
    index=st.integers(0, 10**6),
    item=st.integers() | st.text() | st.none(),
    output=st.integers() | st.text() | st.none(),
    filtered=st.booleans(),
)
def test_property_an_outcome_built_through_its_slots_is_the_dataclass_s(
    index: int, item: object, output: object, filtered: bool
) -> None:
    built = _succeeded(index, item, output, filtered)
    made = Outcome(index, item, output, filtered=filtered)
    assert built == made
    assert hash(built) == hash(made)
    assert repr(built) == repr(made)
    assert built.ok
    with pytest.raises(AttributeError):
        built.output = 1  # type: ignore[misc]  # frozen, as the dataclass's


async def test_an_in_order_stream_whose_inputs_end_out_of_order_yields_in_order() -> None:
    gates = {i: asyncio.Event() for i in range(4)}

    async def gated(x: int) -> int:
        await gates[x].wait()
        return x * 10

    p = chain(Pipeline("s"), PipelineNode("f", gated))
    stream = p.stream(range(4), concurrency=4)
    first = asyncio.ensure_future(anext(stream))
    for i in (2, 3, 1):
        gates[i].set()
        await asyncio.sleep(0)
    assert not first.done()
    gates[0].set()
    assert await wait(first) == {"f": 0}
    assert [o async for o in stream] == [{"f": 10}, {"f": 20}, {"f": 30}]
