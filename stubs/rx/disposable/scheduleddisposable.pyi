import threading

from rx.core import typing

class ScheduledDisposable(typing.Disposable):
    """Disposes ``disposable`` on ``scheduler``."""

    scheduler: typing.Scheduler
    disposable: typing.Disposable
    is_disposed: bool
    lock: threading.RLock
    def __init__(self, scheduler: typing.Scheduler, disposable: typing.Disposable) -> None: ...
    def dispose(self) -> None: ...
