"""Tests of what the runtime logs on the "typedflow" logger."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from typedflow import NodeExecutionError
from typedflow.pipeline import Pipeline, PipelineNode

from ._helpers import aident, chain, fan_out


def boom(x: Any) -> Any:
    raise ValueError(f"boom {x}")


def typedflow_records(caplog: pytest.LogCaptureFixture) -> list[tuple[str, int, str]]:
    return [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name == "typedflow"]


async def test_a_failure_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    p = chain(Pipeline("logged"), PipelineNode("a", aident), PipelineNode("b", boom, inline=True))
    with caplog.at_level(logging.DEBUG, logger="typedflow"), pytest.raises(NodeExecutionError):
        await p.execute(3)
    record = p.last_run
    assert record is not None
    assert typedflow_records(caplog) == [
        ("typedflow", logging.WARNING,
         f"node `b` failed in pipeline `logged` (run {record.run_id}): ValueError: boom 3"),
    ]


async def test_every_failure_is_logged_when_continuing(caplog: pytest.LogCaptureFixture) -> None:
    p = fan_out("p", PipelineNode("src", aident),
                [PipelineNode("x", boom, inline=True), PipelineNode("y", boom, inline=True),
                 PipelineNode("ok", aident)],
                on_error="continue")
    with caplog.at_level(logging.WARNING, logger="typedflow"):
        assert await p.execute(1) == {"src": 1, "ok": 1}
    messages = sorted(message for _, _, message in typedflow_records(caplog))
    assert messages == [
        "node `x` failed in pipeline `p` (run 1): ValueError: boom 1",
        "node `y` failed in pipeline `p` (run 1): ValueError: boom 1",
    ]


async def test_a_successful_run_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    p = chain(Pipeline("p"), PipelineNode("a", aident), PipelineNode("b", lambda x: x,
                                                                     inline=True))
    with caplog.at_level(logging.DEBUG, logger="typedflow"):
        await p.execute(1)
    assert typedflow_records(caplog) == []


async def test_failures_go_through_the_typedflow_logger(caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("typedflow").setLevel(logging.ERROR)
    try:
        p = chain(Pipeline("p"), PipelineNode("a", boom, inline=True))
        with caplog.at_level(logging.WARNING), pytest.raises(NodeExecutionError):
            await p.execute(1)
        assert typedflow_records(caplog) == []
    finally:
        logging.getLogger("typedflow").setLevel(logging.NOTSET)


async def test_issue_11_a_failure_is_one_bounded_log_line(caplog: pytest.LogCaptureFixture) -> None:
    def loud(x: Any) -> Any:
        raise ValueError("first line\nsecond line " + "x" * 2000)

    p = chain(Pipeline("p"), PipelineNode("a", loud, inline=True))
    with caplog.at_level(logging.DEBUG, logger="typedflow"), pytest.raises(NodeExecutionError):
        await p.execute(1)
    ((_, level, message),) = typedflow_records(caplog)
    assert level == logging.WARNING
    assert message.startswith(
        "node `a` failed in pipeline `p` (run 1): ValueError: first line\\nsecond line xxx"
    )
    assert "\n" not in message
    assert message.endswith("…")
    assert len(message) == len("node `a` failed in pipeline `p` (run 1): ") + 500


# -- issue 11, item 17: failures the caller handles are logged quietly --------------------------


def odd_fails(x: int) -> int:
    if x % 2:
        raise ValueError(f"odd {x}")
    return x


async def test_issue_11_failures_collected_by_map_are_logged_at_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    p = chain(Pipeline("p"), PipelineNode("f", odd_fails, inline=True))
    with caplog.at_level(logging.DEBUG, logger="typedflow"):
        outcomes = await p.map(range(4), concurrency=2, on_error="collect")
    assert [o.ok for o in outcomes] == [True, False, True, False]
    assert sorted(typedflow_records(caplog)) == [
        ("typedflow", logging.DEBUG,
         f"node `f` failed in pipeline `p` (run {run}): ValueError: odd {x}")
        for run, x in ((2, 1), (4, 3))
    ]


async def test_issue_11_failures_skipped_by_map_are_one_info_line_each(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def loud(x: int) -> int:
        raise ValueError(f"bad {x}\n" + "x" * 2000)

    p = chain(Pipeline("p"), PipelineNode("f", loud, inline=True))
    with caplog.at_level(logging.INFO, logger="typedflow"):
        assert await p.map(range(2), concurrency=1, on_error="skip") == []
    head = "node `f` in pipeline `p` failed: ValueError: bad {}\\n"
    assert typedflow_records(caplog) == [
        ("typedflow", logging.INFO,
         f"input {x} skipped: " + head.format(x) + "x" * (499 - len(head.format(x))) + "…")
        for x in range(2)
    ]


async def test_issue_11_a_failure_raised_by_map_is_still_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    p = chain(Pipeline("p"), PipelineNode("f", odd_fails, inline=True))
    with caplog.at_level(logging.DEBUG, logger="typedflow"), pytest.raises(NodeExecutionError):
        await p.map([2, 1], concurrency=1)
    assert typedflow_records(caplog) == [
        ("typedflow", logging.WARNING, "node `f` failed in pipeline `p` (run 2): ValueError: odd 1")
    ]


async def test_issue_11_a_failure_replaced_by_a_fallback_logs_no_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    p = chain(Pipeline("p"), PipelineNode("f", boom, inline=True, retries=1, backoff=0,
                                          fallback=lambda x: -1))
    with caplog.at_level(logging.DEBUG, logger="typedflow"):
        assert await p.execute(1) == {"f": -1}
    assert [level for _, level, _ in typedflow_records(caplog)] == [logging.INFO]
