"""Fault policies of a node: retries with backoff and jitter, timeouts, fallbacks, a limit."""

from __future__ import annotations

import asyncio
import concurrent.futures
import random
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import NodeTypeError
from ._limiter import acquire_all, release_all
from ._options import NO_FALLBACK, PLAIN, NodeOptions

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._executors import NodeExecutor
    from ._limiter import Limiter

__all__ = ["NO_FALLBACK", "NodePolicy", "make_policy", "node_policy"]

Attempt = Awaitable[Any] | concurrent.futures.Future[Any]
"""What starting one attempt gives: a coroutine, or the future of a call on a thread."""


@dataclass(slots=True)
class NodePolicy:
    """How one node copes with slow and failing calls; shared by every execution.

    Attributes:
        retries: Extra attempts after the first failure.
        retry_on: Exception types that are retried; others fail at once.
        timeout: Seconds per attempt, or None.
        backoff: Seconds before the first retry; doubles each retry, up to `max_backoff`.
        max_backoff: The longest wait between attempts.
        jitter: A fraction of each wait added at random (0.1 = up to 10% more).
        fallback: What the node returns when every attempt failed: a value, or a callable
            given the node's inputs (an awaitable result is awaited). NO_FALLBACK: fail.
        limiters: The limits each attempt runs under (acquired in order), shared by every
            execution, pipeline, thread and event loop that uses them.
        check: Checks each attempt's output (and the fallback's), raising `NodeTypeError`:
            set when `retry_on` names `NodeTypeError`, so that a violation is retried.
    """

    retries: int = 0
    retry_on: tuple[type[BaseException], ...] = (Exception,)
    timeout: float | None = None
    backoff: float = 0.1
    max_backoff: float = 10.0
    jitter: float = 0.1
    fallback: Any = NO_FALLBACK
    limiters: tuple[Limiter, ...] = ()
    check: Callable[[Any], None] | None = None

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number `retry` (1-based)."""
        base = min(self.max_backoff, self.backoff * 2.0 ** (retry - 1))
        return base * (1 + self.jitter * random.random())

    async def call(
        self,
        attempt_call: Callable[[], Attempt],
        on_retry: Callable[[int, BaseException], None],
        args: tuple[Any, ...],
    ) -> tuple[Any, int]:
        """Call with retries, a per-attempt timeout and the limits; return (output, attempts).

        Raises:
            Exception: The last attempt's error, when there is no fallback.
        """
        out, attempts, _ = await self.call_detailed(attempt_call, on_retry, args)
        return out, attempts

    async def call_detailed(
        self,
        attempt_call: Callable[[], Attempt],
        on_retry: Callable[[int, BaseException], None],
        args: tuple[Any, ...],
    ) -> tuple[Any, int, bool]:
        """As `call`, also saying whether the output is the fallback's."""
        attempt = 1
        while True:
            try:
                out = await self._attempt(attempt_call)
                if self.check is not None:
                    self.check(out)
            except asyncio.CancelledError:
                raise
            except NodeTypeError as exc:
                # A runtime type violation is a bug, not a fault: never retried nor replaced
                # by the fallback, even under retry_on=BaseException, unless retry_on names
                # NodeTypeError (then `check` runs here: "ask the model again").
                if NodeTypeError not in self.retry_on:
                    raise
                if attempt > self.retries:
                    if self.fallback is NO_FALLBACK:
                        raise _after(exc, attempt) from exc
                    return await self._checked_fallback(args), attempt, True
                on_retry(attempt, exc)
                await asyncio.sleep(self.delay(attempt))
                attempt += 1
            except self.retry_on as exc:
                if attempt > self.retries:
                    if self.fallback is NO_FALLBACK:
                        raise
                    return await self._checked_fallback(args), attempt, True
                on_retry(attempt, exc)
                await asyncio.sleep(self.delay(attempt))
                attempt += 1
            except Exception:
                if self.fallback is NO_FALLBACK:
                    raise
                return await self._checked_fallback(args), attempt, True
            else:
                return out, attempt, False

    async def _checked_fallback(self, args: tuple[Any, ...]) -> Any:
        out = await self._fallback(args)
        if self.check is not None:
            self.check(out)
        return out

    async def _attempt(self, attempt_call: Callable[[], Attempt]) -> Any:
        """One attempt, under the node's limits and timeout.

        A thread call (a `concurrent.futures.Future`) keeps its permits until the thread really
        finishes: a timeout abandons the wait, not the call, and the limit must still count it.
        """
        limiters = self.limiters
        if limiters:
            await acquire_all(limiters)
        try:
            work = attempt_call()
        except BaseException:
            release_all(limiters)
            raise
        if isinstance(work, concurrent.futures.Future):
            if limiters:
                held = limiters
                work.add_done_callback(lambda _: release_all(held))  # from the thread: safe
                limiters = ()
            work = asyncio.wrap_future(work)
        try:
            return await self._timed(work)
        finally:
            release_all(limiters)

    async def _timed(self, work: Awaitable[Any]) -> Any:
        if self.timeout is None:
            return await work
        deadline = asyncio.timeout(self.timeout)
        try:
            async with deadline:
                return await work
        except TimeoutError as exc:
            if deadline.expired():  # ours, not one the function raised itself
                raise TimeoutError(f"attempt timed out after {self.timeout:g} s") from exc
            raise

    async def _fallback(self, args: tuple[Any, ...]) -> Any:
        fallback = self.fallback
        if not callable(fallback):
            return fallback
        result = fallback(*args)
        if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
            return await result
        return result


def _after(exc: NodeTypeError, attempts: int) -> NodeTypeError:
    """The last violation, saying how many attempts gave one."""
    return NodeTypeError(
        f"{exc.message} (after {attempts} attempts)", node=exc.node, pipeline=exc.pipeline
    )


def make_policy(
    options: NodeOptions, check_result: Callable[[Any], None] | None = None
) -> NodePolicy | None:
    """The fault policy of validated options; None when they have none (the scheduler's fast
    path). `check_result` is taken into the policy (see `NodePolicy.check`) when `retry_on`
    names `NodeTypeError`; callers then leave it out of their own checks."""
    limiters = options.limiters
    if (
        options.retries == 0
        and options.timeout is None
        and options.fallback is NO_FALLBACK
        and not limiters
    ):
        return None
    exceptions = options.retry_kinds()
    check = check_result if NodeTypeError in exceptions else None
    return NodePolicy(
        options.retries,
        exceptions,
        options.timeout,
        options.backoff,
        options.max_backoff,
        options.jitter,
        options.fallback,
        limiters,
        check,
    )


def node_policy(
    name: str,
    check_result: Callable[[Any], None] | None,
    *,
    retries: int,
    retry_on: type[BaseException] | tuple[type[BaseException], ...],
    timeout: float | None,
    backoff: float,
    jitter: float,
    fallback: Any,
    concurrency: int | None,
    executor: NodeExecutor | None,
    limiter: Limiter | tuple[Limiter, ...] | None,
) -> NodePolicy | None:
    """The policy of `PipelineNode(name, ...)`'s options, validated as `NodeOptions`."""
    if (  # the common case, checked first: building 10,000 nodes must stay cheap
        retries == 0
        and retry_on is Exception
        and timeout is None
        and fallback is NO_FALLBACK
        and concurrency is None
        and limiter is None
        and backoff == PLAIN.backoff
        and jitter == PLAIN.jitter
    ):
        return None
    options = NodeOptions(
        retries=retries,
        retry_on=retry_on,
        timeout=timeout,
        backoff=backoff,
        jitter=jitter,
        fallback=fallback,
        concurrency=concurrency,
        executor=executor,
        limiter=limiter,
    )
    return make_policy(options.validated(name), check_result)
