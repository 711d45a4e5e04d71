"""`Limiter`: a concurrency and rate limit shared by nodes, pipelines, threads and event loops."""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType

__all__ = ["Limiter", "acquire_all", "release_all"]


class _Waiter:
    """One task waiting for a permit: its loop, its future, whether a permit was handed to it."""

    __slots__ = ("future", "granted", "loop")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.future: asyncio.Future[None] = loop.create_future()
        self.granted = False


class Limiter:
    """At most `concurrency` calls at once and `rate` call starts per second, in one process.

    One limiter holds across every pipeline, thread and event loop that uses it: a
    thread-safe counter with a queue of waiters (first come, first served), each woken on
    its own loop. `rate` is a token bucket holding `burst` tokens (by default 1: calls start
    at least `1 / rate` seconds apart); a waiting call sleeps, it never polls.

    Use `@node(concurrency=N)` for a node's own limit (one limiter owned by the node, shared
    by every pipeline built from it), and `@node(limiter=shared)` to share one between nodes.

    Args:
        concurrency: The most calls holding a permit at once, or None for no such limit.
        rate: The most call starts per second (a provider's quota), or None.
        burst: How many calls may start at once after an idle spell (rate limits only).

    Raises:
        TypeError: A value that is not a number (or a bool), or no limit at all.
        ValueError: A value that is not positive and finite, or a burst below 1.
    """

    __slots__ = ("_active", "_burst", "_concurrency", "_lock", "_next", "_rate", "_waiters")

    def __init__(
        self, *, concurrency: int | None = None, rate: float | None = None, burst: int = 1
    ) -> None:
        if concurrency is None and rate is None:
            raise TypeError("Limiter() needs concurrency=, rate= or both")
        if concurrency is not None:
            if isinstance(concurrency, bool) or not isinstance(concurrency, int):
                raise TypeError(
                    f"Limiter concurrency must be an int, got {type(concurrency).__name__} "
                    f"{concurrency!r}"
                )
            if concurrency < 1:
                raise ValueError(f"Limiter concurrency must be at least 1, got {concurrency}")
        if rate is not None:
            if isinstance(rate, bool) or not isinstance(rate, int | float):
                raise TypeError(
                    f"Limiter rate must be a number of calls per second, got "
                    f"{type(rate).__name__} {rate!r}"
                )
            if not (rate > 0 and math.isfinite(rate)):
                raise ValueError(f"Limiter rate must be positive and finite, got {rate}")
        if isinstance(burst, bool) or not isinstance(burst, int):
            raise TypeError(f"Limiter burst must be an int, got {type(burst).__name__} {burst!r}")
        if burst < 1:
            raise ValueError(f"Limiter burst must be at least 1, got {burst}")
        self._concurrency = concurrency
        self._rate = None if rate is None else float(rate)
        self._burst = burst
        self._lock = threading.Lock()
        self._active = 0
        self._waiters: deque[_Waiter] = deque()
        self._next = -math.inf  # the theoretical start of the next call (GCRA)

    @property
    def concurrency(self) -> int | None:
        """The most calls at once, or None."""
        return self._concurrency

    @property
    def rate(self) -> float | None:
        """The most call starts per second, or None."""
        return self._rate

    @property
    def burst(self) -> int:
        """How many calls may start at once after an idle spell."""
        return self._burst

    @property
    def in_flight(self) -> int:
        """How many permits are held now."""
        return self._active

    @property
    def waiting(self) -> int:
        """How many calls wait for a permit now."""
        return len(self._waiters)

    def __repr__(self) -> str:
        parts = []
        if self._concurrency is not None:
            parts.append(f"concurrency={self._concurrency}")
        if self._rate is not None:
            parts.append(f"rate={self._rate!r}")
            if self._burst != 1:
                parts.append(f"burst={self._burst}")
        return f"Limiter({', '.join(parts)})"

    async def acquire(self) -> None:
        """Wait for a permit (and a rate token); a cancelled wait holds nothing."""
        if self._concurrency is not None:
            await self._permit()
        if self._rate is not None:
            try:
                await self._token()
            except BaseException:
                self._release_permit()
                raise

    def release(self) -> None:
        """Give a permit back; safe from any thread (say, a pool thread's done callback)."""
        self._release_permit()

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    async def _permit(self) -> None:
        assert self._concurrency is not None
        with self._lock:
            if self._active < self._concurrency and not self._waiters:
                self._active += 1
                return
            waiter = _Waiter(asyncio.get_running_loop())
            self._waiters.append(waiter)
        try:
            await waiter.future
        except BaseException:
            with self._lock:
                granted = waiter.granted
                if not granted:
                    self._waiters.remove(waiter)
            if granted:  # handed a permit as it was cancelled: pass it on
                self._release_permit()
            raise

    def _release_permit(self) -> None:
        if self._concurrency is None:
            return
        with self._lock:
            while self._waiters:
                waiter = self._waiters.popleft()
                waiter.granted = True  # the permit moves to it: `_active` stays
                try:
                    waiter.loop.call_soon_threadsafe(_wake, waiter.future)
                except RuntimeError:  # its loop is closed: nobody waits there any more
                    continue
                return
            self._active -= 1

    async def _token(self) -> None:
        assert self._rate is not None
        interval = 1.0 / self._rate
        with self._lock:
            now = time.monotonic()
            due = max(self._next, now)
            start = max(now, due - (self._burst - 1) * interval)
            self._next = due + interval
        if start > now:
            await asyncio.sleep(start - now)


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
    # A cancelled future: its task sees `granted` and passes the permit on.


async def acquire_all(limiters: Sequence[Limiter]) -> None:
    """Acquire each limiter in order; on failure or cancellation, release those acquired."""
    held = 0
    try:
        for limiter in limiters:
            await limiter.acquire()
            held += 1
    except BaseException:
        release_all(limiters[:held])
        raise


def release_all(limiters: Sequence[Limiter]) -> None:
    """Release each limiter, last acquired first (safe from any thread)."""
    for limiter in reversed(limiters):
        limiter.release()
