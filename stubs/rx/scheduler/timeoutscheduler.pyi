from typing import TypeVar

from rx.core import typing
from rx.scheduler.periodicscheduler import PeriodicScheduler

_TState = TypeVar("_TState")

class TimeoutScheduler(PeriodicScheduler):
    """Runs actions on threading.Timer callbacks (a singleton)."""

    @classmethod
    def singleton(cls) -> TimeoutScheduler: ...
    def __new__(cls) -> TimeoutScheduler: ...
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
