"""PEP 695 hints for the type-relation tests (imported only on Python 3.12+)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

type UserId = int
type Pair[T] = tuple[T, T]
type JSON = dict[str, JSON] | list[JSON] | str | int | float | bool | None
type ReadOnlyJSON = Mapping[str, ReadOnlyJSON] | Sequence[ReadOnlyJSON] | str | int | float | None
type Tree[T] = T | list[Tree[T]]


class Box[T]:
    """Covariant by inference: T is only returned."""

    def __init__(self, item: T) -> None:
        self._item = item

    def get(self) -> T:
        return self._item


class Sink[T]:
    """Contravariant by inference: T is only accepted."""

    def put(self, item: T) -> None: ...


class Cell[T]:
    """Invariant by inference: a public mutable attribute."""

    def __init__(self, item: T) -> None:
        self.item = item


@dataclass(frozen=True)
class Frozen[T]:
    """Covariant by inference: a frozen dataclass's fields are read-only."""

    item: T


@dataclass
class Mutable[T]:
    """Invariant by inference: a dataclass field is settable."""

    item: T


class Reader[T]:
    """Covariant through a property with no setter and through a generic return."""

    @property
    def first(self) -> T: ...

    def __iter__(self) -> Iterator[T]: ...


class ListOf[T](list[T]):
    """Invariant through its base."""


def first[T](xs: list[T]) -> T:
    return xs[0]


def wrap[U](x: U) -> list[U]:
    return [x]
