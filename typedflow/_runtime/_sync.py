"""Calling a pipeline from synchronous code: the loop-free path for graphs of plain sync nodes
(see `_loopfree`), else the pipeline's private event loop, in a thread of its own."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import weakref
from collections.abc import AsyncIterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from .._errors import PipelineError
from ._deps import NO_DEPS, current_deps, require_deps
from ._loopfree import FastRun, fast_plan, run_fast
from ._record import carry_recordings, note_run, recordings
from ._rx import is_observable
from ._tasks import TaskGroup

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Iterable, Iterator
    from types import TracebackType

    from rx.core import Observable

    from ._events import EventStream
    from ._loopfree import FastPlan
    from ._otel import Tracing
    from ._pipeline import OnError
    from ._progress import Progress
    from ._scheduler import Plan, Run
    from ._stream import StreamErrors

__all__ = ["Blocking", "LoopThread"]

_T = TypeVar("_T")


class Blocking:
    """The synchronous API of a pipeline, for scripts, notebooks and WSGI views; mixed into
    `Pipeline`, which gives what it declares here."""

    _events: EventStream
    _tracing: Tracing | None
    _fast: tuple[Plan | None, FastPlan | None]  # the plan last asked about, its loop-free form
    _run_ids: Iterator[int]
    _last: Run | None
    _plan: Plan | None
    _loop_thread: LoopThread | None
    _closing: bool
    name: str
    on_error: OnError

    def _compile(self) -> Plan:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    def _stops(self, on_error: OnError | None) -> bool:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    async def _execute_run(
        self, data: Any, on_error: OnError | None, deps: Any = NO_DEPS, *, sinks_only: bool = False
    ) -> Run:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    async def map(
        self,
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: Any = NO_DEPS,
    ) -> list[Any]:
        raise NotImplementedError  # pragma: no cover - Streaming defines it

    async def aclose(self) -> None:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    def _execute_run_sync(
        self, data: Any, on_error: OnError | None, deps: Any = NO_DEPS, *, sinks_only: bool = False
    ) -> Run:
        """The one entry point of `execute_sync` and `run_sync`: run once on `data`.

        When every node is a plain synchronous call and nobody listens to events, the nodes
        run right here, in topological order, with no event loop; else `_execute_run` runs
        on a private loop (see `call_blocking`).
        """
        plan = self._plan or self._compile()
        fast = self._fast_plan(plan)
        listened = self._events.publisher() is not None or self._tracing is not None
        if fast is None or listened:
            return self._call_blocking(
                lambda: self._execute_run(data, on_error, deps, sinks_only=sinks_only)
            )
        stops = self.on_error == "raise" if on_error is None else self._stops(on_error)
        if deps is NO_DEPS and plan.deps:
            require_deps(self.name, plan.deps, deps)
        return self._run_fast(fast, data, stops, deps)

    def _fast_plan(self, plan: Plan) -> FastPlan | None:
        """The loop-free form of `plan` (see `fast_plan`), or None, decided once per plan."""
        known, fast = self._fast
        if known is not plan:
            fast = fast_plan(plan)
            self._fast = (plan, fast)
        return fast

    def _run_fast(self, fast: FastPlan, data: Any, stops: bool, deps: Any) -> FastRun:
        """Run `fast` on `data` in this thread, as the latest run."""
        run = self._last = FastRun(fast, next(self._run_ids), stops)
        try:
            if deps is NO_DEPS:  # no context manager per call: it costs as much as two nodes
                run_fast(run, fast, data)
            else:
                with current_deps(deps):
                    run_fast(run, fast, data)
        finally:
            if recordings():  # a caller's own record (`recording`): one lookup otherwise
                note_run(self, run.record())
        return run

    def _pooled_plan(self, inputs: object) -> FastPlan | None:
        """The loop-free plan on which `stream` runs `inputs` in the pool's threads (see
        `_pooled`), or None: unless the inputs are a plain iterable and the pipeline a straight
        chain of plain sync nodes run on its pool, with nobody listening to events."""
        if isinstance(inputs, AsyncIterable) or is_observable(inputs) or self._closing:
            return None
        if self._events.publisher() is not None or self._tracing is not None:
            return None
        try:
            plan = self._plan or self._compile()
        except PipelineError:  # raised for each input by the usual path
            return None
        fast = self._fast_plan(plan)
        if fast is None or not fast.chain or not all(fast.threaded):
            return None
        return fast

    def execute_sync(
        self, data: Any, *, on_error: OnError | None = None, deps: Any = NO_DEPS
    ) -> dict[str, Any]:
        """`execute` for synchronous code: the outputs keyed by node name.

        A graph of plain synchronous nodes (no async, batch or cached node, no sub-pipeline,
        retries, timeout, limit, executor or runtime checks) runs in the calling thread,
        node after node, without an event loop, unless an event subscriber listens. Any
        other graph runs on the pipeline's private event loop, in a thread of its own (made
        on first use, kept until `close`), while the caller waits: from plain code, worker
        threads, or inside a running event loop (a coroutine, a Jupyter cell; that loop is
        blocked meanwhile, so from a coroutine prefer `await execute(...)`). A node may
        itself call a pipeline synchronously, its own included.

        Raises:
            PipelineError: The pipeline is put together wrongly (before any node runs).
            NodeExecutionError: A node failed (with on_error="raise").
        """
        return self._execute_run_sync(data, on_error, deps).completed()

    def map_sync(
        self,
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: Any = NO_DEPS,
    ) -> list[Any]:
        """`map` for synchronous code: every input's result, in input order.

        Takes `map`'s options and runs it on the pipeline's private loop (see `execute_sync`).
        """
        return self._call_blocking(
            lambda: self.map(
                inputs, concurrency=concurrency, on_error=on_error, progress=progress, deps=deps
            )
        )

    def close(self) -> None:
        """`aclose` for synchronous code: release the thread pool, the nodes' resources and
        the private event loop (a later call starts a new one)."""
        self._call_blocking(self.aclose)
        self._stop_loop()

    def _call_blocking(self, make: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
        """Run `make()` on this pipeline's private loop (see `LoopThread`) and wait."""
        runner = self._loop_thread
        if runner is None:
            with _helper_lock:  # one loop, however many threads call at once
                runner = self._loop_thread
                if runner is None:
                    runner = self._loop_thread = start_loop(self, self.name)
        return runner.call(carry_recordings(make))

    def _stop_loop(self) -> None:
        """Stop the private loop, if any, unless this runs on it (then `close` stops it)."""
        runner = self._loop_thread
        if runner is not None and threading.current_thread() is not runner.thread:
            self._loop_thread = None
            runner.stop()

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


class LoopThread:
    """A pipeline's private event loop, running in a daemon thread of its own.

    Every synchronous call of the pipeline that needs a loop runs there, from whichever
    thread it comes (a script, WSGI worker threads, a Jupyter cell's running loop, a node):
    loop-bound state (a batch node's pending batch, a cached node's in-flight calls) then
    sees all of them, and concurrent calls batch together. The caller waits; nothing it
    waits on runs on its own loop, so nothing deadlocks. A call from a node running on a
    private loop (nested, maybe to its own pipeline, whose loop is then blocked) runs on a
    fresh loop in a helper thread instead.
    """

    __slots__ = ("__weakref__", "loop", "tasks", "thread")

    def __init__(self, name: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.tasks = TaskGroup()  # the calls running on the loop
        self.thread = threading.Thread(target=self._serve, name=f"typedflow.loop-{name}")
        self.thread.daemon = True  # never holds up the exit; `stop` runs at exit (`start_loop`)
        self.thread.start()

    def _serve(self) -> None:
        _here.private = True
        loop = self.loop
        try:
            loop.run_forever()
        finally:
            try:
                loop.run_until_complete(self.tasks.aclose())
                _cancel_all(loop)  # what the calls' nodes started and left
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                loop.close()

    def call(self, make: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
        """Run `make()` on the loop, as a task of its group, and wait for its result (an
        interrupt cancels it)."""
        if _here.private:  # a node on a private loop: the loop it would wait on may be blocked
            return _helpers().submit(_run_fresh, make).result()
        call = _Call(make())
        try:
            self.loop.call_soon_threadsafe(self._start, call)
        except RuntimeError:  # the loop is closed
            call.coro.close()
            raise
        try:
            return call.result.result()
        except BaseException:  # KeyboardInterrupt while waiting: end the run too
            self.loop.call_soon_threadsafe(call.cancel)
            raise

    def _start(self, call: _Call[Any]) -> None:
        """On the loop: start `call` in the group, its result going to the caller's future."""
        if call.cancelled:
            call.coro.close()
            return
        call.task = task = self.tasks.start(call.coro)
        task.add_done_callback(call.settle)

    def stop(self) -> None:
        """Stop and close the loop (its tasks cancelled), waiting unless called from it."""
        if self.loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # closed meanwhile
            self.loop.call_soon_threadsafe(self.loop.stop)
        if threading.current_thread() is not self.thread:
            self.thread.join()


class _Call(Generic[_T]):
    """One call of `LoopThread.call`: its coroutine, its task once started, and the future
    the calling thread waits on."""

    __slots__ = ("cancelled", "coro", "result", "task")

    def __init__(self, coro: Coroutine[Any, Any, _T]) -> None:
        self.coro = coro
        self.task: asyncio.Task[_T] | None = None
        self.result: Future[_T] = Future()
        self.cancelled = False

    def settle(self, task: asyncio.Task[_T]) -> None:
        """The task ended: hand its outcome to the waiting thread."""
        if task.cancelled():
            self.result.cancel()
        elif (error := task.exception()) is not None:
            self.result.set_exception(error)
        else:
            self.result.set_result(task.result())

    def cancel(self) -> None:
        """On the loop: the caller gave up waiting."""
        self.cancelled = True
        if self.task is not None:
            self.task.cancel()


def start_loop(owner: object, name: str) -> LoopThread:
    """A `LoopThread` for `owner`, stopped when `owner` is collected or at exit."""
    runner = LoopThread(name)
    weakref.finalize(owner, runner.stop)
    return runner


def _cancel_all(loop: asyncio.AbstractEventLoop) -> None:
    tasks = asyncio.all_tasks(loop)
    for task in tasks:
        task.cancel()
    if tasks:
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))


def _run_fresh(make: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    _here.private = True
    try:
        return asyncio.run(make())
    finally:
        _here.private = False


class _Here(threading.local):
    private = False
    """Whether this thread runs a private loop (a pipeline's, or a fresh one of a helper)."""


_here = _Here()


_helper_pool: ThreadPoolExecutor | None = None
_helper_lock = threading.Lock()
_HELPERS = 1 << 10
"""The most helper threads: one per call made by a node on a private loop and waiting at once
(each runs on a fresh loop); idle ones are reused."""


def _helpers() -> ThreadPoolExecutor:
    global _helper_pool  # one process-wide pool, made on first use
    with _helper_lock:
        if _helper_pool is None:
            _helper_pool = ThreadPoolExecutor(_HELPERS, "typedflow.sync")
        return _helper_pool
