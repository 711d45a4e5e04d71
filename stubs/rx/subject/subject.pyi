# Stubs for rx.subject.subject (RxPY 3.2.0).
#
# Subject is generic only in these stubs: at runtime ``Subject[int]()`` raises
# TypeError ("is not a generic class"). Write ``s: Subject[int] = Subject()``
# (in a function body, or with ``from __future__ import annotations`` at
# module/class level, where annotations would otherwise be evaluated).
import threading
from typing import TypeVar

from rx.core import typing
from rx.core.observable.observable import Observable
from rx.core.observer.observer import Observer

_T = TypeVar("_T")

class Subject(Observable[_T], Observer[_T], typing.Subject[_T, _T]):
    """Both an Observable and an Observer: each notification is broadcast to
    all subscribed observers."""

    is_disposed: bool
    observers: list[typing.Observer[_T]]
    exception: Exception | None
    lock: threading.RLock
    def __init__(self) -> None: ...
    def check_disposed(self) -> None: ...
    def on_next(self, value: _T) -> None: ...
    def on_error(self, error: Exception) -> None: ...
    def on_completed(self) -> None: ...
    def dispose(self) -> None: ...
