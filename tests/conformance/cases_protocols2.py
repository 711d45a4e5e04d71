"""Protocol cases: class objects as implementations, and declared variance of protocols."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar, Protocol, TypeVar

from typing_extensions import ParamSpec

from .case import Case

# ---- protocols_class_objects


class Proto(Protocol):
    @abstractmethod
    def meth(self) -> int: ...


class Concrete:
    def meth(self) -> int:
        return 42


class ProtoA1(Protocol):
    def method1(self, x: int) -> int: ...


class ProtoA2(Protocol):
    def method1(_self, self: Any, x: int) -> int: ...


class ConcreteA:
    def method1(self, x: int) -> int:
        return 0


class ProtoB1(Protocol):
    @property
    def prop1(self) -> int: ...


class ConcreteB:
    @property
    def prop1(self) -> int:
        return 0


class ProtoC1(Protocol):
    attr1: ClassVar[int]


class ProtoC2(Protocol):
    attr1: int


class ConcreteC1:
    attr1: ClassVar[int] = 1


class ConcreteC2:
    attr1: int = 1


class CMeta(type):
    attr1: int

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.attr1: int = 1


class ConcreteC3(metaclass=CMeta):
    pass


# ---- protocols_variance (the declared variances the suite accepts)

T1 = TypeVar("T1")
T2 = TypeVar("T2", bound=int)
T3 = TypeVar("T3", bytes, str)
T1_co = TypeVar("T1_co", covariant=True)
T1_contra = TypeVar("T1_contra", contravariant=True)
PV = ParamSpec("PV", contravariant=True)
RV = TypeVar("RV", covariant=True)


class Protocol1(Protocol[T1, T2, T3]):
    def m1(self, p0: T1, p1: T2, p2: T3) -> T1 | T2: ...

    def m2(self) -> T1: ...

    def m3(self) -> T2: ...

    def m4(self) -> T3: ...


class Protocol3(Protocol[T1_co]):
    def m1(self) -> None:
        pass


class Protocol8(Protocol[T1]):
    def m1(self) -> T1: ...

    def m2(self, p1: T1) -> None:
        pass


class Callback(Protocol[PV, RV]):
    def __call__(self, *args: PV.args, **kwargs: PV.kwargs) -> RV: ...


class Protocol9(Protocol[T1_co]):
    @property
    def prop1(self) -> T1_co: ...


class Protocol10(Protocol[T1_co]):
    def m1(self) -> type[T1_co]: ...


class Protocol11(Protocol[T1]):
    x: T1 | None


class Protocol13(Protocol[T1_contra]):
    def m1(self: Protocol13[T1_contra], x: T1_contra) -> None: ...


class Protocol14(Protocol[T1]):
    def m1(self) -> list[T1]: ...


class IntBox:
    @property
    def prop1(self) -> int:
        return 0

    def m1(self) -> type[int]:
        return int


_CO = "protocols_class_objects.py"
_VA = "protocols_variance.py"

CASES = [
    Case(type[Concrete], type[Proto], True, f"{_CO}:30"),
    Case(type[Concrete], type[Proto], True, f"{_CO}:35"),
    Case(type[int], type[Proto], False, f"{_CO}:35"),
    Case(type[ConcreteA], ProtoA1, False, f"{_CO}:58"),
    Case(type[ConcreteA], ProtoA2, True, f"{_CO}:59"),
    Case(ConcreteA, ProtoA1, True, f"{_CO}:58"),  # derived: an instance, not the class
    Case(type[ConcreteB], ProtoB1, False, f"{_CO}:74"),
    Case(ConcreteB, ProtoB1, True, f"{_CO}:74"),  # derived: an instance
    Case(type[ConcreteC1], ProtoC1, False, f"{_CO}:104"),
    Case(type[ConcreteC1], ProtoC2, True, f"{_CO}:105"),
    Case(type[ConcreteC2], ProtoC1, False, f"{_CO}:106"),
    Case(type[ConcreteC2], ProtoC2, False, f"{_CO}:107"),
    Case(type[ConcreteC3], ProtoC2, True, f"{_CO}:109"),
    Case(ConcreteC1, ProtoC1, True, f"{_CO}:104"),  # derived: an instance
    Case(ConcreteC2, ProtoC2, True, f"{_CO}:107"),  # derived: an instance
    # declared variance
    Case(Protocol1[int, int, str], Protocol1[int, int, str], True, f"{_VA}:27"),
    Case(Protocol1[int, int, str], Protocol1[float, int, str], False, f"{_VA}:27"),
    Case(Protocol1[int, bool, str], Protocol1[int, int, str], False, f"{_VA}:27"),
    Case(Protocol3[int], Protocol3[float], True, f"{_VA}:52"),
    Case(Protocol8[int], Protocol8[float], False, f"{_VA}:77"),
    Case(Protocol8[float], Protocol8[int], False, f"{_VA}:77"),
    Case(Callback[[float], int], Callback[[int], float], True, f"{_VA}:85"),
    Case(Callback[[int], int], Callback[[float], int], False, f"{_VA}:85"),
    Case(Callable[[float], int], Callback[[int], float], True, f"{_VA}:85"),
    Case(Protocol9[int], Protocol9[float], True, f"{_VA}:90"),
    Case(Protocol9[float], Protocol9[int], False, f"{_VA}:90"),
    Case(IntBox, Protocol9[float], True, f"{_VA}:90"),
    Case(IntBox, Protocol9[str], False, f"{_VA}:90"),
    Case(Protocol10[bool], Protocol10[int], True, f"{_VA}:96"),
    Case(Protocol10[int], Protocol10[bool], False, f"{_VA}:96"),
    Case(IntBox, Protocol10[int], True, f"{_VA}:96"),
    Case(Protocol11[int], Protocol11[float], False, f"{_VA}:101"),
    Case(Protocol13[float], Protocol13[int], True, f"{_VA}:111"),
    Case(Protocol13[int], Protocol13[float], False, f"{_VA}:111"),
    Case(Protocol14[int], Protocol14[float], False, f"{_VA}:120"),
    Case(Protocol14[int], Protocol14[int], True, f"{_VA}:120"),
]
