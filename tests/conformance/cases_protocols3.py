"""Protocol cases: generic, merging, recursive, self, subtyping."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence, Sized
from typing import Generic, Protocol, Self, TypeVar

from .case import Case

S = TypeVar("S")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)

# ---- protocols_generic


class GIterable(Protocol[T_co]):
    def __iter__(self) -> Iterator[T_co]: ...


class GProto1(GIterable[T_co], Protocol[S, T_co]):
    def method1(self, x: S) -> S: ...


class GConcrete1:
    def __iter__(self) -> Iterator[int]:
        return iter([1, 2, 3])

    def method1(self, x: str) -> str:
        return ""


class Box(Protocol[T_co]):
    def content(self) -> T_co: ...


class Sender(Protocol[T_contra]):
    def send(self, data: T_contra) -> int:
        return 0


class AttrProto(Protocol[T]):
    attr: T


class HasParent(Protocol):
    def get_parent(self: T) -> T: ...


GenericHasParent = TypeVar("GenericHasParent", bound=HasParent)


class ConcreteHasParent:
    def get_parent(self) -> Self:
        return self


class HasPropertyProto(Protocol):
    @property
    def f(self: T) -> T: ...

    def m(self, item: T, callback: Callable[[T], str]) -> str: ...


class ConcreteHasProperty1:
    @property
    def f(self: T) -> T:
        return self

    def m(self, item: T, callback: Callable[[T], str]) -> str:
        return ""


class ConcreteHasProperty2:
    @property
    def f(self) -> Self:
        return self

    def m(self, item: int, callback: Callable[[int], str]) -> str:
        return ""


class ConcreteHasProperty3:
    @property
    def f(self) -> int:
        return 0

    def m(self, item: int, callback: Callable[[int], str]) -> str:
        return ""


class ConcreteHasProperty4:
    @property
    def f(self) -> Self:
        return self

    def m(self, item: str, callback: Callable[[int], str]) -> str:
        return ""


# ---- protocols_merging


class SizedAndClosable1(Sized, Protocol):
    def close(self) -> None: ...


class SizedAndClosable2(Protocol):
    def __len__(self) -> int: ...

    def close(self) -> None: ...


class SizedAndClosable3(SizedAndClosable1):
    def __len__(self) -> int:
        return 0

    def close(self) -> None:
        pass


class SCConcrete1:
    def __len__(self) -> int:
        return 0

    def close(self) -> None:
        pass


class SCConcrete2:
    def close(self) -> None:
        pass


class SizedAndClosable4(SizedAndClosable1):
    def __len__(self) -> int:
        return 0

    @abstractmethod
    def close(self) -> None:
        raise NotImplementedError


# ---- protocols_recursive


class Traversable(Protocol):
    def leaves(self) -> Iterable[Traversable]: ...


class SimpleTree:
    def leaves(self) -> list[SimpleTree]:
        return []


class Tree(Generic[T]):
    def leaves(self) -> list[Tree[T]]:
        return []


# ---- protocols_self

C = TypeVar("C", bound="Copyable")


class Copyable(Protocol):
    def copy(self: C) -> C:
        return self


class One:
    def copy(self) -> One:
        return One()


TO = TypeVar("TO", bound="Other")


class Other:
    def copy(self: TO) -> TO:
        return self


T1_co = TypeVar("T1_co", covariant=True)
T2_co = TypeVar("T2_co", covariant=True)


class P1Parent(Protocol[T2_co]):
    def f0(self, /) -> Self: ...


class P1Child(P1Parent[T2_co], Protocol[T2_co]): ...


class C1(Generic[T1_co]):
    def f0(self, /) -> Self:
        return self


class P2Parent(Protocol[T1_co]):
    def f0(self, right: Self, /) -> P2Parent[T1_co]:
        return right


class P2Child(P2Parent[T1_co], Protocol[T1_co]): ...


class C2(Generic[T2_co]):
    def f0(self, other: Self) -> C2[T2_co]:
        return other


# ---- protocols_subtyping


class SProto2(Protocol):
    def method1(self) -> None: ...


class SConcrete2:
    def method1(self) -> None:
        pass


class SProto3(Protocol):
    def method1(self) -> None: ...

    def method2(self) -> None: ...


class SProto4(Protocol[S, T]):
    def method1(self, a: S, b: T) -> tuple[S, T]: ...


class SProto5(Protocol[T]):
    def method1(self, a: T, b: T) -> tuple[T, T]: ...


S_co = TypeVar("S_co", covariant=True)


class SProto6(Protocol[S_co, T_contra]):
    def method1(self, a: T_contra) -> Sequence[S_co]: ...


class SProto7(Protocol[S_co, T_contra]):
    def method1(self, a: T_contra) -> Sequence[S_co]: ...


class SupportsExit(Protocol):
    def exit(self) -> int: ...


class SupportsQuit(Protocol):
    def quit(self) -> int | None: ...


class DefaultJob:
    def quit(self) -> int:
        return 0


class HashableFloats(Iterable[float], Hashable, Protocol):
    pass


_GEN = "protocols_generic.py"
_MER = "protocols_merging.py"
_REC = "protocols_recursive.py"
_SELF = "protocols_self.py"
_SUB = "protocols_subtyping.py"

CASES = [
    # protocols_generic
    Case(GConcrete1, GProto1[str, int], True, f"{_GEN}:39"),
    Case(GConcrete1, GProto1[int, str], False, f"{_GEN}:40"),
    Case(GConcrete1, GIterable[int], True, f"{_GEN}:39"),
    Case(GConcrete1, GIterable[float], True, f"{_GEN}:39"),
    Case(GConcrete1, GIterable[str], False, f"{_GEN}:40"),
    Case(Box[int], Box[float], True, f"{_GEN}:55"),
    Case(Box[float], Box[int], False, f"{_GEN}:56"),
    Case(Sender[float], Sender[int], True, f"{_GEN}:65"),
    Case(Sender[int], Sender[float], False, f"{_GEN}:66"),
    Case(AttrProto[int], AttrProto[float], False, f"{_GEN}:74"),
    Case(AttrProto[float], AttrProto[int], False, f"{_GEN}:75"),
    Case(AttrProto[int], AttrProto[int], True, f"{_GEN}:74"),  # derived
    Case(ConcreteHasParent, HasParent, True, f"{_GEN}:95"),
    Case(ConcreteHasParent, GenericHasParent, True, f"{_GEN}:95"),
    Case(ConcreteHasProperty1, HasPropertyProto, True, f"{_GEN}:144"),
    Case(ConcreteHasProperty2, HasPropertyProto, False, f"{_GEN}:145"),
    Case(ConcreteHasProperty3, HasPropertyProto, False, f"{_GEN}:146"),
    Case(ConcreteHasProperty4, HasPropertyProto, False, f"{_GEN}:147"),
    # protocols_merging
    Case(SCConcrete1, SizedAndClosable1, True, f"{_MER}:46"),
    Case(SCConcrete1, SizedAndClosable2, True, f"{_MER}:47"),
    Case(SizedAndClosable3, SizedAndClosable1, True, f"{_MER}:48"),
    Case(SizedAndClosable3, SizedAndClosable2, True, f"{_MER}:49"),
    Case(SCConcrete1, Sized, True, f"{_MER}:50"),
    Case(SCConcrete2, SizedAndClosable1, False, f"{_MER}:52"),
    Case(SCConcrete2, SizedAndClosable2, False, f"{_MER}:53"),
    Case(SCConcrete2, SizedAndClosable3, False, f"{_MER}:54"),
    Case(SizedAndClosable1, SizedAndClosable2, True, f"{_MER}:59"),
    Case(SizedAndClosable2, SizedAndClosable1, True, f"{_MER}:60"),
    Case(SCConcrete1, SizedAndClosable4, False, f"{_MER}:83"),
    Case(SizedAndClosable4, SizedAndClosable2, True, f"{_MER}:83"),  # derived
    # protocols_recursive
    Case(SimpleTree, Traversable, True, f"{_REC}:25"),
    Case(Tree[float], Traversable, True, f"{_REC}:38"),
    Case(int, Traversable, False, f"{_REC}:38"),
    # protocols_self
    Case(One, Copyable, True, f"{_SELF}:32"),
    Case(Other, Copyable, True, f"{_SELF}:33"),
    Case(C1[str], P1Parent[str], True, f"{_SELF}:54"),
    Case(C1[str], P1Child[str], True, f"{_SELF}:55"),
    Case(C2[str], P2Parent[str], True, f"{_SELF}:72"),
    Case(C2[str], P2Child[str], True, f"{_SELF}:73"),
    # protocols_subtyping
    Case(SConcrete2, SProto2, True, f"{_SUB}:37"),
    Case(SProto2, SConcrete2, False, f"{_SUB}:38"),
    Case(SProto3, SProto2, True, f"{_SUB}:54"),
    Case(SProto2, SProto3, False, f"{_SUB}:55"),
    Case(SProto5[int], SProto4[int, int], True, f"{_SUB}:77"),
    Case(SProto4[int, int], SProto5[int], True, f"{_SUB}:78"),
    Case(SProto5[int], SProto4[int, float], False, f"{_SUB}:79"),
    Case(SProto4[int, int], SProto5[float], False, f"{_SUB}:80"),
    Case(SProto6[float, float], SProto7[object, int], True, f"{_SUB}:98"),
    Case(SProto6[float, float], SProto7[float, float], True, f"{_SUB}:99"),
    Case(SProto6[float, float], SProto7[complex, int], True, f"{_SUB}:100"),
    Case(SProto6[float, float], SProto7[int, float], False, f"{_SUB}:102"),
    Case(SProto6[float, float], SProto7[float, object], False, f"{_SUB}:103"),
    Case(DefaultJob, SupportsExit | SupportsQuit, True, f"{_SUB}:128"),
    Case(DefaultJob, SupportsQuit, True, f"{_SUB}:128"),
    Case(DefaultJob, SupportsExit, False, f"{_SUB}:128"),
    Case(tuple[int, int, int], HashableFloats, True, f"{_SUB}:142"),
    Case(list[float], HashableFloats, False, f"{_SUB}:142"),  # derived: list is not Hashable
]
