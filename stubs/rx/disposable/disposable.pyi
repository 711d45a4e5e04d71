import threading

from rx.core import typing

class Disposable(typing.Disposable):
    """Runs ``action`` once, on the first ``dispose()``."""

    is_disposed: bool
    action: typing.Action
    lock: threading.RLock
    def __init__(self, action: typing.Action | None = None) -> None: ...
    def dispose(self) -> None: ...
