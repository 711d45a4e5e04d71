"""Streaming many inputs through a pipeline: bounded concurrency, lazy pulling, outcomes."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterable, Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from rx.core import Observable

from .._errors import NodeExecutionError
from ._progress import Progress

__all__ = ["Outcome", "StreamErrors", "iterate", "stream_outcomes"]

logger = logging.getLogger("typedflow")

StreamErrors = Literal["raise", "skip", "collect"]
_STREAM_ERRORS = ("raise", "skip", "collect")

I = TypeVar("I")  # noqa: E741  (input, as in the rest of the API)
O = TypeVar("O")  # noqa: E741


@dataclass(frozen=True, slots=True)
class Outcome(Generic[I, O]):
    """What became of one input of a stream: its output, or the error that stopped it.

    Attributes:
        index: The input's position in the stream (0-based).
        input: The input itself.
        output: The output, when `ok`; else None.
        error: The `NodeExecutionError` (or other exception), when not `ok`.
        node: The node that failed, or None.
        attempts: How often the failed node was tried (retries included), or 0.
    """

    index: int
    input: I
    output: O | None = None
    error: BaseException | None = None
    node: str | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        """True when the input produced an output."""
        return self.error is None


async def iterate(source: Iterable[I] | AsyncIterable[I] | Observable[I]) -> AsyncGenerator[I]:
    """Pull items one at a time from an iterable, an async iterable or an rx observable.

    Iterables are pulled lazily, when the consumer asks. An observable pushes: its items are
    queued until pulled (rx has no back-pressure).
    """
    if isinstance(source, Observable):
        async for item in _from_observable(source):
            yield item
    elif isinstance(source, AsyncIterable):
        async for item in source:
            yield item
    else:
        for item in source:
            yield item


async def _from_observable(source: Observable[I]) -> AsyncGenerator[I]:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[int, Any]] = asyncio.Queue()

    def push(kind: int, value: Any) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, (kind, value))

    subscription = source.subscribe(
        on_next=lambda v: push(0, v),
        on_error=lambda e: push(1, e),
        on_completed=lambda: push(2, None),
    )
    try:
        while True:
            kind, value = await queue.get()
            if kind == 0:
                yield value
            elif kind == 1:
                raise value
            else:
                return
    finally:
        subscription.dispose()


async def stream_outcomes(
    run_one: Callable[[Any], Awaitable[Any]],
    inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
    *,
    concurrency: int,
    ordered: bool,
    on_error: StreamErrors,
    progress: bool | Progress,
) -> AsyncGenerator[Outcome[Any, Any]]:
    """Run `run_one` on every input, at most `concurrency` at once, yielding outcomes.

    With `ordered`, outcomes come in input order and at most `2 * concurrency` inputs are
    pulled but not yet yielded; else they come as they finish. With on_error="raise" the
    first failure cancels the work in flight and is raised; "skip" drops failed inputs
    (logged); "collect" yields failures as outcomes too. Closing the iterator (a `break`
    out of `async for`, or cancelling the consumer) cancels and awaits the work in flight.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    if on_error not in _STREAM_ERRORS:
        raise ValueError(f"on_error must be 'raise', 'skip' or 'collect', got {on_error!r}")
    loop = asyncio.get_running_loop()
    source = iterate(inputs)
    window = 2 * concurrency if ordered else concurrency
    finished: deque[asyncio.Task[Outcome[Any, Any]]] = deque()
    in_flight: set[asyncio.Task[Outcome[Any, Any]]] = set()
    waiter: list[asyncio.Future[None] | None] = [None]
    buffer: dict[int, Outcome[Any, Any]] = {}
    pulled = released = 0
    exhausted = False
    bar = Progress.start(progress)

    async def one(index: int, item: Any) -> Outcome[Any, Any]:
        try:
            return Outcome(index, item, await run_one(item))
        except Exception as exc:  # noqa: BLE001  (every input gets exactly one outcome)
            if isinstance(exc, NodeExecutionError):
                return Outcome(index, item, None, exc, exc.node, exc.attempts)
            return Outcome(index, item, None, exc)

    def on_done(task: asyncio.Task[Outcome[Any, Any]]) -> None:
        finished.append(task)
        wake = waiter[0]
        if wake is not None and not wake.done():
            wake.set_result(None)

    try:
        while True:
            while not exhausted and len(in_flight) < concurrency and pulled - released < window:
                try:
                    item = await anext(source)
                except StopAsyncIteration:
                    exhausted = True
                    break
                task = loop.create_task(one(pulled, item))
                pulled += 1
                in_flight.add(task)
                task.add_done_callback(on_done)
            if not finished:
                if not in_flight:
                    return
                wake = waiter[0] = loop.create_future()
                await wake
                waiter[0] = None
                continue
            task = finished.popleft()
            in_flight.discard(task)
            outcome = task.result()
            if bar is not None:
                bar.advance(outcome.ok)
            if ordered:
                buffer[outcome.index] = outcome
                ready = []
                while released in buffer:
                    ready.append(buffer.pop(released))
                    released += 1
            else:
                released += 1
                ready = [outcome]
            for done in ready:
                if done.ok or on_error == "collect":
                    yield done
                elif on_error == "raise":
                    assert done.error is not None
                    raise done.error
                else:
                    logger.info("input %d skipped: %s", done.index, done.error)
    finally:
        for task in in_flight:
            task.cancel()
        if in_flight:
            await asyncio.wait(in_flight)
        await source.aclose()
        if bar is not None:
            bar.close()
