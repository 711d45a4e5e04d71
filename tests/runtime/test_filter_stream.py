"""Issue 10, part 1: filtered inputs in `map`/`stream`/`as_observable` (typedflow/_runtime/
_stream.py, _streaming.py): a filtered input is not a failure; it gives `None`, or with
on_error="collect" an `Outcome` whose `filtered` is True."""

from __future__ import annotations

import asyncio
from contextlib import aclosing
from typing import Any

import pytest

from typedflow import NodeExecutionError, NodeTypeError, node
from typedflow.pipeline import Outcome


@node(inline=True)
def keep(s: str) -> str | None:
    return s if s.startswith("k") else None


@node(inline=True)
def shout(s: str) -> str:
    if s == "kboom":
        raise ValueError("boom")
    return s.upper()


@node(inline=True)
def size(s: str) -> int:
    return len(s)


@node(inline=True)
def liar(s: str) -> str:
    return s if s.startswith("k") else None  # type: ignore[return-value]  # the violation under test


INPUTS = ["kit", "cat", "kin"]


@pytest.mark.parametrize("on_error", ["raise", "skip"])
async def test_issue10_map_gives_none_for_a_filtered_input(on_error: Any) -> None:
    pipeline = (keep >> shout).build()
    assert await pipeline.map(INPUTS, on_error=on_error) == ["KIT", None, "KIN"]
    assert await pipeline.map(INPUTS, concurrency=1, on_error=on_error) == ["KIT", None, "KIN"]


async def test_issue10_stream_yields_none_for_a_filtered_input_in_both_orders() -> None:
    pipeline = (keep >> shout).build()
    async with aclosing(pipeline.stream(INPUTS)) as items:
        assert [x async for x in items] == ["KIT", None, "KIN"]
    async with aclosing(pipeline.stream(INPUTS, ordered=False)) as items:
        assert sorted([x async for x in items], key=str) == ["KIN", "KIT", None]


async def test_issue10_collect_says_an_input_was_filtered() -> None:
    pipeline = (keep >> shout).build()
    outcomes = await pipeline.map([*INPUTS, "kboom"], on_error="collect")
    assert outcomes[:3] == [
        Outcome(0, "kit", "KIT"),
        Outcome(1, "cat", None, filtered=True),
        Outcome(2, "kin", "KIN"),
    ]
    assert [o.ok for o in outcomes] == [True, True, True, False]
    assert [o.filtered for o in outcomes] == [False, True, False, False]
    assert isinstance(outcomes[3].error, NodeExecutionError)
    assert outcomes[3].node == "shout"


async def test_issue10_a_filter_as_the_sink_is_filtered_when_it_returns_none() -> None:
    pipeline = keep._as_flow().build()
    outcomes = await pipeline.map(["kit", "cat"], on_error="collect")
    assert [(o.output, o.filtered) for o in outcomes] == [("kit", False), (None, True)]


async def test_issue10_after_a_fan_out_an_input_is_filtered_when_every_output_is() -> None:
    pipeline = (keep >> (shout, size)).build()
    outcomes = await pipeline.map(["kit", "cat"], on_error="collect")
    assert [(o.output, o.filtered) for o in outcomes] == [
        (("KIT", 3), False),
        ((None, None), True),
    ]


async def test_issue10_a_sink_returning_none_as_declared_is_not_filtered() -> None:
    seen: list[str] = []

    @node(inline=True)
    def record(s: str) -> None:
        seen.append(s)

    pipeline = (keep >> record).build()
    outcomes = await pipeline.map(["kit", "cat"], on_error="collect")
    assert [(o.output, o.filtered) for o in outcomes] == [(None, False), (None, True)]
    assert seen == ["kit"]


async def test_issue10_none_from_a_node_that_is_no_filter_fails_the_input() -> None:
    pipeline = (keep >> liar >> shout).build(name="p")
    assert await pipeline.map(["kit", "cat"]) == ["KIT", None]
    plain = (liar >> shout).build(name="p")
    with pytest.raises(NodeTypeError):
        await plain.map(["kit", "cat"])
    outcomes = await plain.map(["kit", "cat"], on_error="collect")
    assert [(o.ok, o.filtered) for o in outcomes] == [(True, False), (False, False)]
    assert isinstance(outcomes[1].error, NodeTypeError)


async def test_issue10_runtime_checks_accept_a_filtered_input_in_a_stream() -> None:
    pipeline = (keep >> shout).build(runtime_checks=True)
    assert await pipeline.map(INPUTS) == ["KIT", None, "KIN"]


async def test_issue10_the_observable_emits_none_for_a_filtered_input() -> None:
    pipeline = (keep >> shout).build()
    got: list[Any] = []
    done = asyncio.get_running_loop().create_future()
    pipeline.as_observable(INPUTS).subscribe(
        on_next=got.append,
        on_error=done.set_exception,
        on_completed=lambda: done.set_result(None),
    )
    await done
    assert got == ["KIT", None, "KIN"]


def test_issue10_outcome_stays_backwards_compatible() -> None:
    outcome = Outcome(0, "x", "X", None, None, 0)
    assert outcome.filtered is False
    assert outcome.ok


async def test_issue10_async_and_threaded_filters_in_a_stream() -> None:
    @node
    async def keep_async(s: str) -> str | None:
        await asyncio.sleep(0)
        return s if s.startswith("k") else None

    @node
    def keep_threaded(s: str) -> str | None:  # runs on the pipeline's thread pool
        return s if s.endswith("t") else None

    async with (keep_async >> keep_threaded >> size).build() as pipeline:
        outcomes = await pipeline.map(["kit", "cat", "kin"], on_error="collect")
    assert [(o.output, o.filtered) for o in outcomes] == [(3, False), (None, True), (None, True)]
