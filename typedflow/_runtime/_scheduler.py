"""The DAG scheduler: runs one execution of a compiled plan, concurrently, with per-run state.

A chain runs inside one coroutine with no task per node; the plain async or inline nodes
a run begins with (`Plan.chain`) are awaited one after the other right in the driver, with
only their statuses, times and outputs written, when nobody listens to events. Where a node
releases several ready nodes, the extra ones become tasks owned by the run, started eagerly
(see `TaskGroup.start_eager`); a task keeps going down its own chain. The driver (the
caller's coroutine) only runs nodes while no task exists, so that a failure elsewhere never
has to cancel the caller's own task.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, NoReturn

from .._errors import NodeExecutionError, NodeTypeError
from ._calls import call_special, run_segment
from ._node import ASYNC, INLINE, THREAD, NodeStatus, await_result
from ._run import NO_TASKS, Plan, Run

__all__ = ["Plan", "Run", "execute_plan", "raise_failure"]

_RUNNING = NodeStatus.RUNNING
_COMPLETED = NodeStatus.COMPLETED
_FAILED = NodeStatus.FAILED
_SKIPPED = NodeStatus.SKIPPED
_perf = time.perf_counter


def _chain_done(run: Run, out: Any) -> tuple[int, tuple[Any, ...]]:
    """The plan's chain completed with `out`: hand it on to the nodes after it; the node
    the driver goes on with (-1: none) and its arguments."""
    i, args, others = run.release(run.plan.edges[run.plan.chain[-1]], out)
    if others is not None:
        i = _spawn_others(run, i, args, others, driver=True)
    return i, args


def _ends_run(run: Run, i: int, exc: BaseException) -> bool:
    """Record how node `i` ended with `exc`; whether the run ends here (re-raise it): this
    task is cancelled, or `exc` is no `Exception` (GeneratorExit, a test framework's)."""
    if isinstance(exc, asyncio.CancelledError):
        if _cancelled():
            run.end(i, _SKIPPED, exc)
            return True
        run.failed(i, exc)  # the node's own `raise CancelledError()`: a failure
        return False
    if isinstance(exc, Exception):  # any failure of user code is recorded
        run.failed(i, exc)
        return False
    run.end(i, _FAILED, exc)
    return True


async def _work(run: Run, i: int, args: tuple[Any, ...], *, driver: bool) -> None:
    """Run node `i`, then keep going down the chain while exactly one node becomes ready."""
    plan = run.plan
    modes, fns, special = plan.modes, plan.fns, plan.special
    while True:
        if run.failure is not None and run.stop_on_error:
            run.skip(i)
            return
        run.begin(i)
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
        except BaseException as exc:
            if _ends_run(run, i, exc):
                raise
            return
        i, args, others = run.complete(i, out, args)
        if others is not None:
            i = _spawn_others(run, i, args, others, driver)
        if i < 0:
            return


def _spawn_others(
    run: Run, i: int, args: tuple[Any, ...], others: list[tuple[int, tuple[Any, ...]]], driver: bool
) -> int:
    """Several nodes became ready: start the others in tasks of their own, and return the node
    this task goes on with (-1 for the driver, which runs nodes only while no task exists)."""
    if driver:
        _spawn(run, i, args)
        i = -1
    for j, a in others:
        _spawn(run, j, a)
    return i


def _spawn(run: Run, i: int, args: tuple[Any, ...]) -> None:
    """Start node `i` (and the chain below it) in a task owned by the run."""
    if run.failure is not None and run.stop_on_error:
        run.skip(i)
        return
    run.own_tasks().start_eager(_work(run, i, args, driver=False))


def _cancelled() -> bool:
    """Whether this task is being cancelled (not just seeing a `CancelledError` a node raised)."""
    task = asyncio.current_task()
    return task is None or task.cancelling() > 0


async def execute_plan(run: Run, data: Any) -> None:
    """Run every node of the plan once on `data`.

    The plan's chain (see `Plan.chain`) runs right here, node after node, when nobody
    listens to events: only statuses, times and outputs are written, and no task exists yet,
    so no other branch can have failed meanwhile.

    Raises:
        NodeExecutionError: When stopping on errors and a node failed (the original chained).
        asyncio.CancelledError: When the caller is cancelled; every task of the run is
            cancelled and awaited first.
    """
    plan = run.plan
    try:
        if len(plan.starts) > 1:
            for s in plan.starts:
                _spawn(run, s, (data,))
        elif not plan.chain or run.emit:
            await _work(run, plan.starts[0], (data,), driver=True)
        else:
            fns, modes = plan.fns, plan.modes
            status, outputs, started, ended = run.status, run.outputs, run.started, run.ended
            out, now = data, _perf()
            for i in plan.chain:
                status[i] = _RUNNING
                started[i] = now  # the end of the node before: nothing ran in between
                try:
                    out = await fns[i](out) if modes[i] == ASYNC else fns[i](out)
                except BaseException as exc:
                    if _ends_run(run, i, exc):
                        raise
                    break
                now = ended[i] = _perf()
                status[i] = _COMPLETED
                outputs[i] = out
                if out is None:
                    for j, _ in plan.edges[i]:
                        run.skip(j)
                    break
            else:
                if plan.edges[plan.chain[-1]]:  # a chain that ends at a sink ends the run
                    i, args = _chain_done(run, out)
                    if i >= 0:
                        await _work(run, i, args, driver=True)
        tasks = run.tasks
        if tasks is not NO_TASKS and tasks and run.fatal is None:  # NO_TASKS: none started
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
