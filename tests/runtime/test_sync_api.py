"""Issue 10, part 7: calling pipelines from synchronous code (typedflow/_runtime/_sync.py):
`run_sync`, `map_sync`, `execute_sync`, `close`, from plain code, inside a running event loop
and from inside a node; the loop-free path for plain sync graphs is equivalent to the
scheduler; a default-sized thread pool grows to the concurrency asked for."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typedflow import NodeExecutionError, NodeTypeError, build, node
from typedflow.pipeline import NodeStatus, Outcome, Pipeline, PipelineNode

from ._helpers import WAIT, chain

COMPLETED, FAILED, SKIPPED = NodeStatus.COMPLETED, NodeStatus.FAILED, NodeStatus.SKIPPED


@node
def inc(x: int) -> int:
    return x + 1


@node
def double(x: int) -> int:
    return x * 2


@node
def dec(x: int) -> int:
    return x - 1


@node
def odd_only(x: int) -> int | None:
    return x if x % 2 else None


@node
def fragile(x: int) -> int:
    if x == 13:
        raise ValueError(f"unlucky {x}")
    return x


@node
async def ainc(x: int) -> int:
    await asyncio.sleep(0)
    return x + 1


@node
def liar(x: int) -> int:
    return None  # type: ignore[return-value]  # the violation under test


# -- plain code, the loop-free path ---------------------------------------------------------


def test_run_sync_gives_what_run_gives_for_a_chain_of_sync_nodes() -> None:
    pipeline = build(inc >> double >> dec)
    assert pipeline.run_sync(3) == 7 == asyncio.run(pipeline.run(3))
    assert pipeline.execute_sync(3) == {"inc": 4, "double": 8, "dec": 7}
    assert pipeline.get_pipeline_status() == {
        "inc": COMPLETED,
        "double": COMPLETED,
        "dec": COMPLETED,
    }


def test_the_loop_free_path_runs_in_the_calling_thread_without_an_event_loop() -> None:
    seen: list[tuple[str, bool]] = []

    @node
    def where(x: int) -> int:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            seen.append((threading.current_thread().name, False))
        else:
            seen.append((threading.current_thread().name, True))
        return x

    assert build(inc >> where).run_sync(1) == 2
    assert seen == [(threading.current_thread().name, False)]


def test_the_last_run_of_a_loop_free_call_is_recorded() -> None:
    pipeline = build(inc >> odd_only >> double)
    assert pipeline.run_sync(2) == 6
    record = pipeline.last_run
    assert record is not None
    assert record.status == {"inc": COMPLETED, "odd_only": COMPLETED, "double": COMPLETED}
    assert record.outputs == {"inc": 3, "odd_only": 3, "double": 6}
    assert all(n.started is not None and n.ended is not None for n in record.nodes.values())
    assert record.attempts("double") == 1
    assert pipeline.run_sync(1) is None  # the filter ends the branch
    later = pipeline.last_run
    assert later is not None
    assert later.run_id == record.run_id + 1
    assert later.status == {"inc": COMPLETED, "odd_only": COMPLETED, "double": SKIPPED}
    assert later.nodes["double"].started is None
    assert later.attempts("double") == 0


def test_a_failing_node_raises_the_same_error_as_run() -> None:
    pipeline = build(inc >> fragile >> double)
    with pytest.raises(NodeExecutionError) as sync_error:
        pipeline.run_sync(12)
    with pytest.raises(NodeExecutionError) as async_error:
        asyncio.run(pipeline.run(12))
    message = "node `fragile` in pipeline `double` failed: ValueError: unlucky 13"
    assert str(sync_error.value) == str(async_error.value) == message
    assert isinstance(sync_error.value.__cause__, ValueError)
    assert pipeline.get_pipeline_status() == {
        "inc": COMPLETED,
        "fragile": FAILED,
        "double": SKIPPED,
    }


def test_a_node_returning_none_against_its_type_raises_as_in_run() -> None:
    pipeline = build(inc >> liar)
    with pytest.raises(NodeTypeError) as error:
        pipeline.run_sync(1)
    assert str(error.value) == (
        "Output node `liar` of pipeline `liar` produced no value (a node returned `None`,"
        " ending its branch), but its return type does not admit `None`"
    )


def test_stop_iteration_in_a_pooled_node_is_a_runtime_error_as_on_the_pool() -> None:
    def stops(x: int) -> int:
        raise StopIteration

    def inline_stops(x: int) -> int:
        raise StopIteration

    pooled = chain(Pipeline("p"), PipelineNode("a", stops))
    with pytest.raises(NodeExecutionError) as error:
        pooled.execute_sync(1)
    assert str(error.value) == (
        "node `a` in pipeline `p` failed: RuntimeError:"
        " `test_stop_iteration_in_a_pooled_node_is_a_runtime_error_as_on_the_pool.<locals>"
        ".stops` raised StopIteration"
    )
    assert isinstance(error.value.__cause__, RuntimeError)
    assert isinstance(error.value.__cause__.__cause__, StopIteration)
    inline = chain(Pipeline("q"), PipelineNode("b", inline_stops, inline=True))
    with pytest.raises(NodeExecutionError) as inline_error:
        inline.execute_sync(1)
    assert str(inline_error.value) == "node `b` in pipeline `q` failed: StopIteration: "


def test_on_error_continue_lets_independent_branches_finish() -> None:
    def boom(x: int) -> int:
        raise KeyError(x)

    p = Pipeline("fan", on_error="continue")
    src = p.add_node(PipelineNode("src", lambda x: x + 1))
    bad = p.add_node(PipelineNode("bad", boom))
    good = p.add_node(PipelineNode("good", lambda x: x * 10, inline=True))
    after = p.add_node(PipelineNode("after", lambda x: x))
    src.connect(bad).connect(after)
    src.connect(good)
    p.set_start_node(src)
    assert p.execute_sync(1) == {"src": 2, "good": 20}
    record = p.last_run
    assert record is not None
    assert record.status == {"src": COMPLETED, "bad": FAILED, "good": COMPLETED, "after": SKIPPED}
    assert repr(record.errors["bad"]) == "KeyError(2)"
    with pytest.raises(
        NodeExecutionError, match=r"^node `bad` in pipeline `fan` failed: KeyError: 2$"
    ):
        p.execute_sync(1, on_error="raise")


def test_a_bad_on_error_is_refused_on_both_paths() -> None:
    fast = build(inc)
    slow = build(ainc)
    for pipeline in (fast, slow):
        with pytest.raises(ValueError, match=r"^on_error must be 'raise' or 'continue', got 'x'$"):
            pipeline.execute_sync(1, on_error="x")  # type: ignore[arg-type]  # the error under test


def test_keyboard_interrupt_in_a_node_ends_the_run_and_propagates() -> None:
    def interrupt(x: int) -> int:
        raise KeyboardInterrupt

    p = chain(Pipeline("k"), PipelineNode("a", interrupt), PipelineNode("b", lambda x: x))
    with pytest.raises(KeyboardInterrupt):
        p.execute_sync(1)
    assert p.get_pipeline_status() == {"a": FAILED, "b": SKIPPED}


def test_events_are_published_when_someone_listens() -> None:
    pipeline = build(inc >> double)
    seen: list[tuple[str, NodeStatus]] = []
    subscription = pipeline.events.subscribe(lambda e: seen.append((e.node, e.status)))
    try:
        assert pipeline.run_sync(1) == 4
    finally:
        subscription.dispose()
        pipeline.close()
    assert seen == [
        ("inc", NodeStatus.RUNNING),
        ("inc", COMPLETED),
        ("double", NodeStatus.RUNNING),
        ("double", COMPLETED),
    ]


# -- graphs that need the loop --------------------------------------------------------------


def test_an_async_graph_runs_on_the_pipelines_private_loop_until_close() -> None:
    loops: list[asyncio.AbstractEventLoop] = []
    threads: list[str] = []

    @node
    async def which(x: int) -> int:
        loops.append(asyncio.get_running_loop())
        threads.append(threading.current_thread().name)
        return x

    pipeline = build(ainc >> which, name="private")
    assert pipeline.run_sync(1) == 2
    assert pipeline.run_sync(2) == 3
    worker = threading.Thread(target=pipeline.run_sync, args=(5,))
    worker.start()
    worker.join(WAIT)
    assert loops[0] is loops[1] is loops[2]  # one loop, whichever thread calls
    assert threads == ["typedflow.loop-private"] * 3
    pipeline.close()
    assert loops[0].is_closed()
    assert "typedflow.loop-private" not in [t.name for t in threading.enumerate()]
    assert pipeline.run_sync(1) == 2  # a new loop
    assert loops[3] is not loops[0]
    pipeline.close()


def test_concurrent_sync_calls_from_threads_batch_together() -> None:
    @node(batch_size=4, max_wait=WAIT)
    def total(xs: list[int]) -> list[int]:
        return [x + sum(xs) for x in xs]

    pipeline = build(ainc >> total, name="batched")
    results: dict[int, int] = {}

    def call(x: int) -> None:
        results[x] = pipeline.run_sync(x)

    workers = [threading.Thread(target=call, args=(x,)) for x in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(WAIT)
    assert results == {0: 11, 1: 12, 2: 13, 3: 14}  # 1 + 2 + 3 + 4 = 10 added to each
    batch_node = pipeline.get_node("total")
    assert getattr(batch_node, "batches_run", None) == 1  # flushed by size: no wait
    pipeline.close()


def test_a_cached_node_dedupes_across_sync_calls() -> None:
    calls: list[int] = []

    @node(cache=True)
    async def slow_square(x: int) -> int:
        calls.append(x)
        return x * x

    pipeline = build(inc >> slow_square)
    assert [pipeline.run_sync(2), pipeline.run_sync(2), pipeline.run_sync(3)] == [9, 9, 16]
    assert calls == [3, 4]


async def test_inside_a_running_loop_run_sync_runs_on_the_private_loop() -> None:
    threads: list[str] = []

    @node
    async def record(x: int) -> int:
        threads.append(threading.current_thread().name)
        return x

    pipeline = build(ainc >> record, name="inside")
    assert pipeline.run_sync(1) == 2
    assert threads == ["typedflow.loop-inside"]
    assert pipeline.map_sync([1, 2, 3]) == [2, 3, 4]
    assert build(inc >> double).run_sync(1) == 4  # the loop-free path needs no loop
    await pipeline.aclose()
    assert "typedflow.loop-inside" not in [t.name for t in threading.enumerate()]


def test_nodes_may_call_pipelines_synchronously_without_deadlock() -> None:
    inner = build(ainc >> double)

    @node
    def pooled(x: int) -> int:  # on the pipeline's thread pool: no loop running there
        return inner.run_sync(x)

    @node(inline=True)
    def on_loop(x: int) -> int:  # on the outer pipeline's loop: `inner` runs on its own
        return inner.run_sync(x)

    @node
    async def awaiting(x: int) -> int:
        return inner.map_sync([x])[0]

    outer = build(ainc >> pooled >> on_loop >> awaiting)
    assert outer.run_sync(0) == 22  # 0 -> 1 -> 4 -> 10 -> 22
    outer.close()
    inner.close()


def test_a_node_may_call_its_own_pipeline_recursively() -> None:
    @node
    async def countdown(n: int) -> int:  # on its pipeline's loop: the next call runs apart
        return 0 if n == 0 else 1 + recursive.run_sync(n - 1)

    recursive = build(countdown)

    @node
    def factorial(n: int) -> int:
        return 1 if n == 0 else n * fast.run_sync(n - 1)

    fast = build(factorial)
    assert recursive.run_sync(4) == 4
    assert fast.run_sync(5) == 120


# -- map_sync --------------------------------------------------------------------------------


def test_map_sync_keeps_input_order_and_takes_map_options() -> None:
    pipeline = build(inc >> fragile >> odd_only)
    assert pipeline.map_sync([4, 1, 2], concurrency=2) == [5, None, 3]
    with pytest.raises(NodeExecutionError, match=r"^node `fragile` in pipeline `odd_only` failed"):
        pipeline.map_sync([1, 12, 2])
    assert pipeline.map_sync([1, 12, 2], on_error="skip") == [None, 3]
    outcomes = pipeline.map_sync([1, 12], on_error="collect")
    assert outcomes[0] == Outcome(0, 1, None, filtered=True)
    failed = outcomes[1]
    assert (failed.index, failed.input, failed.node, failed.ok) == (1, 12, "fragile", False)
    assert (
        str(failed.error) == "node `fragile` in pipeline `odd_only` failed: ValueError: unlucky 13"
    )
    with pytest.raises(ValueError, match=r"^concurrency must be an int of at least 1, got 0$"):
        pipeline.map_sync([1], concurrency=0)
    pipeline.close()


def test_map_sync_is_not_capped_by_the_default_pool_size() -> None:
    width = 12  # more than the default pool here (min(32, cpus + 4))
    barrier = threading.Barrier(width, timeout=WAIT)

    @node
    def meet(x: int) -> int:
        barrier.wait()  # passes only once `width` calls run at the same time
        return x

    pipeline = build(meet, name="wide")
    assert pipeline.map_sync(range(width), concurrency=width) == list(range(width))
    pipeline.close()


def test_build_max_workers_fixes_the_pool_size() -> None:
    threads: set[str] = set()
    lock = threading.Lock()

    @node
    def note(x: int) -> int:
        with lock:
            threads.add(threading.current_thread().name)
        return x

    with build(note, name="narrow", max_workers=2) as pipeline:
        assert pipeline.map_sync(range(40), concurrency=16) == list(range(40))
    assert threads <= {"typedflow-narrow_0", "typedflow-narrow_1"}
    with pytest.raises(ValueError, match=r"^max_workers must be an int of at least 1, got 0$"):
        build(note, max_workers=0)


def test_close_releases_the_pool_and_a_with_block_closes() -> None:
    @node
    def sleepy(x: int) -> int:
        return x

    pipeline = build(ainc >> sleepy, name="closing")
    with pipeline:
        assert pipeline.run_sync(1) == 2
        assert any(t.name.startswith("typedflow-closing") for t in threading.enumerate())
    assert not any(t.name.startswith("typedflow-closing") for t in threading.enumerate())


def test_exit_with_private_loops_open_is_silent(tmp_path: Any) -> None:
    script = tmp_path / "script.py"
    script.write_text(
        textwrap.dedent(
            """
            from __future__ import annotations
            import asyncio, threading
            from typedflow import build, node

            @node
            async def ainc(x: int) -> int:
                return x + 1

            @node
            def double(x: int) -> int:
                return x * 2

            p = build(ainc >> double)
            print(p.run_sync(1), p.map_sync([1, 2]))

            async def main() -> int:
                return p.run_sync(3)

            print(asyncio.run(main()))
            t = threading.Thread(target=p.run_sync, args=(4,))
            t.start()
            t.join()
            """
        )
    )
    done = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error", str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "4 [4, 6]\n8\n", "")


# -- equivalence with the scheduler (property) -----------------------------------------------


@st.composite
def sync_graphs(draw: st.DrawFn) -> list[tuple[list[int], int, bool, bool]]:
    """Nodes 0..n-1 as (upstreams, kind, inline, fails): node 0 and every node without
    upstreams are start nodes; kind 1 is a filter (returns None for a third of its values)."""
    n = draw(st.integers(1, 8))
    graph = []
    for j in range(n):
        ups = draw(st.lists(st.integers(0, j - 1), max_size=3)) if j else []
        graph.append((ups, draw(st.integers(0, 1)), draw(st.booleans()), draw(st.booleans())))
    return graph


def _pipeline(graph: list[tuple[list[int], int, bool, bool]], on_error: Any) -> Pipeline:
    def make(k: int, kind: int, fails: bool) -> Any:
        def f(*args: int) -> int | None:
            v = (sum(args) * 7 + k) % 97
            if fails and v % 4 == 0:
                raise ValueError(f"n{k} failed on {v}")
            if kind == 1 and v % 3 == 0:
                return None
            return v

        return f

    p = Pipeline("g", on_error=on_error)
    nodes = [
        p.add_node(PipelineNode(f"n{k}", make(k, kind, fails), inline=inline))
        for k, (_, kind, inline, fails) in enumerate(graph)
    ]
    for j, (ups, *_) in enumerate(graph):
        for i in ups:
            nodes[i].connect(nodes[j])
        if not ups:
            p.set_start_node(nodes[j])
    return p


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except NodeExecutionError as exc:
        return "error", (str(exc), type(exc.__cause__), str(exc.__cause__))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=sync_graphs(), data=st.integers(0, 200))
def test_property_the_loop_free_path_matches_the_scheduler(
    graph: list[tuple[list[int], int, bool, bool]], data: int
) -> None:
    p = _pipeline(graph, "continue")
    loop_free = p.execute_sync(data)
    sync_record = p.last_run
    scheduled = asyncio.run(p.execute(data))
    async_record = p.last_run
    assert sync_record is not None
    assert async_record is not None
    assert loop_free == scheduled
    assert sync_record.status == async_record.status
    assert {k: repr(e) for k, e in sync_record.errors.items()} == {
        k: repr(e) for k, e in async_record.errors.items()
    }
    if sum(fails for *_, fails in graph) <= 1:  # else which failure comes first is a race
        q = _pipeline(graph, "raise")
        assert _outcome(lambda: q.execute_sync(data)) == _outcome(
            lambda: asyncio.run(q.execute(data))
        )
        asyncio.run(q.aclose())
    asyncio.run(p.aclose())


@pytest.mark.parametrize(("x", "expected"), [(0, 3), (1, None), (2, 9), (4, 15)])
def test_a_typed_fan_out_and_fan_in_matches_run(x: int, expected: int | None) -> None:
    @node
    def add(a: int, b: int) -> int:
        return a + b

    pipeline = build((inc >> (double, odd_only)) >> add)  # an even `inc` ends at the filter
    assert pipeline.run_sync(x) == expected == asyncio.run(pipeline.run(x))
    asyncio.run(pipeline.aclose())
