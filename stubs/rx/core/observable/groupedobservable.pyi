from typing import Generic, TypeVar

from rx.core import typing
from rx.core.observable.observable import Observable

_K_co = TypeVar("_K_co", covariant=True)
_T_co = TypeVar("_T_co", covariant=True)

class GroupedObservable(Observable[_T_co], Generic[_K_co, _T_co]):
    """An observable of the elements of one group; ``key`` is the group key."""

    key: _K_co
    underlying_observable: Observable[_T_co]
    def __init__(
        self,
        key: _K_co,
        underlying_observable: Observable[_T_co],
        merged_disposable: typing.Disposable | None = None,
    ) -> None: ...
