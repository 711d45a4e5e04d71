"""Streaming many inputs through a pipeline: bounded concurrency, lazy pulling, outcomes."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Sized,
)
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from rx.core import Observable

from .._errors import NodeExecutionError, NodeTypeError
from ._progress import Progress
from ._record import bounded, handled_failures

__all__ = ["Filtered", "Outcome", "StreamErrors", "stream_outcomes"]

logger = logging.getLogger("typedflow")

StreamErrors = Literal["raise", "skip", "collect"]
_STREAM_ERRORS = ("raise", "skip", "collect")
_END: Any = object()
"""What `_next` returns once its source is exhausted."""

I = TypeVar("I")  # noqa: E741  (input, as in the rest of the API)
O = TypeVar("O")  # noqa: E741


@dataclass(frozen=True, slots=True)
class Outcome(Generic[I, O]):
    """What became of one input of a stream: its output, or the error that stopped it.

    Attributes:
        index: The input's position in the stream (0-based).
        input: The input itself.
        output: The output, when `ok`; else None (and None when `filtered`).
        error: The `NodeExecutionError` (or other exception), when not `ok`.
        node: The node that failed, or None.
        attempts: How often the failed node was tried (retries included), or 0.
        filtered: True when a filter (a node declared to return `T | None`) returned `None`
            for this input and so ended it: not a failure, `ok` is True.
    """

    index: int
    input: I
    output: O | None = None
    error: BaseException | None = None
    node: str | None = None
    attempts: int = 0
    filtered: bool = False

    @property
    def ok(self) -> bool:
        """True when the input produced an output."""
        return self.error is None


@dataclass(frozen=True, slots=True)
class Filtered:
    """What a stream's `run_one` returns for an input a filter ended: the output `run` gives
    for it (None, or a tuple of Nones after a final fan-out)."""

    output: Any


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


async def _next(source: AsyncIterator[Any]) -> Any:
    """The next item of `source`, or `_END` when it is exhausted (a task cannot raise Stop*)."""
    try:
        return await anext(source)
    except StopAsyncIteration:
        return _END


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
    pulled but not yet yielded; else they come as they finish. Iterables are pulled on the
    consumer's side as room frees up; async iterables and observables are awaited alongside
    the work in flight, so a slow source never holds back finished outputs. With
    on_error="raise" the first failure to happen cancels the work in flight and is raised
    at once (even when earlier inputs are still running); "skip" drops failed inputs
    (logged); "collect" yields failures as outcomes too. Closing the iterator (a `break`
    out of `async for`, or cancelling the consumer) cancels and awaits the work in flight.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    if on_error not in _STREAM_ERRORS:
        raise ValueError(f"on_error must be 'raise', 'skip' or 'collect', got {on_error!r}")
    loop = asyncio.get_running_loop()
    items: Iterator[Any] | None = None
    source: AsyncIterator[Any] | None = None
    own_source: AsyncGenerator[Any] | None = None
    if isinstance(inputs, Observable):
        source = own_source = _from_observable(inputs)
    elif isinstance(inputs, AsyncIterable):
        source = aiter(inputs)
    else:
        items = iter(inputs)
    window = 2 * concurrency if ordered else concurrency
    finished: deque[asyncio.Task[Outcome[Any, Any]]] = deque()
    in_flight: set[asyncio.Task[Outcome[Any, Any]]] = set()
    pull: asyncio.Task[Any] | None = None
    waiter: asyncio.Future[None] | None = None
    buffer: dict[int, Outcome[Any, Any]] = {}
    pulled = released = 0
    exhausted = False
    own_bar = not isinstance(progress, Progress)
    bar = Progress.start(progress, len(inputs) if isinstance(inputs, Sized) else None)

    async def one(index: int, item: Any) -> Outcome[Any, Any]:
        if on_error != "raise":  # this task's own context: failures are the caller's
            handled_failures.set(True)
        try:
            output = await run_one(item)
            if type(output) is Filtered:
                return Outcome(index, item, output.output, filtered=True)
            return Outcome(index, item, output)
        except Exception as exc:  # noqa: BLE001  (every input gets exactly one outcome)
            if isinstance(exc, NodeExecutionError | NodeTypeError):  # both name their node
                attempts = exc.attempts if isinstance(exc, NodeExecutionError) else 1
                return Outcome(index, item, None, exc, exc.node, attempts)
            return Outcome(index, item, None, exc)

    def wake(_: asyncio.Future[Any]) -> None:
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def on_done(task: asyncio.Task[Outcome[Any, Any]]) -> None:
        finished.append(task)
        wake(task)

    def start(item: Any) -> None:
        nonlocal pulled
        task = loop.create_task(one(pulled, item))
        pulled += 1
        in_flight.add(task)
        task.add_done_callback(on_done)

    try:
        while True:
            if pull is not None and pull.done():
                item, pull = pull.result(), None
                if item is _END:
                    exhausted = True
                else:
                    start(item)
            while not exhausted and pull is None and len(in_flight) < concurrency:
                if pulled - released >= window:
                    break
                if items is not None:
                    try:
                        item = next(items)
                    except StopIteration:
                        exhausted = True
                        break
                    start(item)
                else:
                    assert source is not None
                    pull = loop.create_task(_next(source))
                    pull.add_done_callback(wake)
            if not finished:
                if not in_flight and pull is None:
                    return
                waiter = loop.create_future()
                await waiter
                waiter = None
                continue
            task = finished.popleft()
            in_flight.discard(task)
            outcome = task.result()
            if bar is not None:
                bar.advance(outcome.ok)
            if not outcome.ok and on_error == "raise":
                assert outcome.error is not None
                raise outcome.error
            if not ordered:
                released += 1
                if outcome.ok or on_error == "collect":
                    yield outcome
                else:
                    logger.info("input %d skipped: %s", outcome.index, bounded(str(outcome.error)))
                continue
            buffer[outcome.index] = outcome
            while released in buffer:
                done = buffer.pop(released)
                released += 1
                if done.ok or on_error == "collect":
                    yield done
                else:
                    logger.info("input %d skipped: %s", done.index, bounded(str(done.error)))
    finally:
        pending = [*in_flight, pull] if pull is not None else list(in_flight)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)
        if own_source is not None:
            await own_source.aclose()
        if bar is not None and own_bar:
            bar.close()
