from abc import ABCMeta
from typing import TypeVar

from rx.core import typing
from rx.scheduler.scheduler import Scheduler

_TState = TypeVar("_TState")

class PeriodicScheduler(Scheduler, typing.PeriodicScheduler, metaclass=ABCMeta):
    """Base class of rx's periodic schedulers (abstract)."""

    def schedule_periodic(
        self,
        period: typing.RelativeTime,
        action: typing.ScheduledPeriodicAction[_TState],
        state: _TState | None = None,
    ) -> typing.Disposable: ...
