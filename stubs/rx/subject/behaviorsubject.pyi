from typing import TypeVar

from rx.subject.subject import Subject

_T = TypeVar("_T")

class BehaviorSubject(Subject[_T]):
    """Replays its latest value (initially ``value``) to each new subscriber."""

    # rx sets this to None on dispose(); it is the latest value until then.
    value: _T
    def __init__(self, value: _T) -> None: ...
    def dispose(self) -> None: ...
