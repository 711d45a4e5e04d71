"""Where a node's synchronous function runs: the `NodeExecutor` seam and pool executors."""

from __future__ import annotations

import asyncio
import contextvars
import sys
import threading
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ._node import call_sync
from ._options import whole

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MAX_POOL", "GrowablePool", "NodeExecutor", "PoolExecutor"]

MAX_POOL = 256
"""The most threads a pipeline's default-sized pool grows to for a stream's concurrency."""


class GrowablePool(ThreadPoolExecutor):
    """A thread pool whose size can grow while in use (threads still start on demand only)."""

    def grow(self, max_workers: int) -> None:
        """Allow up to `max_workers` threads from now on (never fewer than now)."""
        with self._shutdown_lock:  # the lock under which CPython's pool reads the size
            self._max_workers = max(self._max_workers, max_workers)


@runtime_checkable
class NodeExecutor(Protocol):
    """Runs a node's synchronous function somewhere other than the pipeline's thread pool.

    The seam for a dedicated thread pool, a process pool for CPU-bound work that the GIL
    would serialise, or a remote cluster. `aclose` is called by the pipeline's `aclose()`.
    An executor may also offer `submit(func, args) -> concurrent.futures.Future`, as
    `PoolExecutor` does: then a node's concurrency limit counts a call until it really ends,
    even after a timeout gave up on it (with `run` alone, until the timeout).
    """

    async def run(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        """Call `func(*args)` and return its result (or raise its exception)."""
        ...

    async def aclose(self) -> None:
        """Release what the executor holds, waiting for calls in flight."""
        ...


class PoolExecutor:
    """A `NodeExecutor` over a `concurrent.futures.Executor`, created on first use.

    Args:
        factory: Makes the pool, e.g. `lambda: ProcessPoolExecutor(4)`.
        copy_context: Run each call in a copy of the caller's `contextvars` (threads only: a
            context cannot be sent to another process).
    """

    __slots__ = ("_copy_context", "_factory", "_lock", "_pool")

    def __init__(self, factory: Callable[[], Executor], *, copy_context: bool = True) -> None:
        self._factory = factory
        self._copy_context = copy_context
        self._pool: Executor | None = None
        self._lock = threading.Lock()

    def __copy__(self) -> PoolExecutor:
        return self  # a pool is a shared resource: copies of a node share its executor

    def __deepcopy__(self, memo: dict[int, object]) -> PoolExecutor:
        return self

    @classmethod
    def threads(cls, max_workers: int, name: str = "typedflow-node") -> PoolExecutor:
        """A bounded thread pool of its own, with threads named `name`."""
        if not whole(max_workers, 1):
            raise ValueError(
                "PoolExecutor.threads: max_workers must be an int of at least 1, got"
                f" {max_workers!r}"
            )
        return cls(lambda: ThreadPoolExecutor(max_workers, name))

    @classmethod
    def processes(cls, max_workers: int | None = None) -> PoolExecutor:
        """A process pool: the function and its inputs and outputs must be picklable."""
        if max_workers is not None and not whole(max_workers, 1):
            raise ValueError(
                "PoolExecutor.processes: max_workers must be an int of at least 1 or None, got"
                f" {max_workers!r}"
            )
        from concurrent.futures import ProcessPoolExecutor  # 18 ms to import: only when asked

        return cls(lambda: ProcessPoolExecutor(max_workers), copy_context=False)

    def submit(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Future[Any]:
        """Start `func(*args)` on the pool; the future completes when the call does.

        The runtime prefers this to `run` when it is there: a node's concurrency limit then
        holds a permit until the call really ends, even after a timeout gave up on it. A
        process pool whose worker died is broken for good: the calls it was running fail
        (`BrokenProcessPool`, which a retry policy may retry), and the next call gets a new
        pool.
        """
        pool = self._current()
        try:
            return self._submit(pool, func, args)
        except BrokenExecutor as broken:
            if not _broken_processes(broken):
                raise
            return self._submit(self._replace(pool), func, args)

    def _submit(
        self, pool: Executor, func: Callable[..., Any], args: tuple[Any, ...]
    ) -> Future[Any]:
        if self._copy_context:
            return pool.submit(contextvars.copy_context().run, call_sync, func, *args)
        return pool.submit(call_sync, func, *args)

    def _current(self) -> Executor:
        with self._lock:
            if self._pool is None:
                self._pool = self._factory()
            return self._pool

    def _replace(self, broken: Executor) -> Executor:
        """A working pool in place of `broken` (another caller may have replaced it already)."""
        with self._lock:
            if self._pool is broken or self._pool is None:
                self._pool = self._factory()
            fresh = self._pool
        broken.shutdown(wait=False)
        return fresh

    async def run(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        """Call `func(*args)` on the pool."""
        return await asyncio.wrap_future(self.submit(func, args))

    async def aclose(self) -> None:
        """Shut the pool down, waiting for running calls; the next call makes a new one."""
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.get_running_loop().run_in_executor(None, pool.shutdown)


def _broken_processes(error: BrokenExecutor) -> bool:
    """Whether `error` is a `BrokenProcessPool` (its module is loaded if one was raised)."""
    process = sys.modules.get("concurrent.futures.process")
    return process is not None and isinstance(error, process.BrokenProcessPool)
