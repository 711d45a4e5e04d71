from datetime import datetime, timedelta
from typing import Any, NamedTuple, TypeVar

from rx.core import typing
from rx.subject.subject import Subject

_T = TypeVar("_T")

class QueueItem(NamedTuple):
    interval: datetime
    value: Any

class ReplaySubject(Subject[_T]):
    """Replays buffered notifications (bounded by ``buffer_size`` items and
    ``window`` time) to each new subscriber."""

    buffer_size: int
    scheduler: typing.Scheduler
    window: timedelta
    queue: list[QueueItem]
    def __init__(
        self,
        buffer_size: int | None = None,
        window: typing.RelativeTime | None = None,
        scheduler: typing.Scheduler | None = None,
    ) -> None: ...
    def dispose(self) -> None: ...
