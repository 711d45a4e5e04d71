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
    Sequence,
    Sized,
)
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from .._errors import NodeExecutionError, NodeTypeError
from ._options import whole
from ._progress import Progress
from ._record import bounded, handled_failures
from ._rx import is_observable, load
from ._tasks import TaskGroup

if TYPE_CHECKING:
    from rx.core import Observable

__all__ = [
    "Filtered",
    "Outcome",
    "StreamErrors",
    "InOrder",
    "Window",
    "failed",
    "stream_outcomes",
    "succeeded",
]

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


_index, _input, _output, _error, _node, _attempts, _filtered = (
    Outcome.__dict__[f].__set__
    for f in ("index", "input", "output", "error", "node", "attempts", "filtered")
)


def _succeeded(index: int, item: Any, output: Any, filtered: bool = False) -> Outcome[Any, Any]:
    """`Outcome(index, item, output, filtered=filtered)`, with its fields written through
    their slots: the frozen dataclass's `__init__` (an `object.__setattr__` per field) cost
    about a microsecond per input."""
    outcome: Outcome[Any, Any] = object.__new__(Outcome)
    _index(outcome, index)
    _input(outcome, item)
    _output(outcome, output)
    _error(outcome, None)
    _node(outcome, None)
    _attempts(outcome, 0)
    _filtered(outcome, filtered)
    return outcome


@dataclass(frozen=True, slots=True)
class Filtered:
    """What a stream's `run_one` returns for an input a filter ended: the output `run` gives
    for it (None, or a tuple of Nones after a final fan-out)."""

    output: Any


async def _from_observable(source: Observable[I]) -> AsyncGenerator[I]:
    load()  # warning-clean subscribes, whoever imported rx
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
    make_window: Callable[[], Window] | None = None,
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
    `make_window`: makes the inputs in flight, when not a `_Window` of `run_one` (see
    `_pooled.PoolWindow`).
    """
    if not whole(concurrency, 1):  # NaN compared false and let no input in: all were lost
        raise ValueError(f"concurrency must be an int of at least 1, got {concurrency!r}")
    if on_error not in _STREAM_ERRORS:
        raise ValueError(f"on_error must be 'raise', 'skip' or 'collect', got {on_error!r}")
    window: Window
    if make_window is None:
        window = _Window(run_one, inputs, concurrency, ordered, on_error)
    else:
        window = make_window()
    own_bar = not isinstance(progress, Progress)
    bar = Progress.start(progress, len(inputs) if isinstance(inputs, Sized) else None)
    try:
        while (outcome := await window.next_finished()) is not None:
            if bar is not None:
                bar.advance(outcome.ok)
            if outcome.error is not None and on_error == "raise":
                raise outcome.error
            for done in window.release(outcome):
                if done.error is None or on_error == "collect":  # `ok`, without a call
                    yield done
                else:
                    logger.info("input %d skipped: %s", done.index, bounded(str(done.error)))
    finally:
        await window.aclose()
        if bar is not None and own_bar:
            bar.close()


class Window(Protocol):
    """The inputs of one stream in flight (`_Window`, or `_pooled.PoolWindow`)."""

    async def next_finished(self) -> Outcome[Any, Any] | None: ...
    def release(self, outcome: Outcome[Any, Any]) -> Sequence[Outcome[Any, Any]]: ...
    async def aclose(self) -> None: ...


async def _one(
    run_one: Callable[[Any], Awaitable[Any]], on_error: StreamErrors, index: int, item: Any
) -> Outcome[Any, Any]:
    """Run one input to its outcome (every input gets exactly one)."""
    if on_error != "raise":  # this task's own context: failures are the caller's
        handled_failures.set(True)
    try:
        output = await run_one(item)
    except Exception as exc:  # noqa: BLE001  (every input gets exactly one outcome)
        return failed(index, item, exc)
    return succeeded(index, item, output)


def succeeded(index: int, item: Any, output: Any) -> Outcome[Any, Any]:
    """The outcome of an input whose run gave `output` (a `Filtered` when a filter ended it)."""
    if type(output) is Filtered:
        return _succeeded(index, item, output.output, filtered=True)
    return _succeeded(index, item, output)


def failed(index: int, item: Any, exc: Exception) -> Outcome[Any, Any]:
    """The outcome of an input whose run raised `exc`."""
    if isinstance(exc, NodeExecutionError | NodeTypeError):  # both name their node
        attempts = exc.attempts if isinstance(exc, NodeExecutionError) else 1
        return Outcome(index, item, None, exc, exc.node, attempts)
    return Outcome(index, item, None, exc)


class InOrder:
    """`release` for a stream's windows: outcomes handed out in input order when `ordered`
    (buffered until those before them are out), else as they finish."""

    ordered: bool
    released: int
    buffer: dict[int, Outcome[Any, Any]]

    def release(self, outcome: Outcome[Any, Any]) -> Sequence[Outcome[Any, Any]]:
        """The outcomes that may go out now that `outcome` finished, in order when ordered."""
        if not self.ordered or (outcome.index == self.released and not self.buffer):
            self.released += 1  # the next one in order, none waiting: no buffering
            return (outcome,)
        self.buffer[outcome.index] = outcome
        ready = []
        while self.released in self.buffer:
            ready.append(self.buffer.pop(self.released))
            self.released += 1
        return ready


class _Window(InOrder):
    """The inputs of one stream in flight: pulls inputs as room frees up, runs each in a task
    of its own group, and hands back outcomes as they finish (`release` puts them in order)."""

    __slots__ = (
        "buffer",
        "concurrency",
        "exhausted",
        "fetched",
        "finished",
        "in_flight",
        "items",
        "on_error",
        "ordered",
        "own_source",
        "pull",
        "pulled",
        "released",
        "run_one",
        "source",
        "tasks",
        "waiter",
        "window",
    )

    def __init__(
        self,
        run_one: Callable[[Any], Awaitable[Any]],
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        concurrency: int,
        ordered: bool,
        on_error: StreamErrors,
    ) -> None:
        self.run_one, self.on_error = run_one, on_error
        self.concurrency, self.ordered = concurrency, ordered
        self.window = 2 * concurrency if ordered else concurrency
        self.items: Iterator[Any] | None = None
        self.source: AsyncIterator[Any] | None = None
        self.own_source: AsyncGenerator[Any] | None = None
        if is_observable(inputs):
            self.source = self.own_source = _from_observable(inputs)
        elif isinstance(inputs, AsyncIterable):
            self.source = aiter(inputs)
        else:
            self.items = iter(inputs)
        self.tasks = TaskGroup(self._done)  # the inputs in flight and the pull
        self.finished: deque[asyncio.Task[Outcome[Any, Any]]] = deque()
        self.pull: asyncio.Task[Any] | None = None
        self.waiter: asyncio.Future[None] | None = None
        self.buffer: dict[int, Outcome[Any, Any]] = {}
        self.in_flight = self.pulled = self.released = 0
        self.exhausted = False
        self.fetched = False  # the pull ended and `_done` has seen it

    def _done(self, task: asyncio.Task[Any]) -> None:
        if task is self.pull:
            self.fetched = True
        else:
            self.finished.append(task)
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _start(self, item: Any) -> None:
        self.tasks.start_eager(_one(self.run_one, self.on_error, self.pulled, item))
        self.pulled += 1
        self.in_flight += 1

    def _fill(self) -> None:
        """Take the item pulled, then pull while there is room."""
        pull = self.pull
        if pull is not None and self.fetched:  # not just `done()`: `_done` must see it first
            item, self.pull, self.fetched = pull.result(), None, False
            if item is _END:
                self.exhausted = True
            else:
                self._start(item)
        while not self.exhausted and self.pull is None and self.in_flight < self.concurrency:
            if self.pulled - self.released >= self.window:
                return
            if self.items is None:
                assert self.source is not None
                self.pull = self.tasks.start(_next(self.source))
                return
            try:
                item = next(self.items)
            except StopIteration:
                self.exhausted = True
                return
            self._start(item)

    async def next_finished(self) -> Outcome[Any, Any] | None:
        """The next outcome to finish, or None when every input has one."""
        while True:
            self._fill()
            if self.finished:
                self.in_flight -= 1
                outcome: Outcome[Any, Any] = self.finished.popleft().result()
                return outcome
            if not self.in_flight and self.pull is None:
                return None
            self.waiter = asyncio.get_running_loop().create_future()
            await self.waiter
            self.waiter = None

    async def aclose(self) -> None:
        """Cancel and await the inputs in flight and the pull, then close an own source."""
        await self.tasks.aclose()
        if self.own_source is not None:
            await self.own_source.aclose()
