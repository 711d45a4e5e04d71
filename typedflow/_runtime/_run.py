"""`Plan` and `Run`: what a pipeline's executions share, and the one owner of an execution's
node states.

Every change of a node's status in a scheduled run (with its times, output or error, and the
event announcing it) goes through a `Run` method: `begin`, `complete`, `end`, `failed`,
`skip`. The loop-free path (`_loopfree`) and the fused thread hop (`_calls.run_segment`) write
the same fields for plain calls nobody listens to.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._node import ASYNC, INLINE, ExecutionContext, NodeStatus
from ._record import NodeEvent, RunRecord, brief, failure_level
from ._routing import NOT_ROUTED
from ._tasks import TaskGroup

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._node import Special

__all__ = ["NO_TASKS", "Plan", "Ready", "Run", "thread_segments"]

logger = logging.getLogger("typedflow")

_PENDING = NodeStatus.PENDING
_RUNNING = NodeStatus.RUNNING
_COMPLETED = NodeStatus.COMPLETED
_FAILED = NodeStatus.FAILED
_SKIPPED = NodeStatus.SKIPPED
_perf = time.perf_counter

Ready = tuple[int, tuple[Any, ...], "list[tuple[int, tuple[Any, ...]]] | None"]
"""The nodes a completed node made ready: the first one (-1: none) with its arguments, and
the others with theirs (None when there are none)."""
_NONE_READY: Ready = (-1, (), None)
_NO_ERRORS: list[BaseException | None] = []
"""The errors of a run before its first one: shared, never written (see `Run.own_errors`)."""
NO_TASKS = TaskGroup()
"""The tasks of a run that has started none: never started from (see `Run.own_tasks`)."""


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
        follower: For each node, its only successor when that one has no other in-edge (the
            next node of a chain), else -1.
        routes: For each router node (`route`), the indices of each branch's entry nodes;
            None elsewhere, and None for a pipeline without routes.
        merges: Whether each node is a route's merge node (it runs with the one branch
            output it gets); None for a pipeline without routes.
        deps: The names of the nodes that take the run's deps (see `_deps`).
        kept: Whether each node's output stays on its Dask cluster (see `_remote`); None
            when no output does.
        passes: For each node, the argument slots in which it takes None from an upstream
            that ended without a value (a filter that returned None, or a node such a None
            skipped) instead of being SKIPPED (the typed DSL sets them where the parameter
            admits None: see `PipelineNode`); None when no node has any (then the run's
            loop-free and fused paths apply).
        filters: With `passes`, whether each node's None is a filter's (only such a None,
            and the skips it causes, reach the `passes` slots).
        chain: The plain nodes (async or inline, no policy, executor, checks or route) the
            run goes through first, one after the other, from the single start node along
            `follower`: the scheduler awaits them in its own coroutine (see `_scheduler`).
            Empty when the start node is not one.
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
    follower: tuple[int, ...]
    routes: tuple[tuple[tuple[int, ...], ...] | None, ...] | None = None
    merges: tuple[bool, ...] | None = None
    deps: tuple[str, ...] = ()
    kept: tuple[bool, ...] | None = None
    passes: tuple[frozenset[int], ...] | None = None
    filters: tuple[bool, ...] | None = None
    chain: tuple[int, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "chain", self._plain_chain())

    def _plain_chain(self) -> tuple[int, ...]:
        if len(self.starts) != 1 or self.passes is not None:
            return ()
        modes, special, routes = self.modes, self.special, self.routes
        chain: list[int] = []
        i = self.starts[0]
        while (
            i >= 0
            and special[i] is None
            and (modes[i] == ASYNC or modes[i] == INLINE)
            and (routes is None or routes[i] is None)
        ):
            chain.append(i)
            i = self.follower[i]
        return tuple(chain)


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
        self.errors: list[BaseException | None] = _NO_ERRORS  # its own on the first error
        self.started: list[float | None] = [None] * n
        self.ended: list[float | None] = [None] * n
        self.remaining: list[int] | None = None  # made by the first fan-in or merge
        self.slots: list[list[Any] | None] | None = None  # made by the first fan-in
        self.tasks = NO_TASKS  # a group of its own once a branch needs a task
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
            self.own_errors(),  # the view's errors and attempts are the run's, however
            self.own_attempts(),  # early it is made (`recording` makes it as the run starts)
        )

    def own_attempts(self) -> list[int]:
        """The attempts of each node that has a fault policy (0: none counted), made on
        first use (most runs have no policy)."""
        attempts = self.attempts
        if attempts is None:
            attempts = self.attempts = [0] * len(self.plan.names)
        return attempts

    def own_errors(self) -> list[BaseException | None]:
        """The run's errors by node, made on first use (most runs have none)."""
        errors = self.errors
        if errors is _NO_ERRORS:
            errors = self.errors = [None] * len(self.plan.names)
        return errors

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

    def begin(self, i: int) -> None:
        """Node `i` starts running."""
        self.status[i] = _RUNNING
        if self.emit:
            self.event(i, _RUNNING)
        self.started[i] = _perf()

    def end(self, i: int, status: NodeStatus, exc: BaseException) -> None:
        """Node `i` ended with `exc` (failed, or skipped by a cancellation)."""
        self.ended[i] = _perf()
        self.status[i] = status
        self.own_errors()[i] = exc
        if self.emit:
            self.event(i, status, exc)

    def failed(self, i: int, exc: BaseException) -> None:
        """Node `i` failed with `exc`: recorded, and the run reacts (see `fail`)."""
        self.end(i, _FAILED, exc)
        self.fail(i, exc)

    def complete(self, i: int, out: Any, args: tuple[Any, ...]) -> Ready:
        """Node `i` returned `out` (called with `args`): record it and release its successors.

        A router's `out` is the chosen branch (its input goes on, the other branches are
        skipped); None from any other node skips everything below it.
        """
        plan = self.plan
        self.ended[i] = _perf()
        self.status[i] = _COMPLETED
        routes = plan.routes
        if routes is not None and (branches := routes[i]) is not None:
            chosen, out = out, args[0]  # a router: the chosen branch gets the router's input
            self.outputs[i] = out
            if self.emit:
                self.event(i, _COMPLETED)
            self.route(branches, chosen)
        else:
            self.outputs[i] = out
            if self.emit:
                self.event(i, _COMPLETED)
            if out is None:
                return self.no_value(i)
            j = plan.follower[i]
            if j >= 0 and self.status[j] is _PENDING:  # on a chain: no buffer, no list
                return j, (out,), None
        return self.release(plan.edges[i], out)

    def release(self, edges: tuple[tuple[int, int], ...], out: Any) -> Ready:
        """Hand `out` on along `edges`; the successors that now have every input."""
        status, remaining = self.status, self.remaining
        indegree, merges = self.plan.indegree, self.plan.merges
        slots = self.slots
        nxt = -1
        nxt_args: tuple[Any, ...] = ()
        ready: list[tuple[int, tuple[Any, ...]]] | None = None
        for j, slot in edges:
            if status[j] is not _PENDING:
                continue
            if indegree[j] == 1 or (merges is not None and merges[j]):
                ready_args: tuple[Any, ...] = (out,)
            else:
                if slots is None:
                    slots = self.slots = [None] * len(indegree)
                if remaining is None:
                    remaining = self.counts()
                buffer = slots[j]
                if buffer is None:
                    buffer = slots[j] = [None] * indegree[j]
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
        return nxt, nxt_args, ready

    def counts(self) -> list[int]:
        """How many inputs each node still waits for (made on first use: a chain has none)."""
        remaining = self.remaining
        if remaining is None:
            remaining = self.remaining = list(self.plan.indegree)
        return remaining

    def own_tasks(self) -> TaskGroup:
        """The run's own task group, made on first use (a chain needs none)."""
        tasks = self.tasks
        if tasks is NO_TASKS:
            tasks = self.tasks = TaskGroup(self._task_done)
        return tasks

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        if self.fatal is None:
            # Not an `Exception` (those are recorded as failures): a `BaseException` such as
            # `GeneratorExit` or a test framework's failure ends the run, as on a chain.
            self.fatal = self.tasks.error
        waiter = self.waiter
        if (not self.tasks or self.fatal is not None) and waiter is not None and not waiter.done():
            waiter.set_result(None)

    def no_value(self, i: int) -> Ready:
        """Node `i` gave None: when `i` is a filter, each successor that takes None in that
        argument (`Plan.passes`) gets it, and runs once it has all its inputs; every other one
        is SKIPPED, and ends without a value in turn. Any other None skips every node below.
        The successors that became ready."""
        plan = self.plan
        passes, filters = plan.passes, plan.filters
        if passes is None or filters is None or not filters[i]:  # None ends the branch
            for j, _ in plan.edges[i]:
                self.skip(j)
            return _NONE_READY
        status, edges = self.status, plan.edges
        ready: list[tuple[int, tuple[Any, ...]]] = []
        todo = [i]
        while todo:
            v = todo.pop()
            for j, slot in edges[v]:
                if status[j] is not _PENDING:
                    continue
                if slot in passes[j]:
                    k, args, _ = self.release(((j, slot),), None)
                    if k >= 0:
                        ready.append((k, args))
                elif self._skipped(j, None):
                    todo.append(j)
        if not ready:
            return _NONE_READY
        (k, args), *others = ready
        return k, args, others or None

    def skip(self, i: int, reason: str | None = None) -> None:
        """Mark node `i` and every pending descendant SKIPPED (with `reason` on the events,
        up to a route's merge node, which is SKIPPED only when each of its branches is)."""
        status, edges, merges = self.status, self.plan.edges, self.plan.merges
        todo = [(i, reason)]
        while todo:
            v, why = todo.pop()
            if status[v] is _PENDING and self._skipped(v, why):
                if merges is not None and merges[v]:
                    why = None
                todo.extend((j, why) for j, _ in edges[v])

    def _skipped(self, v: int, why: str | None) -> bool:
        """Mark pending node `v` SKIPPED, with `why` on its event; a route's merge node only
        once each of its branches was (False until then, and no reason: it ran no branch)."""
        merges = self.plan.merges
        if merges is not None and merges[v]:
            remaining = self.counts()
            remaining[v] -= 1
            if remaining[v] > 0:
                return False
            why = None
        self.status[v] = _SKIPPED
        if self.emit:
            self.event(v, _SKIPPED, reason=why)
        return True

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
                    self.counts()[i] = 1  # no branch will come: skip it now
                self.skip(i)


def thread_segments(
    fusable: list[bool], edges: list[list[tuple[int, int]]]
) -> tuple[tuple[int, ...] | None, ...]:
    """For each plain THREAD node that heads a straight run of such nodes, that run.

    Only a run's head gets it (a node inside a run is reached through the head's hop, or alone
    when events are published), so the whole computation is linear in the graph's size.
    """
    n = len(fusable)
    indegree = [0] * n
    for out in edges:
        for j, _ in out:
            indegree[j] += 1

    def follows(i: int) -> int:
        """The node fused after `i`, or -1."""
        out = edges[i]
        if fusable[i] and len(out) == 1 and indegree[out[0][0]] == 1 and fusable[out[0][0]]:
            return out[0][0]
        return -1

    inside = [False] * n
    for i in range(n):
        j = follows(i)
        if j >= 0:
            inside[j] = True
    segments: list[tuple[int, ...] | None] = [None] * n
    for i in range(n):
        if not fusable[i] or inside[i]:
            continue
        run = [i]
        while (j := follows(run[-1])) >= 0:
            run.append(j)
        segments[i] = tuple(run) if len(run) > 1 else None
    return tuple(segments)
