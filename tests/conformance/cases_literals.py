"""Literal, LiteralString and enum-expansion cases."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum, member, nonmember
from typing import Generic, Literal, LiteralString, TypeVar

from .case import Case

T = TypeVar("T", bound=LiteralString)
TLiteral = TypeVar("TLiteral", bound=LiteralString)


class Container(Generic[T]):
    def __init__(self, value: T) -> None:
        self.value = value


class Status(Enum):
    SUCCESS = 0
    INVALID_DATA = 1
    FATAL_ERROR = 2


class Color(Enum):
    RED = 0
    GREEN = 1
    BLUE = 2


class Answer(Enum):
    Yes = 1
    No = 2


def identity(x: int) -> int:
    return x


class Pet4(Enum):
    CAT = 1  # Member attribute
    DOG = 2  # Member attribute

    converter = lambda x: str(x)  # noqa: E731  # Non-member attribute
    transform = staticmethod(identity)  # Non-member attribute

    @property
    def species(self) -> str:  # Non-member property
        return "mammal"

    def speak(self) -> None:  # Non-member method
        print("meow" if self is Pet4.CAT else "woof")

    # (the suite's nested class is left out: before Python 3.13 it becomes a member at runtime)


class Example(Enum):
    a = member(1)  # Member attribute
    b = nonmember(2)  # Non-member attribute

    @member
    def c(self) -> None:  # Member method
        pass


class TrafficLight(Enum):
    RED = 1
    GREEN = 2
    YELLOW = 3
    AMBER = YELLOW


_LS = "literals_literalstring.py"
_SEM = "literals_semantics.py"
_PAR = "literals_parameterizations.py"
_INT = "literals_interactions.py"
_EXP = "enums_expansion.py"
_MEM = "enums_members.py"

CASES = [
    # literals_semantics
    Case(Literal[3], Literal[3], True, f"{_SEM}:9"),
    Case(Literal[4], Literal[3], False, f"{_SEM}:10"),
    Case(Literal[-3], Literal[-3], True, f"{_SEM}:12"),
    Case(Literal[20], Literal[0x14], True, f"{_SEM}:17"),
    Case(Literal[0x14], Literal[0x14], True, f"{_SEM}:18"),
    Case(Literal[0b10100], Literal[0x14], True, f"{_SEM}:19"),
    Case(Literal[0], Literal[False], False, f"{_SEM}:24"),
    Case(Literal[False], Literal[0], False, f"{_SEM}:25"),
    Case(int, Literal[3, 4, 5], False, f"{_SEM}:33"),  # a += 3: int is not L[3, 4, 5]
    Case(
        Literal[None, 3] | Literal[3, "foo", b"bar", True],
        Literal[3, b"bar", True, "foo", None],
        True,
        f"{_SEM}:39",
    ),
    Case(
        Literal[3, b"bar", True, "foo", None],
        Literal[None, 3] | Literal[3, "foo", b"bar", True],
        True,
        f"{_SEM}:40",
    ),
    Case(Literal[3, b"bar", True, "foo", None], int | bytes | str | None, True, f"{_SEM}:40"),
    Case(Literal[True], int, True, f"{_SEM}:24"),  # derived: bool is a subtype of int
    # literals_parameterizations
    Case(Literal[Color.RED], Literal["Color.RED"], False, f"{_PAR}:65"),
    Case(Literal[Color.RED], Literal[Color.RED], True, f"{_PAR}:67"),
    Case(Literal[Color.RED], Color, True, f"{_PAR}:67"),
    Case(Literal[Color.RED], str, False, f"{_PAR}:65"),
    # literals_literalstring
    Case(Literal["one"], LiteralString, True, f"{_LS}:41"),
    Case(Literal["two"], Literal[""], False, f"{_LS}:43"),
    Case(str, LiteralString, False, f"{_LS}:65"),  # f-string with a str part is a str
    Case(LiteralString, str, True, f"{_LS}:70"),
    Case(Literal[3], LiteralString, False, f"{_LS}:73"),
    Case(Literal[b"test"], LiteralString, False, f"{_LS}:74"),
    Case(Literal["foo", "bar"], LiteralString, True, f"{_LS}:83"),
    Case(Literal["foo"] | LiteralString, LiteralString, True, f"{_LS}:87"),
    Case(Literal["hello"], TLiteral, True, f"{_LS}:109"),
    Case(LiteralString, TLiteral, True, f"{_LS}:114"),
    Case(str, TLiteral, False, f"{_LS}:119"),
    Case(Container[LiteralString], Container[LiteralString], True, f"{_LS}:129"),
    Case(Container[str], Container[LiteralString], False, f"{_LS}:133"),
    Case(Literal["foo"], Literal["foo"], True, f"{_LS}:165"),
    Case(Literal["bar"], Literal["foo"], False, f"{_LS}:166"),
    Case(Literal["bar"], LiteralString, True, f"{_LS}:166"),
    Case(str, LiteralString, False, f"{_LS}:167"),
    Case(str, str, True, f"{_LS}:167"),
    Case(list[LiteralString], list[str], False, f"{_LS}:171"),
    Case(Sequence[LiteralString], Sequence[str], True, f"{_LS}:175"),
    Case(Sequence[Literal["a"]], Sequence[LiteralString], True, f"{_LS}:175"),  # derived
    Case(list[Literal[1]], list[int], False, f"{_LS}:171"),  # derived: list is invariant
    Case(LiteralString, Literal["one"], False, f"{_LS}:43"),  # derived
    # literals_interactions
    Case(Literal[Status.SUCCESS], str | Status, True, f"{_INT}:86"),
    Case(Literal[Status.INVALID_DATA], Status, True, f"{_INT}:88"),
    Case(Literal[Status.FATAL_ERROR], str, False, f"{_INT}:90"),
    Case(LiteralString, Literal["MALFORMED", "ABORTED"], False, f"{_INT}:110"),
    Case(Literal["MALFORMED"], Literal["MALFORMED", "ABORTED"], True, f"{_INT}:101"),
    Case(Literal["PENDING"], Literal["MALFORMED", "ABORTED"], False, f"{_INT}:101"),
    Case(Literal["PENDING"], Literal["PENDING"], True, f"{_INT}:105"),
    Case(Literal[3], int, True, f"{_INT}:140"),
    Case(Literal[True], bool, True, f"{_INT}:143"),
    # enums_expansion and enums_members
    Case(Answer, Literal[Answer.Yes, Answer.No], True, f"{_EXP}:85"),
    Case(Literal[Answer.Yes, Answer.No], Answer, True, f"{_EXP}:86"),
    Case(Answer, Literal[Answer.Yes], False, f"{_EXP}:85"),
    Case(Literal[Answer.Yes] | Literal[Answer.No], Answer, True, f"{_EXP}:86"),
    Case(Literal[Answer.Yes, Answer.No], Literal[Answer.Yes], False, f"{_EXP}:86"),  # derived
    Case(Color, Literal[Color.RED, Color.GREEN, Color.BLUE], True, f"{_EXP}:10"),  # spec quote
    Case(Color, Literal[Color.RED, Color.BLUE], False, f"{_EXP}:10"),  # spec quote
    Case(Color, Literal[Color.RED, Color.BLUE] | Literal[Color.GREEN], True, f"{_EXP}:35"),
    Case(Literal[Pet4.CAT], Pet4, True, f"{_MEM}:84"),
    Case(Pet4, Literal[Pet4.CAT, Pet4.DOG], True, f"{_MEM}:85"),  # non-members don't count
    Case(Example, Literal[Example.a, Example.c], True, f"{_MEM}:121"),  # b is a nonmember
    Case(Example, Literal[Example.a], False, f"{_MEM}:121"),  # derived: c is a member
    Case(
        TrafficLight,
        Literal[TrafficLight.RED, TrafficLight.GREEN, TrafficLight.YELLOW],
        True,
        f"{_MEM}:104",
    ),
    Case(
        Status, Literal[Status.SUCCESS, Status.INVALID_DATA, Status.FATAL_ERROR], True, f"{_INT}:92"
    ),
    Case(Status, Literal[Status.SUCCESS, Status.INVALID_DATA], False, f"{_INT}:92"),
    Case(Literal[Pet4.DOG], Literal[Pet4.CAT], False, f"{_MEM}:85"),
    Case(Literal[TrafficLight.AMBER], Literal[TrafficLight.YELLOW], True, f"{_MEM}:104"),
    Case(Literal[TrafficLight.RED], Literal[TrafficLight.YELLOW], False, f"{_MEM}:104"),
    Case(bool, Literal[True, False], True, f"{_EXP}:85"),  # concepts.rst: bool is {True, False}
    Case(Literal[True, False], bool, True, f"{_EXP}:86"),
    Case(bool, Literal[True], False, f"{_EXP}:85"),
]
