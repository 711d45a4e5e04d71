import asyncio
from typing import TypeVar

from rx.core import typing
from rx.scheduler.periodicscheduler import PeriodicScheduler

_TState = TypeVar("_TState")

class AsyncIOScheduler(PeriodicScheduler):
    """Runs actions on an asyncio event loop (call from the loop's thread;
    see AsyncIOThreadSafeScheduler otherwise)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None: ...
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
