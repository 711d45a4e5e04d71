"""`BatchNode`: dynamic micro-batching of the inputs of concurrent executions."""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from .._errors import PipelineError
from ._node import ASYNC, STANDALONE, Binding, ExecutionContext, PipelineNode, bind_callable
from ._options import NodeOptions
from ._tasks import TaskGroup

__all__ = ["BatchNode"]

_Pending = tuple[Any, "asyncio.Future[Any]"]


class _LoopBatches:
    """What a `BatchNode` holds for one event loop while it has work there: the inputs
    waiting, the flush timer, the batch calls running and their limit. Dropped when idle, so
    nothing of a finished loop is kept (futures, timers and locks all hold their loop)."""

    __slots__ = ("closing", "limit", "pending", "tasks", "timer")

    def __init__(self, concurrency: int | None) -> None:
        self.pending: list[_Pending] = []
        self.timer: asyncio.TimerHandle | None = None
        self.tasks = TaskGroup()
        self.limit = None if concurrency is None else asyncio.Semaphore(concurrency)
        self.closing = False

    def idle(self) -> bool:
        return not self.tasks and all(fut.done() for _, fut in self.pending)


class BatchNode(PipelineNode):
    """Groups the inputs of concurrent executions into one call of `func(list_of_inputs)`.

    An input waits until `batch_size` inputs are there or `max_wait` seconds have passed
    since the first one of the batch, whichever comes first; then `func` is called once with
    the list and must return one result per input, in order. Each execution gets its own
    result back. If `func` raises, or returns the wrong number of results, every execution
    of that batch fails. An execution cancelled while it waits leaves the batch before the
    call; no input is lost or answered twice.

    Args:
        name: The node's name.
        func: `list -> Sequence` of the same length; sync (run on the pipeline's thread
            pool) or async.
        batch_size: The most inputs in one call.
        max_wait: The longest an input waits for others, in seconds.
        is_async: As for `PipelineNode`.
        concurrency: The most calls of `func` (batches) at once, or None.
        check_item: Called on each input as it is submitted, before it joins a batch; what
            it raises fails only that input's execution (runtime type checks use it).
        check_result: Called on each execution's own result; what it raises fails only
            that execution.
    """

    def __init__(
        self,
        name: str,
        func: Callable[[list[Any]], Sequence[Any] | Awaitable[Sequence[Any]]],
        batch_size: int = 32,
        max_wait: float = 0.01,
        *,
        is_async: bool | None = None,
        concurrency: int | None = None,
        check_item: Callable[[Any], None] | None = None,
        check_result: Callable[[Any], None] | None = None,
    ) -> None:
        NodeOptions(batch_size=batch_size, max_wait=max_wait).validated(name)
        super().__init__(name, func, is_async)
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.max_wait = max_wait
        self._call_batch: Callable[..., Awaitable[Any]] | None = None
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopBatches] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()  # loops in other threads add and drop their state
        self.batches_run = 0
        self.check_item = check_item
        self.check_result = check_result

    def _bind(self, context: ExecutionContext) -> Binding:
        self._call_batch = bind_callable(self.name, self.func, self.is_async, context)
        return ASYNC, self.submit

    async def submit(self, item: Any) -> Any:
        """Add `item` to the current batch and wait for its own result."""
        if self.check_item is not None:  # an ill-typed item fails alone, never its batch
            self.check_item(item)
        if self._call_batch is None:  # used outside a pipeline
            self._call_batch = bind_callable(self.name, self.func, self.is_async, STANDALONE)
        loop = asyncio.get_running_loop()
        state = self._state(loop)
        future: asyncio.Future[Any] = loop.create_future()
        state.pending.append((item, future))
        try:
            if len(state.pending) >= self.batch_size:
                self._flush(state)
            elif state.timer is None:
                state.timer = loop.call_later(self.max_wait, self._flush, state)
            result = await future
        finally:
            self._release(loop, state)
        if self.check_result is not None:
            self.check_result(result)
        return result

    def _state(self, loop: asyncio.AbstractEventLoop) -> _LoopBatches:
        """This loop's batches: each event loop (a second `asyncio.run`, a loop in another
        thread) has its own queue, timer and limit."""
        with self._lock:
            state = self._loops.get(loop)
            if state is None:
                state = self._loops[loop] = _LoopBatches(self.concurrency)
            return state

    def _release(self, loop: asyncio.AbstractEventLoop, state: _LoopBatches) -> None:
        """Drop `loop`'s state once nothing waits or runs there."""
        if not state.idle():
            return
        if state.timer is not None:
            state.timer.cancel()
            state.timer = None
        state.pending = []
        with self._lock:
            if self._loops.get(loop) is state:
                del self._loops[loop]

    async def process(self, *inputs: Any) -> Any:
        """Batch one input with whatever else is submitted concurrently."""
        return await self.submit(*inputs)

    def _flush(self, state: _LoopBatches) -> None:
        if state.timer is not None:
            state.timer.cancel()
            state.timer = None
        batch = [(item, fut) for item, fut in state.pending if not fut.done()]
        state.pending = []
        loop = asyncio.get_running_loop()
        while batch:
            chunk, batch = batch[: self.batch_size], batch[self.batch_size :]
            task = state.tasks.start(self._run(state, chunk))
            task.add_done_callback(lambda _: self._release(loop, state))  # after the group's
            abandon = _cancel_when_abandoned(task, [fut for _, fut in chunk])
            for _, fut in chunk:
                fut.add_done_callback(abandon)

    async def _run(self, state: _LoopBatches, chunk: list[_Pending]) -> None:
        assert self._call_batch is not None
        self.batches_run += 1
        items = [item for item, _ in chunk]
        try:
            if state.limit is None:
                results = await self._call_batch(items)
            else:
                async with state.limit:
                    results = await self._call_batch(items)
            if not isinstance(results, Sequence) or isinstance(results, str | bytes):
                raise TypeError(  # noqa: TRY301  (handled below like any failure of func)
                    f"batch node `{self.name}`: func must return a sequence of results, "
                    f"got `{type(results).__name__}`"
                )
            if len(results) != len(items):
                raise ValueError(  # noqa: TRY301
                    f"batch node `{self.name}`: func returned {len(results)} results "
                    f"for a batch of {len(items)} inputs"
                )
        except asyncio.CancelledError:
            for _, fut in chunk:
                if state.closing and not fut.done():
                    fut.set_exception(self._closed_error("while its batch ran"))
                else:
                    fut.cancel()
            raise
        except Exception as exc:  # noqa: BLE001  (every waiting execution gets the error)
            for _, fut in chunk:
                if not fut.done():
                    fut.set_exception(exc)
            return
        for (_, fut), result in zip(chunk, results, strict=True):
            if not fut.done():
                fut.set_result(result)

    async def aclose(self) -> None:
        """Cancel batch calls in flight on the running loop; inputs still waiting there fail
        with `PipelineError`."""
        loop = asyncio.get_running_loop()
        with self._lock:
            state = self._loops.get(loop)
        if state is None:
            return
        if state.timer is not None:
            state.timer.cancel()
            state.timer = None
        for _, fut in state.pending:
            if not fut.done():
                fut.set_exception(self._closed_error("before its batch ran"))
        state.pending = []
        state.closing = True
        try:
            await state.tasks.aclose()
        finally:
            state.closing = False
            self._release(loop, state)

    def _closed_error(self, when: str) -> PipelineError:
        """What an execution waiting on a batch gets when the node is closed: it was not
        cancelled itself, so a CancelledError would be the wrong answer."""
        return PipelineError(f"batch node `{self.name}` was closed {when}")


def _cancel_when_abandoned(
    task: asyncio.Task[None], futures: list[asyncio.Future[Any]]
) -> Callable[[asyncio.Future[Any]], None]:
    """A callback that cancels a batch call once every execution waiting on it was cancelled
    (a consumer left its stream): nobody would get the results."""

    def check(_: asyncio.Future[Any]) -> None:
        if not task.done() and all(fut.cancelled() for fut in futures):
            task.cancel()

    return check
