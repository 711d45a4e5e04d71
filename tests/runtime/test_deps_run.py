"""Issue 10, part 4: each run's deps reach the nodes declaring `deps`, and only that run's."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typedflow import Node, NodeExecutionError, TypedPipeline, build, node
from typedflow._runtime import _deps
from typedflow.pipeline import NodeEvent, NodeStatus

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

PENDING, RUNNING, COMPLETED = NodeStatus.PENDING, NodeStatus.RUNNING, NodeStatus.COMPLETED


@dataclass
class AppDeps:
    user: str
    calls: list[str] = field(default_factory=list)


@node
async def greet(name: str, *, deps: AppDeps) -> str:
    deps.calls.append("greet")
    await asyncio.sleep(0)
    return f"{deps.user}: {name}"


@node
def shout(text: str, *, deps: AppDeps) -> str:  # on the pipeline's thread pool
    deps.calls.append("shout")
    return f"{text.upper()} ({deps.user})"


@node(inline=True)
def sign(text: str, *, deps: AppDeps) -> str:  # on the event loop
    return f"{text} -- {deps.user}"


@node
def size(text: str) -> int:
    return len(text)


_BUILT: list[TypedPipeline[Any, Any, Any]] = []


def built(*flows: Any, **options: Any) -> Any:
    """`build`, closing the pipeline (its thread pool) when the test ends."""
    pipeline = build(*flows, **options)
    _BUILT.append(pipeline)
    return pipeline


@pytest.fixture(autouse=True)
async def _close_pipelines() -> AsyncIterator[None]:
    yield
    while _BUILT:
        await _BUILT.pop().aclose()


def greeting() -> TypedPipeline[str, str, AppDeps]:
    pipeline: TypedPipeline[str, str, AppDeps] = built(greet >> shout >> sign, deps=AppDeps)
    return pipeline


async def test_the_runs_deps_reach_async_threaded_and_inline_nodes() -> None:
    pipeline = greeting()
    deps = AppDeps("bob")
    assert await pipeline.run("ann", deps=deps) == "BOB: ANN (bob) -- bob"
    assert deps.calls == ["greet", "shout"]


async def test_execute_and_execute_record_take_deps() -> None:
    pipeline = greeting()
    assert await pipeline.execute("ann", deps=AppDeps("bob")) == {
        "greet": "bob: ann",
        "shout": "BOB: ANN (bob)",
        "sign": "BOB: ANN (bob) -- bob",
    }
    record = await pipeline.execute_record("x", deps=AppDeps("eve"))
    assert record.outputs == {
        "greet": "eve: x",
        "shout": "EVE: X (eve)",
        "sign": "EVE: X (eve) -- eve",
    }


async def test_map_stream_and_observable_give_every_input_the_deps() -> None:
    pipeline = greeting()
    deps = AppDeps("al")
    assert await pipeline.map(["a", "b"], deps=deps) == ["AL: A (al) -- al", "AL: B (al) -- al"]
    assert deps.calls.count("greet") == 2
    got = [out async for out in pipeline.stream(["c"], deps=AppDeps("cy"), ordered=False)]
    assert got == ["CY: C (cy) -- cy"]
    done = asyncio.get_running_loop().create_future()
    seen: list[str] = []
    pipeline.as_observable(["d"], deps=AppDeps("di")).subscribe(
        on_next=seen.append, on_completed=lambda: done.set_result(None)
    )
    await done
    assert seen == ["DI: D (di) -- di"]


def _missing(nodes: str = "nodes `greet`, `shout`, `sign` take") -> str:
    return (
        f"Pipeline `sign` was run without `deps=`, but its {nodes} the run's dependencies"
    )


async def test_a_run_without_deps_fails_before_any_node_runs() -> None:
    pipeline = built(greet >> shout >> sign, deps=AppDeps)
    events: list[NodeEvent] = []
    pipeline.events.subscribe(events.append)
    with pytest.raises(TypeError) as info:
        await pipeline.run("ann")  # type: ignore[call-overload]  # the case under test
    assert str(info.value) == _missing()
    with pytest.raises(TypeError) as info:
        await pipeline.execute("ann")
    assert str(info.value) == _missing()
    with pytest.raises(TypeError) as info:  # at the call, not at the first item
        pipeline.stream(["a"])
    assert str(info.value) == _missing()
    with pytest.raises(TypeError) as info:
        await pipeline.map(["a"])
    assert str(info.value) == _missing()
    with pytest.raises(TypeError) as info:
        pipeline.as_observable(["a"])
    assert str(info.value) == _missing()
    assert events == []
    assert pipeline.last_run is None  # no run was started


async def test_the_error_names_the_one_node_that_takes_deps() -> None:
    pipeline = built(greet.named("one") >> size.named("after"), name="p", deps=AppDeps)
    with pytest.raises(TypeError) as info:
        await pipeline.execute("x")
    assert str(info.value) == (
        "Pipeline `p` was run without `deps=`, but its node `one` takes the run's dependencies"
    )
    assert pipeline.get_pipeline_status() == {"one": PENDING, "after": PENDING}


async def test_a_pipeline_without_deps_runs_without_them() -> None:
    pipeline = built(size.named("n"))
    assert await pipeline.run("abc") == 3
    assert await pipeline.execute("ab") == {"n": 2}


async def test_concurrent_runs_with_different_deps_never_mix() -> None:
    count = 40
    arrived = 0
    everyone = asyncio.Event()

    @node
    async def wait_all(name: str, *, deps: AppDeps) -> str:
        nonlocal arrived
        arrived += 1
        if arrived == count:
            everyone.set()
        await everyone.wait()  # every run is inside this node before any goes on
        return f"{name}/{deps.user}"

    @node
    def in_thread(text: str, *, deps: AppDeps) -> str:
        return f"{text}/{deps.user}/{threading.current_thread() is not threading.main_thread()}"

    pipeline = built(wait_all >> in_thread, deps=AppDeps)
    outs = await asyncio.gather(
        *(pipeline.run(str(i), deps=AppDeps(f"u{i}")) for i in range(count))
    )
    assert outs == [f"{i}/u{i}/u{i}/True" for i in range(count)]
    assert await pipeline.map(
        [str(i) for i in range(count)], deps=AppDeps("shared"), concurrency=count
    ) == [f"{i}/shared/shared/True" for i in range(count)]


async def test_cancelled_runs_leave_the_others_deps_and_the_callers_context_alone() -> None:
    release = asyncio.Event()
    all_in = asyncio.Event()
    entered: list[str] = []

    @node
    async def hold(name: str, *, deps: AppDeps) -> str:
        entered.append(deps.user)
        if len(entered) == 6:
            all_in.set()
        await release.wait()
        return f"{name}/{deps.user}"

    @node
    def after(text: str, *, deps: AppDeps) -> str:
        return f"{text}/{deps.user}"

    pipeline = built(hold >> after, deps=AppDeps)
    tasks = [
        asyncio.create_task(pipeline.run(str(i), deps=AppDeps(f"u{i}"))) for i in range(6)
    ]
    await all_in.wait()  # every run waits inside `hold`
    assert sorted(entered) == [f"u{i}" for i in range(6)]
    for task in tasks[::2]:
        task.cancel()
    release.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert [type(r).__name__ for r in results[::2]] == ["CancelledError"] * 3
    assert results[1::2] == ["1/u1/u1", "3/u3/u3", "5/u5/u5"]
    assert _deps._CURRENT.get() is _deps.NO_DEPS  # every run reset what it set
    with pytest.raises(TypeError):
        await pipeline.run("x")  # type: ignore[call-overload]  # no deps left over from a run


async def test_events_of_a_run_with_deps_are_those_of_any_run() -> None:
    events: list[NodeEvent] = []
    pipeline = built(greet.named("g") >> size.named("s"), deps=AppDeps)
    pipeline.events.subscribe(events.append)
    await pipeline.run("x", deps=AppDeps("u"))
    assert [(e.node, e.status) for e in events] == [
        ("g", RUNNING), ("g", COMPLETED), ("s", RUNNING), ("s", COMPLETED),
    ]


async def test_a_failing_deps_node_fails_its_run_and_a_fallback_replaces_it() -> None:
    @node
    def strict(text: str, *, deps: AppDeps) -> str:
        raise ValueError(f"no access for {deps.user}")

    @node(fallback="anonymous")
    def lenient(text: str, *, deps: AppDeps) -> str:
        raise ValueError(f"no access for {deps.user}")

    with pytest.raises(NodeExecutionError) as info:
        await built(strict, deps=AppDeps).run("x", deps=AppDeps("eve"))
    assert str(info.value) == (
        "node `strict` in pipeline `strict` failed: ValueError: no access for eve"
    )
    assert await built(lenient, deps=AppDeps).run("x", deps=AppDeps("eve")) == "anonymous"


async def test_retries_and_runtime_checks_keep_the_deps() -> None:
    attempts: list[str] = []

    @node(retries=2, backoff=0, jitter=0)
    def flaky(text: str, *, deps: AppDeps) -> str:
        attempts.append(deps.user)
        if len(attempts) < 3:
            raise ValueError("again")
        return f"{text}/{deps.user}"

    assert await built(flaky, deps=AppDeps).run("x", deps=AppDeps("u")) == "x/u"
    assert attempts == ["u", "u", "u"]
    checked = built(shout, deps=AppDeps, runtime_checks=True)
    assert await checked.run("x", deps=AppDeps("v")) == "X (v)"
    with pytest.raises(TypeError) as info:
        await checked.run("x")  # type: ignore[call-overload]  # checks wrap the node: still seen
    assert str(info.value) == (
        "Pipeline `shout` was run without `deps=`, but its node `shout` takes the run's"
        " dependencies"
    )


async def test_the_cache_key_is_the_input_alone() -> None:
    @node(cache=True)
    def profile(user_id: str, *, deps: AppDeps) -> str:
        return f"{user_id} seen by {deps.user}"

    pipeline = built(profile, deps=AppDeps)
    assert await pipeline.run("42", deps=AppDeps("a")) == "42 seen by a"
    assert await pipeline.run("42", deps=AppDeps("b")) == "42 seen by a"  # a hit: deps not in key
    assert await pipeline.run("7", deps=AppDeps("b")) == "7 seen by b"


async def test_a_nested_pipeline_gets_the_outer_runs_deps() -> None:
    inner = built(greet >> size, deps=AppDeps, name="inner").as_node()

    @node
    def double(n: int, *, deps: AppDeps) -> str:
        return f"{2 * n}/{deps.user}"

    outer = built(inner >> double, deps=AppDeps)
    assert await outer.run("ab", deps=AppDeps("xy")) == "12/xy"  # len("xy: ab") == 6


def test_a_deps_node_called_outside_a_run_says_so() -> None:
    call = _deps.with_deps(shout.func, "shout", False)
    with pytest.raises(TypeError) as info:
        call("x")
    assert str(info.value) == (
        "Node `shout` takes `deps`, but it was called outside a run given `deps=`"
    )


# -- property: any chain of node kinds, any mix of deps and plain nodes -------------------

_KINDS = ("async", "thread", "inline", "retried")


def _chain_node(i: int, kind: str, takes_deps: bool) -> Node[..., Any]:
    """A `str -> str` node appending `|i` (and the run's user when it takes deps)."""
    if takes_deps:

        def step(text: str, *, deps: AppDeps) -> str:
            return f"{text}|{i}:{deps.user}"

        async def astep(text: str, *, deps: AppDeps) -> str:
            await asyncio.sleep(0)
            return f"{text}|{i}:{deps.user}"

    else:

        def step(text: str) -> str:  # type: ignore[misc]  # the plain variant of `step`
            return f"{text}|{i}"

        async def astep(text: str) -> str:  # type: ignore[misc]  # the plain variant of `astep`
            await asyncio.sleep(0)
            return f"{text}|{i}"

    name = f"n{i}"
    if kind == "async":
        return node(astep, name=name)
    if kind == "inline":
        return node(step, name=name, inline=True)
    if kind == "retried":
        return node(step, name=name, retries=1, backoff=0, jitter=0)
    return node(step, name=name)  # on the thread pool: consecutive ones share one thread hop


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.lists(st.tuples(st.sampled_from(_KINDS), st.booleans()), min_size=1, max_size=6),
    runs=st.integers(1, 6),
)
def test_every_chain_gives_each_concurrent_run_its_own_deps(
    shape: list[tuple[str, bool]], runs: int
) -> None:
    nodes = [_chain_node(i, kind, takes) for i, (kind, takes) in enumerate(shape)]
    flow: Any = nodes[0]
    for n in nodes[1:]:
        flow = flow >> n
    pipeline = build(flow, deps=AppDeps)

    def expected(user: str) -> str:
        return "x" + "".join(
            f"|{i}:{user}" if takes else f"|{i}" for i, (_, takes) in enumerate(shape)
        )

    async def main() -> None:
        outs = await asyncio.gather(
            *(pipeline.run("x", deps=AppDeps(f"u{k}")) for k in range(runs))
        )
        assert outs == [expected(f"u{k}") for k in range(runs)]
        needing = [f"n{i}" for i, (_, takes) in enumerate(shape) if takes]
        if needing:
            with pytest.raises(TypeError, match="was run without `deps=`"):
                await pipeline.run("x")  # type: ignore[call-overload]  # the case under test
        else:
            assert await pipeline.run("x") == expected("")  # type: ignore[call-overload]  # no node needs them
        await pipeline.aclose()

    asyncio.run(main())

