from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from rx.core import abc, typing
from rx.scheduler.newthreadscheduler import NewThreadScheduler

class ThreadPoolScheduler(NewThreadScheduler):
    """Runs actions on a ``concurrent.futures.ThreadPoolExecutor``."""

    class ThreadPoolThread(abc.Startable):
        executor: ThreadPoolExecutor
        target: typing.StartableTarget
        future: Future[Any] | None
        def __init__(
            self, executor: ThreadPoolExecutor, target: typing.StartableTarget
        ) -> None: ...
        def start(self) -> None: ...
        def cancel(self) -> None: ...

    executor: ThreadPoolExecutor
    def __init__(self, max_workers: int | None = None) -> None: ...
