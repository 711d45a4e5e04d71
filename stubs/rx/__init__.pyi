# Stubs for the top-level rx package (RxPY 3.2.0): the observable factories.
#
# Source typing notes:
# - empty(), never() and throw() emit nothing, so they are Observable[Never],
#   which (Observable being covariant) fits any Observable[T].
# - zip / combine_latest / fork_join / with_latest_from emit flat tuples and are
#   typed per arity up to 6 sources; more fall back to tuple[Any, ...].
import asyncio
import concurrent.futures
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Never, TypeAlias, TypeVar, overload

from rx.core import Observable as Observable
from rx.core import pipe as pipe
from rx.core import typing as typing

_T = TypeVar("_T")
_U = TypeVar("_U")
_S = TypeVar("_S")
_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")
_D = TypeVar("_D")
_E = TypeVar("_E")
_F = TypeVar("_F")

__version__: str

_AnyFuture: TypeAlias = asyncio.Future[_T] | concurrent.futures.Future[_T]

def amb(*sources: Observable[_T]) -> Observable[_T]: ...
def case(
    mapper: Callable[[], _S],
    sources: Mapping[_S, Observable[_T]],
    default_source: Observable[_T] | _AnyFuture[_T] | None = None,
) -> Observable[_T]: ...
def catch(*sources: Observable[_T]) -> Observable[_T]: ...
def catch_with_iterable(sources: Iterable[Observable[_T]]) -> Observable[_T]: ...
def create(subscribe: typing.Subscription[_T]) -> Observable[_T]: ...
@overload
def combine_latest(o1: Observable[_A], /) -> Observable[tuple[_A]]: ...
@overload
def combine_latest(o1: Observable[_A], o2: Observable[_B], /) -> Observable[tuple[_A, _B]]: ...
@overload
def combine_latest(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], /
) -> Observable[tuple[_A, _B, _C]]: ...
@overload
def combine_latest(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], o4: Observable[_D], /
) -> Observable[tuple[_A, _B, _C, _D]]: ...
@overload
def combine_latest(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    /,
) -> Observable[tuple[_A, _B, _C, _D, _E]]: ...
@overload
def combine_latest(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    o6: Observable[_F],
    /,
) -> Observable[tuple[_A, _B, _C, _D, _E, _F]]: ...
@overload
def combine_latest(*sources: Observable[Any]) -> Observable[tuple[Any, ...]]: ...
def concat(*sources: Observable[_T]) -> Observable[_T]: ...
def concat_with_iterable(sources: Iterable[Observable[_T]]) -> Observable[_T]: ...
def defer(
    factory: Callable[[typing.Scheduler | None], Observable[_T] | _AnyFuture[_T]],
) -> Observable[_T]: ...
def empty(scheduler: typing.Scheduler | None = None) -> Observable[Never]: ...
def for_in(values: Iterable[_S], mapper: Callable[[_S], Observable[_T]]) -> Observable[_T]: ...
@overload
def fork_join(o1: Observable[_A], /) -> Observable[tuple[_A]]: ...
@overload
def fork_join(o1: Observable[_A], o2: Observable[_B], /) -> Observable[tuple[_A, _B]]: ...
@overload
def fork_join(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], /
) -> Observable[tuple[_A, _B, _C]]: ...
@overload
def fork_join(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], o4: Observable[_D], /
) -> Observable[tuple[_A, _B, _C, _D]]: ...
@overload
def fork_join(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    /,
) -> Observable[tuple[_A, _B, _C, _D, _E]]: ...
@overload
def fork_join(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    o6: Observable[_F],
    /,
) -> Observable[tuple[_A, _B, _C, _D, _E, _F]]: ...
@overload
def fork_join(*sources: Observable[Any]) -> Observable[tuple[Any, ...]]: ...
def from_callable(
    supplier: Callable[[], _T], scheduler: typing.Scheduler | None = None
) -> Observable[_T]: ...
def from_future(future: _AnyFuture[_T]) -> Observable[_T]: ...
def from_iterable(
    iterable: Iterable[_T], scheduler: typing.Scheduler | None = None
) -> Observable[_T]: ...

from_ = from_iterable
from_list = from_iterable

def generate(
    initial_state: _S, condition: Callable[[_S], bool], iterate: Callable[[_S], _S]
) -> Observable[_S]: ...
def generate_with_relative_time(
    initial_state: _S,
    condition: Callable[[_S], bool],
    iterate: Callable[[_S], _S],
    time_mapper: Callable[[_S], typing.RelativeTime],
) -> Observable[_S]: ...
def if_then(
    condition: Callable[[], bool],
    then_source: Observable[_T] | _AnyFuture[_T],
    else_source: Observable[_T] | _AnyFuture[_T] | None = None,
) -> Observable[_T]: ...
def interval(
    period: typing.RelativeTime, scheduler: typing.Scheduler | None = None
) -> Observable[int]: ...
def merge(*sources: Observable[_T]) -> Observable[_T]: ...
def never() -> Observable[Never]: ...
def of(*args: _T) -> Observable[_T]: ...
def on_error_resume_next(*sources: Observable[_T] | _AnyFuture[_T]) -> Observable[_T]: ...
def range(
    start: int,
    stop: int | None = None,
    step: int | None = None,
    scheduler: typing.Scheduler | None = None,
) -> Observable[int]: ...
def return_value(value: _T, scheduler: typing.Scheduler | None = None) -> Observable[_T]: ...

just = return_value

@overload
def repeat_value(value: None = None, repeat_count: int | None = None) -> Observable[None]: ...
@overload
def repeat_value(value: _T, repeat_count: int | None = None) -> Observable[_T]: ...
def start(func: Callable[[], _T], scheduler: typing.Scheduler | None = None) -> Observable[_T]: ...
def start_async(function_async: Callable[[], _AnyFuture[_T]]) -> Observable[_T]: ...
def throw(exception: Exception, scheduler: typing.Scheduler | None = None) -> Observable[Never]: ...
def timer(
    duetime: typing.AbsoluteOrRelativeTime,
    period: typing.RelativeTime | None = None,
    scheduler: typing.Scheduler | None = None,
) -> Observable[int]: ...
def using(
    resource_factory: Callable[[], typing.Disposable],
    observable_factory: Callable[[typing.Disposable], Observable[_T]],
) -> Observable[_T]: ...
@overload
def with_latest_from(o1: Observable[_A], /) -> Observable[tuple[_A]]: ...
@overload
def with_latest_from(o1: Observable[_A], o2: Observable[_B], /) -> Observable[tuple[_A, _B]]: ...
@overload
def with_latest_from(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], /
) -> Observable[tuple[_A, _B, _C]]: ...
@overload
def with_latest_from(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], o4: Observable[_D], /
) -> Observable[tuple[_A, _B, _C, _D]]: ...
@overload
def with_latest_from(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    /,
) -> Observable[tuple[_A, _B, _C, _D, _E]]: ...
@overload
def with_latest_from(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    o6: Observable[_F],
    /,
) -> Observable[tuple[_A, _B, _C, _D, _E, _F]]: ...
@overload
def with_latest_from(*sources: Observable[Any]) -> Observable[tuple[Any, ...]]: ...
@overload
def zip(o1: Observable[_A], /) -> Observable[tuple[_A]]: ...
@overload
def zip(o1: Observable[_A], o2: Observable[_B], /) -> Observable[tuple[_A, _B]]: ...
@overload
def zip(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], /
) -> Observable[tuple[_A, _B, _C]]: ...
@overload
def zip(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], o4: Observable[_D], /
) -> Observable[tuple[_A, _B, _C, _D]]: ...
@overload
def zip(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    /,
) -> Observable[tuple[_A, _B, _C, _D, _E]]: ...
@overload
def zip(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    o6: Observable[_F],
    /,
) -> Observable[tuple[_A, _B, _C, _D, _E, _F]]: ...
@overload
def zip(*sources: Observable[Any]) -> Observable[tuple[Any, ...]]: ...
