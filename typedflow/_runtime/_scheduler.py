"""The DAG scheduler: runs one execution of a compiled plan, concurrently, with per-run state.

A chain runs inside one coroutine with no task per node. Where a node releases several
ready nodes, the extra ones become tasks owned by the run; a task keeps going down its own
chain. The driver (the caller's coroutine) only runs nodes while no task exists, so that a
failure elsewhere never has to cancel the caller's own task.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from .._errors import NodeExecutionError, NodeTypeError
from ._calls import call_special, run_segment
from ._node import ASYNC, INLINE, THREAD, ExecutionContext, NodeStatus, await_result
from ._record import NodeEvent, RunRecord, brief, failure_level
from ._routing import NOT_ROUTED
from ._tasks import TaskGroup

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._node import Special

__all__ = ["Plan", "Run", "execute_plan", "raise_failure"]

logger = logging.getLogger("typedflow")

_PENDING = NodeStatus.PENDING
_RUNNING = NodeStatus.RUNNING
_COMPLETED = NodeStatus.COMPLETED
_FAILED = NodeStatus.FAILED
_SKIPPED = NodeStatus.SKIPPED
_perf = time.perf_counter


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything about a pipeline that does not depend on the input, computed once.

    Attributes:
        pipeline: The pipeline's name.
        names: Node names by index.
        modes: How to call each node (see `_node.ASYNC` and friends).
        fns: The callable for each node.
        edges: For each node, its out-edges as `(head, argument slot)` pairs.
        indegree: Number of in-edges of each node.
        starts: Indices of the start nodes.
        sinks: Indices of the nodes with no out-edges.
        context: The pipeline's execution context (thread pool).
        segments: For a THREAD node that starts a straight run of THREAD nodes (each the only
            successor of the one before, with no other in-edge), the run's node indices:
            the whole run executes in one thread hop. None elsewhere.
        special: For each node that needs more than a plain call (a fault policy, an
            executor, checks), what the slow path needs; None elsewhere (the fast path).
        routes: For each router node (`route`), the indices of each branch's entry nodes;
            None elsewhere, and None for a pipeline without routes.
        merges: Whether each node is a route's merge node (it runs with the one branch
            output it gets); None for a pipeline without routes.
        deps: The names of the nodes that take the run's deps (see `_deps`).
    """

    pipeline: str
    names: tuple[str, ...]
    modes: tuple[int, ...]
    fns: tuple[Callable[..., Any], ...]
    edges: tuple[tuple[tuple[int, int], ...], ...]
    indegree: tuple[int, ...]
    starts: tuple[int, ...]
    sinks: tuple[int, ...]
    context: ExecutionContext
    segments: tuple[tuple[int, ...] | None, ...]
    special: tuple[Special | None, ...]
    routes: tuple[tuple[tuple[int, ...], ...] | None, ...] | None = None
    merges: tuple[bool, ...] | None = None
    deps: tuple[str, ...] = ()


class Run:
    """The mutable state of one execution; nothing of it is shared with other executions."""

    __slots__ = (
        "attempts",
        "emit",
        "ended",
        "errors",
        "failure",
        "fatal",
        "outputs",
        "plan",
        "publish",
        "remaining",
        "run_id",
        "slots",
        "started",
        "status",
        "stop_on_error",
        "tasks",
        "waiter",
    )

    def __init__(
        self,
        plan: Plan,
        run_id: int,
        stop_on_error: bool,
        publish: Callable[[NodeEvent], None] | None,
    ) -> None:
        n = len(plan.names)
        self.plan = plan
        self.run_id = run_id
        self.stop_on_error = stop_on_error
        self.publish = publish
        self.emit = publish is not None
        self.status = [_PENDING] * n
        self.outputs: list[Any] = [None] * n
        self.errors: list[BaseException | None] = [None] * n
        self.started: list[float | None] = [None] * n
        self.ended: list[float | None] = [None] * n
        self.remaining = list(plan.indegree)
        self.slots: list[list[Any] | None] = [None] * n
        self.tasks = TaskGroup(self._task_done)
        self.waiter: asyncio.Future[None] | None = None
        self.failure: tuple[int, BaseException] | None = None
        self.fatal: BaseException | None = None  # a BaseException that ended a branch's task
        self.attempts: list[int] | None = None

    def record(self) -> RunRecord:
        """A view of this run's state."""
        return RunRecord(
            self.run_id,
            self.plan.names,
            self.status,
            self.outputs,
            self.started,
            self.ended,
            self.errors,
            self.attempts,
        )

    def completed(self) -> dict[str, Any]:
        """The outputs of the nodes that completed, by name (what `execute` returns)."""
        outputs, names = self.outputs, self.plan.names
        return {names[i]: outputs[i] for i, st in enumerate(self.status) if st is _COMPLETED}

    def event(
        self,
        i: int,
        status: NodeStatus,
        error: BaseException | None = None,
        attempt: int = 0,
        reason: str | None = None,
    ) -> None:
        """Publish a state change of node `i` (only called when someone subscribes)."""
        started, ended = self.started[i], self.ended[i]
        duration = ended - started if started is not None and ended is not None else None
        if not attempt:
            attempt = self.attempts[i] if self.attempts is not None and self.attempts[i] else 1
        assert self.publish is not None
        self.publish(
            NodeEvent(
                self.run_id,
                self.plan.pipeline,
                self.plan.names[i],
                status,
                time.time(),
                duration,
                error,
                attempt,
                reason,
            )
        )

    def spawn(self, i: int, args: tuple[Any, ...]) -> None:
        """Start node `i` (and the chain below it) in a task owned by this run."""
        if self.failure is not None and self.stop_on_error:
            self.skip(i)
            return
        self.tasks.start(_work(self, i, args, driver=False))

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        if self.fatal is None:
            # Not an `Exception` (those are recorded as failures): a `BaseException` such as
            # `GeneratorExit` or a test framework's failure ends the run, as on a chain.
            self.fatal = self.tasks.error
        waiter = self.waiter
        if (not self.tasks or self.fatal is not None) and waiter is not None and not waiter.done():
            waiter.set_result(None)

    def skip(self, i: int, reason: str | None = None) -> None:
        """Mark node `i` and every pending descendant SKIPPED (with `reason` on the events,
        up to a route's merge node, which is SKIPPED only when each of its branches is)."""
        status, edges, merges = self.status, self.plan.edges, self.plan.merges
        todo = [(i, reason)]
        while todo:
            v, why = todo.pop()
            if status[v] is not _PENDING:
                continue
            if merges is not None and merges[v]:
                self.remaining[v] -= 1
                if self.remaining[v] > 0:
                    continue
                why = None
            status[v] = _SKIPPED
            if self.emit:
                self.event(v, _SKIPPED, reason=why)
            todo.extend((j, why) for j, _ in edges[v])

    def route(self, branches: tuple[tuple[int, ...], ...], chosen: int) -> None:
        """A router chose branch `chosen`: every node of the others is SKIPPED."""
        for k, entries in enumerate(branches):
            if k != chosen:
                for j in entries:
                    self.skip(j, NOT_ROUTED)

    def fail(self, i: int, exc: BaseException) -> None:
        """Record node `i`'s failure; when stopping on errors, cancel the other branches."""
        logger.log(
            failure_level(),
            "node `%s` failed in pipeline `%s` (run %d): %s",
            self.plan.names[i],
            self.plan.pipeline,
            self.run_id,
            brief(exc),
        )
        for j, _ in self.plan.edges[i]:
            self.skip(j)
        if self.failure is None:
            self.failure = (i, exc)
        if self.stop_on_error and self.tasks:  # none without a loop (see `_sync.run_fast`)
            self.tasks.cancel(keep=asyncio.current_task())

    def finish_pending(self) -> None:
        """After an abort, every node that never ran is SKIPPED."""
        merges = self.plan.merges
        for i, st in enumerate(self.status):
            if st is _PENDING:
                if merges is not None and merges[i]:
                    self.remaining[i] = 1  # no branch will come: skip it now
                self.skip(i)


async def _work(run: Run, i: int, args: tuple[Any, ...], *, driver: bool) -> None:
    """Run node `i`, then keep going down the chain while exactly one node becomes ready."""
    plan = run.plan
    status, outputs, started, ended = run.status, run.outputs, run.started, run.ended
    modes, fns, edges, indegree = plan.modes, plan.fns, plan.edges, plan.indegree
    special, routes, merges = plan.special, plan.routes, plan.merges
    remaining = run.remaining
    while True:
        if run.failure is not None and run.stop_on_error:
            run.skip(i)
            return
        status[i] = _RUNNING
        if run.emit:
            run.event(i, _RUNNING)
        started[i] = _perf()
        mode = modes[i]
        try:
            if special[i] is not None:
                out = await call_special(run, i, args)
            elif mode == ASYNC:
                out = await fns[i](*args)
            elif mode == INLINE:
                out = fns[i](*args)
            elif mode == THREAD:
                segment = plan.segments[i]
                if segment is None or run.emit:  # fused, events could only come afterwards
                    out = await plan.context.run_sync(fns[i], args)
                else:
                    i, ok, out = await run_segment(run, segment, args)
                    if not ok:
                        raise out  # noqa: TRY301  (the failing node's error, handled below)
            else:
                out = await await_result(fns[i](*args), plan.names[i])
        except asyncio.CancelledError as exc:
            if _cancelled():
                _ended(run, i, _SKIPPED, exc)
                raise
            _ended(run, i, _FAILED, exc)  # the node's own `raise CancelledError()`: a failure
            run.fail(i, exc)
            return
        except Exception as exc:  # noqa: BLE001  (any failure of user code is recorded)
            _ended(run, i, _FAILED, exc)
            run.fail(i, exc)
            return
        except BaseException as exc:  # GeneratorExit, a test framework's failure: ends the run
            _ended(run, i, _FAILED, exc)
            raise
        ended[i] = _perf()
        status[i] = _COMPLETED
        branches = routes[i] if routes is not None else None
        chosen = 0
        if branches is not None:  # a router: `out` is the chosen branch, its input goes on
            chosen, out = out, args[0]
        outputs[i] = out
        if run.emit:
            run.event(i, _COMPLETED)
        if branches is not None:
            run.route(branches, chosen)
        elif out is None:
            for j, _ in edges[i]:
                run.skip(j)
            return
        nxt = -1
        nxt_args: tuple[Any, ...] = ()
        ready: list[tuple[int, tuple[Any, ...]]] | None = None
        for j, slot in edges[i]:
            if status[j] is not _PENDING:
                continue
            if indegree[j] == 1 or (merges is not None and merges[j]):
                ready_args: tuple[Any, ...] = (out,)
            else:
                buffer = run.slots[j]
                if buffer is None:
                    buffer = run.slots[j] = [None] * indegree[j]
                buffer[slot] = out
                remaining[j] -= 1
                if remaining[j]:
                    continue
                ready_args = tuple(buffer)
            if nxt < 0:
                nxt, nxt_args = j, ready_args
            elif ready is None:
                ready = [(j, ready_args)]
            else:
                ready.append((j, ready_args))
        if nxt < 0:
            return
        if ready is not None:
            if driver:
                run.spawn(nxt, nxt_args)
                for j, a in ready:
                    run.spawn(j, a)
                return
            for j, a in ready:
                run.spawn(j, a)
        i, args = nxt, nxt_args


def _cancelled() -> bool:
    """Whether this task is being cancelled (not just seeing a `CancelledError` a node raised)."""
    task = asyncio.current_task()
    return task is None or task.cancelling() > 0


def _ended(run: Run, i: int, status: NodeStatus, exc: BaseException) -> None:
    """Node `i` ended with `exc` (failed, or skipped by a cancellation)."""
    run.ended[i] = _perf()
    run.status[i] = status
    run.errors[i] = exc
    if run.emit:
        run.event(i, status, exc)


async def execute_plan(run: Run, data: Any) -> None:
    """Run every node of the plan once on `data`.

    Raises:
        NodeExecutionError: When stopping on errors and a node failed (the original chained).
        asyncio.CancelledError: When the caller is cancelled; every task of the run is
            cancelled and awaited first.
    """
    starts = run.plan.starts
    try:
        if len(starts) == 1:
            await _work(run, starts[0], (data,), driver=True)
        else:
            for s in starts:
                run.spawn(s, (data,))
        if run.tasks and run.fatal is None:
            run.waiter = asyncio.get_running_loop().create_future()
            await run.waiter
    except BaseException:  # cancelled, or a BaseException on the driving chain
        await run.tasks.aclose()
        run.finish_pending()
        raise
    if run.fatal is not None:  # a BaseException in a branch: the same as on the chain
        await run.tasks.aclose()
        run.finish_pending()
        raise run.fatal
    if run.failure is not None:
        run.finish_pending()
        if run.stop_on_error:
            raise_failure(run)


def raise_failure(run: Run) -> NoReturn:
    """Raise the run's first failure as a `NodeExecutionError` chaining the node's error, or
    as the `NodeTypeError` itself when a runtime type check failed."""
    assert run.failure is not None
    i, exc = run.failure
    if isinstance(exc, NodeTypeError):  # a runtime type check: already names node and pipeline
        raise exc
    name, pipeline = run.plan.names[i], run.plan.pipeline
    attempts = run.attempts[i] if run.attempts is not None and run.attempts[i] else 1
    raise NodeExecutionError(
        f"node `{name}` in pipeline `{pipeline}` failed"
        + (f" after {attempts} attempts" if attempts > 1 else "")
        + f": {type(exc).__name__}: {exc}",
        node=name,
        pipeline=pipeline,
        attempts=attempts,
    ) from exc
