"""Type alias and NewType cases (aliases_*.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Concatenate, Generic, Literal, NewType, ParamSpec, TypeAlias, TypeVar, Union

import typing_extensions as te

from .case import Case

S = TypeVar("S")
T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")
TFloat = TypeVar("TFloat", bound=float)

# ---- aliases_explicit
GoodTypeAlias1: TypeAlias = Union[int, str]  # noqa: UP007
GoodTypeAlias2: TypeAlias = int | None
GoodTypeAlias3: TypeAlias = list[GoodTypeAlias2]
GoodTypeAlias4: TypeAlias = list[T]
GoodTypeAlias5: TypeAlias = tuple[T, ...] | list[T]
GoodTypeAlias6: TypeAlias = tuple[int, int, S, T]
GoodTypeAlias7: TypeAlias = Callable[..., int]
GoodTypeAlias8: TypeAlias = Callable[[int, T], T]
GoodTypeAlias9: TypeAlias = Callable[Concatenate[int, P], R]
GoodTypeAlias10: TypeAlias = Any
GoodTypeAlias11: TypeAlias = GoodTypeAlias1 | GoodTypeAlias2 | list[GoodTypeAlias4[int]]
GoodTypeAlias12: TypeAlias = Callable[P, None]
GoodTypeAlias15: TypeAlias = Literal[3, 4, 5, None]
ListAlias: TypeAlias = list

# ---- aliases_implicit
Vector = Iterable[tuple[TFloat, TFloat]]
IGoodTypeAlias12 = list[TFloat]

# ---- aliases_newtype
UserId = NewType("UserId", int)
GoodNewType1 = NewType("GoodNewType1", list)  # type: ignore[type-arg]
GoodNewType2 = NewType("GoodNewType2", GoodNewType1)
GoodNewType3 = NewType("GoodNewType3", dict[str, str])

# ---- aliases_typealiastype (non-recursive ones; recursive ones are in cases_py312)
GoodAlias1 = te.TypeAliasType("GoodAlias1", int)
GoodAlias2 = te.TypeAliasType("GoodAlias2", list[T], type_params=(T,))
GoodAlias3 = te.TypeAliasType("GoodAlias3", list[T] | list[S], type_params=(S, T))

# ---- aliases_variance
T_co = TypeVar("T_co", covariant=True)


class ClassA(Generic[T]):
    pass


A_Alias_1: TypeAlias = ClassA[T_co]  # type: ignore[valid-type]
A_Alias_2: TypeAlias = A_Alias_1[T_co]  # type: ignore[valid-type]

_EX = "aliases_explicit.py"
_IM = "aliases_implicit.py"
_NT = "aliases_newtype.py"
_TAT = "aliases_typealiastype.py"
_VAR = "aliases_variance.py"

CASES = [
    # explicit aliases mean what they expand to (both directions of each assert_type)
    Case(GoodTypeAlias1, int | str, True, f"{_EX}:49"),
    Case(int | str, GoodTypeAlias1, True, f"{_EX}:49"),
    Case(GoodTypeAlias1, int, False, f"{_EX}:49"),
    Case(GoodTypeAlias2, int | None, True, f"{_EX}:50"),
    Case(None, GoodTypeAlias2, True, f"{_EX}:50"),
    Case(GoodTypeAlias3, list[int | None], True, f"{_EX}:51"),
    Case(GoodTypeAlias3, list[int], False, f"{_EX}:51"),
    Case(GoodTypeAlias4[int], list[int], True, f"{_EX}:52"),
    Case(GoodTypeAlias4[int], list[float], False, f"{_EX}:52"),
    Case(GoodTypeAlias5[str], tuple[str, ...] | list[str], True, f"{_EX}:53"),
    Case(tuple[str, str], GoodTypeAlias5[str], True, f"{_EX}:53"),
    Case(GoodTypeAlias5[str], tuple[str, ...], False, f"{_EX}:53"),
    Case(GoodTypeAlias6[int, str], tuple[int, int, int, str], True, f"{_EX}:54"),
    Case(GoodTypeAlias6[int, str], tuple[int, int, str, int], False, f"{_EX}:54"),
    Case(GoodTypeAlias7, Callable[..., int], True, f"{_EX}:55"),
    Case(GoodTypeAlias8[str], Callable[[int, str], str], True, f"{_EX}:56"),
    Case(GoodTypeAlias8[str], Callable[[int, int], int], False, f"{_EX}:56"),
    Case(GoodTypeAlias9[[str, str], None], Callable[[int, str, str], None], True, f"{_EX}:57"),
    Case(Callable[[int, str, str], None], GoodTypeAlias9[[str, str], None], True, f"{_EX}:57"),
    Case(GoodTypeAlias9[[str, str], None], Callable[[str, str], None], False, f"{_EX}:57"),
    Case(GoodTypeAlias10, int, True, f"{_EX}:58"),
    Case(GoodTypeAlias11, int | str | None | list[list[int]], True, f"{_EX}:59"),
    Case(GoodTypeAlias11, int | str | None, False, f"{_EX}:59"),
    Case(GoodTypeAlias12, Callable[..., None], True, f"{_EX}:60"),
    Case(GoodTypeAlias15, Literal[3, 4, 5, None], True, f"{_EX}:63"),
    Case(GoodTypeAlias15, int | None, True, f"{_EX}:63"),
    Case(GoodTypeAlias15, Literal[3, 4, 5], False, f"{_EX}:63"),
    Case(list[str], ListAlias, True, f"{_EX}:97"),
    Case(ListAlias, list[str], True, f"{_EX}:97"),  # bare list is list[Any]
    # implicit aliases
    Case(Vector[float], Iterable[tuple[float, float]], True, f"{_IM}:18"),
    Case(list[tuple[float, float]], Vector[float], True, f"{_IM}:19"),
    Case(list[tuple[int, int]], Vector[TFloat], True, f"{_IM}:14"),
    Case(list[tuple[str, str]], Vector[TFloat], False, f"{_IM}:14"),
    Case(list[tuple[float, str]], Vector[float], False, f"{_IM}:19"),
    Case(IGoodTypeAlias12[bool], list[bool], True, f"{_IM}:71"),
    Case(IGoodTypeAlias12[bool], list[int], False, f"{_IM}:71"),
    Case(list[int], ListAlias[int], True, f"{_IM}:130"),
    # NewType
    Case(int, UserId, False, f"{_NT}:11"),
    Case(str, UserId, False, f"{_NT}:11"),
    Case(Literal[42], UserId, False, f"{_NT}:12"),
    Case(UserId, UserId, True, f"{_NT}:13"),
    Case(UserId, int, True, f"{_NT}:15"),
    Case(UserId, float, True, f"{_NT}:15"),
    Case(UserId, str, False, f"{_NT}:15"),
    Case(GoodNewType1, list, True, f"{_NT}:37"),  # type: ignore[type-arg]
    Case(GoodNewType2, GoodNewType1, True, f"{_NT}:39"),
    Case(GoodNewType2, list[int], True, f"{_NT}:39"),
    Case(GoodNewType1, GoodNewType2, False, f"{_NT}:39"),
    Case(GoodNewType3, dict[str, str], True, f"{_NT}:44"),
    Case(dict[str, str], GoodNewType3, False, f"{_NT}:44"),
    # TypeAliasType
    Case(GoodAlias1, int, True, f"{_TAT}:16"),
    Case(int, GoodAlias1, True, f"{_TAT}:16"),
    Case(str, GoodAlias1, False, f"{_TAT}:16"),
    Case(GoodAlias2[int], list[int], True, f"{_TAT}:17"),
    Case(list[int], GoodAlias2[int], True, f"{_TAT}:17"),
    Case(GoodAlias2[int], list[str], False, f"{_TAT}:17"),
    Case(list[str], GoodAlias3[int, str], True, f"{_TAT}:18"),
    Case(list[int], GoodAlias3[int, str], True, f"{_TAT}:18"),
    Case(list[float], GoodAlias3[int, str], False, f"{_TAT}:18"),
    # generic aliases keep the class's variance
    Case(A_Alias_1[int], ClassA[int], True, f"{_VAR}:17"),
    Case(A_Alias_1[int], ClassA[float], False, f"{_VAR}:17"),
    Case(A_Alias_2[int], A_Alias_1[int], True, f"{_VAR}:18"),
]
