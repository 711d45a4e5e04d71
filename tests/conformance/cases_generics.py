"""Generics cases: basic, constrained and bounded TypeVars, declared variance, Self."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sized
from collections.abc import Container as AbcContainer
from typing import Any, Generic, Protocol, Self, TypeVar

from .case import Case

T = TypeVar("T")
S = TypeVar("S")
K = TypeVar("K")
V = TypeVar("V")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
AnyStr = TypeVar("AnyStr", str, bytes)
T_int = TypeVar("T_int", bound=int)


class MyStr(str): ...


class MyIter1(Iterator[T]): ...


class MyIter2(Iterator[T], Generic[T]): ...


class MyMap1(Mapping[K, V], Generic[K, V]): ...


class MyMap2(Mapping[K, V], Generic[V, K]): ...


class MyIterableAny(Iterable):  # type: ignore[type-arg]  # Iterable[Any]
    ...


class LinkedList(Sized, Generic[T]): ...


class MyMapping(Iterable[tuple[K, V]], AbcContainer[tuple[K, V]], Generic[K, V]): ...


# ---- generics_upper_bound
T_Good1 = TypeVar("T_Good1", bound=int)
T_Good2 = TypeVar("T_Good2", bound="ForwardRef | str")  # a forward reference as the bound


class ForwardRef: ...


ST = TypeVar("ST", bound=Sized)

# ---- generics_variance


class ImmutableList(Generic[T_co]):
    def __init__(self, items: Iterable[T_co]) -> None: ...

    def __iter__(self) -> Iterator[T_co]:
        raise NotImplementedError


class Employee: ...


class Manager(Employee): ...


E = TypeVar("E", bound=Employee)


class Co(Generic[T_co]): ...


class Contra(Generic[T_contra]): ...


class Inv(Generic[T]): ...


class CoContra(Generic[T_co, T_contra]): ...


class Co_Child1(Co[T_co]): ...


class Co_Child2(Co[T]): ...


class Contra_Child1(Contra[T_contra]): ...


class Contra_Child2(Contra[T]): ...


class Contra_Child4(Contra[Co[T_contra]]): ...


class CoContra_Child1(CoContra[T_co, T_contra]): ...


class CoContra_Child4(CoContra[T, T]): ...


class CoToContra(Contra[Co[T_contra]]): ...


class ContraToContra(Contra[Contra[T_co]]): ...


class CoToCo(Co[Co[T_co]]): ...


class ContraToCo(Co[Contra[T_contra]]): ...


# ---- generics_self_protocols


class ShapeProtocol(Protocol):
    def set_scale(self, scale: float) -> Self: ...


class ReturnSelf:
    scale: float = 1.0

    def set_scale(self, scale: float) -> Self:
        self.scale = scale
        return self


class ReturnConcreteShape:
    scale: float = 1.0

    def set_scale(self, scale: float) -> ReturnConcreteShape:
        self.scale = scale
        return self


class BadReturnType:
    scale: float = 1.0

    def set_scale(self, scale: float) -> int:
        self.scale = scale
        return 42


class ReturnDifferentClass:
    scale: float = 1.0

    def set_scale(self, scale: float) -> ReturnConcreteShape:
        return ReturnConcreteShape()


class Shape:
    def set_scale(self, scale: float) -> Self:
        return self


class Circle(Shape):
    pass


class Container(Generic[T]):
    value: T

    def __init__(self, value: T) -> None:
        self.value = value

    def set_value(self, value: T) -> Self:
        raise NotImplementedError


_BA = "generics_basic.py"
_UB = "generics_upper_bound.py"
_VA = "generics_variance.py"
_SB = "generics_self_basic.py"
_SP = "generics_self_protocols.py"

CASES = [
    # constrained TypeVars: one constraint for all arguments
    Case(str, AnyStr, True, f"{_BA}:38"),
    Case(bytes, AnyStr, True, f"{_BA}:39"),
    Case(tuple[str, str], tuple[AnyStr, AnyStr], True, f"{_BA}:38"),
    Case(tuple[bytes, bytes], tuple[AnyStr, AnyStr], True, f"{_BA}:39"),
    Case(tuple[str, bytes], tuple[AnyStr, AnyStr], False, f"{_BA}:40"),
    Case(tuple[bytes, str], tuple[AnyStr, AnyStr], False, f"{_BA}:41"),
    Case(tuple[str, Any], tuple[AnyStr, AnyStr], True, f"{_BA}:43"),
    Case(tuple[Any, bytes], tuple[AnyStr, AnyStr], True, f"{_BA}:44"),
    Case(int, AnyStr, False, f"{_BA}:40"),
    Case(MyStr, AnyStr, True, f"{_BA}:67"),
    Case(tuple[MyStr, MyStr], tuple[AnyStr, AnyStr], True, f"{_BA}:67"),
    Case(tuple[MyStr, str], tuple[AnyStr, AnyStr], True, f"{_BA}:68"),
    Case(tuple[MyStr, bytes], tuple[AnyStr, AnyStr], False, f"{_BA}:69"),
    Case(MyIter1[int], Iterator[int], True, f"{_BA}:139"),
    Case(MyIter2[int], Iterator[int], True, f"{_BA}:140"),
    Case(MyIter1[int], Iterator[str], False, f"{_BA}:139"),
    Case(MyMap1[str, int], Mapping[str, int], True, f"{_BA}:154"),
    Case(MyMap2[int, str], Mapping[str, int], True, f"{_BA}:155"),
    Case(MyMap1[str, int], Mapping[int, int], False, f"{_BA}:157"),
    Case(MyMap2[int, str], Mapping[int, str], False, f"{_BA}:158"),
    Case(MyIterableAny, Iterable[int], True, f"{_BA}:199"),
    Case(MyIterableAny, Iterator[int], False, f"{_BA}:199"),
    Case(LinkedList[int], Sized, True, f"{_BA}:183"),
    Case(MyMapping[str, int], Iterable[tuple[str, int]], True, f"{_BA}:186"),
    Case(MyMapping[str, int], AbcContainer[tuple[str, int]], True, f"{_BA}:186"),
    Case(MyMapping[str, int], Iterable[tuple[int, str]], False, f"{_BA}:186"),
    Case(tuple[list[int], str], tuple[list[T], list[T]], False, f"{_BA}:223"),
    Case(tuple[list[str], list[str]], tuple[list[T], list[T]], True, f"{_BA}:224"),
    Case(tuple[list[int], list[int]], tuple[list[T], list[T]], True, f"{_BA}:231"),
    Case(tuple[list[int], list[str]], tuple[list[T], list[T]], False, f"{_BA}:232"),
    Case(tuple[list[int], str], tuple[list[T_int], list[T_int]], False, f"{_BA}:240"),
    Case(tuple[list[int], list[str]], tuple[list[T_int], list[T_int]], False, f"{_BA}:241"),
    Case(tuple[list[int], list[int]], tuple[list[T_int], list[T_int]], True, f"{_BA}:242"),
    Case(tuple[list[bool], list[bool]], tuple[list[T_int], list[T_int]], True, f"{_BA}:243"),
    Case(tuple[list[int], list[int]], tuple[list[T_int], list[T_int]], True, f"{_BA}:250"),
    Case(tuple[list[int], list[bool]], tuple[list[T_int], list[T_int]], False, f"{_BA}:251"),
    Case(list[str], list[T_int], False, f"{_BA}:241"),
    Case(list[bool], list[T_int], True, f"{_BA}:243"),
    # upper bounds
    Case(int, T_Good1, True, f"{_UB}:11"),
    Case(bool, T_Good1, True, f"{_UB}:11"),
    Case(str, T_Good1, False, f"{_UB}:11"),
    Case(ForwardRef, T_Good2, True, f"{_UB}:12"),
    Case(str, T_Good2, True, f"{_UB}:12"),
    Case(int, T_Good2, False, f"{_UB}:12"),
    Case(ForwardRef | str, T_Good2, True, f"{_UB}:12"),
    Case(list[int], ST, True, f"{_UB}:38"),
    Case(set[int], ST, True, f"{_UB}:39"),
    Case(tuple[list[int], list[int]], tuple[ST, ST], True, f"{_UB}:38"),
    Case(int, ST, False, f"{_UB}:52"),
    Case(tuple[int, int], tuple[ST, ST], False, f"{_UB}:52"),
    Case(list[int], Collection[int], True, f"{_UB}:50"),
    # declared variance
    Case(ImmutableList[Manager], ImmutableList[Employee], True, f"{_VA}:39"),
    Case(ImmutableList[Employee], ImmutableList[Manager], False, f"{_VA}:39"),
    Case(Manager, E, True, f"{_VA}:49"),
    Case(Employee, E, True, f"{_VA}:49"),
    Case(int, E, False, f"{_VA}:49"),
    Case(Co[int], Co[float], True, f"{_VA}:61"),
    Case(Co[float], Co[int], False, f"{_VA}:61"),
    Case(Contra[float], Contra[int], True, f"{_VA}:65"),
    Case(Contra[int], Contra[float], False, f"{_VA}:65"),
    Case(Inv[int], Inv[float], False, f"{_VA}:69"),
    Case(Inv[float], Inv[int], False, f"{_VA}:69"),
    Case(Inv[int], Inv[int], True, f"{_VA}:69"),
    Case(CoContra[int, float], CoContra[float, int], True, f"{_VA}:73"),
    Case(CoContra[float, int], CoContra[int, float], False, f"{_VA}:73"),
    Case(Co_Child1[int], Co[float], True, f"{_VA}:85"),
    Case(Co_Child1[int], Co_Child1[float], True, f"{_VA}:85"),
    Case(Co_Child2[int], Co[float], True, f"{_VA}:89"),
    Case(Co_Child2[int], Co_Child2[float], False, f"{_VA}:89"),
    Case(Contra_Child1[float], Contra[int], True, f"{_VA}:97"),
    Case(Contra_Child1[float], Contra_Child1[int], True, f"{_VA}:97"),
    Case(Contra_Child2[float], Contra[int], True, f"{_VA}:101"),
    Case(Contra_Child2[float], Contra_Child2[int], False, f"{_VA}:101"),
    Case(Contra_Child4[float], Contra[Co[int]], True, f"{_VA}:109"),
    Case(Contra_Child4[float], Contra_Child4[int], True, f"{_VA}:109"),
    Case(Contra_Child4[int], Contra_Child4[float], False, f"{_VA}:109"),
    Case(CoContra_Child1[int, float], CoContra[float, int], True, f"{_VA}:121"),
    Case(CoContra_Child4[int], CoContra[float, int], True, f"{_VA}:137"),
    Case(CoContra_Child4[int], CoContra_Child4[float], False, f"{_VA}:137"),
    Case(CoToContra[float], CoToContra[int], True, f"{_VA}:147"),
    Case(CoToContra[int], CoToContra[float], False, f"{_VA}:147"),
    Case(ContraToContra[int], ContraToContra[float], True, f"{_VA}:151"),
    Case(ContraToContra[float], ContraToContra[int], False, f"{_VA}:151"),
    Case(CoToCo[int], CoToCo[float], True, f"{_VA}:155"),
    Case(CoToCo[int], Co[Co[float]], True, f"{_VA}:155"),
    Case(ContraToCo[float], ContraToCo[int], True, f"{_VA}:159"),
    Case(ContraToCo[int], ContraToCo[float], False, f"{_VA}:159"),
    # Self
    Case(Circle, Shape, True, f"{_SB}:52"),
    Case(Container[int], Container[int], True, f"{_SB}:75"),
    Case(Container[int], Container[str], False, f"{_SB}:76"),
    Case(ReturnSelf, ShapeProtocol, True, f"{_SP}:57"),
    Case(ReturnConcreteShape, ShapeProtocol, True, f"{_SP}:58"),
    Case(BadReturnType, ShapeProtocol, False, f"{_SP}:61"),
    Case(ReturnDifferentClass, ShapeProtocol, False, f"{_SP}:64"),
    Case(Shape, ShapeProtocol, True, f"{_SP}:57"),
    Case(Circle, ShapeProtocol, True, f"{_SP}:57"),
]
