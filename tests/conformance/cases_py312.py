"""Cases that need PEP 695 syntax (``class C[T]``, ``type X = ...``); imported on 3.12+ only."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from .case import Case

# ---- generics_variance_inference


class ClassA[T1, T2, T3](list[T1]):
    def method1(self, a: T2) -> None: ...

    def method2(self) -> T3:
        raise NotImplementedError


class ShouldBeCovariant1[T]:
    def __getitem__(self, index: int) -> T:
        raise NotImplementedError

    def __iter__(self) -> Iterator[T]:
        raise NotImplementedError


class ShouldBeCovariant2[T](ShouldBeCovariant1[T]):
    pass


class ShouldBeCovariant3[T]:
    def method1(self) -> ShouldBeCovariant2[T]:
        raise NotImplementedError


@dataclass(frozen=True)
class ShouldBeCovariant4[T]:
    x: T


class ShouldBeCovariant5[T]:
    def __init__(self, x: T) -> None:
        self._x = x

    @property
    def x(self) -> T:
        return self._x


class ShouldBeInvariant1[T]:
    def __init__(self, value: T) -> None:
        self._value = value

    @property
    def value(self) -> T:
        return self._value

    @value.setter
    def value(self, value: T) -> None:
        self._value = value


class ShouldBeInvariant2[T]:
    def __init__(self, value: T) -> None:
        self._value = value

    def get_value(self) -> T:
        return self._value

    def set_value(self, value: T) -> None:
        self._value = value


class ShouldBeInvariant3[K, V](dict[K, V]):
    pass


@dataclass
class ShouldBeInvariant4[T]:
    x: T


class ShouldBeInvariant5[T]:
    def __init__(self, x: T) -> None:
        self.x = x


class ShouldBeContravariant1[T]:
    def __init__(self, value: T) -> None:
        pass

    def set_value(self, value: T) -> None:
        pass


_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)
_T_contra = TypeVar("_T_contra", contravariant=True)


class Parent_Invariant(Generic[_T]):  # noqa: UP046  (declared variance, as in the suite)
    pass


class ShouldBeInvariant6[T](Parent_Invariant[T]):
    pass


class Parent_Covariant(Generic[_T_co]):  # noqa: UP046  (declared variance, as in the suite)
    pass


class ShouldBeCovariant6[T](Parent_Covariant[T]):
    pass


class Parent_Contravariant(Generic[_T_contra]):  # noqa: UP046  (declared variance, as in the suite)
    pass


class ShouldBeContravariant2[T](Parent_Contravariant[T]):
    pass


class ShouldBeCovariant7[T]:
    def get(self) -> T:
        raise NotImplementedError

    def add[S](self: ShouldBeCovariant7[S], other: list[S]) -> ShouldBeCovariant7[S]:
        raise NotImplementedError


# ---- generics_paramspec_variance


class InvariantParamSpec[**InOutP]:
    a: Callable[InOutP, None]


class ContravariantParamSpec[**InP]:
    def f(self, *args: InP.args, **kwargs: InP.kwargs) -> None: ...


class CovariantParamSpec[**OutP]:
    def f(self, fn: Callable[OutP, None]) -> None:
        raise NotImplementedError


# ---- generics_typevartuple_variance


class InvariantTypeVarTuple[*InOutTs]:
    a: tuple[*InOutTs]


class ContravariantTypeVarTuple[*InTs]:
    def f(self, t: tuple[*InTs]) -> None:
        raise NotImplementedError


class CovariantTypeVarTuple[*OutTs]:
    def f(self) -> tuple[*OutTs]:
        raise NotImplementedError


# ---- generics_mixed_variance_inference


class Mixed[T, *Ts, **P]:
    def f(self, x: T, /, *args: P.args, **kwargs: P.kwargs) -> tuple[*Ts]:
        raise NotImplementedError


# ---- aliases_type_statement, aliases_recursive, aliases_typealiastype

type GoodAlias1 = int


class HasAlias:
    type GoodAlias4 = int | None


type RecursiveTypeAlias1[T] = T | list[RecursiveTypeAlias1[T]]
type RecursiveTypeAlias2[S: int, T: str, **P] = (
    Callable[P, T] | list[S] | list[RecursiveTypeAlias2[S, T, P]]
)
type Json = None | int | str | float | list[Json] | dict[str, Json]  # noqa: RUF036
type Json2 = None | int | str | float | list[Json2] | dict[str, Json2]  # noqa: RUF036
type RecursiveTuple = str | int | tuple[RecursiveTuple, ...]
type RecursiveMapping = str | int | Mapping[str, RecursiveMapping]
type GenericTypeAlias1[T1: (str, int)] = list[GenericTypeAlias1[T1] | T1]
type GenericTypeAlias2[T1: (str, int), T2] = list[GenericTypeAlias2[T1, T2] | T1 | T2]
type GoodAlias4[T] = T | list[GoodAlias4[T]]

# ---- generics_syntax_declarations: bounds and constraints, some as forward references


class ClassD[T: str]:
    pass


class ClassE[T: dict[str, int]]:
    pass


class ClassF[S: ForwardReference[int], T: "ForwardReference[str]"]:
    pass


class ClassI[AnyStr: (str, bytes)]:
    pass


class ClassJ[T: (ForwardReference[int], "ForwardReference[str]", bytes)]:
    pass


class ForwardReference[T]: ...


(_D_T,) = ClassD.__type_params__
(_E_T,) = ClassE.__type_params__
_F_S, _F_T = ClassF.__type_params__
(_I_T,) = ClassI.__type_params__
(_J_T,) = ClassJ.__type_params__

_SD = "generics_syntax_declarations.py"
_VI = "generics_variance_inference.py"
_PV = "generics_paramspec_variance.py"
_TV = "generics_typevartuple_variance.py"
_MV = "generics_mixed_variance_inference.py"
_TS = "aliases_type_statement.py"
_RE = "aliases_recursive.py"
_TA = "aliases_typealiastype.py"

CASES = [
    Case(str, _D_T, True, f"{_SD}:29"),
    Case(int, _D_T, False, f"{_SD}:29"),
    Case(dict[str, int], _E_T, True, f"{_SD}:35"),
    Case(dict[str, str], _E_T, False, f"{_SD}:35"),
    Case(ForwardReference[int], _F_S, True, f"{_SD}:39"),
    Case(ForwardReference[str], _F_S, False, f"{_SD}:39"),
    Case(ForwardReference[str], _F_T, True, f"{_SD}:39"),  # a string bound
    Case(ForwardReference[int], _F_T, False, f"{_SD}:39"),
    Case(str, _I_T, True, f"{_SD}:52"),
    Case(bytes, _I_T, True, f"{_SD}:52"),
    Case(int, _I_T, False, f"{_SD}:52"),
    Case(bytes, _J_T, True, f"{_SD}:56"),
    Case(ForwardReference[int], _J_T, True, f"{_SD}:56"),
    Case(ForwardReference[str], _J_T, True, f"{_SD}:56"),  # a string constraint
    Case(str, _J_T, False, f"{_SD}:56"),
    # inferred variance of PEP 695 type parameters
    Case(ClassA[float, int, int], ClassA[int, int, int], False, f"{_VI}:24"),
    Case(ClassA[float, int, int], ClassA[float, float, int], False, f"{_VI}:25"),
    Case(ClassA[float, int, int], ClassA[float, int, float], True, f"{_VI}:26"),
    Case(ClassA[int, float, float], ClassA[int, int, int], False, f"{_VI}:28"),
    Case(ClassA[int, float, float], ClassA[int, int, float], True, f"{_VI}:29"),
    Case(ShouldBeCovariant1[int], ShouldBeCovariant1[float], True, f"{_VI}:40"),
    Case(ShouldBeCovariant1[float], ShouldBeCovariant1[int], False, f"{_VI}:41"),
    Case(ShouldBeCovariant2[int], ShouldBeCovariant2[float], True, f"{_VI}:48"),
    Case(ShouldBeCovariant2[float], ShouldBeCovariant2[int], False, f"{_VI}:49"),
    Case(ShouldBeCovariant3[int], ShouldBeCovariant3[float], True, f"{_VI}:57"),
    Case(ShouldBeCovariant3[float], ShouldBeCovariant3[int], False, f"{_VI}:58"),
    Case(ShouldBeCovariant4[int], ShouldBeCovariant4[float], True, f"{_VI}:66"),
    Case(ShouldBeCovariant4[float], ShouldBeCovariant4[int], False, f"{_VI}:67"),
    Case(ShouldBeCovariant5[int], ShouldBeCovariant5[float], True, f"{_VI}:79"),
    Case(ShouldBeCovariant5[float], ShouldBeCovariant5[int], False, f"{_VI}:80"),
    Case(ShouldBeInvariant1[int], ShouldBeInvariant1[float], False, f"{_VI}:96"),
    Case(ShouldBeInvariant1[float], ShouldBeInvariant1[int], False, f"{_VI}:97"),
    Case(ShouldBeInvariant2[int], ShouldBeInvariant2[float], False, f"{_VI}:111"),
    Case(ShouldBeInvariant2[float], ShouldBeInvariant2[int], False, f"{_VI}:112"),
    Case(ShouldBeInvariant3[int, str], ShouldBeInvariant3[float, str], False, f"{_VI}:119"),
    Case(ShouldBeInvariant3[float, str], ShouldBeInvariant3[int, str], False, f"{_VI}:120"),
    Case(ShouldBeInvariant3[str, int], ShouldBeInvariant3[str, float], False, f"{_VI}:121"),
    Case(ShouldBeInvariant3[str, float], ShouldBeInvariant3[str, int], False, f"{_VI}:122"),
    Case(ShouldBeInvariant4[int], ShouldBeInvariant4[float], False, f"{_VI}:130"),
    Case(ShouldBeInvariant5[int], ShouldBeInvariant5[float], False, f"{_VI}:138"),
    Case(ShouldBeContravariant1[int], ShouldBeContravariant1[float], False, f"{_VI}:149"),
    Case(ShouldBeContravariant1[float], ShouldBeContravariant1[int], True, f"{_VI}:150"),
    Case(ShouldBeInvariant6[float], ShouldBeInvariant6[int], False, f"{_VI}:169"),
    Case(ShouldBeInvariant6[int], ShouldBeInvariant6[float], False, f"{_VI}:170"),
    Case(ShouldBeCovariant6[float], ShouldBeCovariant6[int], False, f"{_VI}:181"),
    Case(ShouldBeCovariant6[int], ShouldBeCovariant6[float], True, f"{_VI}:182"),
    Case(ShouldBeContravariant2[float], ShouldBeContravariant2[int], True, f"{_VI}:193"),
    Case(ShouldBeContravariant2[int], ShouldBeContravariant2[float], False, f"{_VI}:194"),
    Case(ShouldBeCovariant7[int], ShouldBeCovariant7[object], True, f"{_VI}:204"),
    Case(ShouldBeCovariant7[object], ShouldBeCovariant7[int], False, f"{_VI}:205"),
    # ParamSpec variance (PEP 695)
    Case(InvariantParamSpec[int], InvariantParamSpec[object], False, f"{_PV}:14"),
    Case(InvariantParamSpec[object], InvariantParamSpec[int], False, f"{_PV}:15"),
    Case(ContravariantParamSpec[int], ContravariantParamSpec[object], False, f"{_PV}:21"),
    Case(ContravariantParamSpec[object], ContravariantParamSpec[int], True, f"{_PV}:22"),
    Case(CovariantParamSpec[object], CovariantParamSpec[int], False, f"{_PV}:30"),
    Case(CovariantParamSpec[int], CovariantParamSpec[object], True, f"{_PV}:31"),
    # TypeVarTuple variance (PEP 695)
    Case(InvariantTypeVarTuple[int], InvariantTypeVarTuple[object], False, f"{_TV}:14"),
    Case(InvariantTypeVarTuple[object], InvariantTypeVarTuple[int], False, f"{_TV}:15"),
    Case(InvariantTypeVarTuple[int], InvariantTypeVarTuple[int], True, f"{_TV}:16"),
    Case(
        InvariantTypeVarTuple[*tuple[object, ...]],
        InvariantTypeVarTuple[*tuple[int, ...]],
        False,
        f"{_TV}:17",
    ),
    Case(
        InvariantTypeVarTuple[*tuple[int, ...]],
        InvariantTypeVarTuple[*tuple[object, ...]],
        False,
        f"{_TV}:18",
    ),
    Case(InvariantTypeVarTuple[()], InvariantTypeVarTuple[()], True, f"{_TV}:19"),
    Case(InvariantTypeVarTuple[*tuple[int, ...]], InvariantTypeVarTuple[int], False, f"{_TV}:20"),
    Case(InvariantTypeVarTuple[int], InvariantTypeVarTuple[*tuple[int, ...]], False, f"{_TV}:21"),
    Case(
        ContravariantTypeVarTuple[object, int],
        ContravariantTypeVarTuple[object, object],
        False,
        f"{_TV}:28",
    ),
    Case(ContravariantTypeVarTuple[object], ContravariantTypeVarTuple[int], True, f"{_TV}:29"),
    Case(
        ContravariantTypeVarTuple[*tuple[object, ...]],
        ContravariantTypeVarTuple[*tuple[int, ...]],
        True,
        f"{_TV}:30",
    ),
    Case(
        ContravariantTypeVarTuple[*tuple[int, ...]],
        ContravariantTypeVarTuple[*tuple[object, ...]],
        False,
        f"{_TV}:31",
    ),
    Case(ContravariantTypeVarTuple[()], ContravariantTypeVarTuple[()], True, f"{_TV}:32"),
    Case(
        ContravariantTypeVarTuple[*tuple[int, ...]],
        ContravariantTypeVarTuple[int],
        True,
        f"{_TV}:33",
    ),
    Case(
        ContravariantTypeVarTuple[int],
        ContravariantTypeVarTuple[*tuple[int, ...]],
        False,
        f"{_TV}:34",
    ),
    Case(CovariantTypeVarTuple[object], CovariantTypeVarTuple[int], False, f"{_TV}:42"),
    Case(CovariantTypeVarTuple[int], CovariantTypeVarTuple[object], True, f"{_TV}:43"),
    Case(CovariantTypeVarTuple[bool, bool], CovariantTypeVarTuple[int, int], True, f"{_TV}:44"),
    Case(CovariantTypeVarTuple[bool, object], CovariantTypeVarTuple[int, int], False, f"{_TV}:45"),
    Case(CovariantTypeVarTuple[object, bool], CovariantTypeVarTuple[int, int], False, f"{_TV}:46"),
    Case(
        CovariantTypeVarTuple[object, object], CovariantTypeVarTuple[int, int], False, f"{_TV}:47"
    ),
    Case(
        CovariantTypeVarTuple[*tuple[object, ...]],
        CovariantTypeVarTuple[*tuple[int, ...]],
        False,
        f"{_TV}:48",
    ),
    Case(
        CovariantTypeVarTuple[*tuple[int, ...]],
        CovariantTypeVarTuple[*tuple[object, ...]],
        True,
        f"{_TV}:49",
    ),
    Case(CovariantTypeVarTuple[()], CovariantTypeVarTuple[()], True, f"{_TV}:50"),
    Case(CovariantTypeVarTuple[*tuple[int, ...]], CovariantTypeVarTuple[int], False, f"{_TV}:51"),
    Case(CovariantTypeVarTuple[int], CovariantTypeVarTuple[*tuple[int, ...]], True, f"{_TV}:52"),
    # mixed inferred variance
    Case(Mixed[object, []], Mixed[int, []], True, f"{_MV}:12"),
    Case(Mixed[bool, []], Mixed[int, []], False, f"{_MV}:13"),
    Case(Mixed[int, object, []], Mixed[int, int, []], False, f"{_MV}:16"),
    Case(Mixed[int, bool, []], Mixed[int, int, []], True, f"{_MV}:17"),
    Case(Mixed[int, [object]], Mixed[int, [int]], True, f"{_MV}:20"),
    Case(Mixed[int, [bool]], Mixed[int, [int]], False, f"{_MV}:21"),
    # type statements
    Case(GoodAlias1, int, True, f"{_TS}:8"),
    Case(int, GoodAlias1, True, f"{_TS}:8"),
    Case(str, GoodAlias1, False, f"{_TS}:8"),
    Case(None, HasAlias.GoodAlias4, True, f"{_TS}:14"),
    Case(int, RecursiveTypeAlias1[int], True, f"{_TS}:63"),
    Case(list[RecursiveTypeAlias1[int]], RecursiveTypeAlias1[int], True, f"{_TS}:64"),
    Case(str, RecursiveTypeAlias1[int], False, f"{_TS}:63"),  # derived
    Case(list[int], RecursiveTypeAlias2[int, str, ...], True, f"{_TS}:69"),
    Case(Callable[[int, str], str], RecursiveTypeAlias2[int, str, [int, str]], True, f"{_TS}:71"),
    Case(Callable[[int, str], int], RecursiveTypeAlias2[int, str, [int, str]], False, f"{_TS}:71"),
    # recursive aliases
    Case(int, Json, True, f"{_RE}:16"),
    Case(dict[str, Json], Json, True, f"{_RE}:16"),
    Case(float, Json, True, f"{_RE}:17"),
    Case(list[Json], Json, True, f"{_RE}:18"),
    Case(dict[str, int | complex], Json, False, f"{_RE}:19"),
    Case(list[int | complex], Json, False, f"{_RE}:20"),
    Case(complex, Json, False, f"{_RE}:19"),
    Case(Json, Json2, True, f"{_RE}:27"),
    Case(Json2, Json, True, f"{_RE}:27"),
    Case(tuple[int, int], RecursiveTuple, True, f"{_RE}:33"),
    Case(tuple[int, str], RecursiveTuple, True, f"{_RE}:34"),
    Case(tuple[int, str, int, str], RecursiveTuple, True, f"{_RE}:35"),
    Case(tuple[int, tuple[str, int], str], RecursiveTuple, True, f"{_RE}:36"),
    Case(
        tuple[int, tuple[str, int], tuple[int, tuple[int, int]]], RecursiveTuple, True, f"{_RE}:37"
    ),
    Case(
        tuple[int, tuple[str, int], tuple[int, tuple[int, list[int]]]],
        RecursiveTuple,
        False,
        f"{_RE}:38",
    ),
    Case(tuple[int, list[int]], RecursiveTuple, False, f"{_RE}:39"),
    Case(int, RecursiveMapping, True, f"{_RE}:44"),
    Case(str, RecursiveMapping, True, f"{_RE}:45"),
    Case(dict[str, str], RecursiveMapping, True, f"{_RE}:46"),
    Case(dict[str, str | int], RecursiveMapping, True, f"{_RE}:47"),
    Case(dict[str, str | int | dict[str, str]], RecursiveMapping, True, f"{_RE}:48"),
    Case(dict[str, list[int]], RecursiveMapping, False, f"{_RE}:50"),
    Case(dict[str, str | int | list[int]], RecursiveMapping, False, f"{_RE}:51"),
    Case(list[str | list[float]], GenericTypeAlias1[str], False, f"{_RE}:63"),
    Case(list[str | GenericTypeAlias1[str]], GenericTypeAlias1[str], True, f"{_RE}:62"),
    Case(
        list[list[int | list[str | int | list[float]]] | str],
        GenericTypeAlias2[str, int],
        False,
        f"{_RE}:69",
    ),
    Case(int, GoodAlias4[int], True, f"{_TA}:35"),
    Case(list[GoodAlias4[int]], GoodAlias4[int], True, f"{_TA}:36"),
    Case(str, GoodAlias4[int], False, f"{_TA}:35"),  # derived
]
