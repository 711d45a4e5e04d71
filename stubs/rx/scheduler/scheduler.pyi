from abc import abstractmethod
from datetime import datetime, timedelta
from typing import Callable, TypeVar

from rx.core import typing

_TState = TypeVar("_TState")

default_now: Callable[[], datetime]
"""The clock behind `Scheduler.now` (rx.internal.basic.default_now, re-bound by typedflow)."""

class Scheduler(typing.Scheduler):
    """Base class of rx's scheduler implementations (abstract)."""

    @property
    def now(self) -> datetime: ...
    @abstractmethod
    def schedule(
        self, action: typing.ScheduledAction[_TState], state: _TState | None = None
    ) -> typing.Disposable: ...
    @abstractmethod
    def schedule_relative(
        self,
        duetime: typing.RelativeTime,
        action: typing.ScheduledAction[_TState],
        state: _TState | None = None,
    ) -> typing.Disposable: ...
    @abstractmethod
    def schedule_absolute(
        self,
        duetime: typing.AbsoluteTime,
        action: typing.ScheduledAction[_TState],
        state: _TState | None = None,
    ) -> typing.Disposable: ...
    def invoke_action(
        self, action: typing.ScheduledAction[_TState], state: _TState | None = None
    ) -> typing.Disposable: ...
    @classmethod
    def to_seconds(cls, value: typing.AbsoluteOrRelativeTime) -> float: ...
    @classmethod
    def to_datetime(cls, value: typing.AbsoluteOrRelativeTime) -> datetime: ...
    @classmethod
    def to_timedelta(cls, value: typing.AbsoluteOrRelativeTime) -> timedelta: ...
