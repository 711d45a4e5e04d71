"""ParamSpec, Concatenate and TypeVarTuple cases (generics_paramspec_*, generics_typevartuple_*)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, Generic, NewType, ParamSpec, Protocol, TypeVar

import typing_extensions as te

from .case import Case

T = TypeVar("T")
P = ParamSpec("P")
InP = ParamSpec("InP", contravariant=True)
OutP = ParamSpec("OutP", covariant=True)
InferP = te.ParamSpec("InferP", infer_variance=True)


# ---- generics_paramspec_semantics


class Two(Protocol):  # def two(*, x: int) -> int
    def __call__(self, *, x: int) -> int: ...


class Three(Protocol):  # def three(**kwargs: int) -> int
    def __call__(self, **kwargs: int) -> int: ...


class Four(Protocol):  # def four(*args: int) -> int
    def __call__(self, *args: int) -> int: ...


class Bar(Protocol):  # def bar(x: int, *args: bool) -> int
    def __call__(self, x: int, *args: bool) -> int: ...


class KeywordOnlyX(Protocol):  # def keyword_only_x(*, x: int) -> int
    def __call__(self, *, x: int) -> int: ...


class XY(Protocol):  # def x_y(x: int, y: str) -> int
    def __call__(self, x: int, y: str) -> int: ...


# ---- generics_paramspec_specialization

P1 = ParamSpec("P1")
P2 = ParamSpec("P2")


class ClassA(Generic[T, P1]):
    f: Callable[P1, int]
    x: T


class ClassB(ClassA[T, P1], Generic[T, P1, P2]):
    f1: Callable[P1, int]
    f2: Callable[P2, int]


class ClassC(Generic[P1]):
    f: Callable[P1, int]


# ---- generics_paramspec_variance (pre-PEP 695 forms)


class InvariantParamSpecOld(Generic[P]):
    def f(self, fn: Callable[P, None]) -> Callable[P, None]:
        raise NotImplementedError


class ContravariantParamSpecOld(Generic[InP]):
    def in_f(self) -> Callable[InP, None]:
        raise NotImplementedError


class CovariantParamSpecOld(Generic[OutP]):
    def out_f(self, fn: Callable[OutP, None]) -> None:
        raise NotImplementedError


class InferredContravariantParamSpecOld(Generic[InferP]):
    def in_f(self) -> Callable[InferP, None]:
        raise NotImplementedError


class InferredCovariantParamSpecOld(Generic[InferP]):
    def out_f(self, fn: Callable[InferP, None]) -> None:
        raise NotImplementedError


# ---- TypeVarTuple

Ts = te.TypeVarTuple("Ts")
Shape = te.TypeVarTuple("Shape")
Height = NewType("Height", int)
Width = NewType("Width", int)
Time = NewType("Time", int)
Batch = NewType("Batch", int)
Channels = NewType("Channels", int)


class Array(Generic[*Shape]):
    def __init__(self, shape: tuple[*Shape]) -> None:
        self._shape: tuple[*Shape] = shape


class Array2(Generic[T, *Shape]): ...


InTs = te.TypeVarTuple("InTs", contravariant=True)
OutTs = te.TypeVarTuple("OutTs", covariant=True)
InferTs = te.TypeVarTuple("InferTs", infer_variance=True)


class InvariantTypeVarTupleOld(Generic[*Ts]):
    def in_f(self, *args: *Ts) -> None:
        raise NotImplementedError

    def out_f(self) -> tuple[*Ts]:
        raise NotImplementedError


class ContravariantTypeVarTupleOld(Generic[*InTs]):
    def in_f(self, *args: *InTs) -> None:
        raise NotImplementedError


class CovariantTypeVarTupleOld(Generic[*OutTs]):
    def out_f(self) -> tuple[*OutTs]:
        raise NotImplementedError


class InferredContravariantTypeVarTupleOld(Generic[*InferTs]):
    def in_f(self, *args: *InferTs) -> None:
        raise NotImplementedError


class InferredCovariantTypeVarTupleOld(Generic[*InferTs]):
    def out_f(self) -> tuple[*InferTs]:
        raise NotImplementedError


_PS = "generics_paramspec_semantics.py"
_PSP = "generics_paramspec_specialization.py"
_PV = "generics_paramspec_variance.py"
_PC = "generics_paramspec_components.py"
_TB = "generics_typevartuple_basic.py"
_TA = "generics_typevartuple_args.py"
_TC = "generics_typevartuple_callable.py"
_TCC = "generics_typevartuple_concat.py"
_TS = "generics_typevartuple_specialization.py"
_TU = "generics_typevartuple_unpack.py"
_TV = "generics_typevartuple_variance.py"

CASES = [
    # ParamSpec solving
    Case(Callable[[str, bool], int], Callable[P, int], True, f"{_PS}:21"),
    Case(Callable[[str, bool], int], Callable[P, str], False, f"{_PS}:21"),
    Case(XY, Callable[P, int], True, f"{_PS}:42"),
    Case(KeywordOnlyX, Callable[P, int], True, f"{_PS}:61"),  # derived: one callable
    Case(Bar, Callable[P, int], True, f"{_PS}:95"),
    Case(Bar, Callable[Concatenate[int, P], int], True, f"{_PS}:105"),
    Case(Bar, Callable[Concatenate[str, P], int], False, f"{_PS}:105"),
    Case(Callable[[str], int], Callable[Concatenate[int, P], int], False, f"{_PS}:127"),
    Case(Two, Callable[Concatenate[int, P], int], False, f"{_PS}:132"),
    Case(Three, Callable[Concatenate[int, P], int], False, f"{_PS}:137"),
    Case(Four, Callable[Concatenate[int, P], int], True, f"{_PS}:142"),
    Case(Callable[[int], int], Callable[Concatenate[int, P], int], True, f"{_PS}:142"),
    Case(Callable[[int, str], int], Callable[P, int], True, f"{_PC}:96"),
    Case(Callable[[int], str], Callable[P, str], True, f"{_PS}:81"),
    Case(ClassC[[int, str, bool]], ClassC[int, str, bool], True, f"{_PSP}:58"),
    Case(ClassB[int, [int, bool], ...], ClassA[int, [int, bool]], True, f"{_PSP}:32"),
    Case(ClassB[int, [int, bool], ...], ClassA[int, [int]], False, f"{_PSP}:32"),  # derived
    Case(ClassB[int, [], []], ClassA[int, []], True, f"{_PSP}:40"),
    Case(ClassA[int, ...], ClassA[int, [int]], True, f"{_PSP}:36"),  # ... is gradual
    Case(ClassA[int, [int]], ClassA[int, ...], True, f"{_PSP}:36"),
    Case(ClassA[int, [int]], ClassA[str, [int]], False, f"{_PSP}:24"),  # derived: invariant T
    Case(ClassC[[int, str, bool]], ClassC[[int, str, bool]], True, f"{_PSP}:52"),
    # ParamSpec variance
    Case(InvariantParamSpecOld[int], InvariantParamSpecOld[int], True, f"{_PV}:109"),
    Case(InvariantParamSpecOld[bool], InvariantParamSpecOld[int], False, f"{_PV}:110"),
    Case(InvariantParamSpecOld[object], InvariantParamSpecOld[int], False, f"{_PV}:111"),
    Case(ContravariantParamSpecOld[int], ContravariantParamSpecOld[object], False, f"{_PV}:121"),
    Case(ContravariantParamSpecOld[object], ContravariantParamSpecOld[int], True, f"{_PV}:122"),
    Case(CovariantParamSpecOld[object], CovariantParamSpecOld[int], False, f"{_PV}:132"),
    Case(CovariantParamSpecOld[int], CovariantParamSpecOld[object], True, f"{_PV}:133"),
    Case(
        InferredContravariantParamSpecOld[int],
        InferredContravariantParamSpecOld[object],
        False,
        f"{_PV}:142",
    ),
    Case(
        InferredContravariantParamSpecOld[object],
        InferredContravariantParamSpecOld[int],
        True,
        f"{_PV}:143",
    ),
    Case(
        InferredCovariantParamSpecOld[object],
        InferredCovariantParamSpecOld[int],
        False,
        f"{_PV}:151",
    ),
    Case(
        InferredCovariantParamSpecOld[int],
        InferredCovariantParamSpecOld[object],
        True,
        f"{_PV}:152",
    ),
    # TypeVarTuple
    Case(Array[Height, Width], Array[Height, Width], True, f"{_TB}:37"),
    Case(Array[Batch, Width], Array[Batch, Height, Width], False, f"{_TB}:44"),
    Case(Array[Time, Batch, Width, Height], Array[Time, Batch, Height, Width], False, f"{_TB}:45"),
    Case(Array[Height, Width], Array[Width, Height], False, f"{_TB}:45"),
    Case(Array[Height], Array[*Shape], True, f"{_TB}:99"),
    Case(
        tuple[Array[Height], Array[Height]], tuple[Array[*Shape], Array[*Shape]], True, f"{_TB}:99"
    ),
    Case(
        tuple[Array[Height], Array[Width]], tuple[Array[*Shape], Array[*Shape]], False, f"{_TB}:100"
    ),
    Case(
        tuple[Array[Height], Array[Height, Width]],
        tuple[Array[*Shape], Array[*Shape]],
        False,
        f"{_TB}:101",
    ),
    Case(tuple[int], tuple[*Ts], True, f"{_TB}:85"),
    Case(tuple[tuple[int, int], tuple[int]], tuple[tuple[*Ts], tuple[*Ts]], False, f"{_TB}:91"),
    Case(tuple[int, str], tuple[*Ts], True, f"{_TA}:29"),
    Case(tuple[int, str, str], tuple[int, *tuple[str, ...], str], True, f"{_TA}:56"),
    Case(tuple[int, int, str], tuple[int, *tuple[str, ...], str], False, f"{_TA}:57"),
    Case(tuple[int], tuple[int, *tuple[str, ...], str], False, f"{_TA}:58"),
    Case(tuple[int, str, int], tuple[int, ...], False, f"{_TA}:48"),
    Case(tuple[()], tuple[int, ...], True, f"{_TA}:46"),
    Case(tuple[int, int, int], tuple[int, ...], True, f"{_TA}:47"),
    Case(tuple[int], tuple[int, str], False, f"{_TA}:67"),
    Case(
        tuple[Callable[[int, str], None], tuple[int, str]],
        tuple[Callable[[*Ts], None], tuple[*Ts]],
        True,
        f"{_TC}:25",
    ),
    Case(
        tuple[Callable[[int, str], None], tuple[str, int]],
        tuple[Callable[[*Ts], None], tuple[*Ts]],
        False,
        f"{_TC}:26",
    ),
    Case(Array[Height, Width], Array[*Shape], True, f"{_TCC}:39"),
    Case(Array[Batch, Height, Width], Array[Batch, *Shape], True, f"{_TCC}:41"),
    Case(Array[Height, Width], Array[Batch, *Shape], False, f"{_TCC}:41"),
    Case(tuple[int, bool, str], tuple[T, *Ts], True, f"{_TCC}:52"),
    Case(Array[Height, Width], Array, True, f"{_TS}:29"),  # type: ignore[type-arg]
    Case(Array[Height, Width], Array[*tuple[Any, ...]], True, f"{_TS}:30"),
    Case(Array[Time, Height, Width], Array[*tuple[Any, ...]], True, f"{_TS}:35"),
    Case(Array2[float, Height, Width], Array2[float, *Shape], True, f"{_TS}:77"),
    Case(Array2[float, *tuple[Any, ...]], Array2[float, Height, Width], True, f"{_TS}:85"),
    Case(Array2[int, Height], Array2[float, Height], False, f"{_TS}:77"),  # invariant DType
    Case(
        Array[Batch, Height, Width, Channels],
        Array[Batch, *tuple[Any, ...], Channels],
        True,
        f"{_TU}:28",
    ),
    Case(Array[Batch, Channels], Array[Batch, *tuple[Any, ...], Channels], True, f"{_TU}:29"),
    Case(Array[Batch], Array[Batch, *tuple[Any, ...], Channels], False, f"{_TU}:30"),
    Case(Array[*tuple[Any, ...]], Array[Batch, *Shape], True, f"{_TU}:45"),
    Case(Array[*tuple[Any, ...]], Array[Batch, Height, Width, Channels], True, f"{_TU}:46"),
    # TypeVarTuple variance (pre-PEP 695 forms)
    Case(InvariantTypeVarTupleOld[int], InvariantTypeVarTupleOld[object], False, f"{_TV}:68"),
    Case(InvariantTypeVarTupleOld[object], InvariantTypeVarTupleOld[int], False, f"{_TV}:69"),
    Case(InvariantTypeVarTupleOld[int], InvariantTypeVarTupleOld[int], True, f"{_TV}:70"),
    Case(
        ContravariantTypeVarTupleOld[int], ContravariantTypeVarTupleOld[object], False, f"{_TV}:83"
    ),
    Case(
        ContravariantTypeVarTupleOld[object], ContravariantTypeVarTupleOld[int], True, f"{_TV}:84"
    ),
    Case(CovariantTypeVarTupleOld[object], CovariantTypeVarTupleOld[int], False, f"{_TV}:97"),
    Case(CovariantTypeVarTupleOld[int], CovariantTypeVarTupleOld[object], True, f"{_TV}:98"),
    Case(
        InferredContravariantTypeVarTupleOld[int],
        InferredContravariantTypeVarTupleOld[object],
        False,
        f"{_TV}:107",
    ),
    Case(
        InferredContravariantTypeVarTupleOld[object],
        InferredContravariantTypeVarTupleOld[int],
        True,
        f"{_TV}:108",
    ),
    Case(
        InferredCovariantTypeVarTupleOld[object],
        InferredCovariantTypeVarTupleOld[int],
        False,
        f"{_TV}:116",
    ),
    Case(
        InferredCovariantTypeVarTupleOld[int],
        InferredCovariantTypeVarTupleOld[object],
        True,
        f"{_TV}:117",
    ),
]
