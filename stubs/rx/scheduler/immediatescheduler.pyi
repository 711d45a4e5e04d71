from typing import TypeVar

from rx.core import typing
from rx.scheduler.scheduler import Scheduler

_TState = TypeVar("_TState")

class ImmediateScheduler(Scheduler):
    """Runs actions synchronously on the calling thread (a singleton)."""

    @classmethod
    def singleton(cls) -> ImmediateScheduler: ...
    def __new__(cls) -> ImmediateScheduler: ...
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
