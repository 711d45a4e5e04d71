"""Many inputs through a straight chain of plain sync nodes, run in the pool's threads.

`stream`/`map` of such a chain would otherwise hop from the event loop to a pool thread and
back for every input: the loop wakes once per input and its bookkeeping delays the next
input's start, so 32 threads of blocking calls kept about 25 busy (`map` took 1.4x a plain
`ThreadPoolExecutor.map`). Here each pool thread runs an input's whole run (the loop-free
run of `_loopfree`), takes the next input pulled for it and queues itself again (so other
work on the pool still gets its turn), and the loop wakes only to hand finished outcomes to
the consumer and to pull more inputs: as many at a time as finished meanwhile.

Inputs are still pulled on the consumer's side (a thread-bound iterator such as a database
cursor keeps working), at most `2 * concurrency` ahead of the outcomes handed out.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections import deque
from typing import TYPE_CHECKING, Any

from ._record import handled_failures
from ._stream import InOrder, failed, succeeded

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from concurrent.futures import Future

    from ._stream import Outcome, StreamErrors

__all__ = ["PoolWindow"]


class PoolWindow(InOrder):
    """The inputs of one stream in flight on pool threads (the interface of `_stream._Window`:
    `next_finished`, `release`, `aclose`).

    Args:
        run_one: Runs one input to its output, in the calling (pool) thread; raises as
            `_run_item` does.
        submit: Queues `step()` on the pipeline's pool, to run in `context` (raises when the
            pool cannot take it).
    """

    __slots__ = (
        "base",
        "buffer",
        "done",
        "exhausted",
        "fatal",
        "idle",
        "items",
        "lock",
        "loop",
        "ordered",
        "pending",
        "pulled",
        "released",
        "run_one",
        "stopped",
        "submit",
        "taken",
        "waiter",
        "window",
    )

    def __init__(
        self,
        run_one: Callable[[Any], Any],
        inputs: Iterable[Any],
        concurrency: int,
        ordered: bool,
        on_error: StreamErrors,
        submit: Callable[[Callable[..., Any], contextvars.Context], Future[Any]],
    ) -> None:
        self.run_one, self.submit = run_one, submit
        self.ordered = ordered
        self.window = 2 * concurrency  # inputs pulled but not yet handed out
        self.items = iter(inputs)
        self.loop = asyncio.get_running_loop()
        self.lock = threading.Lock()
        self.pending: deque[tuple[int, Any]] = deque()  # pulled, not yet taken by a thread
        self.done: deque[Outcome[Any, Any]] = deque()  # finished, not yet handed out
        self.buffer: dict[int, Outcome[Any, Any]] = {}
        self.waiter: asyncio.Future[None] | None = None
        self.fatal: BaseException | None = None  # a BaseException a node raised
        self.pulled = self.taken = self.released = 0
        self.exhausted = self.stopped = False
        self.base = contextvars.copy_context()  # each input runs in a copy of the caller's
        if on_error != "raise":
            self.base.run(handled_failures.set, True)
        self.idle = concurrency  # threads neither queued nor running

    # -- on the loop ----------------------------------------------------------------------

    def _fill(self) -> None:
        """Pull inputs while there is room, then queue idle threads for them."""
        while not self.exhausted and self.pulled - self.released < self.window:
            try:
                item = next(self.items)
            except StopIteration:
                self.exhausted = True
                break
            with self.lock:
                self.pending.append((self.pulled, item))
            self.pulled += 1
        with self.lock:
            starting = min(self.idle, len(self.pending))
            self.idle -= starting
        for _ in range(starting):
            self._queue()

    async def next_finished(self) -> Outcome[Any, Any] | None:
        """The next outcome to finish, or None when every input has one."""
        while True:
            self._fill()
            with self.lock:
                if self.fatal is not None:
                    raise self.fatal
                if self.done:
                    self.taken += 1
                    return self.done.popleft()
                if self.exhausted and self.taken == self.pulled:
                    return None
                waiter = self.waiter = self.loop.create_future()
            await waiter

    async def aclose(self) -> None:
        """Stop taking inputs: the threads finish the inputs they run (a thread cannot be
        interrupted) and their outcomes are dropped; no other input starts."""
        with self.lock:
            self.stopped = True
            self.pending.clear()

    # -- on the pool's threads ----------------------------------------------------------

    def _queue(self) -> None:
        """Queue a thread's next step on the pool, in a copy of the caller's context; one that
        cannot be queued (the pool is shutting down) ends the stream with that error."""
        try:
            self.submit(self._step, self.base.copy())
        except BaseException as exc:  # noqa: BLE001  (handed to the consumer)
            self._end(exc)

    def _step(self) -> None:
        """Run the next pending input, hand its outcome over, and queue this step again."""
        with self.lock:
            if self.stopped or not self.pending:
                self.idle += 1
                return
            index, item = self.pending.popleft()
        try:
            outcome = self._run(index, item)
        except BaseException as exc:  # noqa: BLE001  (KeyboardInterrupt and such: raised on the loop)
            self._end(exc)
            return
        with self.lock:
            self.done.append(outcome)
            again = bool(self.pending)  # emptied when the stream stopped
            if not again:
                self.idle += 1
            waiter, self.waiter = self.waiter, None
        if waiter is not None:
            self.loop.call_soon_threadsafe(_wake, waiter)
        if again:
            self._queue()

    def _run(self, index: int, item: Any) -> Outcome[Any, Any]:
        """One input's outcome (as `_stream._one` gives it)."""
        try:
            output = self.run_one(item)
        except Exception as exc:  # noqa: BLE001  (every input gets exactly one outcome)
            return failed(index, item, exc)
        return succeeded(index, item, output)

    def _end(self, exc: BaseException) -> None:
        """End the stream with `exc`, raised to the consumer."""
        with self.lock:
            if self.fatal is None:
                self.fatal = exc
            self.idle += 1
            waiter, self.waiter = self.waiter, None
        if waiter is not None:
            self.loop.call_soon_threadsafe(_wake, waiter)


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
