from typing import TypeVar

from rx.core import typing
from rx.scheduler.periodicscheduler import PeriodicScheduler

_TState = TypeVar("_TState")

class NewThreadScheduler(PeriodicScheduler):
    """Runs each action on a new thread."""

    thread_factory: typing.StartableFactory
    def __init__(self, thread_factory: typing.StartableFactory | None = None) -> None: ...
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
