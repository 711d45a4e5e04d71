"""Fixtures for the whole suite: every pipeline a test makes is closed when the test ends."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from typedflow._runtime._pipeline import Pipeline, made_pipelines

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(autouse=True)
def _close_pipelines() -> Iterator[None]:
    """Close every `Pipeline` made during the test that still holds threads (its thread pool or
    its private loop), so that no typedflow thread outlives the test that started it: several
    tests check that none is left, whichever tests ran before. (A pipeline holding neither is
    left alone: its nodes' resources may belong to the test's own event loop, now closed.)"""
    with made_pipelines() as made:
        yield
    holding = [p for p in made if p._pool is not None or p._loop_thread is not None]
    if holding:
        asyncio.run(_close_all(holding))


async def _close_all(pipelines: list[Pipeline]) -> None:
    for pipeline in pipelines:
        await pipeline.aclose()
