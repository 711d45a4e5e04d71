from typing import TypeVar

from rx.subject.subject import Subject

_T = TypeVar("_T")

class AsyncSubject(Subject[_T]):
    """Emits only the last value received, and only on completion."""

    value: _T | None
    has_value: bool
    def __init__(self) -> None: ...
    def dispose(self) -> None: ...
