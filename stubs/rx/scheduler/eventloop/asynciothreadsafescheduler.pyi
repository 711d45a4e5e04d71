from typing import TypeVar

from rx.core import typing
from rx.scheduler.eventloop.asyncioscheduler import AsyncIOScheduler

_TState = TypeVar("_TState")

class AsyncIOThreadSafeScheduler(AsyncIOScheduler):
    """AsyncIOScheduler that may be used from any thread."""

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
