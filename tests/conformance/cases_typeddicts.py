"""TypedDict cases: consistency, Required/NotRequired, ReadOnly, inheritance, extra_items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Never, NotRequired, Required

from typing_extensions import ReadOnly, TypedDict

from .case import Case

# ---- typeddicts_type_consistency


class A1(TypedDict):
    x: int | None


class B1(TypedDict):
    x: int


class A2(TypedDict, total=False):
    x: int


class B2(TypedDict):
    x: int


class A3(TypedDict):
    x: int


class B3(TypedDict):
    x: int
    y: int


UserType1 = TypedDict("UserType1", {"name": str, "age": int}, total=False)  # noqa: UP013
UserType2 = TypedDict("UserType2", {"name": str, "age": int})  # noqa: UP013


class Inner1(TypedDict):
    inner_key: str


class Inner2(TypedDict):
    inner_key: Inner1


class Outer1(TypedDict):
    outer_key: Inner2


class Inner3(TypedDict):
    x: int


class Inner4(TypedDict):
    x: int


class Outer2(TypedDict):
    y: str
    z: Literal[""] | Inner3


class Outer3(TypedDict):
    y: str
    z: Literal[""] | Inner4


# ---- typeddicts_required


class TD1(TypedDict, total=False):
    a: int


class TD2(TD1, total=True):
    b: int


class TD3(TypedDict):
    a: NotRequired[int]
    b: Required[int]


class TD4(TypedDict, total=False):
    a: int
    b: Required[int]


class TD5(TypedDict, total=True):
    a: NotRequired[int]
    b: int


# ---- typeddicts_readonly_consistency


class RA1(TypedDict):
    x: Required[int]


class RB1(TypedDict):
    x: Required[int]
    y: NotRequired[str]


class RC1(TypedDict):
    x: Required[int]
    y: ReadOnly[NotRequired[str]]


class RA2(TypedDict):
    x: NotRequired[ReadOnly[str]]


class RB2(TypedDict):
    x: NotRequired[str]


class RC2(TypedDict):
    x: Required[str]


# ---- typeddicts_inheritance


class Movie(TypedDict):
    name: str
    year: int


class BookBasedMovie(Movie):
    based_on: str


class BookBasedMovieAlso(TypedDict):
    name: str
    year: int
    based_on: str


class X(TypedDict):
    x: int


class Y(TypedDict):
    y: str


class XYZ(X, Y):
    z: bool


# ---- typeddicts_extra_items


class MovieBase2(TypedDict, extra_items=int | None):
    name: str


class MovieDetails(TypedDict, extra_items=int | None):
    name: str
    year: NotRequired[int]


class MovieWithYear2(TypedDict, extra_items=int | None):
    name: str
    year: int | None


class MovieSI(TypedDict, extra_items=ReadOnly[str | int]):
    name: str


class MovieDetails4(TypedDict, extra_items=int):
    name: str
    year: NotRequired[int]


class MovieDetails5(TypedDict, extra_items=int):
    name: str
    actors: list[str]


class MovieExtraInt(TypedDict, extra_items=int):
    name: str


class MovieExtraStr(TypedDict, extra_items=str):
    name: str


class MovieNotClosed(TypedDict):
    name: str


class IntDict(TypedDict, extra_items=int):
    pass


class IntDictWithNum(IntDict):
    num: NotRequired[int]


class ClosedMovie(TypedDict, closed=True):
    name: str


class MovieNever(TypedDict, extra_items=Never):
    name: str


_TC = "typeddicts_type_consistency.py"
_RQ = "typeddicts_required.py"
_RO = "typeddicts_readonly_consistency.py"
_IN = "typeddicts_inheritance.py"
_EI = "typeddicts_extra_items.py"

CASES = [
    Case(B1, A1, False, f"{_TC}:21"),
    Case(B1, Mapping[str, object], True, f"{_TC}:24"),
    Case(B2, A2, False, f"{_TC}:38"),
    Case(A2, B2, False, f"{_TC}:38"),
    Case(B3, A3, True, f"{_TC}:62"),
    Case(A3, B3, False, f"{_TC}:65"),
    Case(B3, dict[str, int], False, f"{_TC}:76"),
    Case(B3, dict[str, object], False, f"{_TC}:77"),
    Case(B3, dict[Any, Any], False, f"{_TC}:78"),
    Case(B3, Mapping[str, int], False, f"{_TC}:82"),
    Case(B3, Mapping[str, object], True, f"{_TC}:83"),
    Case(B3, Mapping[str, Any], True, f"{_TC}:84"),
    Case(UserType2, UserType1, False, f"{_TC}:89"),  # required vs not-required items
    Case(UserType1, UserType1, True, f"{_TC}:89"),
    Case(UserType2, UserType2, True, f"{_TC}:95"),
    Case(Outer1, Outer1, True, f"{_TC}:122"),
    Case(Inner1, Inner2, False, f"{_TC}:126"),
    Case(Outer2, Outer3, True, f"{_TC}:152"),
    Case(Inner3, Inner4, True, f"{_TC}:152"),
    Case(Inner3, Literal[""] | Inner4, True, f"{_TC}:152"),
    # Required / NotRequired: TD3, TD4, TD5 are the same type
    Case(TD4, TD3, True, f"{_RQ}:50"),
    Case(TD5, TD3, True, f"{_RQ}:51"),
    Case(TD3, TD4, True, f"{_RQ}:52"),
    Case(TD5, TD4, True, f"{_RQ}:53"),
    Case(TD3, TD5, True, f"{_RQ}:54"),
    Case(TD4, TD5, True, f"{_RQ}:55"),
    Case(TD2, TD1, True, f"{_RQ}:25"),  # derived: a subclass; 'a' stays not-required
    Case(TD2, TD3, True, f"{_RQ}:50"),
    Case(TD1, TD3, False, f"{_RQ}:50"),
    # ReadOnly
    Case(RB1, RA1, True, f"{_RO}:34"),
    Case(RC1, RA1, True, f"{_RO}:35"),
    Case(RA1, RB1, False, f"{_RO}:37"),
    Case(RC1, RB1, False, f"{_RO}:38"),
    Case(RA1, RC1, False, f"{_RO}:40"),
    Case(RB1, RC1, True, f"{_RO}:41"),
    Case(RB2, RA2, True, f"{_RO}:78"),
    Case(RC2, RA2, True, f"{_RO}:79"),
    Case(RA2, RB2, False, f"{_RO}:81"),
    Case(RC2, RB2, False, f"{_RO}:82"),
    Case(RA2, RC2, False, f"{_RO}:84"),
    Case(RB2, RC2, False, f"{_RO}:85"),
    # inheritance
    Case(BookBasedMovie, BookBasedMovieAlso, True, f"{_IN}:24"),
    Case(BookBasedMovieAlso, BookBasedMovie, True, f"{_IN}:24"),
    Case(BookBasedMovie, Movie, True, f"{_IN}:24"),
    Case(Movie, BookBasedMovie, False, f"{_IN}:24"),
    Case(XYZ, X, True, f"{_IN}:36"),
    Case(XYZ, Y, True, f"{_IN}:36"),
    Case(X, XYZ, False, f"{_IN}:36"),
    # extra_items / closed
    Case(MovieDetails, MovieBase2, False, f"{_EI}:215"),
    Case(MovieWithYear2, MovieBase2, False, f"{_EI}:222"),
    Case(MovieDetails4, MovieSI, True, f"{_EI}:241"),
    Case(MovieDetails5, MovieSI, False, f"{_EI}:242"),
    Case(MovieExtraStr, MovieExtraInt, False, f"{_EI}:256"),
    Case(MovieExtraInt, MovieExtraStr, False, f"{_EI}:257"),
    Case(MovieNotClosed, MovieExtraInt, False, f"{_EI}:268"),
    Case(MovieExtraInt, MovieNotClosed, True, f"{_EI}:269"),
    Case(MovieExtraStr, Mapping[str, str], True, f"{_EI}:300"),
    Case(MovieExtraInt, Mapping[str, int], False, f"{_EI}:303"),
    Case(MovieExtraInt, Mapping[str, int | str], True, f"{_EI}:304"),
    Case(IntDict, dict[str, int], True, f"{_EI}:326"),
    Case(IntDictWithNum, dict[str, int], True, f"{_EI}:330"),
    Case(IntDictWithNum, IntDict, True, f"{_EI}:331"),
    Case(dict[str, int], IntDict, False, f"{_EI}:352"),
    Case(MovieNotClosed, dict[str, object], False, f"{_TC}:77"),
    Case(ClosedMovie, MovieNotClosed, True, f"{_EI}:269"),
    Case(ClosedMovie, Mapping[str, str], True, f"{_EI}:300"),  # derived: closed = extra Never
    Case(MovieNever, ClosedMovie, True, f"{_EI}:106"),  # derived: extra_items=Never is closed
]
