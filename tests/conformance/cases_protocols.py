"""Protocol cases: definition, explicit, generic, merging, recursive, self, subtyping."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from typing import IO, Any, ClassVar, Generic, NamedTuple, Protocol, Self, TypeVar

from .case import Case

S = TypeVar("S")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)

# ---- protocols_definition


class SupportsClose(Protocol):
    def close(self) -> None: ...


class Resource:
    def close(self) -> None:
        pass


class Template(Protocol):
    name: str
    value: int = 0

    def method(self) -> None: ...


class Concrete:
    def __init__(self, name: str, value: int) -> None:
        self.name = name
        self.value = value

    def method(self) -> None:
        return


class Template2(Protocol):
    val1: ClassVar[Sequence[int]]


class Concrete2_Good1:
    val1: ClassVar[Sequence[int]] = [2]


class Concrete2_Bad1: ...


class Concrete2_Bad2:
    val1: Sequence[float] = [2]


class Concrete2_Bad3:
    val1: list[int] = [2]  # noqa: RUF012


class Template3(Protocol):
    val1: Sequence[int]


class Concrete3_Good1:
    val1: Sequence[int] = [0]


class Concrete3_Bad1: ...


class Concrete3_Bad2:
    val1: ClassVar[Sequence[int]] = [0]


class Concrete3_Bad3:
    @property
    def val1(self) -> Sequence[int]:
        return [0]


class Concrete3_Bad4:
    val1: Sequence[float] = [0]


class Concrete3_Bad5:
    val1: list[int] = [0]  # noqa: RUF012


class Template4(Protocol):
    @property
    def val1(self) -> Sequence[float]: ...


class Concrete4_Good1:
    @property
    def val1(self) -> Sequence[float]:
        return [0]


class Concrete4_Good2:
    @property
    def val1(self) -> Sequence[int]:
        return [0]


class Concrete4_Good3:
    val1: Sequence[float] = [0]


class Concrete4_Good4:
    val1: Sequence[int] = [0]


class Concrete4_Good5:
    val1: list[float] = [0]  # noqa: RUF012


class Concrete4_Good6(NamedTuple):
    val1: Sequence[float] = [0]


@dataclass(frozen=False)
class Concrete4_Good7:
    val1: Sequence[float] = (0,)


class Concrete4_Bad1:
    def val1(self) -> Sequence[int]:
        return [0]


class Concrete4_Bad2: ...


class Template5(Protocol):
    def method1(self, a: int, b: int) -> float: ...


class Concrete5_Good1:
    def method1(self, a: float, b: float) -> int:
        return 0


class Concrete5_Good2:
    def method1(self, *args: float, **kwargs: float) -> Any:
        return 0.0


class Concrete5_Good3:
    def method1(self, a, b) -> Any:  # type: ignore[no-untyped-def]
        return 0.0


class Concrete5_Good4:
    @classmethod
    def method1(cls, a: int, b: int) -> float:
        return 0


class Concrete5_Good5:
    @staticmethod
    def method1(a: int, b: int) -> float:
        return 0


class Concrete5_Bad1:
    def method1(self, a, c) -> int:  # type: ignore[no-untyped-def]
        return 0


class Concrete5_Bad2:
    def method1(self, a: int, c: int) -> int:
        return 0


class Concrete5_Bad3:
    def method1(self, *, a: int, b: int) -> float:
        return 0


class Concrete5_Bad4:
    def method1(self, a: int, b: int, /) -> float:
        return 0


class Concrete5_Bad5:
    @staticmethod
    def method1(self, a: int, b: int) -> float:  # type: ignore[no-untyped-def]
        return 0


class Template6(Protocol):
    @property
    def val1(self) -> Sequence[float]: ...
    @val1.setter
    def val1(self, val: Sequence[float]) -> None: ...


class Concrete6_Good1:
    @property
    def val1(self) -> Sequence[float]:
        return [0]

    @val1.setter
    def val1(self, val: Sequence[float]) -> None:
        pass


class Concrete6_Good2:
    val1: Sequence[float] = [0]


@dataclass(frozen=False)
class Concrete6_Good3:
    val1: Sequence[float] = (0,)


class Concrete6_Bad1:
    @property
    def val1(self) -> Sequence[float]:
        return [0]


class Concrete6_Bad2(NamedTuple):
    val1: Sequence[float] = [0]


@dataclass(frozen=True)
class Concrete6_Bad3:
    val1: Sequence[float] = (0,)


class Template7(Protocol):
    val1: ClassVar[int]


class Concrete7_Bad1:
    def __init__(self) -> None:
        self.val1: int = 42


class Concrete7Meta(type):
    val1: int = 42


class Concrete7_Bad2(metaclass=Concrete7Meta):
    pass


# ---- protocols_explicit


class PColor(Protocol):
    @abstractmethod
    def draw(self) -> str: ...

    def complex_method(self) -> int:
        return 1


class NiceColor(PColor):
    def draw(self) -> str:
        return "deep blue"


class ImplicitColor:
    def draw(self) -> str:
        return "probably gray"

    def complex_method(self) -> int:
        return 0


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


_DEF = "protocols_definition.py"
_EXP = "protocols_explicit.py"
_GEN = "protocols_generic.py"
_MER = "protocols_merging.py"
_REC = "protocols_recursive.py"
_SELF = "protocols_self.py"
_SUB = "protocols_subtyping.py"

CASES = [
    Case(Resource, SupportsClose, True, f"{_DEF}:29"),
    Case(IO[str], SupportsClose, True, f"{_DEF}:29"),
    Case(list[Resource], Iterable[SupportsClose], True, f"{_DEF}:29"),
    Case(int, SupportsClose, False, f"{_DEF}:30"),
    Case(list[int], Iterable[SupportsClose], False, f"{_DEF}:30"),
    Case(Concrete, Template, True, f"{_DEF}:79"),
    Case(Concrete2_Good1, Template2, True, f"{_DEF}:113"),
    Case(Concrete2_Bad1, Template2, False, f"{_DEF}:114"),
    Case(Concrete2_Bad2, Template2, False, f"{_DEF}:115"),
    Case(Concrete2_Bad3, Template2, False, f"{_DEF}:116"),
    Case(Concrete3_Good1, Template3, True, f"{_DEF}:155"),
    Case(Concrete3_Bad1, Template3, False, f"{_DEF}:156"),
    Case(Concrete3_Bad2, Template3, False, f"{_DEF}:157"),
    Case(Concrete3_Bad3, Template3, False, f"{_DEF}:158"),
    Case(Concrete3_Bad4, Template3, False, f"{_DEF}:159"),
    Case(Concrete3_Bad5, Template3, False, f"{_DEF}:160"),
    Case(Concrete4_Good1, Template4, True, f"{_DEF}:211"),
    Case(Concrete4_Good2, Template4, True, f"{_DEF}:212"),
    Case(Concrete4_Good3, Template4, True, f"{_DEF}:213"),
    Case(Concrete4_Good4, Template4, True, f"{_DEF}:214"),
    Case(Concrete4_Good5, Template4, True, f"{_DEF}:215"),
    Case(Concrete4_Good6, Template4, True, f"{_DEF}:216"),
    Case(Concrete4_Good7, Template4, True, f"{_DEF}:217"),
    Case(Concrete4_Bad1, Template4, False, f"{_DEF}:218"),
    Case(Concrete4_Bad2, Template4, False, f"{_DEF}:219"),
    Case(Concrete5_Good1, Template5, True, f"{_DEF}:280"),
    Case(Concrete5_Good2, Template5, True, f"{_DEF}:281"),
    Case(Concrete5_Good3, Template5, True, f"{_DEF}:282"),
    Case(Concrete5_Good4, Template5, True, f"{_DEF}:283"),
    Case(Concrete5_Good5, Template5, True, f"{_DEF}:284"),
    Case(Concrete5_Bad1, Template5, False, f"{_DEF}:285"),
    Case(Concrete5_Bad2, Template5, False, f"{_DEF}:286"),
    Case(Concrete5_Bad3, Template5, False, f"{_DEF}:287"),
    Case(Concrete5_Bad4, Template5, False, f"{_DEF}:288"),
    Case(Concrete5_Bad5, Template5, False, f"{_DEF}:289"),
    Case(Concrete6_Good1, Template6, True, f"{_DEF}:336"),
    Case(Concrete6_Good2, Template6, True, f"{_DEF}:337"),
    Case(Concrete6_Good3, Template6, True, f"{_DEF}:338"),
    Case(Concrete6_Bad1, Template6, False, f"{_DEF}:339"),
    Case(Concrete6_Bad2, Template6, False, f"{_DEF}:340"),
    Case(Concrete6_Bad3, Template6, False, f"{_DEF}:341"),
    Case(Concrete6_Bad3, Template4, True, f"{_DEF}:217"),  # read-only use is fine
    Case(Concrete6_Bad2, Template4, True, f"{_DEF}:216"),
    Case(Concrete7_Bad1, Template7, False, f"{_DEF}:369"),
    Case(Concrete7_Bad2, Template7, False, f"{_DEF}:370"),
    # protocols_explicit
    Case(NiceColor, PColor, True, f"{_EXP}:38"),
    Case(ImplicitColor, PColor, True, f"{_EXP}:39"),
    Case(PColor, NiceColor, False, f"{_EXP}:38"),
    Case(ImplicitColor, NiceColor, False, f"{_EXP}:39"),
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
    Case(AttrProto[int], AttrProto[int], True, f"{_GEN}:74"),
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
    Case(SizedAndClosable4, SizedAndClosable2, True, f"{_MER}:83"),
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
