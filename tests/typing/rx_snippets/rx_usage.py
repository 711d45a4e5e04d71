"""Typing checks for the rx 3.2.0 stubs in stubs/rx.

Checked by tests/typing/test_rx_stubs.py with ``mypy --strict``; never imported
or executed. Lines that must type-check use ``assert_type``; lines that must be
rejected carry ``# type: ignore[<code>]``: with --strict's warn_unused_ignores,
a line that stops erroring fails the check, so both directions are pinned.
"""

from __future__ import annotations

import concurrent.futures
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Never, assert_type

import rx
import rx.operators as ops
from rx.core import ConnectableObservable, GroupedObservable, Observable, Observer
from rx.core import typing as rxtyping
from rx.disposable import CompositeDisposable, Disposable, SerialDisposable
from rx.scheduler import CurrentThreadScheduler, ImmediateScheduler, ThreadPoolScheduler
from rx.scheduler.eventloop import AsyncIOScheduler
from rx.subject import AsyncSubject, BehaviorSubject, ReplaySubject, Subject

if TYPE_CHECKING:
    import asyncio


def subjects() -> None:
    # Note: Subject[int]() type-checks but raises TypeError at runtime (rx's
    # concrete classes are not generic); annotate the variable instead.
    s: Subject[int] = Subject()
    s.on_next(1)
    s.on_error(ValueError("boom"))
    s.on_completed()
    s.dispose()
    assert_type(s.is_disposed, bool)
    assert_type(s.observers, list[rxtyping.Observer[int]])
    assert_type(s.exception, Exception | None)
    s.on_next("x")  # type: ignore[arg-type]
    s.on_error("not an exception")  # type: ignore[arg-type]

    # A Subject is both an Observable and an Observer.
    as_observable: Observable[int] = s
    as_observer: rxtyping.Observer[int] = s
    as_core_observer: Observer[int] = s
    as_abc_subject: rxtyping.Subject[int, int] = s
    del as_observable, as_observer, as_core_observer, as_abc_subject
    wrong: Observable[str] = s  # type: ignore[assignment]
    del wrong

    b = BehaviorSubject(0)
    assert_type(b, BehaviorSubject[int])
    assert_type(b.value, int)
    r: ReplaySubject[str] = ReplaySubject(buffer_size=10, window=timedelta(seconds=1))
    r.on_next("a")
    r2: ReplaySubject[str] = ReplaySubject(window=1.5, scheduler=ImmediateScheduler())
    del r2
    a: AsyncSubject[float] = AsyncSubject()
    a.on_next(1.0)
    assert_type(a.value, float | None)
    ReplaySubject(buffer_size="10")  # type: ignore[arg-type]


def subscribe(source: Observable[int], scheduler: rxtyping.Scheduler) -> None:
    def on_next(value: int) -> None: ...
    def on_error(error: Exception) -> None: ...
    def on_completed() -> None: ...
    def on_str(value: str) -> None: ...

    assert_type(source.subscribe(), rxtyping.Disposable)
    source.subscribe(on_next)
    source.subscribe(on_next, on_error, on_completed, scheduler=scheduler)
    source.subscribe(on_next=on_next, on_error=on_error, on_completed=on_completed)
    source.subscribe(on_completed=on_completed)
    source.subscribe(print)
    source.subscribe(lambda x: print(x + 1))
    sink: Subject[int] = Subject()
    source.subscribe(sink)
    source.subscribe(sink, scheduler=scheduler)
    source.subscribe(Observer(on_next, on_error))
    d = source.subscribe(on_next)
    d.dispose()

    source.subscribe(on_str)  # type: ignore[arg-type]
    source.subscribe(on_next=on_str)  # type: ignore[arg-type]
    strings: Subject[str] = Subject()
    source.subscribe(strings)  # type: ignore[arg-type]
    source.subscribe(sink, on_error)  # type: ignore[call-overload]
    source.subscribe(on_next, scheduler=1)  # type: ignore[call-overload]
    source.subscribe(lambda x: x.upper())  # type: ignore[attr-defined]


def pipe_chains(source: Observable[int]) -> None:
    source.pipe()  # type: ignore[call-arg]  # no-op pipe() is rejected: pass an operator
    assert_type(source.pipe(ops.map(str)), Observable[str])
    assert_type(source.pipe(ops.map(lambda x: x * 2)), Observable[int])
    assert_type(source.pipe(ops.filter(lambda x: x > 0), ops.map(str)), Observable[str])
    assert_type(
        source.pipe(ops.map(str), ops.map(len), ops.map(float)),
        Observable[float],
    )
    assert_type(
        source.pipe(ops.take(3), ops.skip(1), ops.map(str), ops.map(len)),
        Observable[int],
    )
    assert_type(
        source.pipe(ops.take(3), ops.skip(1), ops.map(str), ops.map(len), ops.to_list()),
        Observable[list[int]],
    )
    assert_type(
        source.pipe(
            ops.take(3), ops.skip(1), ops.map(str), ops.map(len), ops.to_list(), ops.map(len)
        ),
        Observable[int],
    )
    # Known mypy limitation (not the stubs): in the 2nd+ operator of one pipe(),
    # a lambda's parameter is inferred (its body is checked), but a result
    # computed from it via a method/operator degrades to Any. Start a new
    # .pipe() at such an operator, or use a named function, to stay precise.
    assert_type(source.pipe(ops.map(str), ops.map(lambda s: s.upper())), Observable[Any])
    assert_type(source.pipe(ops.map(str)).pipe(ops.map(lambda s: s.upper())), Observable[str])
    source.pipe(ops.map(str), ops.map(lambda s: s.uper()))  # type: ignore[attr-defined]

    # The operator's input must match what flows out of the previous one.
    source.pipe(ops.map(str), ops.map(abs))  # type: ignore[misc]
    source.pipe(ops.filter(lambda s: s.startswith("a")))  # type: ignore[attr-defined]

    # rx.pipe composes operators into one.
    stringify = rx.pipe(ops.map(str), ops.filter(lambda s: s != ""))
    assert_type(source.pipe(stringify), Observable[str])
    assert_type(rx.pipe(ops.map(str))(source), Observable[str])
    rx.pipe()  # type: ignore[call-arg]

    assert_type(source.run(), int)
    assert_type(source + rx.of("a"), Observable[int | str])
    assert_type(source[1:3], Observable[int])


async def awaiting(source: Observable[int]) -> None:
    assert_type(await source, int)


def factories(loop: asyncio.AbstractEventLoop) -> None:
    def subscribe_ints(
        observer: rxtyping.Observer[int], scheduler: rxtyping.Scheduler | None
    ) -> rxtyping.Disposable:
        observer.on_next(1)
        observer.on_completed()
        return Disposable()

    def subscribe_no_disposable(
        observer: rxtyping.Observer[str], scheduler: rxtyping.Scheduler | None
    ) -> None:
        observer.on_next("a")

    assert_type(rx.create(subscribe_ints), Observable[int])
    assert_type(rx.create(subscribe_no_disposable), Observable[str])
    assert_type(Observable(subscribe_ints), Observable[int])
    assert_type(rx.from_iterable([1, 2]), Observable[int])
    assert_type(rx.from_(["a"]), Observable[str])
    assert_type(rx.from_list((1.0,)), Observable[float])
    assert_type(rx.of(1, 2, 3), Observable[int])
    assert_type(rx.just("a"), Observable[str])
    assert_type(rx.return_value(b"a"), Observable[bytes])
    assert_type(rx.empty(), Observable[Never])
    assert_type(rx.never(), Observable[Never])
    assert_type(rx.throw(ValueError("x")), Observable[Never])
    assert_type(rx.range(0, 10), Observable[int])
    assert_type(rx.interval(1.0), Observable[int])
    assert_type(rx.interval(timedelta(seconds=1)), Observable[int])
    assert_type(rx.timer(0.5), Observable[int])
    assert_type(rx.timer(0.5, period=1.0), Observable[int])
    assert_type(rx.merge(rx.of(1), rx.of(2)), Observable[int])
    assert_type(rx.concat(rx.of(1), rx.empty()), Observable[int])
    assert_type(rx.zip(rx.of(1), rx.of("a")), Observable[tuple[int, str]])
    assert_type(rx.zip(rx.of(1), rx.of("a"), rx.of(1.0)), Observable[tuple[int, str, float]])
    assert_type(rx.combine_latest(rx.of(1), rx.of("a")), Observable[tuple[int, str]])
    assert_type(rx.with_latest_from(rx.of(1), rx.of("a")), Observable[tuple[int, str]])
    assert_type(rx.defer(lambda _scheduler: rx.of(1)), Observable[int])
    fut: asyncio.Future[str] = loop.create_future()
    assert_type(rx.from_future(fut), Observable[str])
    cfut: concurrent.futures.Future[int] = concurrent.futures.Future()
    assert_type(rx.from_future(cfut), Observable[int])

    rx.create(lambda observer: None)  # type: ignore[arg-type, misc]
    rx.range("0")  # type: ignore[arg-type]
    rx.interval("1s")  # type: ignore[arg-type]
    rx.throw("not an exception")  # type: ignore[arg-type]
    rx.from_iterable(1)  # type: ignore[arg-type]
    rx.from_future(1)  # type: ignore[arg-type]
    rx.merge(1)  # type: ignore[arg-type]


def operators(source: Observable[int], scheduler: rxtyping.Scheduler) -> None:
    assert_type(source.pipe(ops.map(lambda x: str(x))), Observable[str])
    assert_type(source.pipe(ops.map_indexed(lambda x, i: (i, x))), Observable[tuple[int, int]])
    assert_type(source.pipe(ops.filter(lambda x: x % 2 == 0)), Observable[int])
    assert_type(source.pipe(ops.filter_indexed(lambda x, i: i > 0)), Observable[int])
    assert_type(source.pipe(ops.take(1)), Observable[int])
    assert_type(source.pipe(ops.skip(1)), Observable[int])
    assert_type(source.pipe(ops.scan(lambda acc, x: acc + x)), Observable[int])
    assert_type(source.pipe(ops.scan(lambda acc, x: [*acc, x], [0])), Observable[list[int]])
    assert_type(source.pipe(ops.reduce(lambda acc, x: acc + x)), Observable[int])
    assert_type(source.pipe(ops.reduce(lambda acc, x: acc + str(x), "")), Observable[str])
    assert_type(source.pipe(ops.to_list()), Observable[list[int]])
    assert_type(source.pipe(ops.buffer_with_count(2)), Observable[list[int]])
    assert_type(source.pipe(ops.buffer_with_count(2, 1)), Observable[list[int]])
    assert_type(source.pipe(ops.buffer_with_time(0.1)), Observable[list[int]])
    assert_type(source.pipe(ops.flat_map(lambda x: rx.of(str(x)))), Observable[str])
    assert_type(source.pipe(ops.flat_map(lambda x: [x, x])), Observable[int])
    assert_type(source.pipe(ops.merge(rx.of("a"))), Observable[int | str])
    assert_type(rx.of(rx.of(1)).pipe(ops.merge(max_concurrent=2)), Observable[int])
    assert_type(rx.of(rx.of(1)).pipe(ops.merge_all()), Observable[int])
    assert_type(source.pipe(ops.do_action(lambda x: print(x))), Observable[int])
    assert_type(source.pipe(ops.do_action(on_error=print)), Observable[int])
    assert_type(source.pipe(ops.observe_on(scheduler)), Observable[int])
    assert_type(source.pipe(ops.subscribe_on(scheduler)), Observable[int])
    assert_type(source.pipe(ops.first()), Observable[int])
    assert_type(source.pipe(ops.first(lambda x: x > 1)), Observable[int])
    assert_type(source.pipe(ops.last()), Observable[int])
    assert_type(source.pipe(ops.distinct()), Observable[int])
    assert_type(source.pipe(ops.distinct(lambda x: x % 3)), Observable[int])
    assert_type(source.pipe(ops.distinct_until_changed()), Observable[int])
    assert_type(
        source.pipe(ops.group_by(lambda x: x % 2 == 0)), Observable[GroupedObservable[bool, int]]
    )
    assert_type(
        source.pipe(ops.group_by(lambda x: x % 2, lambda x: str(x))),
        Observable[GroupedObservable[int, str]],
    )
    assert_type(
        source.pipe(ops.group_by(lambda x: x % 2)).pipe(
            ops.flat_map(lambda g: g.pipe(ops.count()))
        ),
        Observable[int],
    )
    assert_type(source.pipe(ops.take_until(rx.timer(1.0))), Observable[int])
    assert_type(source.pipe(ops.timeout(1.0)), Observable[int])
    assert_type(
        source.pipe(ops.timeout(timedelta(seconds=1), rx.of("late"))), Observable[int | str]
    )
    assert_type(source.pipe(ops.catch(rx.of(0))), Observable[int])
    assert_type(source.pipe(ops.catch(lambda err, src: rx.of(str(err)))), Observable[int | str])
    assert_type(source.pipe(ops.retry(3)), Observable[int])
    assert_type(source.pipe(ops.share()), Observable[int])
    assert_type(source.pipe(ops.debounce(0.1)), Observable[int])
    assert_type(source.pipe(ops.throttle_first(0.1)), Observable[int])
    assert_type(source.pipe(ops.start_with(0)), Observable[int])
    assert_type(source.pipe(ops.start_with(None)), Observable[int | None])
    assert_type(source.pipe(ops.delay(0.1, scheduler)), Observable[int])
    assert_type(source.pipe(ops.ignore_elements()), Observable[Never])
    assert_type(source.pipe(ops.count()), Observable[int])
    assert_type(source.pipe(ops.count(lambda x: x > 0)), Observable[int])
    assert_type(source.pipe(ops.with_latest_from(rx.of("a"))), Observable[tuple[int, str]])
    assert_type(
        source.pipe(ops.with_latest_from(rx.of("a"), rx.of(1.0))),
        Observable[tuple[int, str, float]],
    )
    assert_type(source.pipe(ops.combine_latest(rx.of("a"))), Observable[tuple[int, str]])
    assert_type(source.pipe(ops.zip(rx.of("a"))), Observable[tuple[int, str]])
    assert_type(source.pipe(ops.concat(rx.of(1))), Observable[int])
    assert_type(source.pipe(ops.default_if_empty()), Observable[int | None])
    assert_type(source.pipe(ops.default_if_empty(0)), Observable[int])
    assert_type(source.pipe(ops.as_observable()), Observable[int])
    assert_type(source.pipe(ops.sample(0.5)), Observable[int])
    assert_type(source.pipe(ops.sample(rx.interval(1.0))), Observable[int])
    assert_type(source.pipe(ops.window_with_count(2)), Observable[Observable[int]])
    assert_type(source.pipe(ops.pluck("key")), Observable[Any])
    assert_type(source.pipe(ops.pairwise()), Observable[tuple[int, int]])
    assert_type(source.pipe(ops.publish()), ConnectableObservable[int])
    assert_type(source.pipe(ops.publish(), ops.ref_count()), Observable[int])

    source.pipe(ops.map(lambda x: x.upper()))  # type: ignore[attr-defined]
    source.pipe(ops.filter(lambda x: x.startswith("a")))  # type: ignore[attr-defined]
    source.pipe(ops.take("3"))  # type: ignore[arg-type]
    source.pipe(ops.buffer_with_count(2.5))  # type: ignore[arg-type]
    source.pipe(ops.take_until(1))  # type: ignore[arg-type]
    source.pipe(ops.do_action(on_next=lambda s: s.upper()))  # type: ignore[attr-defined]
    source.pipe(ops.observe_on(None))  # type: ignore[arg-type]
    ops.not_an_operator()  # type: ignore[attr-defined]


def schedulers(loop: asyncio.AbstractEventLoop) -> None:
    aio = AsyncIOScheduler(loop=loop)
    assert_type(aio, AsyncIOScheduler)
    AsyncIOScheduler(loop)
    pool = ThreadPoolScheduler(4)
    immediate = ImmediateScheduler()
    current = CurrentThreadScheduler.singleton()
    assert_type(current, CurrentThreadScheduler)
    for sched in (aio, pool, immediate, current):
        as_scheduler: rxtyping.Scheduler = sched
        del as_scheduler

    def action(scheduler: rxtyping.Scheduler, state: int | None) -> None: ...

    assert_type(aio.schedule(action, 1), rxtyping.Disposable)
    aio.schedule_relative(0.5, action)
    periodic: rxtyping.PeriodicScheduler = aio
    del periodic
    assert_type(rx.interval(1.0, scheduler=aio), Observable[int])

    AsyncIOScheduler()  # type: ignore[call-arg]
    AsyncIOScheduler(loop="loop")  # type: ignore[arg-type]
    ThreadPoolScheduler("4")  # type: ignore[arg-type]
    aio.schedule(action, "state")  # type: ignore[arg-type]


def disposables() -> None:
    d = Disposable(lambda: None)
    d.dispose()
    assert_type(d.is_disposed, bool)
    composite = CompositeDisposable(d, Disposable())
    composite.add(Disposable())
    CompositeDisposable([d])
    assert_type(len(composite), int)
    serial = SerialDisposable()
    serial.disposable = d
    assert_type(serial.disposable, rxtyping.Disposable | None)
    abc_d: rxtyping.Disposable = composite
    del abc_d
    with d as entered:
        assert_type(entered, None)

    Disposable(1)  # type: ignore[arg-type]
    composite.add(1)  # type: ignore[arg-type]
    serial.disposable = 1  # type: ignore[assignment]
