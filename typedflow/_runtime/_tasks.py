"""`TaskGroup`: the one owner of the runtime's background tasks, in the manner of anyio's.

Every task typedflow starts in the background (a run's branches, a stream's inputs in flight
and its pull, a batch call, an observable's pump, a live run) is started through a
`TaskGroup`, which tracks it until it ends, can cancel and await every task it holds on the
running event loop, and remembers the first exception a task ended with that nobody asked for.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

__all__ = ["TaskGroup"]

_T = TypeVar("_T")

_EAGER = sys.version_info >= (3, 12)  # `asyncio.Task(..., eager_start=True)`
_MAX_NESTED = 16
"""How many eager starts may nest in a thread (a task started eagerly starting another, in
any group): deeper ones are started as usual, so that a deep graph cannot exhaust the stack."""


class _Nesting(threading.local):
    depth = 0


_nesting = _Nesting()


class TaskGroup:
    """Starts tasks, tracks them until they end, and cancels and awaits them on `aclose()`.

    Unlike `asyncio.TaskGroup` it is not a scope: tasks may be started from callbacks and
    from several event loops (a pipeline is shared by `asyncio.run` calls), and closing ends
    only the tasks of the running loop, the only ones that can be cancelled and awaited there.

    Args:
        on_done: Called with each task once it has ended and left the group.

    Attributes:
        error: The first exception (not a cancellation) a task of the group ended with.
    """

    __slots__ = ("_on_done", "_tasks", "error")

    def __init__(self, on_done: Callable[[asyncio.Task[Any]], None] | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._on_done = on_done
        self.error: BaseException | None = None

    def __len__(self) -> int:
        return len(self._tasks)

    def __bool__(self) -> bool:
        return bool(self._tasks)

    def start(self, coro: Coroutine[Any, Any, _T]) -> asyncio.Task[_T]:
        """Run `coro` as a task of the running loop, owned by this group."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def start_eager(self, coro: Coroutine[Any, Any, _T]) -> asyncio.Task[_T]:
        """`start`, but `coro` runs right away, up to its first suspension (Python 3.12+, on a
        loop with the default task factory), as `asyncio.eager_task_factory` does: work that
        never waits ends here, with no turn of the loop. A task that ended so is never held:
        `on_done` has been called with it when this returns."""
        loop = asyncio.get_running_loop()
        nesting = _nesting
        depth = nesting.depth
        if not _EAGER or depth >= _MAX_NESTED or loop.get_task_factory() is not None:
            task = loop.create_task(coro)
        else:
            nesting.depth = depth + 1
            try:
                task = asyncio.Task(coro, loop=loop, eager_start=True)  # type: ignore[call-arg,unused-ignore]
            finally:
                nesting.depth = depth
            if task.done():
                self._done(task)
                return task
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if self.error is None and not task.cancelled():
            self.error = task.exception()
        if self._on_done is not None:
            self._on_done(task)

    def cancel(self, *, keep: asyncio.Task[Any] | None = None) -> list[asyncio.Task[Any]]:
        """Cancel every task of the running loop except `keep`; return the tasks cancelled."""
        loop = asyncio.get_running_loop()
        tasks = [t for t in self._tasks if t is not keep and t.get_loop() is loop]
        for task in tasks:
            task.cancel()
        return tasks

    async def aclose(self) -> None:
        """Cancel every task of the running loop (but the current one) and wait until all of
        them have ended; a task started meanwhile is cancelled too."""
        here = asyncio.current_task()
        while tasks := self.cancel(keep=here):
            await asyncio.wait(tasks)
