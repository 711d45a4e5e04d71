# Stubs for rx.operators (RxPY 3.2.0): the commonly used operators.
#
# Every operator returns ``Callable[[Observable[T]], Observable[U]]`` for
# ``Observable.pipe`` / ``rx.pipe``. Where the input type is unconstrained
# (take, share, ...) the returned callable is itself generic, so it adapts to
# the source it is applied to. (The Callable is spelled out rather than hidden
# behind a generic alias: through an alias, mypy does not make the returned
# callable generic and binds the type variable to Never.)
#
# Operators not listed here are deliberately absent (mypy reports them), not
# silently Any.
import asyncio
import concurrent.futures
from collections.abc import Callable, Iterable
from typing import Any, Never, TypeAlias, TypeVar, overload

from rx.core import ConnectableObservable, GroupedObservable, Observable, typing
from rx.core import pipe as pipe
from rx.subject import Subject

_T = TypeVar("_T")
_U = TypeVar("_U")
_K = TypeVar("_K")
_S = TypeVar("_S")
_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")
_D = TypeVar("_D")
_E = TypeVar("_E")

_AnyFuture: TypeAlias = asyncio.Future[_T] | concurrent.futures.Future[_T]

def all(predicate: Callable[[_T], bool]) -> Callable[[Observable[_T]], Observable[bool]]: ...
def amb(right_source: Observable[_T]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def as_observable() -> Callable[[Observable[_T]], Observable[_T]]: ...
def buffer(boundaries: Observable[object]) -> Callable[[Observable[_T]], Observable[list[_T]]]: ...
def buffer_with_count(
    count: int, skip: int | None = None
) -> Callable[[Observable[_T]], Observable[list[_T]]]: ...
def buffer_with_time(
    timespan: typing.RelativeTime,
    timeshift: typing.RelativeTime | None = None,
    scheduler: typing.Scheduler | None = None,
) -> Callable[[Observable[_T]], Observable[list[_T]]]: ...
def buffer_with_time_or_count(
    timespan: typing.RelativeTime, count: int, scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[list[_T]]]: ...

# handler: a fallback sequence, or (error, source) -> fallback sequence.
@overload
def catch(
    handler: Callable[[Exception, Observable[_T]], Observable[_U] | _AnyFuture[_U]],
) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
@overload
def catch(handler: Observable[_U]) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
@overload
def combine_latest(
    o1: Observable[_A], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A]]]: ...
@overload
def combine_latest(
    o1: Observable[_A], o2: Observable[_B], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B]]]: ...
@overload
def combine_latest(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C]]]: ...
@overload
def combine_latest(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], o4: Observable[_D], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C, _D]]]: ...
@overload
def combine_latest(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    /,
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C, _D, _E]]]: ...
@overload
def combine_latest(
    *sources: Observable[Any],
) -> Callable[[Observable[Any]], Observable[tuple[Any, ...]]]: ...
def concat(*sources: Observable[_U]) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
def contains(
    value: object, comparer: Callable[[Any, Any], bool] | None = None
) -> Callable[[Observable[_T]], Observable[bool]]: ...
def count(
    predicate: Callable[[_T], bool] | None = None,
) -> Callable[[Observable[_T]], Observable[int]]: ...
def debounce(
    duetime: typing.RelativeTime, scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...

throttle_with_timeout = debounce

@overload
def default_if_empty(
    default_value: None = None,
) -> Callable[[Observable[_T]], Observable[_T | None]]: ...
@overload
def default_if_empty(default_value: _U) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
def delay(
    duetime: typing.RelativeTime, scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def delay_subscription(
    duetime: typing.AbsoluteOrRelativeTime, scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def distinct(
    key_mapper: None = None, comparer: Callable[[_T, _T], bool] | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def distinct(
    key_mapper: Callable[[_T], _K], comparer: Callable[[_K, _K], bool] | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def distinct_until_changed(
    key_mapper: None = None, comparer: Callable[[_T, _T], bool] | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def distinct_until_changed(
    key_mapper: Callable[[_T], _K], comparer: Callable[[_K, _K], bool] | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def do(observer: typing.Observer[_T]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def do_action(
    on_next: Callable[[_T], object] | None = None,
    on_error: Callable[[Exception], object] | None = None,
    on_completed: Callable[[], object] | None = None,
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def element_at(index: int) -> Callable[[Observable[_T]], Observable[_T]]: ...
def exclusive() -> Callable[[Observable[Observable[_T]]], Observable[_T]]: ...
def filter(predicate: Callable[[_T], bool]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def filter_indexed(
    predicate_indexed: Callable[[_T, int], bool] | None = None,
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def finally_action(action: Callable[[], object]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def find(predicate: Callable[[_T], bool]) -> Callable[[Observable[_T]], Observable[_T | None]]: ...
def find_index(predicate: Callable[[_T], bool]) -> Callable[[Observable[_T]], Observable[int]]: ...
def first(
    predicate: Callable[[_T], bool] | None = None,
) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def first_or_default(
    predicate: Callable[[_T], bool] | None = None, default_value: None = None
) -> Callable[[Observable[_T]], Observable[_T | None]]: ...
@overload
def first_or_default(
    predicate: Callable[[_T], bool] | None, default_value: _U
) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...

# The mapper may return an Observable, a Future, or an Iterable (flattened).
# One union-typed signature, not overloads: with a lambda whose result depends
# on its parameter, overloads would all match in mypy's context-free first
# pass and the result would degrade to Any.
def flat_map(
    mapper: Callable[[_T], Observable[_U] | _AnyFuture[_U] | Iterable[_U]],
) -> Callable[[Observable[_T]], Observable[_U]]: ...
def flat_map_indexed(
    mapper_indexed: Callable[[_T, int], Observable[_U] | _AnyFuture[_U] | Iterable[_U]],
) -> Callable[[Observable[_T]], Observable[_U]]: ...
def flat_map_latest(
    mapper: Callable[[_T], Observable[_U]],
) -> Callable[[Observable[_T]], Observable[_U]]: ...
@overload
def group_by(
    key_mapper: Callable[[_T], _K],
    element_mapper: None = None,
    subject_mapper: Callable[[], Subject[_T]] | None = None,
) -> Callable[[Observable[_T]], Observable[GroupedObservable[_K, _T]]]: ...
@overload
def group_by(
    key_mapper: Callable[[_T], _K],
    element_mapper: Callable[[_T], _U],
    subject_mapper: Callable[[], Subject[_U]] | None = None,
) -> Callable[[Observable[_T]], Observable[GroupedObservable[_K, _U]]]: ...
def ignore_elements() -> Callable[[Observable[object]], Observable[Never]]: ...
def is_empty() -> Callable[[Observable[_T]], Observable[bool]]: ...
def last(
    predicate: Callable[[_T], bool] | None = None,
) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def last_or_default(
    predicate: Callable[[_T], bool] | None = None, default_value: None = None
) -> Callable[[Observable[_T]], Observable[_T | None]]: ...
@overload
def last_or_default(
    predicate: Callable[[_T], bool] | None, default_value: _U
) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
@overload
def map(mapper: Callable[[_T], _U]) -> Callable[[Observable[_T]], Observable[_U]]: ...
@overload
def map(mapper: None = None) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def map_indexed(
    mapper_indexed: Callable[[_T, int], _U],
) -> Callable[[Observable[_T]], Observable[_U]]: ...
@overload
def map_indexed(mapper_indexed: None = None) -> Callable[[Observable[_T]], Observable[_T]]: ...

# With max_concurrent, rx ignores ``sources`` and merges the source's inner
# observables (like merge_all), at most max_concurrent at a time.
@overload
def merge(
    *sources: Observable[_U], max_concurrent: None = None
) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
@overload
def merge(*, max_concurrent: int) -> Callable[[Observable[Observable[_T]]], Observable[_T]]: ...
def merge_all() -> Callable[[Observable[Observable[_T]]], Observable[_T]]: ...
def observe_on(scheduler: typing.Scheduler) -> Callable[[Observable[_T]], Observable[_T]]: ...
def on_error_resume_next(
    second: Observable[_U],
) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
def pairwise() -> Callable[[Observable[_T]], Observable[tuple[_T, _T]]]: ...
def pluck(key: Any) -> Callable[[Observable[Any]], Observable[Any]]: ...
def pluck_attr(prop: str) -> Callable[[Observable[Any]], Observable[Any]]: ...
@overload
def publish(mapper: None = None) -> Callable[[Observable[_T]], ConnectableObservable[_T]]: ...

# With a mapper, the source is shared (subscribed once) within mapper.
@overload
def publish(
    mapper: Callable[[Observable[_T]], Observable[_U]],
) -> Callable[[Observable[_T]], Observable[_U]]: ...

# Without a seed, the first element seeds the accumulation.
@overload
def reduce(
    accumulator: Callable[[_S, _T], _S], seed: _S
) -> Callable[[Observable[_T]], Observable[_S]]: ...
@overload
def reduce(accumulator: Callable[[_T, _T], _T]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def ref_count() -> Callable[[ConnectableObservable[_T]], Observable[_T]]: ...
def repeat(repeat_count: int | None = None) -> Callable[[Observable[_T]], Observable[_T]]: ...
def replay(
    mapper: None = None,
    buffer_size: int | None = None,
    window: typing.RelativeTime | None = None,
    scheduler: typing.Scheduler | None = None,
) -> Callable[[Observable[_T]], ConnectableObservable[_T]]: ...
def retry(retry_count: int | None = None) -> Callable[[Observable[_T]], Observable[_T]]: ...
def sample(
    sampler: typing.RelativeTime | Observable[object], scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def scan(
    accumulator: Callable[[_S, _T], _S], seed: _S
) -> Callable[[Observable[_T]], Observable[_S]]: ...
@overload
def scan(accumulator: Callable[[_T, _T], _T]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def share() -> Callable[[Observable[_T]], Observable[_T]]: ...
def single(
    predicate: Callable[[_T], bool] | None = None,
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def skip(count: int) -> Callable[[Observable[_T]], Observable[_T]]: ...
def skip_last(count: int) -> Callable[[Observable[_T]], Observable[_T]]: ...
def skip_until(other: Observable[object]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def skip_while(predicate: Callable[[_T], bool]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def skip_while_indexed(
    predicate: Callable[[_T, int], bool],
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def skip_with_time(
    duration: typing.RelativeTime, scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def slice(
    start: int | None = None, stop: int | None = None, step: int | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def some(
    predicate: Callable[[_T], bool] | None = None,
) -> Callable[[Observable[_T]], Observable[bool]]: ...
def start_with(*args: _U) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
def subscribe_on(scheduler: typing.Scheduler) -> Callable[[Observable[_T]], Observable[_T]]: ...
def switch_latest() -> Callable[[Observable[Observable[_T]]], Observable[_T]]: ...
def take(count: int) -> Callable[[Observable[_T]], Observable[_T]]: ...
def take_last(count: int) -> Callable[[Observable[_T]], Observable[_T]]: ...
def take_last_buffer(count: int) -> Callable[[Observable[_T]], Observable[list[_T]]]: ...
def take_until(other: Observable[object]) -> Callable[[Observable[_T]], Observable[_T]]: ...
def take_while(
    predicate: Callable[[_T], bool], inclusive: bool = False
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def take_while_indexed(
    predicate: Callable[[_T, int], bool], inclusive: bool = False
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def take_with_time(
    duration: typing.RelativeTime, scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...
def throttle_first(
    window_duration: typing.RelativeTime, scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[_T]]: ...

# duetime: a datetime is absolute, a float/timedelta relative. On timeout the
# result switches to ``other`` (default: an error).
@overload
def timeout(
    duetime: typing.AbsoluteOrRelativeTime,
    other: None = None,
    scheduler: typing.Scheduler | None = None,
) -> Callable[[Observable[_T]], Observable[_T]]: ...
@overload
def timeout(
    duetime: typing.AbsoluteOrRelativeTime,
    other: Observable[_U] | _AnyFuture[_U],
    scheduler: typing.Scheduler | None = None,
) -> Callable[[Observable[_T]], Observable[_T | _U]]: ...
@overload
def to_dict(
    key_mapper: Callable[[_T], _K], element_mapper: None = None
) -> Callable[[Observable[_T]], Observable[dict[_K, _T]]]: ...
@overload
def to_dict(
    key_mapper: Callable[[_T], _K], element_mapper: Callable[[_T], _U]
) -> Callable[[Observable[_T]], Observable[dict[_K, _U]]]: ...
def to_future(
    future_ctor: Callable[[], asyncio.Future[_T]] | None = None,
) -> Callable[[Observable[_T]], asyncio.Future[_T]]: ...
def to_iterable() -> Callable[[Observable[_T]], Observable[list[_T]]]: ...

to_list = to_iterable

def to_set() -> Callable[[Observable[_T]], Observable[set[_T]]]: ...
def window(
    boundaries: Observable[object],
) -> Callable[[Observable[_T]], Observable[Observable[_T]]]: ...
def window_with_count(
    count: int, skip: int | None = None
) -> Callable[[Observable[_T]], Observable[Observable[_T]]]: ...
def window_with_time(
    timespan: typing.RelativeTime,
    timeshift: typing.RelativeTime | None = None,
    scheduler: typing.Scheduler | None = None,
) -> Callable[[Observable[_T]], Observable[Observable[_T]]]: ...
def window_with_time_or_count(
    timespan: typing.RelativeTime, count: int, scheduler: typing.Scheduler | None = None
) -> Callable[[Observable[_T]], Observable[Observable[_T]]]: ...
@overload
def with_latest_from(
    o1: Observable[_A], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A]]]: ...
@overload
def with_latest_from(
    o1: Observable[_A], o2: Observable[_B], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B]]]: ...
@overload
def with_latest_from(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C]]]: ...
@overload
def with_latest_from(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], o4: Observable[_D], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C, _D]]]: ...
@overload
def with_latest_from(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    /,
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C, _D, _E]]]: ...
@overload
def with_latest_from(
    *sources: Observable[Any],
) -> Callable[[Observable[Any]], Observable[tuple[Any, ...]]]: ...
@overload
def zip(o1: Observable[_A], /) -> Callable[[Observable[_T]], Observable[tuple[_T, _A]]]: ...
@overload
def zip(
    o1: Observable[_A], o2: Observable[_B], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B]]]: ...
@overload
def zip(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C]]]: ...
@overload
def zip(
    o1: Observable[_A], o2: Observable[_B], o3: Observable[_C], o4: Observable[_D], /
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C, _D]]]: ...
@overload
def zip(
    o1: Observable[_A],
    o2: Observable[_B],
    o3: Observable[_C],
    o4: Observable[_D],
    o5: Observable[_E],
    /,
) -> Callable[[Observable[_T]], Observable[tuple[_T, _A, _B, _C, _D, _E]]]: ...
@overload
def zip(
    *sources: Observable[Any],
) -> Callable[[Observable[Any]], Observable[tuple[Any, ...]]]: ...
def zip_with_iterable(
    second: Iterable[_U],
) -> Callable[[Observable[_T]], Observable[tuple[_T, _U]]]: ...

zip_with_list = zip_with_iterable
