"""Protocol cases: definition (members, ClassVar, properties, settable) and explicit."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any, ClassVar, NamedTuple, Protocol

from .case import Case

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


_DEF = "protocols_definition.py"
_EXP = "protocols_explicit.py"

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
]
