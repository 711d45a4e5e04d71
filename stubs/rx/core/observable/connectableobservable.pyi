from typing import TypeVar

from rx.core import typing
from rx.core.observable.observable import Observable

_T = TypeVar("_T")

class ConnectableObservable(Observable[_T]):
    subject: typing.Subject[_T, _T]
    has_subscription: bool
    subscription: typing.Disposable | None
    source: Observable[_T]
    def __init__(self, source: Observable[_T], subject: typing.Subject[_T, _T]) -> None: ...
    def connect(self, scheduler: typing.Scheduler | None = None) -> typing.Disposable: ...
    def auto_connect(self, subscriber_count: int = 1) -> Observable[_T]: ...
