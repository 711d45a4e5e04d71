from typing import TypeVar

from rx.core import typing
from rx.scheduler.scheduler import Scheduler

_TState = TypeVar("_TState")

class TrampolineScheduler(Scheduler):
    """Queues actions on the current thread, run once the caller returns."""

    def __init__(self) -> None: ...
    def schedule(
        self, action: typing.ScheduledAction[_TState], state: _TState | None = None
    ) -> typing.Disposable: ...
    def schedule_relative(
        self,
        duetime: typing.RelativeTime,
        action: typing.ScheduledAction[_TState],
        state: _TState | None = None,
    ) -> typing.Disposable: ...
    def schedule_absolute(
        self,
        duetime: typing.AbsoluteTime,
        action: typing.ScheduledAction[_TState],
        state: _TState | None = None,
    ) -> typing.Disposable: ...
    def schedule_required(self) -> bool: ...
