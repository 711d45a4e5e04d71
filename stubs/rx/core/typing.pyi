# Stubs for rx.core.typing (RxPY 3.2.0): the generic ABCs and callback aliases.
#
# At runtime Observer, Observable and Subject here *are* subscriptable
# (they derive from typing.Generic), unlike the concrete classes in
# rx.core / rx.subject, which are generic only in these stubs.
from abc import abstractmethod
from collections.abc import Callable
from datetime import datetime, timedelta
from threading import Thread
from typing import Generic, TypeAlias, TypeVar

from rx.core import abc as abc

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)
_T_contra = TypeVar("_T_contra", contravariant=True)
_T1 = TypeVar("_T1")
_T2 = TypeVar("_T2")
_TState = TypeVar("_TState")

# Public names kept for source compatibility; at runtime these are TypeVars.
T_out = TypeVar("T_out", covariant=True)
T_in = TypeVar("T_in", contravariant=True)
TState = TypeVar("TState")
T1 = TypeVar("T1")
T2 = TypeVar("T2")

Action: TypeAlias = Callable[[], None]
OnNext: TypeAlias = Callable[[_T_contra], None]
OnError: TypeAlias = Callable[[Exception], None]
OnCompleted: TypeAlias = Callable[[], None]

Mapper: TypeAlias = Callable[[_T1], _T2]
MapperIndexed: TypeAlias = Callable[[_T1, int], _T2]
Predicate: TypeAlias = Callable[[_T1], bool]
PredicateIndexed: TypeAlias = Callable[[_T1, int], bool]
Comparer: TypeAlias = Callable[[_T1, _T2], bool]
SubComparer: TypeAlias = Callable[[_T1, _T2], int]
Accumulator: TypeAlias = Callable[[_TState, _T1], _TState]
AbsoluteTime: TypeAlias = datetime | float
RelativeTime: TypeAlias = timedelta | float
AbsoluteOrRelativeTime: TypeAlias = datetime | timedelta | float

class Disposable(abc.Disposable):
    @abstractmethod
    def dispose(self) -> None: ...

class Scheduler(abc.Scheduler):
    @property
    @abstractmethod
    def now(self) -> datetime: ...
    @abstractmethod
    def schedule(
        self, action: ScheduledAction[_TState], state: _TState | None = None
    ) -> Disposable: ...
    @abstractmethod
    def schedule_relative(
        self,
        duetime: RelativeTime,
        action: ScheduledAction[_TState],
        state: _TState | None = None,
    ) -> Disposable: ...
    @abstractmethod
    def schedule_absolute(
        self,
        duetime: AbsoluteTime,
        action: ScheduledAction[_TState],
        state: _TState | None = None,
    ) -> Disposable: ...
    @classmethod
    @abstractmethod
    def to_seconds(cls, value: AbsoluteOrRelativeTime) -> float: ...
    @classmethod
    @abstractmethod
    def to_datetime(cls, value: AbsoluteOrRelativeTime) -> datetime: ...
    @classmethod
    @abstractmethod
    def to_timedelta(cls, value: AbsoluteOrRelativeTime) -> timedelta: ...

class PeriodicScheduler(abc.PeriodicScheduler):
    @abstractmethod
    def schedule_periodic(
        self,
        period: RelativeTime,
        action: ScheduledPeriodicAction[_TState],
        state: _TState | None = None,
    ) -> Disposable: ...

# The action may return a Disposable for nested work, or nothing.
ScheduledAction: TypeAlias = Callable[[Scheduler, _TState | None], Disposable | None]
ScheduledPeriodicAction: TypeAlias = Callable[[_TState | None], _TState | None]
ScheduledSingleOrPeriodicAction: TypeAlias = (
    ScheduledAction[_TState] | ScheduledPeriodicAction[_TState]
)

Startable: TypeAlias = abc.Startable | Thread
StartableTarget: TypeAlias = Callable[..., None]
StartableFactory: TypeAlias = Callable[[StartableTarget], Startable]

class Observer(abc.Observer, Generic[_T_contra]):
    @abstractmethod
    def on_next(self, value: _T_contra) -> None: ...
    @abstractmethod
    def on_error(self, error: Exception) -> None: ...
    @abstractmethod
    def on_completed(self) -> None: ...

class Observable(abc.Observable, Generic[_T_co]):
    @abstractmethod
    def subscribe(
        self, observer: Observer[_T_co] | None = None, *, scheduler: Scheduler | None = None
    ) -> Disposable: ...

class Subject(abc.Subject, Generic[_T_contra, _T_co]):
    @abstractmethod
    def subscribe(
        self, observer: Observer[_T_co] | None = None, *, scheduler: Scheduler | None = None
    ) -> Disposable: ...
    @abstractmethod
    def on_next(self, value: _T_contra) -> None: ...
    @abstractmethod
    def on_error(self, error: Exception) -> None: ...
    @abstractmethod
    def on_completed(self) -> None: ...

# What rx.create / Observable(subscribe) call: the function that wires an
# observer to a source. It may return a Disposable, or None (rx substitutes an
# empty Disposable).
Subscription: TypeAlias = Callable[[Observer[_T], Scheduler | None], Disposable | None]
