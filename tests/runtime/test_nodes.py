"""Tests of the node classes: `PipelineNode` (_node.py) and TypedNode, FilterNode,
ThreadPoolNode, SubPipeline (_nodes.py)."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from dataclasses import dataclass
from typing import Any

import pytest

from typedflow import NodeDefinitionError, NodeExecutionError, PipelineError
from typedflow.pipeline import (
    FilterNode,
    NodeStatus,
    Pipeline,
    PipelineNode,
    SubPipeline,
    ThreadPoolNode,
    TypedNode,
)

from ._helpers import aident, chain, fan_out, ident, typedflow_threads

COMPLETED, FAILED, SKIPPED = NodeStatus.COMPLETED, NodeStatus.FAILED, NodeStatus.SKIPPED

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="unset")


# -- PipelineNode: construction -------------------------------------------------------------


async def double(x: int) -> int:
    return x * 2


class AsyncCallable:
    async def __call__(self, x: int) -> int:
        return x + 1


def test_is_async_is_detected() -> None:
    assert PipelineNode("a", double).is_async
    assert PipelineNode("a", AsyncCallable()).is_async
    assert PipelineNode("a", functools.partial(double)).is_async
    assert not PipelineNode("a", ident).is_async
    assert not PipelineNode("a", str.split).is_async
    assert repr(PipelineNode("a", ident)) == "PipelineNode('a')"


def test_is_async_false_on_a_coroutine_function_is_a_definition_error() -> None:
    with pytest.raises(NodeDefinitionError) as info:
        PipelineNode("gen", double, is_async=False)
    assert info.value.message == (
        "node `gen`: is_async=False, but its function is a coroutine function; "
        "leave is_async out to detect it"
    )


@pytest.mark.parametrize(
    ("name", "func", "options", "message"),
    [
        ("", ident, {}, "a node name must be a non-empty string, got ''"),
        ("a", 42, {}, "node `a`: func must be callable, got `int`"),
        ("a", double, {"inline": True},
         "node `a`: inline=True applies to synchronous functions only"),
        ("a", ident, {"is_async": True, "inline": True},
         "node `a`: inline=True applies to synchronous functions only"),
    ],
    ids=["empty-name", "not-callable", "inline-coroutine", "inline-declared-async"],
)
def test_bad_node_definitions(name: str, func: Any, options: dict[str, Any], message: str) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        PipelineNode(name, func, **options)
    assert info.value.message == message


def test_connect_rejects_a_non_node() -> None:
    with pytest.raises(TypeError) as info:
        PipelineNode("a", ident).connect(ident)  # type: ignore[arg-type]  # the error under test
    assert str(info.value) == "node `a`: connect() takes a PipelineNode, got `function`"


# -- PipelineNode: where and how functions run ----------------------------------------------


async def test_is_async_true_on_a_lambda_returning_a_coroutine() -> None:
    p = chain(Pipeline("p"), PipelineNode("generate", lambda x: double(x), is_async=True))
    assert await p.execute(4) == {"generate": 8}


async def test_is_async_true_on_a_function_returning_a_future() -> None:
    def later(x: int) -> asyncio.Future[int]:
        fut = asyncio.get_running_loop().create_future()
        fut.set_result(x + 1)
        return fut

    p = chain(Pipeline("p"), PipelineNode("later", later, is_async=True))
    assert await p.execute(1) == {"later": 2}


async def test_is_async_true_on_a_non_awaitable_result_fails_clearly() -> None:
    p = chain(Pipeline("p"), PipelineNode("generate", lambda x: x, is_async=True))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(4)
    cause = info.value.__cause__
    assert isinstance(cause, TypeError)
    assert str(cause) == (
        "node `generate` is declared is_async=True, but its function returned `int`, "
        "not an awaitable"
    )
    assert info.value.message == f"node `generate` in pipeline `p` failed: TypeError: {cause}"


async def test_inline_runs_on_the_loop_thread_and_default_sync_on_the_pool() -> None:
    loop_thread = threading.get_ident()
    seen: dict[str, tuple[int, str]] = {}

    def where(name: str) -> Any:
        def run(x: int) -> int:
            seen[name] = (threading.get_ident(), threading.current_thread().name)
            return x

        return run

    async with chain(
        Pipeline("mypipe"),
        PipelineNode("inline", where("inline"), inline=True),
        PipelineNode("pooled", where("pooled")),
    ) as p:
        assert await p.execute(1) == {"inline": 1, "pooled": 1}
    assert seen["inline"][0] == loop_thread
    assert seen["pooled"][0] != loop_thread
    assert seen["pooled"][1].startswith("typedflow-mypipe")


async def test_contextvars_propagate_into_pool_threads() -> None:
    def read(x: int) -> str:
        return f"{request_id.get()}:{x}"

    async with fan_out(
        "ctx",
        PipelineNode("src", aident),
        [PipelineNode("pooled", read), ThreadPoolNode("own", read),
         PipelineNode("inline", read, inline=True)],
    ) as p:
        token = request_id.set("req-7")
        try:
            result = await p.execute(1)
        finally:
            request_id.reset(token)
    assert result == {"src": 1, "pooled": "req-7:1", "own": "req-7:1", "inline": "req-7:1"}


async def test_process_runs_a_node_outside_a_pipeline() -> None:
    assert await PipelineNode("a", double).process(3) == 6
    assert await PipelineNode("a", lambda x: x + 1).process(3) == 4
    assert await PipelineNode("a", lambda x: x + 1, inline=True).process(3) == 4
    assert await PipelineNode("a", lambda x: double(x), is_async=True).process(3) == 6
    assert await PipelineNode("a", lambda x, y: (x, y)).process(1, 2) == (1, 2)
    with pytest.raises(TypeError, match="not an awaitable"):
        await PipelineNode("a", lambda x: x, is_async=True).process(3)


# -- TypedNode ------------------------------------------------------------------------------


def test_typed_node_reads_input_and_output_types() -> None:
    def count(words: list[str]) -> int:
        return len(words)

    async def fetch(url: str) -> bytes:
        return url.encode()

    sync, coro = TypedNode("count", count), TypedNode("fetch", fetch)
    assert (sync.input_type, sync.output_type) == (list[str], int)
    assert (coro.input_type, coro.output_type) == (str, bytes)
    assert coro.is_async
    assert not sync.is_async


def test_typed_node_without_annotations_has_any_types() -> None:
    node = TypedNode("n", lambda x: x)
    assert (node.input_type, node.output_type) == (Any, Any)
    builtin = TypedNode("split", str.split)
    assert (builtin.input_type, builtin.output_type) == (Any, Any)


def test_issue2_typed_node_input_type_is_the_first_parameters() -> None:
    def f(x, y: int) -> str:
        return f"{x}{y}"

    node: TypedNode[Any, str] = TypedNode("n", f)  # type: ignore[arg-type]  # two parameters
    assert (node.input_type, node.output_type) == (Any, str)


def test_issue2_typed_node_of_a_callable_object_reads_its_call_method() -> None:
    @dataclass
    class Scale:
        factor: int

        def __call__(self, text: str) -> list[str]:
            return [text] * self.factor

    node = TypedNode("scale", Scale(2))
    assert (node.input_type, node.output_type) == (str, list[str])


def test_typed_node_with_an_unresolvable_annotation() -> None:
    def f(x: Missing) -> int:  # type: ignore[name-defined]  # noqa: F821  # the error under test
        return 0

    with pytest.raises(NodeDefinitionError) as info:
        TypedNode("n", f)
    assert info.value.message == (
        "node `n`: cannot resolve an annotation of "
        "`test_typed_node_with_an_unresolvable_annotation.<locals>.f`: "
        "name 'Missing' is not defined"
    )


async def test_typed_node_runs_in_a_pipeline() -> None:
    def count(words: list[str]) -> int:
        return len(words)

    async with chain(Pipeline("p"), TypedNode("split", str.split), TypedNode("count", count)) as p:
        assert await p.execute("a b c") == {"split": ["a", "b", "c"], "count": 3}


# -- FilterNode -----------------------------------------------------------------------------


async def test_filter_node_passes_or_ends_the_branch() -> None:
    loop_thread = threading.get_ident()
    threads: list[int] = []

    def positive(x: int) -> bool:
        threads.append(threading.get_ident())
        return x > 0

    p = chain(Pipeline("p"), FilterNode("keep", positive), PipelineNode("after", aident))
    assert await p.execute(3) == {"keep": 3, "after": 3}
    assert await p.execute(-1) == {"keep": None}
    assert p.get_pipeline_status() == {"keep": COMPLETED, "after": SKIPPED}
    assert threads == [loop_thread, loop_thread]


async def test_filter_node_with_an_async_condition() -> None:
    async def even(x: int) -> bool:
        await asyncio.sleep(0)
        return x % 2 == 0

    node = FilterNode("even", even)
    assert node.is_async
    p = chain(Pipeline("p"), node, PipelineNode("after", aident))
    assert await p.execute(2) == {"even": 2, "after": 2}
    assert await p.execute(3) == {"even": None}
    assert await node.process(4) == 4


async def test_filter_node_failure_fails_the_node() -> None:
    p = chain(Pipeline("p"), FilterNode("f", lambda x: x["k"]))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute({})
    assert isinstance(info.value.__cause__, KeyError)


# -- ThreadPoolNode -------------------------------------------------------------------------


async def test_thread_pool_node_uses_its_own_named_threads_and_aclose_stops_them() -> None:
    names: list[str] = []

    def work(x: int) -> int:
        names.append(threading.current_thread().name)
        return x * 3

    node = ThreadPoolNode("crunch", work, max_workers=2)
    p = chain(Pipeline("host"), PipelineNode("src", ident), node)
    results = await asyncio.gather(*(p.execute(x) for x in range(10)))
    assert [r["crunch"] for r in results] == [x * 3 for x in range(10)]
    assert names
    assert all(n.startswith("typedflow-crunch") for n in names)
    assert any(n.startswith("typedflow-crunch") for n in typedflow_threads())
    assert len(set(names)) <= 2
    await p.aclose()
    assert typedflow_threads() == []


async def test_thread_pool_node_process_and_aclose() -> None:
    node = ThreadPoolNode("alone", lambda x: threading.current_thread().name)
    assert (await node.process(1)).startswith("typedflow-alone")
    await node.aclose()
    assert typedflow_threads() == []


@pytest.mark.parametrize(
    ("func", "options", "message"),
    [
        (double, {}, "node `t`: a ThreadPoolNode runs synchronous functions; "
                     "use PipelineNode for a coroutine function"),
        (ident, {"max_workers": 0}, "node `t`: max_workers must be an int of at least 1, got 0"),
        (ident, {"max_workers": 2.5}, "node `t`: max_workers must be an int of at least 1,"
                                      " got 2.5"),
    ],
    ids=["coroutine", "max_workers", "max_workers-float"],
)
def test_thread_pool_node_definition_errors(
    func: Any, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        ThreadPoolNode("t", func, **options)
    assert info.value.message == message


# -- SubPipeline ----------------------------------------------------------------------------


def inner_pipeline(name: str = "inner", *nodes: PipelineNode) -> Pipeline:
    return chain(Pipeline(name), *(nodes or (PipelineNode("up", str.upper),
                                             PipelineNode("excl", lambda s: s + "!"))))


async def test_sub_pipeline_output_is_its_sink_output() -> None:
    async with chain(
        Pipeline("outer"),
        PipelineNode("strip", str.strip, inline=True),
        SubPipeline("sub", inner_pipeline()),
        PipelineNode("len", len, inline=True),
    ) as p:
        assert await p.execute(" hi ") == {"strip": "hi", "sub": "HI!", "len": 3}
    assert typedflow_threads() == []


async def test_sub_pipeline_with_a_filtered_sink_ends_the_branch() -> None:
    inner = inner_pipeline("inner", FilterNode("long", lambda s: len(s) > 3),
                           PipelineNode("up", str.upper, inline=True))
    p = chain(Pipeline("outer"), SubPipeline("sub", inner), PipelineNode("after", aident))
    assert await p.execute("long enough") == {"sub": "LONG ENOUGH", "after": "LONG ENOUGH"}
    assert await p.execute("no") == {"sub": None}
    assert p.get_pipeline_status() == {"sub": COMPLETED, "after": SKIPPED}


@pytest.mark.parametrize("inner_on_error", ["raise", "continue"])
async def test_sub_pipeline_failure_chains_the_inner_error(inner_on_error: str) -> None:
    def bad(s: str) -> str:
        raise ValueError("inner boom")

    inner = chain(Pipeline("inner", on_error=inner_on_error),  # type: ignore[arg-type]  # str
                  PipelineNode("ok", ident, inline=True),
                  PipelineNode("bad", bad, inline=True))
    p = chain(Pipeline("outer"), SubPipeline("sub", inner), PipelineNode("after", aident))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute("x")
    outer = info.value
    assert outer.message == (
        "node `sub` in pipeline `outer` failed: NodeExecutionError: "
        "node `bad` in pipeline `inner` failed: ValueError: inner boom"
    )
    inner_error = outer.__cause__
    assert isinstance(inner_error, NodeExecutionError)
    assert (inner_error.node, inner_error.pipeline) == ("bad", "inner")
    assert isinstance(inner_error.__cause__, ValueError)
    assert str(inner_error.__cause__) == "inner boom"
    assert p.get_pipeline_status() == {"sub": FAILED, "after": SKIPPED}


async def test_sub_pipeline_with_several_sinks_is_rejected_before_running() -> None:
    ran: list[Any] = []
    inner = fan_out("inner", PipelineNode("src", ran.append, inline=True),
                    [PipelineNode("a", ident), PipelineNode("b", ident)])
    p = chain(Pipeline("outer"), SubPipeline("sub", inner))
    with pytest.raises(PipelineError) as info:
        await p.execute(1)
    assert info.value.message == (
        "error: sub-pipeline node `sub`: pipeline `inner` has 2 sink nodes; "
        "a SubPipeline needs exactly one  [TF007]"
    )
    assert ran == []


async def test_sub_pipeline_that_gains_a_sink_later_fails_at_run_time() -> None:
    inner = inner_pipeline("inner", PipelineNode("a", ident, inline=True))
    p = chain(Pipeline("outer"), SubPipeline("sub", inner))
    assert await p.execute("x") == {"sub": "x"}
    inner.get_node("a").connect(inner.add_node(PipelineNode("b", ident, inline=True)))
    inner.get_node("a").connect(inner.add_node(PipelineNode("c", ident, inline=True)))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute("x")
    assert isinstance(info.value.__cause__, PipelineError)
    assert info.value.__cause__.message == (
        "error: sub-pipeline node `sub`: pipeline `inner` has 2 sink nodes; "
        "a SubPipeline needs exactly one  [TF007]"
    )


async def test_sub_pipeline_process_and_aclose_close_the_inner_pipeline() -> None:
    sub = SubPipeline("sub", inner_pipeline("closing"))
    assert await sub.process("a") == "A!"
    assert any(n.startswith("typedflow-closing") for n in typedflow_threads())
    await sub.aclose()
    assert typedflow_threads() == []


async def test_issue2_stop_iteration_on_a_worker_thread_becomes_a_runtime_error() -> None:
    def first(xs: list[int]) -> int:
        return next(iter(xs))

    for node in (ThreadPoolNode("own", first), PipelineNode("std", first)):
        with pytest.raises(RuntimeError) as info:
            await asyncio.wait_for(node.process([]), 5)
        assert str(info.value) == (
            "`test_issue2_stop_iteration_on_a_worker_thread_becomes_a_runtime_error."
            "<locals>.first` raised StopIteration"
        )
        assert isinstance(info.value.__cause__, StopIteration)
        await node.aclose()


async def test_a_filter_whose_condition_returns_an_awaitable_fails_clearly() -> None:
    async def is_long(text: str) -> bool:
        return len(text) > 3

    p = chain(Pipeline("p"), FilterNode("keep", lambda text: is_long(text)))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute("hello")
    assert str(info.value.__cause__) == (
        "filter node `keep`: its condition returned an awaitable; make the condition an "
        "`async def` function so it is awaited"
    )


async def test_issue_11_a_pipeline_nested_in_itself_is_a_pipeline_error() -> None:
    outer = Pipeline("outer")
    a = outer.add_node(PipelineNode("a", ident, inline=True))
    outer.set_start_node(a)
    a.connect(outer.add_node(SubPipeline("self", outer)))
    with pytest.raises(PipelineError) as info:
        await outer.execute(1)
    assert str(info.value) == (
        "error: sub-pipeline node `self`: pipelines contain each other in a cycle:"
        " `outer`.`self` -> `outer`; a pipeline cannot run inside itself  [TF002]"
    )


async def test_issue_11_pipelines_nested_in_each_other_are_a_pipeline_error() -> None:
    q, r = Pipeline("q"), Pipeline("r")
    qa = q.add_node(PipelineNode("qa", ident, inline=True))
    ra = r.add_node(PipelineNode("ra", ident, inline=True))
    q.set_start_node(qa)
    r.set_start_node(ra)
    qa.connect(q.add_node(SubPipeline("to_r", r)))
    ra.connect(r.add_node(SubPipeline("to_q", q)))
    with pytest.raises(PipelineError) as info:
        await q.execute(1)
    assert str(info.value) == (
        "error: sub-pipeline node `to_r`: pipelines contain each other in a cycle:"
        " `r`.`to_q` -> `q`.`to_r` -> `r`; a pipeline cannot run inside itself  [TF002]"
    )
