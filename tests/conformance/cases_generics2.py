"""Generics cases: defaults (PEP 696), base classes, Self attributes."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeAlias, Unpack

import typing_extensions as te

from .case import Case

T = te.TypeVar("T")
T1 = te.TypeVar("T1")
T2 = te.TypeVar("T2")
T3 = te.TypeVar("T3")
DefaultStrT = te.TypeVar("DefaultStrT", default=str)
DefaultIntT = te.TypeVar("DefaultIntT", default=int)
DefaultBoolT = te.TypeVar("DefaultBoolT", default=bool)


class NoNonDefaults(Generic[DefaultStrT, DefaultIntT]):
    x: DefaultStrT
    y: DefaultIntT


class OneDefault(Generic[T, DefaultBoolT]):
    x: T
    y: DefaultBoolT


class AllTheDefaults(Generic[T1, T2, DefaultStrT, DefaultIntT, DefaultBoolT]): ...


DefaultP = te.ParamSpec("DefaultP", default=[str, int])


class Class_ParamSpec(Generic[DefaultP]):
    x: Callable[DefaultP, None]


DefaultTs = te.TypeVarTuple("DefaultTs", default=Unpack[tuple[str, int]])


class Class_TypeVarTuple(Generic[*DefaultTs]):
    x: tuple[*DefaultTs]


Ts = te.TypeVarTuple("Ts")
P6 = te.ParamSpec("P6", default=[float, bool])


try:

    class Foo6(Generic[*Ts, P6]):
        x: tuple[*Ts]
        y: Callable[P6, None]

except TypeError:  # some typing_extensions/Python combinations reject a default after *Ts
    Foo6 = None  # type: ignore[assignment,misc]


class Foo7(Generic[DefaultIntT]):
    def meth(self, /) -> Self:
        return self

    attr: DefaultIntT


# ---- generics_defaults_referential
StartT = te.TypeVar("StartT", default=int)
StopT = te.TypeVar("StopT", default=StartT)
StepT = te.TypeVar("StepT", default=int | None)


class Slice(Generic[StartT, StopT, StepT]): ...


Z1 = te.TypeVar("Z1")
ListDefaultT = te.TypeVar("ListDefaultT", default=list[Z1])


class Bar(Generic[Z1, ListDefaultT]):
    x: Z1
    y: ListDefaultT


# ---- generics_defaults_specialization


class SomethingWithNoDefaults(Generic[T1, T2]): ...


MyAlias: TypeAlias = SomethingWithNoDefaults[int, DefaultStrT]  # type: ignore[valid-type]


class SubclassMe(Generic[T1, DefaultStrT]):
    x: DefaultStrT


class SBar(SubclassMe[int, DefaultStrT]): ...


class Baz(Generic[DefaultIntT, DefaultStrT]): ...


class Spam(Baz): ...  # type: ignore[type-arg]


# ---- generics_self_attributes


@dataclass
class LinkedList(Generic[T]):
    value: T
    next: Self | None = None


@dataclass
class OrdinalLinkedList(LinkedList[int]):
    def ordinal_value(self) -> str:
        return str(self.value)


# ---- generics_base_class


class Node: ...


class SymbolTable(dict[str, list[Node]]): ...


class BLinkedList(Iterable[T], Container[T]): ...


class MyDict(Mapping[str, T]): ...


class GoodClass1(dict[T, T]): ...


class Parent1(Generic[T1, T2]): ...


class Parent2(Generic[T1, T2]): ...


class Child(Parent1[T1, T3], Parent2[T2, T3]): ...


_DE = "generics_defaults.py"
_DR = "generics_defaults_referential.py"
_DS = "generics_defaults_specialization.py"
_SA = "generics_self_attributes.py"
_BC = "generics_base_class.py"

CASES = [
    Case(NoNonDefaults, NoNonDefaults[str, int], True, f"{_DE}:33"),
    Case(NoNonDefaults[str, int], NoNonDefaults, True, f"{_DE}:33"),
    Case(NoNonDefaults, NoNonDefaults[bool, int], False, f"{_DE}:33"),
    Case(NoNonDefaults[str], NoNonDefaults[str, int], True, f"{_DE}:37"),
    Case(NoNonDefaults[str], NoNonDefaults[str, str], False, f"{_DE}:37"),
    Case(NoNonDefaults[str, int], NoNonDefaults[str, int], True, f"{_DE}:40"),
    Case(OneDefault[float], OneDefault[float, bool], True, f"{_DE}:50"),
    Case(OneDefault[float], OneDefault[float, int], False, f"{_DE}:50"),
    Case(AllTheDefaults, AllTheDefaults[Any, Any, str, int, bool], True, f"{_DE}:77"),
    Case(AllTheDefaults, AllTheDefaults[int, str, str, int, bool], True, f"{_DE}:74"),
    Case(AllTheDefaults, AllTheDefaults[int, str, int, int, bool], False, f"{_DE}:75"),
    Case(
        AllTheDefaults[int, complex],
        AllTheDefaults[int, complex, str, int, bool],
        True,
        f"{_DE}:83",
    ),
    Case(
        AllTheDefaults[int, complex],
        AllTheDefaults[int, complex, str, int, int],
        False,
        f"{_DE}:83",
    ),
    Case(
        AllTheDefaults[int, complex, str],
        AllTheDefaults[int, complex, str, int, bool],
        True,
        f"{_DE}:95",
    ),
    Case(
        AllTheDefaults[int, complex, str, int],
        AllTheDefaults[int, complex, str, int, bool],
        True,
        f"{_DE}:101",
    ),
    Case(Class_ParamSpec, Class_ParamSpec[str, int], True, f"{_DE}:123"),
    Case(Class_ParamSpec, Class_ParamSpec[[bool, bool]], False, f"{_DE}:124"),
    Case(Class_ParamSpec[[bool, bool]], Class_ParamSpec[bool, bool], True, f"{_DE}:124"),
    Case(Class_TypeVarTuple, Class_TypeVarTuple[str, int], True, f"{_DE}:140"),
    Case(Class_TypeVarTuple, Class_TypeVarTuple[int, bool], False, f"{_DE}:141"),
    Case(Foo7, Foo7[int], True, f"{_DE}:223"),
    Case(Foo7, Foo7[str], False, f"{_DE}:224"),
    # referential defaults
    Case(Slice, Slice[int, int, int | None], True, f"{_DR}:23"),
    Case(Slice[str], Slice[str, str, int | None], True, f"{_DR}:24"),
    Case(Slice[str], Slice[str, int, int | None], False, f"{_DR}:24"),
    Case(Slice[str, bool, complex], Slice[str, bool, complex], True, f"{_DR}:25"),
    Case(Bar, Bar[Any, list[Any]], True, f"{_DR}:98"),
    Case(Bar[int], Bar[int, list[int]], True, f"{_DR}:103"),
    Case(Bar[int], Bar[int, list[str]], False, f"{_DR}:104"),
    Case(Bar[int, str], Bar[int, str], True, f"{_DR}:105"),
    # defaults in aliases and subclasses
    Case(MyAlias, SomethingWithNoDefaults[int, str], True, f"{_DS}:26"),
    Case(MyAlias, SomethingWithNoDefaults[int, bool], False, f"{_DS}:26"),
    Case(MyAlias[bool], SomethingWithNoDefaults[int, bool], True, f"{_DS}:27"),
    Case(type[SBar], type[SBar[str]], True, f"{_DS}:45"),
    Case(type[SBar], type[SBar[int]], False, f"{_DS}:46"),
    Case(SBar, SubclassMe[int, str], True, f"{_DS}:47"),
    Case(SBar[bool], SubclassMe[int, bool], True, f"{_DS}:48"),
    Case(Spam, Baz[int, str], True, f"{_DS}:66"),
    Case(Spam, Baz[str, str], False, f"{_DS}:66"),
    # Self in attributes
    Case(OrdinalLinkedList, OrdinalLinkedList | None, True, f"{_SA}:29"),
    Case(LinkedList[int], OrdinalLinkedList | None, False, f"{_SA}:32"),
    Case(OrdinalLinkedList, LinkedList[int], True, f"{_SA}:29"),
    # base classes
    Case(SymbolTable, dict, True, f"{_BC}:24"),  # type: ignore[type-arg]
    Case(SymbolTable, dict[str, list[Node]], True, f"{_BC}:25"),
    Case(SymbolTable, dict[str, list[object]], False, f"{_BC}:26"),
    Case(BLinkedList[int], Iterable[int], True, f"{_BC}:45"),
    Case(BLinkedList[int], Container[int], True, f"{_BC}:46"),
    Case(BLinkedList[int], Iterable[str], False, f"{_BC}:45"),
    Case(MyDict[int], Mapping[str, int], True, f"{_BC}:58"),
    Case(MyDict[int], Mapping[int, int], False, f"{_BC}:58"),
    Case(GoodClass1[int], dict[int, int], True, f"{_BC}:72"),
    Case(GoodClass1[int], dict[int, str], False, f"{_BC}:72"),
    Case(Child[int, bytes, str], Parent1[int, bytes], True, f"{_BC}:90"),
    Case(Child[int, bytes, str], Parent2[str, bytes], True, f"{_BC}:91"),
    Case(Child[int, bytes, str], Parent2[int, bytes], False, f"{_BC}:91"),
    Case(Child[int, bytes, str], Parent1[int, str], False, f"{_BC}:90"),
]
if Foo6 is not None:
    CASES += [
        Case(Foo6[int, str], Foo6[int, str, [float, bool]], True, f"{_DE}:205"),
        Case(Foo6[int, str], Foo6[int, str, [bytes]], False, f"{_DE}:208"),
    ]
