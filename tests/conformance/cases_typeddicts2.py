"""TypedDict cases: ReadOnly inheritance, kwargs, alternative and class syntax."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Generic, NotRequired, Protocol, Required, TypeVar, Unpack

from typing_extensions import ReadOnly, TypedDict

from .case import Case

T = TypeVar("T")


class NamedDict(TypedDict):
    name: ReadOnly[str]


class Album1(NamedDict):
    name: str
    year: int


class Album2(NamedDict):
    year: int


class AlbumCollection(TypedDict):
    albums: ReadOnly[Collection[Album1]]


class RecordShop(AlbumCollection):
    name: str
    albums: ReadOnly[list[Album1]]


class OptionalName(TypedDict):
    name: ReadOnly[NotRequired[str]]


class RequiredName(OptionalName):
    name: ReadOnly[Required[str]]


class OptionalIdent(TypedDict):
    ident: ReadOnly[NotRequired[str | int]]


class User(OptionalIdent):
    ident: str


class F1(TypedDict):
    a: Required[int]
    b: ReadOnly[NotRequired[int]]
    c: ReadOnly[Required[int]]


class F5(F1):
    b: ReadOnly[Required[int]]


# ---- typeddicts_readonly_kwargs


class Args(TypedDict):
    key1: int
    key2: str


class ReadOnlyArgs(TypedDict):
    key1: ReadOnly[int]
    key2: ReadOnly[str]


class Function(Protocol):
    def __call__(self, **kwargs: Unpack[Args]) -> None: ...


class FnImpl(Protocol):  # def impl(**kwargs: Unpack[ReadOnlyArgs]) -> None
    def __call__(self, **kwargs: Unpack[ReadOnlyArgs]) -> None: ...


# ---- typeddicts_alt_syntax / class_syntax

Movie = TypedDict("Movie", {"name": str, "year": int, "illegal key name": bool})


class MovieOptional(TypedDict, total=False):
    name: str
    year: int


class ClassMovieOptional(TypedDict, total=False):
    name: str
    year: int


class MovieC(TypedDict):
    name: str
    year: int
    director: Person


class Person(TypedDict):
    name: str
    age: int


class GenericTypedDict(TypedDict, Generic[T]):
    name: str
    value: T


class EmptyDict1(TypedDict):
    pass


class EmptyDict2(TypedDict):
    """Docstring"""


class MovieTotal(TypedDict, total=True):
    name: str


class MovieOptional2(TypedDict, total=False):
    name: str


_RI = "typeddicts_readonly_inheritance.py"
_RK = "typeddicts_readonly_kwargs.py"
_AS = "typeddicts_alt_syntax.py"
_CS = "typeddicts_class_syntax.py"

CASES = [
    Case(Album1, NamedDict, True, f"{_RI}:23"),
    Case(Album2, NamedDict, True, f"{_RI}:35"),
    Case(NamedDict, Album1, False, f"{_RI}:23"),
    Case(Album1, Album2, True, f"{_RI}:35"),  # derived: a mutable str item fits a read-only one
    Case(Album2, Album1, False, f"{_RI}:36"),  # derived: Album2's name is read-only
    Case(RecordShop, AlbumCollection, True, f"{_RI}:49"),
    Case(RequiredName, OptionalName, True, f"{_RI}:62"),
    Case(OptionalName, RequiredName, False, f"{_RI}:65"),
    Case(User, OptionalIdent, True, f"{_RI}:76"),
    Case(OptionalIdent, User, False, f"{_RI}:83"),
    Case(F5, F1, True, f"{_RI}:102"),
    Case(F1, F5, False, f"{_RI}:102"),
    Case(FnImpl, Function, True, f"{_RK}:36"),
    Case(Movie, Mapping[str, object], True, f"{_AS}:12"),
    Case(Movie, Mapping[str, str | int], False, f"{_AS}:12"),
    Case(MovieOptional, ClassMovieOptional, True, f"{_AS}:16"),
    Case(ClassMovieOptional, MovieOptional, True, f"{_AS}:17"),
    Case(MovieC, Mapping[str, object], True, f"{_CS}:16"),
    Case(Person, MovieC, False, f"{_CS}:16"),
    Case(GenericTypedDict[int], GenericTypedDict[int], True, f"{_CS}:76"),
    Case(GenericTypedDict[int], GenericTypedDict[float], False, f"{_CS}:76"),
    Case(GenericTypedDict[bool], GenericTypedDict[int], False, f"{_CS}:76"),
    Case(EmptyDict1, EmptyDict2, True, f"{_CS}:83"),
    Case(Person, EmptyDict1, True, f"{_CS}:83"),  # derived: extra keys are fine
    Case(MovieTotal, MovieOptional2, False, f"{_CS}:91"),  # as typeddicts_type_consistency:38
    Case(MovieOptional2, MovieTotal, False, f"{_CS}:95"),
]
