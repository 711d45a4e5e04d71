"""Streaming nodes at run time: drive a generator, collect its chunks, and give them live."""

from __future__ import annotations

import asyncio
import functools
import threading
import time
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

from ._node import ASYNC, Binding, ExecutionContext, NodeStatus, PipelineNode
from ._record import ChunkEvent, RunRecord, recording

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
    from types import TracebackType

    from ._pipeline import Pipeline
    from ._scheduler import Run

__all__ = ["CURRENT_RUN", "GeneratorNode", "LiveRun", "Streams"]

O = TypeVar("O", covariant=True)  # noqa: E741  # the conventional name of an output
C = TypeVar("C", covariant=True)

CURRENT_RUN: ContextVar[Run | None] = ContextVar("typedflow_run", default=None)
"""The execution running in this context (set by `Pipeline._execute_run`), for chunk events."""

_LIVE: ContextVar[_Hub | None] = ContextVar("typedflow_live", default=None)
"""The chunk logs of the `LiveRun` whose task runs in this context."""

_END: Any = object()  # what `_SyncChunks.next` returns once the generator is exhausted


class Streams(Protocol[C]):
    """A streaming DSL node (`@node` on a generator function) with chunks of type `C`."""

    @property
    def name(self) -> str:
        """The node's name."""
        ...

    def _chunk_type(self) -> C: ...


class GeneratorNode(PipelineNode):
    """A node whose function returns an (async) iterator: its chunks are collected into a list
    (or given to `collect`), and that value goes downstream.

    An async iterator is driven on the event loop; a sync one one chunk per call on the
    pipeline's thread pool (on the loop with `inline=True`), so that each chunk reaches
    listeners as it is made and a cancellation takes effect between chunks. A retry calls the
    function again (a new generator); a timeout applies to the whole stream. However the node
    ends (done, failed, cancelled), the generator is closed (`aclose()` or `close()`).

    Args:
        name: See `PipelineNode`.
        func: A function returning an iterator or an async iterator (a generator function).
        collect: Turns the list of chunks into the node's output; None gives the list.
        inline: Iterate a sync iterator on the event loop, not the thread pool.
        **options: Policy and checks, as `PipelineNode` takes them.
    """

    def __init__(
        self,
        name: str,
        func: Callable[..., Any],
        *,
        collect: Callable[[list[Any]], Any] | None = None,
        inline: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(name, func, is_async=False, **options)
        self.collect = collect
        self.iterate_inline = inline

    def _bind(self, context: ExecutionContext) -> Binding:
        return ASYNC, functools.partial(self._drive, context)

    async def _drive(self, context: ExecutionContext, *args: Any) -> Any:
        made = self.func(*args)
        chunks: list[Any] = []
        emit = _Emitter(self, chunks)
        if hasattr(made, "__anext__"):
            await _drain_async(made, emit)
        elif hasattr(made, "__next__"):
            await _drain_sync(made, emit, None if self.iterate_inline else context)
        else:
            raise TypeError(
                f"streaming node `{self.name}` returned `{type(made).__name__}`, not an iterator"
                " or an async iterator"
            )
        emit.done()
        return chunks if self.collect is None else self.collect(chunks)


class _Emitter:
    """Takes each chunk: into the node's list, to the live listeners, as an event."""

    __slots__ = ("chunks", "hub", "index", "name", "node", "run")

    def __init__(self, node: GeneratorNode, chunks: list[Any]) -> None:
        self.node = node
        self.name = name = node.name
        self.chunks = chunks
        self.hub = _LIVE.get()
        run = CURRENT_RUN.get()
        self.run = run if run is not None and run.emit else None
        self.index = -1
        if self.run is not None and name in self.run.plan.names:
            self.index = self.run.plan.names.index(name)

    def __call__(self, chunk: Any) -> bool:
        """Take `chunk`; True when a live reader was waiting for it."""
        self.chunks.append(chunk)
        woke = self.hub is not None and self.hub.put(self.node, chunk)
        run = self.run
        if run is not None and self.index >= 0 and run.publish is not None:
            attempts = run.attempts
            attempt = attempts[self.index] if attempts is not None and attempts[self.index] else 1
            run.publish(
                ChunkEvent(
                    run.run_id,
                    run.plan.pipeline,
                    self.name,
                    NodeStatus.RUNNING,
                    time.time(),
                    attempt=attempt,
                    chunk=chunk,
                    index=len(self.chunks) - 1,
                )
            )
        return woke

    def done(self) -> None:
        if self.hub is not None:
            self.hub.end(self.node)


async def _drain_async(made: Any, emit: _Emitter) -> None:
    try:
        while True:
            try:
                chunk = await made.__anext__()
            except StopAsyncIteration:
                return
            if emit(chunk):
                await asyncio.sleep(0)  # the reader sees it before the generator goes on
    finally:
        close = getattr(made, "aclose", None)
        if close is not None:
            await close()


async def _drain_sync(
    made: Iterator[Any], emit: _Emitter, context: ExecutionContext | None
) -> None:
    chunks = _SyncChunks(made)
    try:
        while True:
            if context is None:
                chunk = chunks.next()
            else:
                chunk = await context.run_sync(chunks.next, ())
            if chunk is _END:
                return
            if emit(chunk):
                await asyncio.sleep(0)  # the reader sees it before the generator goes on
    finally:
        chunks.close()


class _SyncChunks:
    """A sync iterator read one chunk per call (in worker threads), closable from the loop.

    A thread cannot be interrupted: when the run is cancelled while a thread is inside
    `next()`, the generator is closed by that thread as soon as `next()` returns.
    """

    __slots__ = ("closing", "iterator", "lock")

    def __init__(self, iterator: Iterator[Any]) -> None:
        self.iterator = iterator
        self.lock = threading.Lock()
        self.closing = threading.Event()

    def next(self) -> Any:
        with self.lock:
            if self.closing.is_set():
                return _END
            try:
                chunk = next(self.iterator)
            except StopIteration:
                return _END
        if self.closing.is_set():
            self._close_if_free()
        return chunk

    def close(self) -> None:
        self.closing.set()
        self._close_if_free()

    def _close_if_free(self) -> None:
        if self.lock.acquire(blocking=False):  # else the thread in `next()` closes it after
            try:
                close = getattr(self.iterator, "close", None)
                if close is not None:
                    close()
            finally:
                self.lock.release()


class _Log:
    """The chunks one streaming node has given in one live run, and readers waiting for more."""

    __slots__ = ("changed", "chunks", "done")

    def __init__(self) -> None:
        self.chunks: list[Any] = []
        self.done = False
        self.changed: asyncio.Future[None] | None = None

    def wake(self) -> bool:
        """Wake the waiting readers; True when there were any."""
        changed, self.changed = self.changed, None
        if changed is not None and not changed.done():
            changed.set_result(None)
            return True
        return False

    async def wait(self) -> None:
        if self.changed is None:
            self.changed = asyncio.get_running_loop().create_future()
        await self.changed


class _Hub:
    """The chunk logs of one live run, one per streaming node of its pipeline (keyed by the
    node object: a pipeline nested in this one may have nodes of the same names)."""

    __slots__ = ("logs", "names")

    def __init__(self, nodes: list[GeneratorNode]) -> None:
        self.logs = {id(node): _Log() for node in nodes}
        self.names = {node.name: self.logs[id(node)] for node in nodes}

    def put(self, node: GeneratorNode, chunk: Any) -> bool:
        """Log a chunk of `node`; True when a reader was waiting for it."""
        log = self.logs.get(id(node))  # None: a node of a pipeline nested in this one
        if log is None:
            return False
        log.chunks.append(chunk)
        return log.wake()

    def end(self, node: GeneratorNode) -> None:
        log = self.logs.get(id(node))
        if log is not None:
            self._end(log)

    def end_all(self) -> None:
        for log in self.logs.values():
            self._end(log)

    @staticmethod
    def _end(log: _Log) -> None:
        log.done = True
        log.wake()


class LiveRun(Generic[O]):
    """One execution running in the background, whose streaming nodes' chunks can be read
    while it goes on; made by `Pipeline.start` and used as `async with pipeline.start(x) as
    run:`. Leaving the block cancels the run if it is still going (closing its generators).

    Every `chunks(node)` iterator gives all of that node's chunks from the first one, as they
    are made: the generator never waits for a slow reader, and a log keeps the chunks a reader
    has not taken yet (references to the objects the node collects anyway), until the
    `LiveRun` is dropped. A retried attempt streams again from its start, after the chunks of
    the failed one.

    `run_id` and `record` are this run's own, whatever else runs the same pipeline meanwhile;
    they are there once the run has started, at the block's first `await` (nothing runs
    before, so a reader is waiting for the first chunk).
    """

    __slots__ = ("_call", "_hub", "_pipeline", "_runs", "_seen", "_task")

    def __init__(self, pipeline: Pipeline, call: Callable[[], Awaitable[O]]) -> None:
        self._pipeline = pipeline
        self._call = call
        self._hub = _Hub([n for n in pipeline.nodes.values() if isinstance(n, GeneratorNode)])
        self._task: asyncio.Task[O] | None = None
        self._seen = False
        self._runs: list[RunRecord] = []

    async def __aenter__(self) -> LiveRun[O]:
        if self._task is not None:
            raise RuntimeError(f"a live run of pipeline `{self._pipeline.name}` starts only once")
        self._task = self._pipeline._tasks.start(self._main())
        return self

    async def _main(self) -> O:
        _LIVE.set(self._hub)  # in this task's own context: its nodes' tasks inherit it
        try:
            with recording(self._pipeline) as runs:
                self._runs = runs
                return await self._call()
        finally:
            self._hub.end_all()

    @property
    def record(self) -> RunRecord:
        """This run's own record (live: statuses, outputs and times as the run goes on).

        Raises:
            RuntimeError: Outside `async with`; before the block's first `await`; or the run
                could not start (`result()` raises why, e.g. a `PipelineError`).
        """
        task = self._started()
        if not self._runs:
            name = self._pipeline.name
            if task.done():
                raise RuntimeError(
                    f"the live run of pipeline `{name}` did not start; `result()` raises why"
                )
            raise RuntimeError(
                f"the live run of pipeline `{name}` has not started yet: it starts at the"
                " block's first `await`"
            )
        return self._runs[0]

    @property
    def run_id(self) -> int:
        """This run's id, as on its events, log lines and trace span (see `record`)."""
        return self.record.run_id

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        task = self._started()
        if not task.done():
            task.cancel()
            await asyncio.wait([task])
        if task.cancelled():
            return
        error = task.exception()  # retrieved here, so asyncio never logs it as lost
        if error is not None and exc_type is None and not self._seen:
            raise error  # nobody read the result: a failure must not vanish

    def _started(self) -> asyncio.Task[O]:
        if self._task is None:
            raise RuntimeError("use a live run as `async with pipeline.start(data) as run:`")
        return self._task

    async def result(self) -> O:
        """Wait for the run to end and return what `run` (or `execute`) would.

        Raises:
            NodeExecutionError: A node failed, as `run` raises it.
        """
        task = self._started()
        self._seen = True
        return await task

    @overload
    def chunks(self, node: Streams[C]) -> AsyncIterator[C]: ...
    @overload
    def chunks(self, node: str) -> AsyncIterator[Any]: ...
    def chunks(self, node: Streams[Any] | str) -> AsyncIterator[Any]:
        """The chunks of streaming node `node` (the `@node` object or its name), live.

        The iteration ends when the node has given its last chunk, or when the run ends
        (failed or cancelled included: `result()` says how it ended).

        Raises:
            TypeError: `node` is not a streaming node of this pipeline.
        """
        self._started()
        name = node if isinstance(node, str) else getattr(node, "name", None)
        log = self._hub.names.get(name) if isinstance(name, str) else None
        if log is None:
            shown = name if isinstance(name, str) else type(node).__name__
            raise TypeError(
                f"`{shown}` is not a streaming node of pipeline `{self._pipeline.name}`; only"
                " a node of a generator function (`-> AsyncIterator[T]` or `-> Iterator[T]`)"
                " gives chunks"
            )
        return _read(log)


async def _read(log: _Log) -> AsyncIterator[Any]:
    position = 0
    while True:
        if position < len(log.chunks):
            position += 1
            yield log.chunks[position - 1]
        elif log.done:
            return
        else:
            await log.wait()
