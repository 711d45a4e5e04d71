"""Issue 10, part 1: the typed filter in the build and in `run` (typedflow/_check.py,
typedflow/_build.py). A node declared to return `T | None` is a filter: its edges carry `T`,
its `None` ends its branch, and `run` gives `None` for it."""

from __future__ import annotations

from typing import Annotated, Any, Optional, TypeVar

import pytest

from typedflow import GraphError, NodeStatus, NodeTypeError, build, node
from typedflow._check import edge_type, is_filter

T = TypeVar("T")


@node(inline=True)
def keep(s: str) -> str | None:
    return s if s.startswith("k") else None


@node(inline=True)
def keep_old(s: str) -> Optional[str]:  # noqa: UP045  # the spelling under test
    return s if len(s) > 1 else None


@node(inline=True)
def shout(s: str) -> str:
    return s.upper()


@node(inline=True)
def size(s: str) -> int:
    return len(s)


@node(inline=True)
def pair(a: str, b: int) -> str:
    return f"{a}:{b}"


@node(inline=True)
def need_int(x: int) -> int:
    return x


@node(inline=True)
def small(n: int) -> int | str | None:
    return n if n < 3 else ("big" if n < 10 else None)


@node(inline=True)
def either(x: int | str) -> str:
    return f"<{x}>"


@node(inline=True)
def liar(s: str) -> str:  # declared to exclude None, returns it: not a filter
    return s if s.startswith("k") else None  # type: ignore[return-value]  # the violation under test


@pytest.mark.parametrize(
    ("hint", "expected", "edge"),
    [
        (str | None, True, str),
        (Optional[str], True, str),  # noqa: UP045  # the spelling under test
        (int | str | None, True, int | str),
        (str, False, str),
        (type(None), False, type(None)),
        (Any, False, Any),
        (int | str, False, int | str),
        (Annotated[str | None, "doc"], True, str),
    ],
    ids=["pipe", "optional", "several", "plain", "none", "any", "union", "annotated"],
)
def test_issue10_a_filter_is_a_declared_union_with_none(
    hint: object, expected: bool, edge: object
) -> None:
    assert is_filter(hint) is expected
    assert edge_type(hint) == edge


def test_issue10_the_edge_out_of_a_filter_carries_the_type_without_none() -> None:
    for flow in (
        keep >> shout,
        keep_old >> shout >> size,
        keep >> (shout, size) >> pair,
        (keep, size) >> pair,
        keep >> keep_old >> shout,
    ):
        flow.build()  # no GraphError
    build(size >> small >> either)  # several types: the edge carries `int | str`


def test_issue10_an_edge_out_of_a_filter_still_needs_the_type_without_none_to_fit() -> None:
    with pytest.raises(GraphError) as info:
        (keep >> need_int).build()
    (problem,) = info.value.problems
    assert problem.code == "TF001"
    assert problem.message == (
        "Edge `keep` >> `need_int`: `keep` returns `str`, but `need_int` expects `int`"
    )


async def test_issue10_run_gives_none_for_a_filtered_input() -> None:
    pipeline = (keep >> shout).build()
    assert await pipeline.run("kit") == "KIT"
    assert await pipeline.run("cat") is None
    assert pipeline.get_pipeline_status() == {
        "keep": NodeStatus.COMPLETED,
        "shout": NodeStatus.SKIPPED,
    }
    assert pipeline.output_hint == Optional[str]  # noqa: UP045  # how the build spells it


async def test_issue10_a_filter_as_the_sink_and_a_chain_of_filters() -> None:
    assert await keep._as_flow().build().run("cat") is None
    pipeline = (keep >> keep_old >> shout).build()
    assert [await pipeline.run(s) for s in ("cat", "k", "kit")] == [None, None, "KIT"]


async def test_issue10_a_filter_of_several_types() -> None:
    pipeline = build(need_int >> small >> either)
    assert [await pipeline.run(n) for n in (1, 5, 20)] == ["<1>", "<big>", None]


async def test_issue10_fan_out_and_fan_in_after_a_filter() -> None:
    fan_out = (keep >> (shout, size)).build()
    assert await fan_out.run("kit") == ("KIT", 3)
    assert await fan_out.run("cat") == (None, None)
    fan_in = (keep >> (shout, size) >> pair).build()
    assert await fan_in.run("kit") == "KIT:3"
    assert await fan_in.run("cat") is None
    branch = (shout >> (keep, size) >> pair).build()
    assert await branch.run("kit") is None  # `shout` made it "KIT", which `keep` drops


async def test_issue10_a_pipeline_with_a_filter_used_as_a_node_is_a_filter() -> None:
    inner = (keep >> shout).build(name="inner")
    outer = (inner.as_node("filtered") >> size).build(name="outer")
    async with outer:
        assert await outer.run("kit") == 3
        assert await outer.run("cat") is None


async def test_issue10_none_from_a_node_that_is_no_filter_is_a_type_violation() -> None:
    # A filter upstream makes the output nullable, but `liar`'s None is still an error.
    pipeline = (keep_old >> liar >> shout).build(name="p")
    assert await pipeline.run("kit") == "KIT"
    assert await pipeline.run("k") is None  # filtered by `keep_old`
    with pytest.raises(NodeTypeError) as info:
        await pipeline.run("ab")
    assert info.value.node == "liar"
    assert info.value.message == (
        "Node `liar` in pipeline `p` returned `None`, ending its branch, but its return type"
        " does not admit `None`; declare it `-> T | None` to make it a filter"
    )


async def test_issue10_none_from_a_node_that_is_no_filter_without_filters_as_before() -> None:
    pipeline = (liar >> shout).build(name="p")
    with pytest.raises(NodeTypeError) as info:
        await pipeline.run("cat")
    assert info.value.message == (
        "Output node `shout` of pipeline `p` produced no value (a node returned `None`, ending"
        " its branch), but its return type does not admit `None`"
    )


async def test_issue10_runtime_checks_accept_a_filters_none_and_reject_a_liars() -> None:
    checked = (keep >> shout).build(runtime_checks=True)
    assert await checked.run("cat") is None
    assert await checked.run("kit") == "KIT"
    liars = (keep_old >> liar >> shout).build(name="p", runtime_checks=True)
    assert await liars.run("k") is None
    with pytest.raises(NodeTypeError) as info:
        await liars.run("ab")
    assert info.value.node == "liar"
    assert "`return` expects `str`, got `None`" in info.value.message


@node
def maybe_first(xs: list[T]) -> T | None:
    return xs[0] if xs else None


@node
def ident(x: T) -> T:
    return x


async def test_issue10_a_generic_filter_and_a_generic_node_after_a_filter() -> None:
    async with (maybe_first >> need_int).build() as first:  # sync nodes: a thread pool
        assert [await first.run(xs) for xs in ([4, 5], [])] == [4, None]
    async with (keep >> ident >> shout).build() as after:
        assert [await after.run(s) for s in ("kit", "cat")] == ["KIT", None]


async def test_a_filters_none_reaches_a_node_whose_parameter_admits_none() -> None:
    # The checkers type `keep >> take_optional` as `Flow[str, int]` (the plain overload:
    # tests/typing/snippets/filter_edges.py): the edge carries `str | None` into a parameter
    # that admits it, so the node runs with None and `run` gives an int, never None.
    @node(inline=True)
    def take_optional(s: str | None) -> int:
        return -1 if s is None else len(s)

    pipeline = (keep >> take_optional).build()
    assert [await pipeline.run(s) for s in ("kit", "cat")] == [3, -1]
    assert pipeline.get_pipeline_status() == {
        "keep": NodeStatus.COMPLETED, "take_optional": NodeStatus.COMPLETED
    }
    assert [pipeline.run_sync(s) for s in ("kit", "cat")] == [3, -1]
    assert await pipeline.map(["kit", "cat"]) == [3, -1]
    assert pipeline.map_sync(["cat", "kit"]) == [-1, 3]
    collected = await pipeline.map(["cat"], on_error="collect")
    assert (collected[0].output, collected[0].filtered) == (-1, False)


async def test_object_and_any_parameters_take_a_filters_none_too() -> None:
    @node(inline=True)
    def describe(x: object) -> str:
        return f"<{x}>"

    @node(inline=True)
    def anything(x: Any) -> str:
        return f"[{x}]"

    for tail, expected in ((describe, ["<kit>", "<None>"]), (anything, ["[kit]", "[None]"])):
        pipeline = (keep >> tail).build()
        assert [await pipeline.run(s) for s in ("kit", "cat")] == expected


async def test_a_fan_in_takes_none_where_it_admits_it_and_is_skipped_elsewhere() -> None:
    # Below a filter, a fan-out's nodes are skipped; the fan-in gets None through each
    # parameter that admits it (the checkers type `Flow[str, str]`), and is skipped when
    # one that does not admit it has no value (`Flow[str, str | None]`).
    @node(inline=True)
    def both(a: str | None, b: int | None) -> str:
        return f"{a}/{b}"

    @node(inline=True)
    def first_only(a: str | None, b: int) -> str:
        return f"{a}/{b}"

    tolerant = (keep >> (shout, size) >> both).build()
    assert [await tolerant.run(s) for s in ("kit", "cat")] == ["KIT/3", "None/None"]
    assert tolerant.get_pipeline_status() == {
        "keep": NodeStatus.COMPLETED,
        "shout": NodeStatus.SKIPPED,
        "size": NodeStatus.SKIPPED,
        "both": NodeStatus.COMPLETED,
    }
    strict = (keep >> (shout, size) >> first_only).build()
    assert [await strict.run(s) for s in ("kit", "cat")] == ["KIT/3", None]
    assert strict.get_pipeline_status()["first_only"] is NodeStatus.SKIPPED
    @node(inline=True)
    def same(s: str) -> str:
        return s

    mixed = (same >> (keep, size) >> first_only.named("mixed")).build()
    assert [await mixed.run(s) for s in ("kit", "cat")] == ["kit/3", "None/3"]


async def test_a_node_taking_none_after_a_filter_runs_on_every_path() -> None:
    # Sync nodes (the loop-free and pooled paths stand aside), async nodes and a longer chain
    # all give the node its None; events say it ran.
    @node
    def keep_sync(s: str) -> str | None:
        return s if s.startswith("k") else None

    @node
    def default(s: str | None) -> str:
        return s or "default"

    @node
    async def adefault(s: str | None) -> str:
        return s or "adefault"

    flows = [(keep_sync >> default, "default"), (keep >> adefault, "adefault")]
    for flow, fallback in flows:
        async with flow.build() as pipeline:
            seen: list[tuple[str, str]] = []
            pipeline.events.subscribe(lambda e, seen=seen: seen.append((e.node, e.status.name)))
            assert await pipeline.run("cat") == fallback
            tail = pipeline.outputs[0]
            assert seen[-2:] == [(tail, "RUNNING"), (tail, "COMPLETED")]
            assert await pipeline.map(["kit", "cat", "kid"], concurrency=2) == [
                "kit", fallback, "kid"
            ]
    with (keep_sync >> default.named("d2") >> shout).build() as chain:
        assert chain.run_sync("cat") == "DEFAULT"
        assert chain.map_sync(["kit", "cat"]) == ["KIT", "DEFAULT"]


async def test_a_stray_none_below_a_filter_is_still_a_type_error() -> None:
    # Only a filter's None reaches the nodes that take None: a node declared `-> str` that
    # returns None skips everything below it and is reported, as without a filter above it.
    @node(inline=True)
    def bad(s: str) -> str:
        return None  # type: ignore[return-value]  # the bug under test

    @node(inline=True)
    def take(s: str | None) -> int:
        return -1 if s is None else len(s)

    pipeline = (keep >> bad >> take).build()
    with pytest.raises(NodeTypeError) as info:
        await pipeline.run("kit")
    assert str(info.value) == (
        "Output node `take` of pipeline `take` produced no value (a node returned `None`,"
        " ending its branch), but its return type does not admit `None`"
    )
    assert pipeline.get_pipeline_status()["take"] is NodeStatus.SKIPPED
    assert await pipeline.run("cat") == -1  # the filter's own None still reaches `take`


async def test_a_generic_parameter_takes_a_filters_none_as_the_checkers_solve_it() -> None:
    # mypy and pyright solve `T` from the edge's `str | None` (their plain overload): so
    # `or_default` gives `str`, `wrap` `list[str | None]`, and `ident` `str | None` (a filter
    # then, whose None skips `shout`).
    @node(inline=True)
    def or_default(x: T | None) -> str:
        return "default" if x is None else str(x)

    @node(inline=True)
    def wrap(x: T) -> list[T]:
        return [x]

    defaulted = (keep >> or_default).build()
    assert defaulted.output_hint is str
    assert [await defaulted.run(s) for s in ("kit", "cat")] == ["kit", "default"]
    wrapped = (keep >> wrap).build()
    assert wrapped.output_hint == list[str | None]
    assert [wrapped.run_sync(s) for s in ("kit", "cat")] == [["kit"], [None]]
    after = (keep >> ident >> shout).build()
    assert [await after.run(s) for s in ("kit", "cat")] == ["KIT", None]
    assert after.get_pipeline_status() == {
        "keep": NodeStatus.COMPLETED, "ident": NodeStatus.COMPLETED, "shout": NodeStatus.SKIPPED
    }


async def test_a_filters_none_crosses_a_rshift_only_where_the_plain_overload_applies() -> None:
    # mypy and pyright type each `>>` as a whole (tests/typing/snippets/filter_edges.py): a
    # fan-out with one branch refusing None takes the filter overload (no branch gets None,
    # the output is optional); a flow used as a right operand was typed before the filter
    # was attached (its edges carry no None); a later `>>` sees the whole flow's `| None`.
    @node(inline=True)
    def take(s: str | None) -> int:
        return -1 if s is None else len(s)

    @node(inline=True)
    def wrap(x: T) -> list[T]:
        return [x]

    @node(inline=True)
    def ends_t(s: str) -> str | None:
        return s if s.endswith("t") else None

    @node(inline=True)
    def pick(a: T, b: str) -> list[T]:
        return [a]

    cases: list[tuple[Any, object, Any]] = [
        (keep >> (take, shout), tuple[int | None, str | None], (None, None)),
        (keep >> (shout >> take), int | None, None),
        (keep >> shout >> take, int, -1),
        (keep >> (wrap, shout.named("s2")), tuple[list[str] | None, str | None], (None, None)),
        (keep >> (shout.named("s3") >> wrap), list[str] | None, None),
        (keep >> shout.named("s4") >> wrap, list[str | None], [None]),
        ((keep, ends_t) >> pick, list[str] | None, None),
    ]
    for flow, hint, filtered in cases:
        pipeline = flow.build()
        assert pipeline.output_hint == hint, flow
        assert await pipeline.run("cat") == filtered, flow
        assert pipeline.run_sync("cat") == filtered, flow
    kept = (keep >> (take, shout)).build()
    assert await kept.run("kit") == (3, "KIT")


async def test_a_fan_out_nested_after_a_filter_gives_none_as_a_whole() -> None:
    # keep >> (shout >> (shout2, size)): the checkers type the right operand
    # `tuple[str, int]` before `keep` is attached, then the whole flow
    # `tuple[str, int] | None`; so `run` gives None, not a tuple of Nones.
    pipeline = (keep >> (shout.named("g_shout") >> (shout.named("g2"), size))).build()
    assert pipeline.output_hint == tuple[str, int] | None
    assert [await pipeline.run(s) for s in ("kit", "cat")] == [("KIT", 3), None]
    assert pipeline.run_sync("cat") is None
    assert await pipeline.map(["cat", "kit"]) == [None, ("KIT", 3)]
    collected = await pipeline.map(["cat"], on_error="collect")
    assert (collected[0].output, collected[0].filtered) == (None, True)
    # Written from the left, the fan-out sees the filter: each branch's output is optional.
    chained = ((keep >> shout.named("c_shout")) >> (shout.named("c2"), size)).build()
    assert chained.output_hint == tuple[str | None, int | None]
    assert await chained.run("cat") == (None, None)
