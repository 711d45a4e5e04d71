"""Calling a pipeline from synchronous code: the loop-free path for graphs of plain sync nodes
(see `_loopfree`), else a private event loop per thread, or a helper thread's inside a running
loop."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Self, TypeVar

from ._loopfree import FastRun, fast_plan, run_fast

if TYPE_CHECKING:
    from collections.abc import AsyncIterable, Callable, Coroutine, Iterable, Iterator
    from types import TracebackType

    from rx.core import Observable

    from ._events import EventStream
    from ._loopfree import FastPlan
    from ._pipeline import OnError
    from ._progress import Progress
    from ._scheduler import Plan, Run
    from ._stream import StreamErrors

__all__ = ["Blocking", "call_blocking"]

_T = TypeVar("_T")


class Blocking:
    """The synchronous API of a pipeline, for scripts, notebooks and WSGI views; mixed into
    `Pipeline`, which gives what it declares here."""

    _events: EventStream
    _fast: FastPlan | None
    _run_ids: Iterator[int]
    _last: Run | None
    _plan: Plan | None
    on_error: OnError

    def _compile(self) -> Plan:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    def _stops(self, on_error: OnError | None) -> bool:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    async def _execute_run(self, data: Any, on_error: OnError | None) -> Run:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    async def map(
        self,
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
    ) -> list[Any]:
        raise NotImplementedError  # pragma: no cover - Streaming defines it

    async def aclose(self) -> None:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    def _execute_run_sync(self, data: Any, on_error: OnError | None) -> Run:
        """The one entry point of `execute_sync` and `run_sync`: run once on `data`.

        When every node is a plain synchronous call and nobody listens to events, the nodes
        run right here, in topological order, with no event loop; else `_execute_run` runs
        on a private loop (see `call_blocking`).
        """
        plan = self._plan or self._compile()
        fast = self._fast
        if fast is None or fast.plan is not plan:
            fast = self._fast = fast_plan(plan)
        if fast is None or self._events.publisher() is not None:
            return call_blocking(lambda: self._execute_run(data, on_error))
        stops = self.on_error == "raise" if on_error is None else self._stops(on_error)
        run = self._last = FastRun(fast, next(self._run_ids), stops)
        run_fast(run, fast, data)
        return run

    def execute_sync(self, data: Any, *, on_error: OnError | None = None) -> dict[str, Any]:
        """`execute` for synchronous code: the outputs keyed by node name.

        A graph of plain synchronous nodes (no async, batch or cached node, no sub-pipeline,
        retries, timeout, limit, executor or runtime checks) runs in the calling thread,
        node after node, without an event loop, unless an event subscriber listens. Any
        other graph runs on a private event loop of the calling thread, kept between calls;
        inside a running event loop (a coroutine, a Jupyter cell), on a helper thread's
        private loop while the caller waits (its loop is blocked meanwhile: from a coroutine,
        prefer `await execute(...)`). A node may itself call a pipeline synchronously.

        Raises:
            PipelineError: The pipeline is put together wrongly (before any node runs).
            NodeExecutionError: A node failed (with on_error="raise").
        """
        return self._execute_run_sync(data, on_error).completed()

    def map_sync(
        self,
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
    ) -> list[Any]:
        """`map` for synchronous code: every input's result, in input order.

        Takes `map`'s options and runs it on a private event loop (see `execute_sync`).
        """
        return call_blocking(
            lambda: self.map(inputs, concurrency=concurrency, on_error=on_error, progress=progress)
        )

    def close(self) -> None:
        """`aclose` for synchronous code: release the thread pool and the nodes' resources."""
        call_blocking(self.aclose)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# -- blocking on a coroutine --------------------------------------------------------------


def call_blocking(make: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    """Run the coroutine `make()` to completion and return its result, from synchronous code.

    Without a running event loop in this thread, it runs on this thread's private loop (made
    on first use and kept, so that loop-bound state such as a batch node's pending batch or a
    cached node's in-flight call outlives one call; closed when the thread ends or at exit).
    Inside a running loop (a coroutine, a Jupyter cell, a node on the loop), it runs on a
    helper thread's private loop while this thread waits: the caller's loop is blocked
    meanwhile, but nothing waits on it, so nothing deadlocks.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run_here(make())
    return _helpers().submit(_run_made_here, make).result()


def _run_made_here(make: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    return _run_here(make())


def _run_here(coroutine: Coroutine[Any, Any, _T]) -> _T:
    """Run `coroutine` on this thread's private loop; an interrupt cancels it first."""
    loop = _thread_loop()
    task = loop.create_task(coroutine)
    try:
        return loop.run_until_complete(task)
    except BaseException:  # KeyboardInterrupt in a node or a signal handler: end the run too
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                loop.run_until_complete(task)
        raise


class _LoopOwner:
    """Held by one thread only: when the thread ends, dropping it closes the thread's loop."""

    __slots__ = ("__weakref__", "loop")

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        weakref.finalize(self, _close_loop, self.loop)  # also runs at interpreter exit


class _Local(threading.local):
    owner: _LoopOwner | None = None


_local = _Local()


def _thread_loop() -> asyncio.AbstractEventLoop:
    owner = _local.owner
    if owner is None or owner.loop.is_closed():
        owner = _local.owner = _LoopOwner()
    return owner.loop


def _close_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Close a private loop that is not running (closing also releases its default executor)."""
    if not loop.is_running() and not loop.is_closed():
        loop.close()


_helper_pool: ThreadPoolExecutor | None = None
_helper_lock = threading.Lock()
_HELPERS = 1 << 12
"""The most helper threads: one per synchronous call waiting inside a running loop at once
(nested calls included); idle ones are reused."""


def _helpers() -> ThreadPoolExecutor:
    global _helper_pool  # one process-wide pool, made on first use
    with _helper_lock:
        if _helper_pool is None:
            _helper_pool = ThreadPoolExecutor(_HELPERS, "typedflow.sync")
        return _helper_pool
