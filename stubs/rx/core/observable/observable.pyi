# Stubs for rx.core.observable.observable (RxPY 3.2.0).
#
# Observable is generic only in these stubs: at runtime
# ``rx.core.Observable[int]`` raises TypeError ("is not a generic class"), so
# spell it in annotations that are never evaluated (``from __future__ import
# annotations``, or quoted), or use ``rx.core.typing.Observable[T]``, which is
# subscriptable at runtime.
import threading
from collections.abc import Callable, Generator
from typing import Any, overload

from typing_extensions import TypeVar

from rx.core import typing

_T_co = TypeVar("_T_co", covariant=True)
_T = TypeVar("_T")
_A = TypeVar("_A")
# Each stage defaults to the previous one, so omitted trailing operators are
# the identity.
_B = TypeVar("_B", default=_A)
_C = TypeVar("_C", default=_B)
_D = TypeVar("_D", default=_C)
_E = TypeVar("_E", default=_D)
_F = TypeVar("_F", default=_E)
_G = TypeVar("_G", default=_F)

class Observable(typing.Observable[_T_co]):
    lock: threading.RLock
    def __init__(self, subscribe: typing.Subscription[_T_co] | None = None) -> None: ...
    # rx 3 accepts either an Observer or an on_next callable as the first
    # positional argument; callbacks are ignored when an observer is given.
    @overload
    def subscribe(
        self,
        observer: typing.Observer[_T_co] | None = None,
        *,
        scheduler: typing.Scheduler | None = None,
    ) -> typing.Disposable: ...
    @overload
    def subscribe(
        self,
        observer: Callable[[_T_co], object] | None = None,
        on_error: Callable[[Exception], object] | None = None,
        on_completed: Callable[[], object] | None = None,
        *,
        scheduler: typing.Scheduler | None = None,
    ) -> typing.Disposable: ...
    @overload
    def subscribe(
        self,
        observer: None = None,
        on_error: Callable[[Exception], object] | None = None,
        on_completed: Callable[[], object] | None = None,
        on_next: Callable[[_T_co], object] | None = None,
        *,
        scheduler: typing.Scheduler | None = None,
    ) -> typing.Disposable: ...
    def subscribe_(
        self,
        on_next: Callable[[_T_co], object] | None = None,
        on_error: Callable[[Exception], object] | None = None,
        on_completed: Callable[[], object] | None = None,
        scheduler: typing.Scheduler | None = None,
    ) -> typing.Disposable: ...
    # Deliberately NOT overloaded by arity: mypy type-checks the arguments of an
    # overloaded call once without context first, so ``ops.map(lambda x: ...)``
    # would see ``x`` as an unsolved type variable. A single signature whose
    # later operators are optional (their type variables defaulting to the
    # previous stage's) keeps lambda parameters inferred from the source.
    # At least one operator is required (``pipe()`` is the identity at runtime);
    # compose more than 7 with nested ``rx.pipe``.
    def pipe(
        self: Observable[_T],
        op1: Callable[[Observable[_T]], _A],
        op2: Callable[[_A], _B] = ...,
        op3: Callable[[_B], _C] = ...,
        op4: Callable[[_C], _D] = ...,
        op5: Callable[[_D], _E] = ...,
        op6: Callable[[_E], _F] = ...,
        op7: Callable[[_F], _G] = ...,
        /,
    ) -> _G: ...
    # Blocks until completion; returns the last element (raises
    # SequenceContainsNoElementsError if there was none, re-raises on_error).
    def run(self) -> _T_co: ...
    def __await__(self) -> Generator[Any, None, _T_co]: ...
    def __add__(self, other: Observable[_T]) -> Observable[_T_co | _T]: ...
    def __iadd__(self, other: Observable[_T]) -> Observable[_T_co | _T]: ...
    def __getitem__(self, key: int | slice) -> Observable[_T_co]: ...
