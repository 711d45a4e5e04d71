"""Node calls off the fast path: checks, executors, fault policies, fused thread segments."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
from typing import TYPE_CHECKING, Any, cast

from ._dask import submit_kept
from ._node import ASYNC, INLINE, THREAD, NodeStatus, await_result, call_sync
from ._record import FALLBACK, brief

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

    from ._dask import DaskExecutor
    from ._node import Special
    from ._policy import Attempt, NodePolicy
    from ._scheduler import Plan, Run

__all__ = ["call_special", "run_segment"]

logger = logging.getLogger("typedflow")

_RUNNING = NodeStatus.RUNNING
_COMPLETED = NodeStatus.COMPLETED
_perf = time.perf_counter


async def call_special(run: Run, i: int, args: tuple[Any, ...]) -> Any:
    """Call node `i` with its checks, on its executor, under its policy (counting attempts
    and announcing retries): whichever of these it has."""
    plan = run.plan
    special = plan.special[i]
    assert special is not None
    if special.check_args is not None:
        special.check_args(args)
    if special.executor is None and special.policy is None:  # checks only: a plain call
        out = await _plain_call(plan, i, args)
    else:
        attempt = _attempt(plan, i, special, args)
        if special.policy is None:
            work = attempt()
            if isinstance(work, concurrent.futures.Future):
                work = asyncio.wrap_future(work)
            out = await work
        else:
            out = await _with_policy(run, i, special.policy, attempt, args)
    if special.check_result is not None:
        special.check_result(out)
    return out


async def _plain_call(plan: Plan, i: int, args: tuple[Any, ...]) -> Any:
    """Node `i`'s own function, called as the fast path would."""
    mode, fn = plan.modes[i], plan.fns[i]
    if mode == ASYNC:
        return await fn(*args)
    if mode == INLINE:
        return fn(*args)
    if mode == THREAD:
        return await plan.context.run_sync(fn, args)
    return await await_result(fn(*args), plan.names[i])


def _attempt(plan: Plan, i: int, special: Special, args: tuple[Any, ...]) -> Callable[[], Attempt]:
    """What starts one attempt of node `i`: an awaitable, or the future of a call (a pool's
    own future, so that a concurrency limit can outlast a timeout)."""
    mode, fn, executor = plan.modes[i], plan.fns[i], special.executor

    async def inline() -> Any:
        return fn(*args)

    def attempt() -> Attempt:
        if executor is not None:
            if plan.kept is not None and plan.kept[i]:  # the output stays on the cluster
                return submit_kept(cast("DaskExecutor", executor), special.func, args)
            submit = getattr(executor, "submit", None)
            if submit is not None:
                future: concurrent.futures.Future[Any] = submit(special.func, args)
                return future
            return executor.run(special.func, args)
        if mode == ASYNC:
            coroutine: Awaitable[Any] = fn(*args)
            return coroutine
        if mode == INLINE:
            return inline()
        if mode == THREAD:  # the future of the call itself, as for executors
            return plan.context.submit(fn, args)
        return await_result(fn(*args), plan.names[i])

    return attempt


async def _with_policy(
    run: Run,
    i: int,
    policy: NodePolicy,
    attempt: Callable[[], Attempt],
    args: tuple[Any, ...],
) -> Any:
    """Node `i`'s attempts under its policy, counting them and announcing each retry."""
    plan = run.plan
    attempts = run.own_attempts()
    attempts[i] = 1

    def on_retry(number: int, exc: BaseException) -> None:
        attempts[i] = number + 1
        logger.info(
            "node `%s` in pipeline `%s` (run %d): attempt %d failed (%s); retrying",
            plan.names[i],
            plan.pipeline,
            run.run_id,
            number,
            brief(exc),
        )
        if run.emit:
            run.event(i, _RUNNING, exc, number + 1)

    out, attempts[i], fell_back = await policy.call_detailed(attempt, on_retry, args)
    if fell_back and run.emit:  # announced (a span event when traced) before COMPLETED
        run.event(i, _RUNNING, reason=FALLBACK)
    return out


def _segment_body(
    fns: Sequence[Callable[..., Any]], args: tuple[Any, ...], cancelled: list[bool]
) -> list[tuple[float, float, bool, Any]]:
    """In a pool thread: call each function on the previous one's output, recording times.

    Stops after a failure, a None (the branch ends) or once the caller was cancelled.
    """
    steps: list[tuple[float, float, bool, Any]] = []
    for fn in fns:
        t0 = _perf()
        try:
            out = call_sync(fn, *args)
        except Exception as exc:  # noqa: BLE001  (reported on the loop, for this node)
            steps.append((t0, _perf(), False, exc))
            break
        steps.append((t0, _perf(), True, out))
        if out is None or cancelled[0]:
            break
        args = (out,)
    return steps


async def run_segment(
    run: Run, segment: tuple[int, ...], args: tuple[Any, ...]
) -> tuple[int, bool, Any]:
    """Run a straight chain of sync nodes in one thread hop.

    Returns (the last node that ran, whether it succeeded, its output or its exception).
    The nodes before the last are marked COMPLETED (with their events) once the hop returns,
    with the times they really ran; the last one is left to the caller, which raises its
    exception if it failed.
    """
    plan = run.plan
    cancelled = [False]
    try:
        steps = await plan.context.run_sync(
            _segment_body, ([plan.fns[j] for j in segment], args, cancelled)
        )
    except asyncio.CancelledError:
        cancelled[0] = True
        raise
    *done, (t0, _, ok, value) = steps
    for j, (d0, d1, _, out) in zip(segment, done, strict=False):
        if run.emit and j != segment[0]:
            run.event(j, _RUNNING)
        run.status[j] = _COMPLETED
        run.started[j], run.ended[j], run.outputs[j] = d0, d1, out
        if run.emit:
            run.event(j, _COMPLETED)
    last = segment[len(done)]
    if last != segment[0]:
        run.status[last] = _RUNNING
        run.started[last] = t0
        if run.emit:
            run.event(last, _RUNNING)
    return last, ok, value
