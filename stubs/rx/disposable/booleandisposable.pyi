import threading

from rx.core import typing

class BooleanDisposable(typing.Disposable):
    is_disposed: bool
    lock: threading.RLock
    def __init__(self) -> None: ...
    def dispose(self) -> None: ...
