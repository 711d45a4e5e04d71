"""Issue 10, part 2: running a `route` (typedflow/_runtime/_scheduler.py, _routing.py): only
the chosen branch runs, the others are SKIPPED with the event reason "not routed", the merge
runs with the branch that ran; at the start, the end, nested, with filters, under `map`,
failures and cancellation."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typedflow import (
    NodeEvent,
    NodeExecutionError,
    NodeStatus,
    build,
    node,
    route,
    when,
)
from typedflow._node import make_node

if TYPE_CHECKING:
    from typedflow._flow import Composable

C, S = NodeStatus.COMPLETED, NodeStatus.SKIPPED
ROUTE = "route(answer, escalate, archive)"
MERGE = f"{ROUTE}.merge"


@dataclass
class Question:
    text: str


@dataclass
class Complaint:
    text: str


@dataclass
class Spam:
    text: str


@node
async def classify(m: str) -> Question | Complaint | Spam:
    if m.endswith("?"):
        return Question(m)
    if m.startswith("!"):
        return Complaint(m)
    return Spam(m)


@node
async def answer(q: Question) -> int:
    return len(q.text)


@node(inline=True)
def escalate(c: Complaint) -> str:
    return c.text.strip("!")


@node
def shout(s: str) -> str:
    return s.upper()


@node(inline=True)
def archive(s: Spam) -> bytes:
    return s.text.encode()


@node(inline=True)
def send(x: int | str | bytes) -> str:
    return f"sent {x!r}"


@node(inline=True)
def keep_short(s: str) -> str | None:
    return s if len(s) < 5 else None


def _events(pipeline: Any) -> list[tuple[str, str, str | None]]:
    seen: list[tuple[str, str, str | None]] = []

    def record(e: NodeEvent) -> None:
        seen.append((e.node, e.status.name, e.reason))

    pipeline.events.subscribe(record)
    return seen


async def test_issue10_only_the_chosen_branch_runs_the_others_are_not_routed() -> None:
    pipeline = (classify >> route(answer, escalate >> shout, archive) >> send).build()
    seen = _events(pipeline)
    assert await pipeline.run("why?") == "sent 4"
    name = "route(answer, escalate, archive)"
    assert seen == [
        ("classify", "RUNNING", None),
        ("classify", "COMPLETED", None),
        (name, "RUNNING", None),
        (name, "COMPLETED", None),
        ("escalate", "SKIPPED", "not routed"),
        ("shout", "SKIPPED", "not routed"),
        ("archive", "SKIPPED", "not routed"),
        ("answer", "RUNNING", None),
        ("answer", "COMPLETED", None),
        (f"{name}.merge", "RUNNING", None),
        (f"{name}.merge", "COMPLETED", None),
        ("send", "RUNNING", None),
        ("send", "COMPLETED", None),
    ]
    assert await pipeline.run("!bad") == "sent 'BAD'"
    assert pipeline.get_pipeline_status() == {
        "classify": C, name: C, "answer": S, "escalate": C, "shout": C, "archive": S,
        f"{name}.merge": C, "send": C,
    }  # fmt: skip
    record = pipeline.last_run
    assert record is not None
    assert record.outputs[name] == Complaint("!bad")  # the router passes its input on


async def test_issue10_a_route_at_the_end_gives_the_output_of_the_branch_that_ran() -> None:
    pipeline = (classify >> route(answer, escalate, archive)).build()
    assert [await pipeline.run(m) for m in ("why?", "!no", "buy")] == [4, "no", b"buy"]
    assert await pipeline.map(["a?", "!b", "c"] * 50) == [2, "b", b"c"] * 50


async def test_issue10_a_route_at_the_start_routes_the_pipeline_input() -> None:
    @node(inline=True)
    def on_none(x: None) -> str:
        return "none"

    @node(inline=True)
    def on_int(x: int) -> str:
        return f"int {x}"

    @node(inline=True)
    def on_yes(x: Literal["yes", "y"]) -> str:
        return "agreed"

    pipeline = build(route(on_none, on_int, on_yes))
    assert [await pipeline.run(v) for v in (None, 3, "y", "yes")] == [
        "none", "int 3", "agreed", "agreed",
    ]  # fmt: skip
    assert pipeline.get_pipeline_status()["route(on_none, on_int, on_yes).merge"] is C


async def test_issue10_a_filter_in_the_chosen_branch_skips_the_merge_and_downstream() -> None:
    pipeline: Any = (classify >> route(answer, escalate >> keep_short, archive) >> send).build()  # type: ignore[operator]  # mypy joins `B` in `B | None` to `object` (see filter_edges.py)
    assert pipeline.output_hint == str | None
    seen = _events(pipeline)
    assert await pipeline.run("!a very long complaint") is None
    assert seen[-3:] == [
        ("keep_short", "COMPLETED", None),
        (MERGE, "SKIPPED", None),
        ("send", "SKIPPED", None),
    ]
    assert await pipeline.run("!ok") == "sent 'ok'"
    assert await pipeline.map(["!ok", "!far too long", "x?"]) == ["sent 'ok'", None, "sent 2"]


async def test_issue10_nested_routes_run_one_path() -> None:
    @node(inline=True)
    def small(n: Literal[1, 2]) -> str:
        return "small"

    @node(inline=True)
    def big(n: Literal[3]) -> str:
        return "big"

    @node(inline=True)
    def words(s: str) -> str:
        return f"words {s}"

    @node(inline=True)
    def label(x: str) -> str:
        return x

    @node(inline=True)
    def count(x: Literal[1, 2, 3] | str) -> int:
        return len(str(x))

    @node(inline=True)
    def both(label: str, n: int) -> str:
        return f"{label}:{n}"

    inner = route(small, big)
    flow = route(inner, words) >> label
    pipeline = flow.build()
    assert [await pipeline.run(v) for v in (1, 3, "hi")] == ["small", "big", "words hi"]
    status = pipeline.get_pipeline_status()
    assert [status[n] for n in ("route(small, big)", "small", "big", "words")] == [S, S, S, C]
    assert status["route(small, big).merge"] is S
    fan = (label.named("start") >> (route(inner, words.named("w2")), count) >> both).build()
    assert await fan.run("hi") == "words hi:2"  # a fan-in after a route
    assert fan.get_pipeline_status()["route(small, big)"] is S


async def test_issue10_a_predicate_route_takes_the_first_true_predicate_else_the_default() -> None:
    calls: list[str] = []

    def is_long(s: str) -> bool:
        calls.append("is_long")
        return len(s) > 8

    def is_loud(s: str) -> bool:
        calls.append("is_loud")
        return s.isupper()

    @node(inline=True)
    def summarize(s: str) -> str:
        return s[:5] + "..."

    @node(inline=True)
    def calm(s: str) -> str:
        return s.lower()

    @node(inline=True)
    def plain(s: str) -> str:
        return s

    pipeline = route(when(is_long, summarize), when(is_loud, calm), default=plain).build()
    assert [await pipeline.run(s) for s in ("a long sentence", "HEY", "hey")] == [
        "a lon...", "hey", "hey",
    ]  # fmt: skip
    assert calls == ["is_long", "is_long", "is_loud", "is_long", "is_loud"]


async def test_issue10_an_unmatched_value_from_an_any_upstream_fails_the_router() -> None:
    @node(inline=True)
    def anything(s: str) -> Any:
        return 3.5 if s == "float" else Question(s)

    pipeline = (anything >> route(answer, escalate)).build()
    assert await pipeline.run("why") == 3
    with pytest.raises(NodeExecutionError) as info:
        await pipeline.run("float")
    assert str(info.value) == (
        "node `route(answer, escalate)` in pipeline `route(answer, escalate).merge` failed:"
        " TypeError: Route `route(answer, escalate)` has no branch for a value of type `float`"
    )
    assert pipeline.get_pipeline_status() == {
        "anything": C, "route(answer, escalate)": NodeStatus.FAILED, "answer": S,
        "escalate": S, "route(answer, escalate).merge": S,
    }  # fmt: skip


async def test_issue10_a_failing_branch_fails_the_run_and_skips_the_merge() -> None:
    @node
    async def broken(q: Question) -> int:
        raise ValueError("no answer")

    pipeline = (classify >> route(broken, escalate, archive) >> send).build()
    with pytest.raises(NodeExecutionError) as info:
        await pipeline.run("why?")
    assert str(info.value) == "node `broken` in pipeline `send` failed: ValueError: no answer"
    status = pipeline.get_pipeline_status()
    merge = "route(broken, escalate, archive).merge"
    assert [status[n] for n in ("broken", "escalate", merge)] == [NodeStatus.FAILED, S, S]
    assert await pipeline.map(["!x", "y"]) == ["sent 'x'", "sent b'y'"]


async def test_issue10_cancelling_a_run_inside_the_chosen_branch_leaves_nothing_pending() -> None:
    started, release = asyncio.Event(), asyncio.Event()

    @node
    async def slow(q: Question) -> int:
        started.set()
        await release.wait()
        return 1

    pipeline = (classify >> route(slow, escalate, archive) >> send).build()
    seen = _events(pipeline)
    task = asyncio.create_task(pipeline.run("why?"))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    merge = "route(slow, escalate, archive).merge"
    assert pipeline.get_pipeline_status() == {
        "classify": C, "route(slow, escalate, archive)": C, "slow": S, "escalate": S,
        "archive": S, merge: S, "send": S,
    }  # fmt: skip
    assert seen[-3:] == [
        ("slow", "SKIPPED", None),
        (merge, "SKIPPED", None),
        ("send", "SKIPPED", None),
    ]
    release.set()
    assert await pipeline.run("!again") == "sent 'again'"  # the next run is independent


async def test_issue10_closing_a_stream_cancels_the_routed_inputs_in_flight() -> None:
    gate, both_waiting = asyncio.Event(), asyncio.Event()
    cancelled: list[str] = []
    waiting: list[str] = []

    @node
    async def slow(q: Question) -> str:
        waiting.append(q.text)
        if len(waiting) == 2:
            both_waiting.set()
        try:
            await gate.wait()
        except asyncio.CancelledError:
            cancelled.append(q.text)
            raise
        return q.text

    pipeline = (classify >> route(slow, escalate, archive)).build()
    stream = pipeline.stream(["!a", "b?", "c?"], concurrency=3)
    assert await anext(stream) == "a"
    await both_waiting.wait()
    await stream.aclose()
    assert sorted(cancelled) == ["b?", "c?"]
    gate.set()
    assert await pipeline.map(["b?", "!d"]) == ["b?", "d"]


async def test_issue10_concurrent_inputs_take_their_own_branches() -> None:
    order: list[str] = []
    gate = asyncio.Event()

    @node
    async def wait_q(q: Question) -> str:
        order.append(f"start {q.text}")
        await gate.wait()
        order.append(f"end {q.text}")
        return q.text

    @node
    async def fast(c: Complaint) -> str:
        order.append(f"fast {c.text}")
        gate.set()
        return c.text

    pipeline = (classify >> route(wait_q, fast, archive)).build()
    out = await pipeline.map(["q?", "!c"], concurrency=2)
    assert out == ["q?", "!c"]
    assert order == ["start q?", "fast !c", "end q?"]


Tree = tuple[int, int, tuple["Tree", ...]]  # a Literal range and its parts (none: a leaf)


@st.composite
def route_trees(draw: st.DrawFn, lo: int = 0, hi: int = 12, depth: int = 0) -> Tree:
    """A route over `Literal[lo..hi-1]`: 2 to 4 parts, each a leaf or a nested route."""
    if hi - lo < 2 or depth >= 3 or (depth > 0 and draw(st.booleans())):
        return (lo, hi, ())
    parts = draw(st.integers(2, min(4, hi - lo)))
    cuts = sorted(
        draw(st.sets(st.integers(lo + 1, hi - 1), min_size=parts - 1, max_size=parts - 1))
    )
    bounds = [lo, *cuts, hi]
    return (
        lo,
        hi,
        tuple(draw(route_trees(a, b, depth + 1)) for a, b in itertools.pairwise(bounds)),
    )


def _flow(tree: Tree) -> Composable:
    lo, hi, parts = tree
    if not parts:
        return _leaf(lo, hi)
    return route(*(_flow(p) for p in parts))  # type: ignore[call-overload, no-any-return]  # built at run time


def _leaf(lo: int, hi: int) -> Composable:
    def leaf(x: Any) -> str:
        return f"{lo}-{hi}:{x}"

    hint = Literal[tuple(range(lo, hi))]  # type: ignore[valid-type]  # a Literal built at run time
    return make_node(leaf, name=f"leaf{lo}-{hi}", inline=True, hints={"x": hint, "return": str})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=route_trees(), values=st.lists(st.integers(0, 11), min_size=1, max_size=8))
def test_issue10_random_route_trees_run_exactly_the_leaf_of_each_value(
    tree: Tree, values: list[int]
) -> None:
    async def check() -> None:
        pipeline = build(_flow(tree))
        for v in values:
            out = await pipeline.run(v)
            lo, hi = (int(b) for b in out.split(":")[0].split("-"))
            assert lo <= v < hi
            assert out.endswith(f":{v}")
            status = pipeline.get_pipeline_status()
            leaves = [n for n, s in status.items() if n.startswith("leaf") and s is C]
            assert leaves == [f"leaf{lo}-{hi}"]
            assert all(s in (C, S) for s in status.values())
        assert await pipeline.map(values) == [await pipeline.run(v) for v in values]

    asyncio.run(check())


@node
def parse(s: str) -> int | str:
    return int(s) if s.isdigit() else s


@node
def parse_or_drop(s: str) -> int | str | None:
    return None if s == "-" else (int(s) if s.isdigit() else s)


@node
def on_int(x: int) -> str:
    return f"int {x}"


@node
def on_str(x: str) -> str:
    return f"str {x}"


@node
def on_str_or_none(x: str | None) -> str:
    return f"str {x}"


def test_run_sync_of_a_route_of_sync_nodes_routes() -> None:
    # A route's graph needs the scheduler (the loop-free path knew no routes: run_sync of
    # routed sync or inline nodes failed in the merge vertex, called with every branch).
    inline_int = node(on_int.func, name="inline_int", inline=True)
    inline_str = node(on_str.func, name="inline_str", inline=True)
    for branches in ((on_int, on_str), (inline_int, inline_str)):
        with (parse >> route(*branches)).build() as pipeline:
            assert [pipeline.run_sync(s) for s in ("12", "ab")] == ["int 12", "str ab"]
            status = pipeline.get_pipeline_status()
            assert [status[n.name] for n in branches] == [S, C]
            assert pipeline.map_sync(["1", "x"]) == ["int 1", "str x"]


async def test_a_filters_none_skips_a_route_that_takes_no_none() -> None:
    # The checkers type `parse_or_drop >> route(on_int, on_str)` as `Flow[str, str | None]`.
    async with (parse_or_drop >> route(on_int, on_str)).build() as pipeline:
        assert [await pipeline.run(s) for s in ("1", "a", "-")] == ["int 1", "str a", None]
        assert set(pipeline.get_pipeline_status().values()) == {C, S}
        assert pipeline.get_pipeline_status()["parse_or_drop"] is C
        assert pipeline.run_sync("-") is None


async def test_a_filters_none_goes_to_the_branch_that_takes_it() -> None:
    # A route whose input admits None (a branch takes `str | None`) is typed without
    # `| None` by the checkers: the router gets the None and picks that branch.
    async with (parse_or_drop >> route(on_int, on_str_or_none)).build() as pipeline:
        assert [await pipeline.run(s) for s in ("1", "a", "-")] == ["int 1", "str a", "str None"]
        status = pipeline.get_pipeline_status()
        assert (status["on_int"], status["on_str_or_none"]) == (S, C)
        assert pipeline.run_sync("-") == "str None"
