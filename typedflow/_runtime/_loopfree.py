"""The loop-free path: a graph of plain synchronous nodes run in the calling thread, node after
node, with the scheduler's outcome (statuses, outputs, skipped branches, failures, errors)."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._node import INLINE, THREAD, NodeStatus, stop_iteration_error
from ._record import RunRecord
from ._run import NO_TASKS
from ._scheduler import Run, raise_failure

if TYPE_CHECKING:
    from ._scheduler import Plan

__all__ = ["FastPlan", "FastRun", "fast_plan", "run_fast"]

_PENDING = NodeStatus.PENDING
_RUNNING = NodeStatus.RUNNING
_COMPLETED = NodeStatus.COMPLETED
_FAILED = NodeStatus.FAILED
_SKIPPED = NodeStatus.SKIPPED
_perf = time.perf_counter


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
    node, a batch or cached node, a sub-pipeline, an executor, a policy, runtime checks, a
    route, whose branches the scheduler picks) or takes None from a filter (`Plan.passes`)."""
    if (
        plan.passes is not None
        or plan.routes is not None
        or any(s is not None for s in plan.special)
    ) or any(m != THREAD and m != INLINE for m in plan.modes):
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
        self.tasks = NO_TASKS
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
