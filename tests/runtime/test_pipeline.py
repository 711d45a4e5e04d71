"""Tests of `Pipeline` (typedflow/_runtime/_pipeline.py): building, validation, results."""

from __future__ import annotations

import asyncio
import functools
import itertools
import operator
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import typedflow
from typedflow import NodeExecutionError, PipelineError
from typedflow import pipeline as pipeline_module
from typedflow.pipeline import NodeStatus, Pipeline, PipelineNode, RunRecord

from ._helpers import aident, chain, fan_out, ident, wait

PENDING, RUNNING, COMPLETED, FAILED, SKIPPED = (
    NodeStatus.PENDING,
    NodeStatus.RUNNING,
    NodeStatus.COMPLETED,
    NodeStatus.FAILED,
    NodeStatus.SKIPPED,
)


def boom(x: Any) -> Any:
    raise ValueError(f"boom {x}")


# -- the public surface ---------------------------------------------------------------------


def test_pipeline_module_and_package_export_the_same_runtime_api() -> None:
    for name in pipeline_module.__all__:
        assert getattr(typedflow, name) is getattr(pipeline_module, name)
    assert {"Pipeline", "PipelineNode", "NodeStatus", "BatchNode", "CachedNode", "FilterNode",
            "SubPipeline", "ThreadPoolNode", "TypedNode"} <= set(pipeline_module.__all__)


def test_node_status_has_the_documented_members_plus_skipped() -> None:
    assert [s.name for s in NodeStatus] == ["PENDING", "RUNNING", "COMPLETED", "FAILED", "SKIPPED"]
    assert repr(NodeStatus.FAILED) == "NodeStatus.FAILED"


# -- construction errors --------------------------------------------------------------------


def test_add_node_returns_the_node() -> None:
    p = Pipeline("p")
    a = PipelineNode("a", ident)
    assert p.add_node(a) is a
    assert p.get_node("a") is a
    assert p.nodes == {"a": a}
    assert repr(p) == "Pipeline('p', nodes=['a'])"


def test_duplicate_node_name_is_rejected() -> None:
    p = Pipeline("p")
    p.add_node(PipelineNode("a", ident))
    with pytest.raises(PipelineError) as info:
        p.add_node(PipelineNode("a", ident))
    assert info.value.message == (
        "error: pipeline `p` already has a node named `a`; node names must be unique  [TF005]"
    )


def test_adding_the_same_node_twice_is_rejected() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", ident))
    with pytest.raises(PipelineError) as info:
        p.add_node(a)
    assert info.value.message == "error: node `a` is already in pipeline `p`  [TF005]"


def test_add_node_rejects_a_non_node() -> None:
    with pytest.raises(TypeError) as info:
        Pipeline("p").add_node(ident)  # type: ignore[arg-type]  # the error under test
    assert str(info.value) == "add_node() takes a PipelineNode, got `function`"


def test_set_start_node_of_a_node_not_added_is_a_value_error() -> None:
    p = Pipeline("p")
    with pytest.raises(ValueError) as info:
        p.set_start_node(PipelineNode("a", ident))
    assert isinstance(info.value, PipelineError)
    assert str(info.value) == (
        "error: cannot start pipeline `p` at `a`: add the node with add_node() first  [TF101]"
    )


def test_set_start_node_with_a_same_named_other_node_is_rejected() -> None:
    p = Pipeline("p")
    p.add_node(PipelineNode("a", ident))
    with pytest.raises(PipelineError):
        p.set_start_node(PipelineNode("a", ident))


def test_get_node_of_an_unknown_name_is_a_key_error() -> None:
    with pytest.raises(KeyError) as info:
        Pipeline("p").get_node("nope")
    assert info.value.args[0] == "pipeline `p` has no node named `nope`"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"on_error": "ignore"}, "on_error must be 'raise' or 'continue', got 'ignore'"),
        ({"max_workers": 0}, "max_workers must be an int of at least 1, got 0"),
        ({"max_workers": 2.5}, "max_workers must be an int of at least 1, got 2.5"),
    ],
    ids=["on_error", "max_workers", "max_workers-float"],
)
def test_bad_pipeline_options(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as info:
        Pipeline("p", **kwargs)
    assert str(info.value) == message


async def test_bad_on_error_in_execute() -> None:
    p = chain(Pipeline("p"), PipelineNode("a", ident, inline=True))
    with pytest.raises(ValueError) as info:
        await p.execute(1, on_error="later")  # type: ignore[arg-type]  # the error under test
    assert str(info.value) == "on_error must be 'raise' or 'continue', got 'later'"


async def test_no_start_node_fails_before_any_node_runs() -> None:
    calls: list[Any] = []
    p = Pipeline("p")
    p.add_node(PipelineNode("a", calls.append, inline=True))
    with pytest.raises(PipelineError) as info:
        await p.execute(1)
    assert info.value.message.splitlines() == [
        "error: pipeline `p` has no start node; call set_start_node()  [TF006]",
    ]
    assert calls == []


async def test_edge_to_a_node_not_in_the_pipeline() -> None:
    calls: list[Any] = []
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", calls.append, inline=True))
    a.connect(PipelineNode("b", ident))
    p.set_start_node(a)
    with pytest.raises(PipelineError) as info:
        await p.execute(1)
    assert info.value.message == (
        "error: edge `a` -> `b`: `b` is not in pipeline `p`; add it with add_node()  [TF101]"
    )
    assert calls == []


def test_edge_from_a_node_not_in_the_pipeline() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", ident))
    b = p.add_node(PipelineNode("b", ident))
    PipelineNode("x", ident).connect(b)
    a.connect(b)
    p.set_start_node(a)
    with pytest.raises(PipelineError) as info:
        p.validate()
    assert info.value.message == (
        "error: edge `x` -> `b`: `x` is not in pipeline `p`; add it with add_node()  [TF101]"
    )


def test_start_node_with_upstream_edges() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", ident))
    b = p.add_node(PipelineNode("b", ident))
    a.connect(b)
    p.set_start_node(a)
    p.set_start_node(b)
    with pytest.raises(PipelineError) as info:
        p.validate()
    assert info.value.message == (
        "error: start node `b` has upstream edges (from `a`); "
        "a start node receives only the pipeline's input  [TF102]"
    )


def test_cycle_message_shows_the_path() -> None:
    p = Pipeline("p")
    s, a, b, c = (p.add_node(PipelineNode(n, ident)) for n in "sabc")
    s.connect(a).connect(b).connect(c).connect(a)
    p.set_start_node(s)
    with pytest.raises(PipelineError) as info:
        p.validate()
    assert info.value.message == "error: pipeline `p` has a cycle: a -> b -> c -> a  [TF002]"


def test_self_loop_is_a_cycle() -> None:
    p = Pipeline("p")
    s, a = (p.add_node(PipelineNode(n, ident)) for n in "sa")
    s.connect(a)
    a.connect(a)
    p.set_start_node(s)
    with pytest.raises(PipelineError) as info:
        p.validate()
    assert info.value.message == "error: pipeline `p` has a cycle: a -> a  [TF002]"


def test_unreachable_node() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", ident))
    p.add_node(PipelineNode("b", ident))
    p.set_start_node(a)
    with pytest.raises(PipelineError) as info:
        p.validate()
    assert info.value.message == (
        "error: node `b` is not reachable from any start node of pipeline `p`  [TF006]"
    )


def test_every_problem_is_reported_at_once() -> None:
    p = Pipeline("p")
    a, b = (p.add_node(PipelineNode(n, ident)) for n in "ab")
    a.connect(b).connect(a)
    a.connect(PipelineNode("z", ident))
    with pytest.raises(PipelineError) as info:
        p.validate()
    assert info.value.message.splitlines() == [
        "error: pipeline `p` has no start node; call set_start_node()  [TF006]",
        "error: edge `a` -> `z`: `z` is not in pipeline `p`; add it with add_node()  [TF101]",
        "error: pipeline `p` has a cycle: a -> b -> a  [TF002]",
    ]


async def test_connecting_after_a_run_is_picked_up_by_the_next_run() -> None:
    p = chain(Pipeline("p"), PipelineNode("a", aident))
    assert await p.execute(1) == {"a": 1}
    b = p.add_node(PipelineNode("b", lambda x: x + 1, inline=True))
    p.get_node("a").connect(b)
    assert await p.execute(1) == {"a": 1, "b": 2}


# -- results --------------------------------------------------------------------------------


async def test_chain_of_async_and_sync_nodes() -> None:
    async def lower(text: str) -> str:
        return text.lower()

    async with chain(
        Pipeline("p"),
        PipelineNode("preprocessor", lower, is_async=True),
        PipelineNode("tokenizer", str.split, is_async=False),
    ) as p:
        assert await p.execute("Hello World!") == {
            "preprocessor": "hello world!",
            "tokenizer": ["hello", "world!"],
        }


async def test_fan_out_gives_every_branch_the_same_output() -> None:
    p = fan_out(
        "p",
        PipelineNode("src", lambda x: x * 10, inline=True),
        [PipelineNode(f"b{k}", functools.partial(operator.add, k), inline=True) for k in range(3)],
    )
    assert await p.execute(1) == {"src": 10, "b0": 10, "b1": 11, "b2": 12}


async def test_fan_in_args_arrive_in_connect_order_not_completion_order() -> None:
    finished: list[str] = []
    gates = {name: asyncio.Event() for name in "xyz"}

    def branch(name: str) -> Any:
        async def run(x: int) -> str:
            await wait(gates[name].wait())
            finished.append(name)
            nxt = {"z": "y", "y": "x"}.get(name)
            if nxt is not None:
                gates[nxt].set()
            return name

        return run

    calls: list[tuple[Any, ...]] = []

    def join(*args: Any) -> tuple[Any, ...]:
        calls.append(args)
        return args

    x, y, z = (PipelineNode(n, branch(n)) for n in "xyz")
    p = fan_out("p", PipelineNode("src", ident, inline=True), [x, y, z],
                PipelineNode("join", join, inline=True))

    async def release() -> None:
        await asyncio.sleep(0)
        gates["z"].set()

    results, _ = await asyncio.gather(p.execute(0), release())
    assert finished == ["z", "y", "x"]
    assert calls == [("x", "y", "z")]
    assert results["join"] == ("x", "y", "z")


async def test_fan_in_runs_once_per_execution() -> None:
    calls: list[tuple[Any, ...]] = []

    def join(*args: Any) -> int:
        calls.append(args)
        return len(args)

    p = fan_out(
        "p",
        PipelineNode("src", aident),
        [PipelineNode(f"b{k}", aident) for k in range(3)],
        PipelineNode("join", join, inline=True),
    )
    assert (await p.execute(7))["join"] == 3
    assert calls == [(7, 7, 7)]


async def test_connecting_the_same_pair_twice_passes_the_output_twice() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", aident))
    b = p.add_node(PipelineNode("b", lambda x, y: (x, y), inline=True))
    a.connect(b)
    a.connect(b)
    p.set_start_node(a)
    assert await p.execute(3) == {"a": 3, "b": (3, 3)}


async def test_connect_returns_the_target_so_calls_chain() -> None:
    a, b, c = (PipelineNode(n, ident) for n in "abc")
    assert a.connect(b).connect(c) is c
    assert a.downstream == [b]
    assert c.upstream == [b]


async def test_several_start_nodes_each_receive_the_input() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", lambda x: x + 1, inline=True))
    b = p.add_node(PipelineNode("b", lambda x: x * 2, inline=True))
    j = p.add_node(PipelineNode("j", lambda u, v: (u, v), inline=True))
    a.connect(j)
    b.connect(j)
    p.set_start_node(b)
    p.set_start_node(a)
    p.set_start_node(a)
    assert await p.execute(5) == {"a": 6, "b": 10, "j": (6, 10)}


# -- filters and None -----------------------------------------------------------------------


async def test_none_ends_the_branch_and_skips_descendants() -> None:
    called: list[Any] = []
    p = chain(
        Pipeline("p"),
        PipelineNode("a", aident),
        PipelineNode("f", lambda x: None, inline=True),
        PipelineNode("b", called.append, inline=True),
        PipelineNode("c", called.append, inline=True),
    )
    assert await p.execute(1) == {"a": 1, "f": None}
    assert called == []
    assert p.get_pipeline_status() == {"a": COMPLETED, "f": COMPLETED, "b": SKIPPED, "c": SKIPPED}


async def test_fan_in_with_a_skipped_upstream_is_skipped() -> None:
    p = Pipeline("p")
    src = p.add_node(PipelineNode("src", aident))
    keep = p.add_node(PipelineNode("keep", aident))
    drop = p.add_node(PipelineNode("drop", lambda x: None, inline=True))
    join = p.add_node(PipelineNode("join", lambda a, b: (a, b), inline=True))
    after = p.add_node(PipelineNode("after", aident))
    side = p.add_node(PipelineNode("side", lambda x: -x, inline=True))
    src.connect(keep).connect(join)
    src.connect(drop).connect(join)
    join.connect(after)
    src.connect(side)
    p.set_start_node(src)
    assert await p.execute(4) == {"src": 4, "keep": 4, "drop": None, "side": -4}
    assert p.get_pipeline_status() == {
        "src": COMPLETED, "keep": COMPLETED, "drop": COMPLETED,
        "join": SKIPPED, "after": SKIPPED, "side": COMPLETED,
    }


# -- statuses, records, errors --------------------------------------------------------------


async def test_status_is_pending_before_any_run_and_completed_after() -> None:
    p = chain(Pipeline("p"), PipelineNode("a", aident), PipelineNode("b", aident))
    assert p.get_pipeline_status() == {"a": PENDING, "b": PENDING}
    assert p.last_run is None
    await p.execute(1)
    assert p.get_pipeline_status() == {"a": COMPLETED, "b": COMPLETED}


async def test_status_is_running_while_a_node_runs() -> None:
    entered, release = asyncio.Event(), asyncio.Event()

    async def slow(x: int) -> int:
        entered.set()
        await wait(release.wait())
        return x

    p = chain(Pipeline("p"), PipelineNode("a", slow), PipelineNode("b", aident))
    task = asyncio.create_task(p.execute(1))
    await wait(entered.wait())
    assert p.get_pipeline_status() == {"a": RUNNING, "b": PENDING}
    release.set()
    assert await task == {"a": 1, "b": 1}


async def test_failure_raises_naming_the_node_and_chaining_the_original() -> None:
    p = chain(
        Pipeline("p"),
        PipelineNode("a", aident),
        PipelineNode("b", boom, inline=True),
        PipelineNode("c", aident),
    )
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(1)
    err = info.value
    assert err.message == "node `b` in pipeline `p` failed: ValueError: boom 1"
    assert (err.node, err.pipeline) == ("b", "p")
    assert isinstance(err.__cause__, ValueError)
    assert str(err.__cause__) == "boom 1"
    assert p.get_pipeline_status() == {"a": COMPLETED, "b": FAILED, "c": SKIPPED}
    record = p.last_run
    assert record is not None
    assert not record.ok
    assert record.errors == {"b": err.__cause__}


async def test_failure_skips_nodes_that_never_started_on_other_branches() -> None:
    p = Pipeline("p")
    bad = p.add_node(PipelineNode("bad", boom, inline=True))
    other = p.add_node(PipelineNode("other", aident))
    after = p.add_node(PipelineNode("after", aident))
    other.connect(after)
    p.set_start_node(bad)
    p.set_start_node(other)
    with pytest.raises(NodeExecutionError):
        await p.execute(1)
    status = p.get_pipeline_status()
    assert status["bad"] is FAILED
    assert status["after"] is SKIPPED
    assert status["other"] in (COMPLETED, SKIPPED)


async def test_continue_lets_independent_branches_finish() -> None:
    p = Pipeline("p", on_error="continue")
    src = p.add_node(PipelineNode("src", aident))
    bad = p.add_node(PipelineNode("bad", boom, inline=True))
    below = p.add_node(PipelineNode("below", aident))
    good = p.add_node(PipelineNode("good", lambda x: x + 1, inline=True))
    src.connect(bad).connect(below)
    src.connect(good)
    p.set_start_node(src)
    assert await p.execute(1) == {"src": 1, "good": 2}
    record = p.last_run
    assert record is not None
    assert record.status == {"src": COMPLETED, "bad": FAILED, "below": SKIPPED, "good": COMPLETED}
    assert list(record.errors) == ["bad"]
    assert str(record.errors["bad"]) == "boom 1"
    assert not record.ok


async def test_on_error_can_be_chosen_per_execution() -> None:
    p = fan_out("p", PipelineNode("src", aident),
                [PipelineNode("bad", boom, inline=True), PipelineNode("good", aident)])
    assert await p.execute(1, on_error="continue") == {"src": 1, "good": 1}
    with pytest.raises(NodeExecutionError):
        await p.execute(1)
    q = fan_out("q", PipelineNode("src", aident),
                [PipelineNode("bad", boom, inline=True), PipelineNode("good", aident)])
    q.on_error = "continue"
    with pytest.raises(NodeExecutionError):
        await q.execute(1, on_error="raise")


async def test_execute_record() -> None:
    p = chain(Pipeline("p"), PipelineNode("a", aident), PipelineNode("b", lambda x: None,
                                                                     inline=True),
              PipelineNode("c", aident))
    record = await p.execute_record(2)
    assert isinstance(record, RunRecord)
    assert record.ok
    assert record.outputs == {"a": 2, "b": None}
    assert record.status == {"a": COMPLETED, "b": COMPLETED, "c": SKIPPED}
    assert record.errors == {}
    assert repr(record) == (
        f"RunRecord(run_id={record.run_id}, status={{'a': NodeStatus.COMPLETED, "
        "'b': NodeStatus.COMPLETED, 'c': NodeStatus.SKIPPED})"
    )
    runs = record.nodes
    assert list(runs) == ["a", "b", "c"]
    a, c = runs["a"], runs["c"]
    assert a.name == "a"
    assert a.started is not None
    assert a.ended is not None
    assert a.duration == a.ended - a.started >= 0
    assert (c.started, c.ended, c.duration, c.error) == (None, None, None, None)


async def test_records_of_failed_runs() -> None:
    p = chain(Pipeline("p", on_error="continue"), PipelineNode("a", boom, inline=True))
    record = await p.execute_record(3)
    node = record.nodes["a"]
    assert node.status is FAILED
    assert isinstance(node.error, ValueError)
    assert node.duration is not None


async def test_run_ids_increase_and_last_run_is_the_latest() -> None:
    p = chain(Pipeline("p"), PipelineNode("a", aident))
    first = await p.execute_record(1)
    second = await p.execute_record(2)
    assert second.run_id == first.run_id + 1
    assert p.last_run is not None
    assert p.last_run.run_id == second.run_id
    assert p.last_run.outputs == {"a": 2}
    assert first.outputs == {"a": 1}


async def test_async_with_closes_the_pipeline() -> None:
    closed: list[str] = []

    class Closing(PipelineNode):
        async def aclose(self) -> None:
            closed.append(self.name)

    async with chain(Pipeline("p"), Closing("a", ident)) as p:
        assert await p.execute(1) == {"a": 1}
        assert closed == []
    assert closed == ["a"]


# -- property tests over random graphs ------------------------------------------------------


@st.composite
def dags(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    """A DAG on 0..n-1 where every node but 0 has an upstream, edges in a random order."""
    n = draw(st.integers(1, 8))
    edges: list[tuple[int, int]] = []
    for j in range(1, n):
        ups = draw(st.lists(st.integers(0, j - 1), min_size=1, max_size=3))
        edges.extend((i, j) for i in ups)
    return n, draw(st.permutations(edges))


async def _run_dag(n: int, edges: list[tuple[int, int]], seed: int) -> None:
    log: list[tuple[str, int]] = []
    received: dict[int, list[tuple[Any, ...]]] = {k: [] for k in range(n)}
    rng = random.Random(seed)
    yields = [rng.randrange(3) for _ in range(n)]

    def make(k: int) -> Any:
        async def run(*args: Any) -> str:
            log.append(("start", k))
            received[k].append(args)
            for _ in range(yields[k]):
                await asyncio.sleep(0)
            log.append(("end", k))
            return f"n{k}"

        return run

    p = Pipeline("dag")
    nodes = [p.add_node(PipelineNode(f"n{k}", make(k))) for k in range(n)]
    for i, j in edges:
        nodes[i].connect(nodes[j])
    p.set_start_node(nodes[0])
    result = await p.execute("in")
    assert result == {f"n{k}": f"n{k}" for k in range(n)}
    assert received[0] == [("in",)]
    for j in range(1, n):
        assert received[j] == [tuple(f"n{i}" for i, jj in edges if jj == j)]
        start = log.index(("start", j))
        for i in {i for i, jj in edges if jj == j}:
            assert log.index(("end", i)) < start
    assert sorted(log) == sorted([("start", k) for k in range(n)] + [("end", k) for k in range(n)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dag=dags(), seed=st.integers(0, 2**16))
def test_random_dags_run_every_node_once_after_its_upstreams(
    dag: tuple[int, list[tuple[int, int]]], seed: int
) -> None:
    asyncio.run(_run_dag(*dag, seed))


def _has_cycle(n: int, edges: list[tuple[int, int]]) -> bool:
    succ: dict[int, list[int]] = {k: [] for k in range(n)}
    for i, j in edges:
        succ[i].append(j)
    state = [0] * n

    def visit(v: int) -> bool:
        state[v] = 1
        for w in succ[v]:
            if state[w] == 1 or (state[w] == 0 and visit(w)):
                return True
        state[v] = 2
        return False

    return any(state[v] == 0 and visit(v) for v in range(n))


@st.composite
def cyclic_graphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    """A directed graph on 0..n-1 that has at least one cycle (self-loops included)."""
    n = draw(st.integers(1, 7))
    node = st.integers(0, n - 1)
    cycle = draw(st.lists(node, min_size=1, max_size=n, unique=True))
    edges = list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))
    edges += draw(st.lists(st.tuples(node, node), max_size=10))
    return n, draw(st.permutations(edges))


@settings(max_examples=100, deadline=None)
@given(graph=cyclic_graphs())
def test_random_cycles_are_reported_with_a_real_path(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = graph
    assert _has_cycle(n, edges)
    p = Pipeline("g")
    src = p.add_node(PipelineNode("src", ident))
    nodes = [p.add_node(PipelineNode(f"v{k}", ident)) for k in range(n)]
    for v in nodes:
        src.connect(v)
    for i, j in edges:
        nodes[i].connect(nodes[j])
    p.set_start_node(src)
    with pytest.raises(PipelineError) as info:
        p.validate()
    prefix = "error: pipeline `g` has a cycle: "
    lines = info.value.message.splitlines()
    assert lines
    assert all(line.startswith(prefix) for line in lines)
    real = {(f"v{i}", f"v{j}") for i, j in edges}
    for line in lines:
        assert line.endswith("  [TF002]")
        path = line.removeprefix(prefix).removesuffix("  [TF002]").split(" -> ")
        assert len(path) >= 2
        assert path[0] == path[-1]
        assert len(set(path[:-1])) == len(path) - 1
        assert all(pair in real for pair in itertools.pairwise(path))


@settings(max_examples=60, deadline=None)
@given(dag=dags())
def test_random_dags_validate_cleanly(dag: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = dag
    assert not _has_cycle(n, edges)
    p = Pipeline("g")
    nodes = [p.add_node(PipelineNode(f"v{k}", ident)) for k in range(n)]
    for i, j in edges:
        nodes[i].connect(nodes[j])
    p.set_start_node(nodes[0])
    p.validate()
