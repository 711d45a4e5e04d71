"""Tests of `build` and the compiled `TypedPipeline` (typedflow/_build.py), run on the runtime."""

from __future__ import annotations

import asyncio
from typing import Any, TypeVar

import pytest

from tests.flows.nodes import (
    clean,
    count,
    dec,
    first,
    half,
    inc,
    join,
    maybe,
    need_int,
    sub,
    tokenize,
)
from typedflow import (
    GraphError,
    NodeExecutionError,
    NodeStatus,
    NodeTypeError,
    Pipeline,
    TypedPipeline,
    build,
    node,
)


async def test_chain_runs_and_returns_the_sink_output() -> None:
    pipeline = (clean >> tokenize >> count).build(name="words")
    assert isinstance(pipeline, Pipeline)
    assert isinstance(pipeline, TypedPipeline)
    assert pipeline.name == "words"
    assert await pipeline.run(" A b c ") == 3
    assert await pipeline.execute("x y") == {"clean": "x y", "tok": ["x", "y"], "count": 2}
    assert pipeline.get_pipeline_status() == dict.fromkeys(
        ["clean", "tok", "count"], NodeStatus.COMPLETED
    )
    assert pipeline.output_hint is int
    assert pipeline.input_hint is str


async def test_fan_out_and_fan_in() -> None:
    pipeline = (clean >> tokenize >> (count, first) >> join).build()
    assert await pipeline.run("Hello World") == {"n": 2, "word": "hello"}
    assert pipeline.name == "join"


async def test_final_fan_out_returns_a_tuple() -> None:
    pipeline = (clean >> tokenize >> (count, first)).build()
    assert await pipeline.run("a b") == (2, "a")
    assert pipeline.output_hint == tuple[int, str]


async def test_build_merges_fragments_sharing_nodes() -> None:
    words = clean >> tokenize
    pipeline = build(words >> count, words >> first, (count, first) >> join, name="merged")
    assert await pipeline.run("q r") == {"n": 2, "word": "q"}


async def test_filtered_sink_raises_unless_its_type_admits_none() -> None:
    optional = (need_int >> maybe).build()
    assert await optional.run(0) is None
    assert await optional.run(3) == 3


async def test_filtered_sink_error() -> None:
    @node
    def gate(x: int) -> int:
        return x if x > 0 else None  # type: ignore[return-value]  # lies on purpose

    pipeline = (gate >> inc).build(name="gated")
    assert await pipeline.run(1) == 2
    with pytest.raises(NodeTypeError) as info:
        await pipeline.run(0)
    assert str(info.value) == (
        "Output node `inc` of pipeline `gated` produced no value (a node returned `None`,"
        " ending its branch), but its return type does not admit `None`"
    )


async def test_a_built_pipeline_is_a_node_again() -> None:
    inner = (clean >> tokenize >> count).build(name="inner")
    sub = inner.as_node()
    assert sub.name == "inner"
    assert sub.signature.positional == (("data", str),)
    assert sub.signature.returns is int
    outer = (sub >> half).build()
    assert await outer.run("a b c d") == 2.0
    assert await sub("x") == 1


async def test_concurrent_runs_are_independent() -> None:
    pipeline = (clean >> tokenize >> count).build()
    texts = [" ".join("w" * (i + 1) for _ in range(i + 1)) for i in range(20)]
    results = await asyncio.gather(*(pipeline.run(t) for t in texts))
    assert results == [i + 1 for i in range(20)]


async def test_single_node_and_strict_false() -> None:
    assert await build(need_int).run(5) == 5

    @node
    def loose(x):  # type: ignore[no-untyped-def]  # unannotated on purpose
        return x * 2

    pipeline: TypedPipeline[Any, Any] = build(need_int >> loose, strict=False)
    assert await pipeline.run(4) == 8


def test_build_argument_errors() -> None:
    with pytest.raises(TypeError, match="at least one flow"):
        build()
    with pytest.raises(TypeError, match="argument 1 is `int`"):
        build(need_int, 3)  # type: ignore[call-overload]  # the point of the test


def test_build_never_runs_user_code() -> None:
    calls: list[int] = []

    @node
    def spy(x: int) -> int:
        calls.append(x)
        return x

    (spy >> inc).build()
    assert calls == []


async def test_issue3_run_under_continue_raises_the_failure_instead_of_returning_none() -> None:
    @node
    def parse(text: str) -> int:
        return int(text)

    @node
    def maybe_half(n: int) -> float | None:
        return n / 2

    pipeline = (parse >> maybe_half).build()
    pipeline.on_error = "continue"
    with pytest.raises(NodeExecutionError) as info:
        await pipeline.run("abc")
    assert info.value.node == "parse"
    assert info.value.message == (
        "node `parse` in pipeline `maybe_half` failed: ValueError: "
        "invalid literal for int() with base 10: 'abc'"
    )
    assert pipeline.get_pipeline_status() == {
        "parse": NodeStatus.FAILED,
        "maybe_half": NodeStatus.SKIPPED,
    }


async def test_issue3_closing_a_pipeline_closes_the_pipelines_used_in_it_as_nodes() -> None:
    import threading

    @node
    def slow_inc(n: int) -> int:  # sync: runs on the inner pipeline's thread pool
        return n + 1

    inner = slow_inc._as_flow().build(name="as_node_inner")
    outer = (inc >> inner.as_node("nested")).build(name="outer")
    async with outer:
        assert await outer.run(1) == 3
        assert any(t.name.startswith("typedflow-as_node_inner") for t in threading.enumerate())
    assert not any(t.name.startswith("typedflow-as_node_inner") for t in threading.enumerate())


async def test_issue_3_fan_in_order_comes_from_the_fan_in_expression() -> None:
    for flows in (
        (need_int >> inc >> sub, (need_int >> dec, inc) >> sub),
        ((need_int >> dec, inc) >> sub, need_int >> inc >> sub),
    ):
        assert await build(*flows).run(10) == 9 - 11  # sub(dec, inc), whatever the order


async def test_issue3_single_edges_from_separate_fragments_merge_like_connect_calls() -> None:
    from tests.flows.nodes import dec, need_int, sub

    first = build(need_int >> inc >> sub, need_int >> dec >> sub)  # type: ignore[operator]
    second = build(need_int >> dec >> sub, need_int >> inc >> sub)  # type: ignore[operator]
    assert [n.name for n in first.get_node("sub").upstream] == ["inc", "dec"]
    assert [n.name for n in second.get_node("sub").upstream] == ["dec", "inc"]


def test_issue_9_an_edge_the_relation_cannot_check_is_a_problem_not_a_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unsupported(source: object, target: object) -> bool:
        raise TypeError("unsupported hint form `Weird`")

    monkeypatch.setattr("typedflow._check.is_assignable", unsupported)
    with pytest.raises(GraphError) as info:
        build(tokenize >> count)
    (problem,) = info.value.problems
    assert problem.code == "TF001"
    assert problem.message == (
        "Edge `tok` >> `count`: `tok` returns `list[str]`, but `count` expects `Sequence[str]`;"
        " it cannot be checked: unsupported hint form `Weird`"
    )


U = TypeVar("U")


@node
def wrap(x: U) -> list[U]:
    return [x]


async def test_issue_9_two_generic_nodes_chain() -> None:
    # `wrap` returns `list[U]`; `first` takes `list[T]`: T binds to U, and U to the input.
    pipeline = build(wrap >> first >> half)
    assert await pipeline.run(8) == 4.0


B = TypeVar("B", bound=int)


@node
def same(x: B) -> B:
    return x


def test_issue_9_an_entry_generic_fits_downstream_only_within_its_bound() -> None:
    # `first >> half` holds for T = float; `same >> tokenize` needs B = str, outside its bound.
    assert build(first >> half).output_hint is float
    assert build(same >> half).output_hint is float
    with pytest.raises(GraphError) as info:
        build(same >> tokenize)
    assert [p.message for p in info.value.problems] == [
        "Edge `same` >> `tok`: `same` returns `B`, but `tok` expects `str`"
    ]
