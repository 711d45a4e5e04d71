"""Variance inference with ``TypeVar(infer_variance=True)`` (generics_syntax_infer_variance)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Generic, overload

from typing_extensions import TypeVar

from .case import Case

T = TypeVar("T", infer_variance=True)
K = TypeVar("K", infer_variance=True)
V = TypeVar("V", infer_variance=True)


class ShouldBeCovariant1(Generic[T]):
    def __getitem__(self, index: int) -> T:
        raise NotImplementedError

    def __iter__(self) -> Iterator[T]:
        raise NotImplementedError


class ShouldBeCovariant2(Sequence[T]):
    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError


class ShouldBeCovariant3(Generic[T]):
    def method1(self) -> ShouldBeCovariant2[T]:
        raise NotImplementedError


@dataclass(frozen=True)
class ShouldBeCovariant4(Generic[T]):
    x: T


class ShouldBeCovariant5(Generic[T]):
    def __init__(self, x: T) -> None:
        self._x = x

    @property
    def x(self) -> T:
        return self._x


class ShouldBeCovariant6(Generic[T]):
    x: Final[T]  # type: ignore[misc]

    def __init__(self, value: T) -> None:
        self.x = value


class ShouldBeInvariant1(Generic[T]):
    def __init__(self, value: T) -> None:
        self._value = value

    @property
    def value(self) -> T:
        return self._value

    @value.setter
    def value(self, value: T) -> None:
        self._value = value


class ShouldBeInvariant2(Generic[T]):
    def __init__(self, value: T) -> None:
        self._value = value

    def get_value(self) -> T:
        return self._value

    def set_value(self, value: T) -> None:
        self._value = value


class ShouldBeInvariant3(dict[K, V]):
    pass


class ShouldBeContravariant1(Generic[T]):
    def __init__(self, value: T) -> None:
        pass

    def set_value(self, value: T) -> None:
        pass


_IV = "generics_syntax_infer_variance.py"

CASES = [
    Case(ShouldBeCovariant1[int], ShouldBeCovariant1[float], True, f"{_IV}:28"),
    Case(ShouldBeCovariant1[float], ShouldBeCovariant1[int], False, f"{_IV}:29"),
    Case(ShouldBeCovariant2[int], ShouldBeCovariant2[float], True, f"{_IV}:46"),
    Case(ShouldBeCovariant2[float], ShouldBeCovariant2[int], False, f"{_IV}:47"),
    Case(ShouldBeCovariant3[int], ShouldBeCovariant3[float], True, f"{_IV}:55"),
    Case(ShouldBeCovariant3[float], ShouldBeCovariant3[int], False, f"{_IV}:56"),
    Case(ShouldBeCovariant4[int], ShouldBeCovariant4[float], True, f"{_IV}:60"),
    Case(ShouldBeCovariant5[int], ShouldBeCovariant5[float], True, f"{_IV}:84"),
    Case(ShouldBeCovariant5[float], ShouldBeCovariant5[int], False, f"{_IV}:85"),
    Case(ShouldBeCovariant6[int], ShouldBeCovariant6[float], True, f"{_IV}:95"),
    Case(ShouldBeCovariant6[float], ShouldBeCovariant6[int], False, f"{_IV}:96"),
    Case(ShouldBeInvariant1[int], ShouldBeInvariant1[float], False, f"{_IV}:112"),
    Case(ShouldBeInvariant1[float], ShouldBeInvariant1[int], False, f"{_IV}:113"),
    Case(ShouldBeInvariant2[int], ShouldBeInvariant2[float], False, f"{_IV}:127"),
    Case(ShouldBeInvariant2[float], ShouldBeInvariant2[int], False, f"{_IV}:128"),
    Case(ShouldBeInvariant3[int, str], ShouldBeInvariant3[float, str], False, f"{_IV}:135"),
    Case(ShouldBeInvariant3[float, str], ShouldBeInvariant3[int, str], False, f"{_IV}:136"),
    Case(ShouldBeInvariant3[str, int], ShouldBeInvariant3[str, float], False, f"{_IV}:137"),
    Case(ShouldBeInvariant3[str, float], ShouldBeInvariant3[str, int], False, f"{_IV}:138"),
    Case(ShouldBeContravariant1[int], ShouldBeContravariant1[float], False, f"{_IV}:165"),
    Case(ShouldBeContravariant1[float], ShouldBeContravariant1[int], True, f"{_IV}:166"),
]
