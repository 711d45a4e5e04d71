"""Calling a pipeline from synchronous code: a private event loop per thread, a helper thread
inside a running loop, and a loop-free path for graphs of plain synchronous nodes."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self, TypeVar

from ._node import INLINE, THREAD, NodeStatus, stop_iteration_error
from ._record import RunRecord
from ._scheduler import Run, raise_failure

if TYPE_CHECKING:
    from collections.abc import AsyncIterable, Callable, Coroutine, Iterable, Iterator
    from types import TracebackType

    from rx.core import Observable

    from ._events import EventStream
    from ._pipeline import OnError
    from ._progress import Progress
    from ._scheduler import Plan
    from ._stream import StreamErrors

__all__ = ["Blocking", "FastPlan", "FastRun", "call_blocking", "fast_plan", "run_fast"]

_T = TypeVar("_T")
_PENDING = NodeStatus.PENDING
_RUNNING = NodeStatus.RUNNING
_COMPLETED = NodeStatus.COMPLETED
_FAILED = NodeStatus.FAILED
_SKIPPED = NodeStatus.SKIPPED
_perf = time.perf_counter


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


# -- the loop-free path ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FastPlan:
    """A plan whose nodes are all plain synchronous calls, in topological order.

    Attributes:
        plan: The plan it was derived from.
        order: Node indices, each after all of its upstreams.
        upstream: For each node, its upstream node indices in argument order.
        threaded: For each node, whether the async path runs it on the thread pool (through
            `call_sync`, which turns a StopIteration into a RuntimeError) or inline.
        pending: Every node PENDING: what a run's statuses start as (copied).
        no_errors: No node's error: shared by the runs without a failure (never written).
        no_times: No node's time: shared by every run (see `FastRun`; never written).
        chain: Whether the nodes form one straight chain (in `order`): each feeds the next.
    """

    plan: Plan
    order: tuple[int, ...]
    upstream: tuple[tuple[int, ...], ...]
    threaded: tuple[bool, ...]
    pending: tuple[NodeStatus, ...]
    no_errors: list[BaseException | None]
    no_times: list[float | None]
    chain: bool


def fast_plan(plan: Plan) -> FastPlan | None:
    """The loop-free form of `plan`, or None when a node needs the event loop (an async
    node, a batch or cached node, a sub-pipeline, an executor, a policy, runtime checks)."""
    if any(s is not None for s in plan.special) or any(
        m != THREAD and m != INLINE for m in plan.modes
    ):
        return None
    n = len(plan.names)
    upstream: list[list[int]] = [[0] * k for k in plan.indegree]
    for i, out in enumerate(plan.edges):
        for j, slot in out:
            upstream[j][slot] = i
    remaining = list(plan.indegree)
    ready = [i for i in range(n) if not remaining[i]]
    ready.reverse()  # start nodes in the order they were added
    order: list[int] = []
    while ready:
        i = ready.pop()
        order.append(i)
        for j, _ in reversed(plan.edges[i]):
            remaining[j] -= 1
            if not remaining[j]:
                ready.append(j)
    threaded = tuple(m == THREAD for m in plan.modes)
    return FastPlan(
        plan,
        tuple(order),
        tuple(tuple(u) for u in upstream),
        threaded,
        (_PENDING,) * n,
        [None] * n,
        [None] * n,
        all(upstream[j] == [i] for i, j in itertools.pairwise(order)) and len(plan.starts) == 1,
    )


class FastRun(Run):
    """A `Run` of a `FastPlan`: only what a loop-free run uses is allocated per run.

    The clock is read twice per run (it costs as much as a small node): every node that ran
    has the run's start and end as its own (`record` fills them in).
    """

    __slots__ = ("began", "finished")

    def __init__(self, fast: FastPlan, run_id: int, stop_on_error: bool) -> None:
        # Not `Run.__init__`: it allocates what only the scheduler uses.
        self.plan = fast.plan
        self.run_id = run_id
        self.stop_on_error = stop_on_error
        self.publish = None
        self.emit = False
        self.status = list(fast.pending)
        self.outputs = [None] * len(fast.pending)
        self.errors = fast.no_errors  # replaced by a list of its own on a failure
        self.started = self.ended = fast.no_times
        self.tasks = _NO_TASKS
        self.failure = None
        self.fatal = None
        self.attempts = None
        self.began = self.finished = 0.0

    def record(self) -> RunRecord:
        """A view of this run's state (times: the run's, for every node that ran)."""
        ran = [st is not _PENDING and st is not _SKIPPED for st in self.status]
        return RunRecord(
            self.run_id,
            self.plan.names,
            self.status,
            self.outputs,
            [self.began if r else None for r in ran],
            [self.finished if r else None for r in ran],
            self.errors,
            None,
        )


_NO_TASKS: set[asyncio.Task[None]] = set()  # never added to: a loop-free run has no tasks


def run_fast(run: FastRun, fast: FastPlan, data: Any) -> None:
    """Execute `run` in this thread, node after node, as plain calls do (in the caller's
    `contextvars` context).

    The same outcome as `execute_plan` (statuses, outputs, skipped branches, failures and
    the error raised), without an event loop; nobody listens to events (else the scheduler
    runs, so that events come as changes happen).
    """
    run.began = _perf()
    try:
        (_run_chain if fast.chain else _run_nodes)(run, fast, data)
    finally:
        run.finished = _perf()
    if run.failure is not None:
        run.finish_pending()
        if run.stop_on_error:
            raise_failure(run)


def _run_chain(run: FastRun, fast: FastPlan, data: Any) -> None:
    """`_run_nodes` for a straight chain: each node takes the previous one's output."""
    status, outputs, fns = run.status, run.outputs, fast.plan.fns
    out = data
    for i in fast.order:
        status[i] = _RUNNING
        try:
            out = fns[i](out)
        except Exception as exc:  # noqa: BLE001  (recorded as the node's failure)
            _failed(run, fast, i, exc)
            return
        except BaseException as exc:  # KeyboardInterrupt and friends: end the run
            _failed(run, fast, i, exc)
            run.finish_pending()
            raise
        status[i] = _COMPLETED
        outputs[i] = out
        if out is None:
            for j, _ in fast.plan.edges[i]:
                run.skip(j)
            return


def _run_nodes(run: FastRun, fast: FastPlan, data: Any) -> None:
    status, outputs = run.status, run.outputs
    fns, upstream, edges = fast.plan.fns, fast.upstream, fast.plan.edges
    for i in fast.order:
        if status[i] is not _PENDING:  # skipped: below a filter or a failure
            continue
        ups = upstream[i]
        status[i] = _RUNNING
        try:
            if not ups:
                out = fns[i](data)
            elif len(ups) == 1:
                out = fns[i](outputs[ups[0]])
            else:
                out = fns[i](*[outputs[u] for u in ups])
        except Exception as exc:  # noqa: BLE001  (recorded as the node's failure)
            _failed(run, fast, i, exc)
            if run.stop_on_error:
                return
            continue
        except BaseException as exc:  # KeyboardInterrupt and friends: end the run
            _failed(run, fast, i, exc)
            run.finish_pending()
            raise
        status[i] = _COMPLETED
        outputs[i] = out
        if out is None:
            for j, _ in edges[i]:
                run.skip(j)


def _failed(run: FastRun, fast: FastPlan, i: int, exc: BaseException) -> None:
    """Record node `i`'s failure as the scheduler does."""
    if isinstance(exc, StopIteration) and fast.threaded[i]:
        error = stop_iteration_error(fast.plan.fns[i])
        error.__cause__ = exc
        exc = error
    run.status[i] = _FAILED
    if run.errors is fast.no_errors:
        run.errors = [None] * len(run.errors)
    run.errors[i] = exc
    if isinstance(exc, Exception):
        run.fail(i, exc)
