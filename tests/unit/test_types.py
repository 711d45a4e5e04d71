"""Tests for the type relation: is_assignable, type_repr, solve, substitute, type_vars."""

# Hints are runtime values here (``list[T]`` as data), which mypy reads as type applications.
# mypy: disable-error-code="valid-type"

from __future__ import annotations

import collections
import enum
import typing
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Collection,
    Container,
    Coroutine,
    Generator,
    Hashable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    MutableMapping,
    MutableSequence,
    Reversible,
    Sequence,
    Sized,
)
from collections.abc import Set as AbstractSet
from typing import (
    Annotated,
    Any,
    AnyStr,
    Generic,
    Literal,
    LiteralString,
    NamedTuple,
    Never,
    NewType,
    NoReturn,
    NotRequired,
    Optional,
    Protocol,
    Required,
    Self,
    SupportsInt,
    TypeVar,
    Union,
    runtime_checkable,
)

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import ReadOnly, TypeAliasType, TypedDict

from typedflow._types import is_assignable, solve, substitute, type_repr, type_vars

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
Num = TypeVar("Num", bound=float)
Str = TypeVar("Str", str, bytes)

Pair = TypeAliasType("Pair", tuple[T, T], type_params=(T,))
IntList = TypeAliasType("IntList", list[int])
UserId = NewType("UserId", int)
AdminId = NewType("AdminId", UserId)


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Animal:
    pass


class Dog(Animal):
    pass


class Cat(Animal):
    pass


class MyList(list[int]):
    pass


class MyMap(dict[str, T]):
    pass


class Box(Generic[T]):
    pass


class CoBox(Generic[T_co]):
    pass


class ContraBox(Generic[T_contra]):
    pass


class SubBox(Box[T]):
    pass


class IntBox(Box[int]):
    pass


class Point(NamedTuple):
    x: int
    y: int


class Closer(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Named(Protocol):
    name: str


class Reader(Protocol[T_co]):
    def read(self) -> T_co: ...


class IntFn(Protocol):
    def __call__(self, x: int) -> str: ...


class IntFnPos(Protocol):
    def __call__(self, x: int, /) -> str: ...


class Sink(Protocol):
    def write(self, data: int) -> None: ...


class RenamedSink:
    def write(self, payload: float, flush: bool = False) -> None:
        pass


class StrSink:
    def write(self, data: str) -> None:
        pass


class Addable(Protocol):
    def __add__(self, other: Addable) -> Addable: ...


class Money:
    def __add__(self, other: Addable) -> Money:
        return self


class Cloneable(Protocol):
    def clone(self) -> Self: ...


class Sheep:
    def clone(self) -> Sheep:
        return self


class File:
    name: str = "f"

    def close(self) -> None:
        pass

    def read(self) -> bytes:
        return b""


class BadClose:
    def close(self, force: bool) -> None:
        pass


class Renamed:
    name: int = 0


class Caller:
    def __call__(self, x: float) -> str:
        return str(x)


class Counter3:
    def __iter__(self) -> Iterator[int]:
        return iter([1, 2, 3])


class Movie(TypedDict):
    title: str
    year: int


class MovieExtra(TypedDict):
    title: str
    year: int
    rating: float


class MovieMaybe(TypedDict):
    title: str
    year: NotRequired[int]


class MovieRO(TypedDict):
    title: ReadOnly[str]
    year: ReadOnly[float]


class MovieBool(TypedDict):
    title: str
    year: bool


class Partial(TypedDict, total=False):
    title: Required[str]
    year: int


class Flagged(Animal):
    pass


def _p(source: object, target: object, expected: bool, id: str) -> Any:
    return pytest.param(source, target, expected, id=f"{id}:{'yes' if expected else 'no'}")


CASES = [
    # --- identity, Any, object, Never -------------------------------------------------------
    _p(int, int, True, "int->int"),
    _p(str, int, False, "str->int"),
    _p(int, str, False, "int->str"),
    _p(Any, int, True, "Any->int"),
    _p(int, Any, True, "int->Any"),
    _p(Any, list[int], True, "Any->list[int]"),
    _p(list[int], Any, True, "list[int]->Any"),
    _p(int, object, True, "int->object"),
    _p(object, int, False, "object->int"),
    _p(list[int], object, True, "list[int]->object"),
    _p(None, object, True, "None->object"),
    _p(object, None, False, "object->None"),
    _p(Never, int, True, "Never->int"),
    _p(NoReturn, list[str], True, "NoReturn->list[str]"),
    _p(int, Never, False, "int->Never"),
    _p(object, Never, False, "object->Never"),
    _p(Never, Never, True, "Never->Never"),
    _p(NoReturn, Never, True, "NoReturn->Never"),
    _p(Any, Never, True, "Any->Never"),
    # --- numeric promotions -----------------------------------------------------------------
    _p(int, float, True, "int->float"),
    _p(float, int, False, "float->int"),
    _p(int, complex, True, "int->complex"),
    _p(float, complex, True, "float->complex"),
    _p(complex, float, False, "complex->float"),
    _p(bool, int, True, "bool->int"),
    _p(int, bool, False, "int->bool"),
    _p(bool, float, True, "bool->float"),
    _p(bool, complex, True, "bool->complex"),
    _p(list[int], list[float], False, "list[int]->list[float]"),
    _p(Sequence[int], Sequence[float], True, "Sequence[int]->Sequence[float]"),
    _p(bytearray, bytes, False, "bytearray->bytes"),
    _p(int, numbers_Number := __import__("numbers").Number, False, "int->numbers.Number"),
    # --- None, Optional, unions ---------------------------------------------------------------
    _p(None, None, True, "None->None"),
    _p(type(None), None, True, "NoneType->None"),
    _p(None, int, False, "None->int"),
    _p(None, Optional[int], True, "None->Optional[int]"),  # noqa: UP045  the spelling is the subject
    _p(int, Optional[int], True, "int->Optional[int]"),  # noqa: UP045  the spelling is the subject
    _p(Optional[int], int, False, "Optional[int]->int"),  # noqa: UP045  the spelling is the subject
    _p(int | None, typing.Optional[int], True, "int|None->Optional[int]"),  # noqa: UP045  the spelling is the subject
    _p(int, int | str, True, "int->int|str"),
    _p(int | str, int, False, "int|str->int"),
    _p(int | str, str | int, True, "int|str->str|int"),
    _p(int | str, int | str | None, True, "int|str->int|str|None"),
    _p(int | str | None, int | str, False, "int|str|None->int|str"),
    _p(int | bool, float, True, "int|bool->float"),
    _p(Union[int, str], object, True, "Union[int,str]->object"),  # noqa: UP007  the spelling is the subject
    _p(bool, Optional[float], True, "bool->Optional[float]"),  # noqa: UP045  the spelling is the subject
    _p(list[int] | None, Sequence[int] | None, True, "list[int]|None->Sequence[int]|None"),
    _p(Sequence[int] | None, list[int] | None, False, "Sequence[int]|None->list[int]|None"),
    # --- Literal --------------------------------------------------------------------------------
    _p(Literal[1], int, True, "Literal[1]->int"),
    _p(int, Literal[1], False, "int->Literal[1]"),
    _p(Literal[1], float, True, "Literal[1]->float"),
    _p(Literal["a"], Literal["a", "b"], True, "Literal['a']->Literal['a','b']"),
    _p(Literal["a", "b"], Literal["a"], False, "Literal['a','b']->Literal['a']"),
    _p(Literal["a", "b"], str, True, "Literal['a','b']->str"),
    _p(Literal["a"], int, False, "Literal['a']->int"),
    _p(Literal[1], Literal[True], False, "Literal[1]->Literal[True]"),
    _p(Literal[True], Literal[1], False, "Literal[True]->Literal[1]"),
    _p(Literal[True], int, True, "Literal[True]->int"),
    _p(Literal[True], bool, True, "Literal[True]->bool"),
    _p(bool, Literal[True, False], True, "bool->Literal[True,False]"),
    _p(bool, Literal[True], False, "bool->Literal[True]"),
    _p(bool, Literal[True] | Literal[False], True, "bool->Literal[True]|Literal[False]"),
    _p(Literal[Color.RED], Color, True, "Literal[Color.RED]->Color"),
    _p(Color, Literal[Color.RED], False, "Color->Literal[Color.RED]"),
    _p(Color, Literal[Color.RED, Color.GREEN], True, "Color->Literal[RED,GREEN]"),
    _p(
        Literal[Color.RED],
        Literal[Color.RED, Color.GREEN],
        True,
        "Literal[RED]->Literal[RED,GREEN]",
    ),
    _p(Literal["a"], str | None, True, "Literal['a']->str|None"),
    _p(Literal[None], None, True, "Literal[None]->None"),
    _p(Literal["a"], LiteralString, True, "Literal['a']->LiteralString"),
    _p(LiteralString, str, True, "LiteralString->str"),
    _p(str, LiteralString, False, "str->LiteralString"),
    _p(Literal[1], LiteralString, False, "Literal[1]->LiteralString"),
    # --- invariant containers ---------------------------------------------------------------
    _p(list[int], list[int], True, "list[int]->list[int]"),
    _p(list[bool], list[int], False, "list[bool]->list[int]"),
    _p(list[int], list[bool], False, "list[int]->list[bool]"),
    _p(list[int], list[object], False, "list[int]->list[object]"),
    _p(list[int], list[Any], True, "list[int]->list[Any]"),
    _p(list[Any], list[int], True, "list[Any]->list[int]"),
    _p(list, list[int], True, "list->list[int]"),
    _p(list[int], list, True, "list[int]->list"),
    _p(typing.List[int], list[int], True, "List[int]->list[int]"),  # noqa: UP006  the alias is the subject
    _p(list[int], typing.List[int], True, "list[int]->List[int]"),  # noqa: UP006  the alias is the subject
    _p(typing.List, list[str], True, "List->list[str]"),  # noqa: UP006  the alias is the subject
    _p(dict[str, int], dict[str, int], True, "dict[str,int]->dict[str,int]"),
    _p(dict[str, bool], dict[str, int], False, "dict[str,bool]->dict[str,int]"),
    _p(dict[str, int], dict[str, Any], True, "dict[str,int]->dict[str,Any]"),
    _p(typing.Dict[str, int], dict[str, int], True, "Dict[str,int]->dict[str,int]"),  # noqa: UP006  the alias is the subject
    _p(set[bool], set[int], False, "set[bool]->set[int]"),
    _p(set[int], set[int], True, "set[int]->set[int]"),
    _p(list[int], set[int], False, "list[int]->set[int]"),
    _p(collections.deque[int], MutableSequence[int], True, "deque[int]->MutableSequence[int]"),
    _p(collections.defaultdict[str, int], dict[str, int], True, "defaultdict->dict"),
    _p(collections.Counter[str], Mapping[str, int], True, "Counter[str]->Mapping[str,int]"),
    _p(collections.Counter[str], Mapping[str, str], False, "Counter[str]->Mapping[str,str]"),
    _p(
        collections.OrderedDict[str, int],
        MutableMapping[str, int],
        True,
        "OrderedDict->MutableMapping",
    ),
    # --- covariant ABCs and frozenset --------------------------------------------------------
    _p(list[int], Sequence[int], True, "list[int]->Sequence[int]"),
    _p(Sequence[int], list[int], False, "Sequence[int]->list[int]"),
    _p(list[bool], Sequence[int], True, "list[bool]->Sequence[int]"),
    _p(list[int], Sequence[str], False, "list[int]->Sequence[str]"),
    _p(list[int], Iterable[int], True, "list[int]->Iterable[int]"),
    _p(list[int], Iterable[float], True, "list[int]->Iterable[float]"),
    _p(Iterable[int], list[int], False, "Iterable[int]->list[int]"),
    _p(list[int], Collection[int], True, "list[int]->Collection[int]"),
    _p(list[int], Container[int], True, "list[int]->Container[int]"),
    _p(list[int], Reversible[int], True, "list[int]->Reversible[int]"),
    _p(list[int], Sized, True, "list[int]->Sized"),
    _p(int, Sized, False, "int->Sized"),
    _p(list[int], Hashable, False, "list[int]->Hashable"),
    _p(int, Hashable, True, "int->Hashable"),
    _p(list[int], typing.Sequence[int], True, "list[int]->typing.Sequence[int]"),
    _p(list[int], Sequence, True, "list[int]->Sequence"),
    _p(list, Sequence[int], True, "list->Sequence[int]"),
    _p(set[int], AbstractSet[int], True, "set[int]->AbstractSet[int]"),
    _p(frozenset[bool], frozenset[int], True, "frozenset[bool]->frozenset[int]"),
    _p(frozenset[int], frozenset[bool], False, "frozenset[int]->frozenset[bool]"),
    _p(frozenset[int], AbstractSet[float], True, "frozenset[int]->AbstractSet[float]"),
    _p(frozenset[int], set[int], False, "frozenset[int]->set[int]"),
    _p(str, Sequence[str], True, "str->Sequence[str]"),
    _p(str, Iterable[str], True, "str->Iterable[str]"),
    _p(str, Iterable[int], False, "str->Iterable[int]"),
    _p(bytes, Sequence[int], True, "bytes->Sequence[int]"),
    _p(range, Sequence[int], True, "range->Sequence[int]"),
    _p(Iterator[int], Iterable[int], True, "Iterator[int]->Iterable[int]"),
    _p(Iterable[int], Iterator[int], False, "Iterable[int]->Iterator[int]"),
    _p(Generator[int, None, None], Iterator[int], True, "Generator[int,None,None]->Iterator[int]"),
    _p(Generator[int, None, None], Iterator[str], False, "Generator[int,..]->Iterator[str]"),
    _p(KeysView[str], AbstractSet[str], True, "KeysView[str]->AbstractSet[str]"),
    _p(ItemsView[str, int], Iterable[tuple[str, int]], True, "ItemsView->Iterable[tuple]"),
    _p(Counter3, Iterable[int], True, "Counter3(__iter__)->Iterable[int]"),
    _p(Counter3, Iterable[str], False, "Counter3(__iter__)->Iterable[str]"),
    # --- Mapping: keys invariant, values covariant -----------------------------------------------
    _p(dict[str, int], Mapping[str, int], True, "dict[str,int]->Mapping[str,int]"),
    _p(dict[str, int], Mapping[str, float], True, "dict[str,int]->Mapping[str,float]"),
    _p(dict[str, int], Mapping[str, object], True, "dict[str,int]->Mapping[str,object]"),
    _p(dict[bool, int], Mapping[int, int], False, "dict[bool,int]->Mapping[int,int]"),
    _p(Mapping[str, int], dict[str, int], False, "Mapping[str,int]->dict[str,int]"),
    _p(
        dict[str, int],
        MutableMapping[str, float],
        False,
        "dict[str,int]->MutableMapping[str,float]",
    ),
    _p(dict[str, int], Iterable[str], True, "dict[str,int]->Iterable[str]"),
    _p(dict[str, int], Iterable[int], False, "dict[str,int]->Iterable[int]"),
    _p(typing.Mapping[str, int], Mapping[str, int], True, "typing.Mapping->Mapping"),
    # --- tuples ---------------------------------------------------------------------------------
    _p(tuple[int, str], tuple[int, str], True, "tuple[int,str]->tuple[int,str]"),
    _p(tuple[int, str], tuple[str, int], False, "tuple[int,str]->tuple[str,int]"),
    _p(tuple[bool, str], tuple[int, str], True, "tuple[bool,str]->tuple[int,str]"),
    _p(tuple[int, str], tuple[int], False, "tuple[int,str]->tuple[int]"),
    _p(tuple[int, int], tuple[int, ...], True, "tuple[int,int]->tuple[int,...]"),
    _p(tuple[int, str], tuple[int, ...], False, "tuple[int,str]->tuple[int,...]"),
    _p(tuple[int, str], tuple[object, ...], True, "tuple[int,str]->tuple[object,...]"),
    _p(tuple[int, ...], tuple[int, int], False, "tuple[int,...]->tuple[int,int]"),
    _p(tuple[Any, ...], tuple[int, int], True, "tuple[Any,...]->tuple[int,int]"),
    _p(tuple[int, ...], tuple[float, ...], True, "tuple[int,...]->tuple[float,...]"),
    _p(tuple[float, ...], tuple[int, ...], False, "tuple[float,...]->tuple[int,...]"),
    _p(tuple[()], tuple[int, ...], True, "tuple[()]->tuple[int,...]"),
    _p(tuple[int, ...], tuple[()], False, "tuple[int,...]->tuple[()]"),
    _p(tuple[()], tuple[()], True, "tuple[()]->tuple[()]"),
    _p(tuple[()], tuple[int], False, "tuple[()]->tuple[int]"),
    _p(tuple, tuple[int, str], True, "tuple->tuple[int,str]"),
    _p(tuple[int, str], tuple, True, "tuple[int,str]->tuple"),
    _p(typing.Tuple[int, str], tuple[int, str], True, "Tuple[int,str]->tuple[int,str]"),  # noqa: UP006  the alias is the subject
    _p(typing.Tuple[()], tuple[int], False, "Tuple[()]->tuple[int]"),  # noqa: UP006  the alias is the subject
    _p(tuple[int, str], Sequence[int | str], True, "tuple[int,str]->Sequence[int|str]"),
    _p(tuple[int, str], Sequence[int], False, "tuple[int,str]->Sequence[int]"),
    _p(tuple[int, ...], Sequence[int], True, "tuple[int,...]->Sequence[int]"),
    _p(tuple[int, int], list[int], False, "tuple[int,int]->list[int]"),
    _p(Point, tuple[int, int], True, "NamedTuple Point->tuple[int,int]"),
    _p(Point, tuple[str, str], False, "NamedTuple Point->tuple[str,str]"),
    _p(tuple[int, int], Point, False, "tuple[int,int]->NamedTuple Point"),
    # --- user classes and generic subclasses ----------------------------------------------------
    _p(Dog, Animal, True, "Dog->Animal"),
    _p(Animal, Dog, False, "Animal->Dog"),
    _p(Dog, object, True, "Dog->object"),
    _p(list[Dog], list[Animal], False, "list[Dog]->list[Animal]"),
    _p(list[Dog], Sequence[Animal], True, "list[Dog]->Sequence[Animal]"),
    _p(MyList, Sequence[int], True, "MyList(list[int])->Sequence[int]"),
    _p(MyList, list[int], True, "MyList(list[int])->list[int]"),
    _p(MyList, Sequence[str], False, "MyList(list[int])->Sequence[str]"),
    _p(MyList, list[float], False, "MyList(list[int])->list[float]"),
    _p(list[int], MyList, False, "list[int]->MyList"),
    _p(MyMap[int], Mapping[str, int], True, "MyMap[int]->Mapping[str,int]"),
    _p(MyMap[int], Mapping[str, str], False, "MyMap[int]->Mapping[str,str]"),
    _p(MyMap[int], dict[str, int], True, "MyMap[int]->dict[str,int]"),
    # --- user generic variance -------------------------------------------------------------------
    _p(Box[int], Box[int], True, "Box[int]->Box[int]"),
    _p(Box[bool], Box[int], False, "Box[bool]->Box[int] (invariant)"),
    _p(Box[int], Box[bool], False, "Box[int]->Box[bool] (invariant)"),
    _p(Box[int], Box[Any], True, "Box[int]->Box[Any]"),
    _p(Box, Box[int], True, "Box->Box[int]"),
    _p(CoBox[bool], CoBox[int], True, "CoBox[bool]->CoBox[int] (covariant)"),
    _p(CoBox[int], CoBox[bool], False, "CoBox[int]->CoBox[bool] (covariant)"),
    _p(CoBox[Dog], CoBox[Animal], True, "CoBox[Dog]->CoBox[Animal]"),
    _p(ContraBox[int], ContraBox[bool], True, "ContraBox[int]->ContraBox[bool] (contravariant)"),
    _p(ContraBox[bool], ContraBox[int], False, "ContraBox[bool]->ContraBox[int] (contravariant)"),
    _p(SubBox[int], Box[int], True, "SubBox[int]->Box[int]"),
    _p(SubBox[int], Box[str], False, "SubBox[int]->Box[str]"),
    _p(IntBox, Box[int], True, "IntBox(Box[int])->Box[int]"),
    _p(IntBox, Box[str], False, "IntBox(Box[int])->Box[str]"),
    _p(Box[int], SubBox[int], False, "Box[int]->SubBox[int]"),
    _p(Box[int], CoBox[int], False, "Box[int]->CoBox[int] (unrelated)"),
    # --- Callable --------------------------------------------------------------------------------
    _p(Callable[[int], str], Callable[[int], str], True, "Callable[[int],str]->same"),
    _p(
        Callable[[float], str],
        Callable[[int], str],
        True,
        "Callable[[float],str]->Callable[[int],str]",
    ),
    _p(
        Callable[[int], str],
        Callable[[float], str],
        False,
        "Callable[[int],str]->Callable[[float],str]",
    ),
    _p(
        Callable[[int], bool],
        Callable[[int], int],
        True,
        "Callable[[int],bool]->Callable[[int],int]",
    ),
    _p(
        Callable[[int], int],
        Callable[[int], bool],
        False,
        "Callable[[int],int]->Callable[[int],bool]",
    ),
    _p(Callable[[int, int], str], Callable[[int], str], False, "Callable 2 args->1 arg"),
    _p(Callable[[], str], Callable[[], object], True, "Callable[[],str]->Callable[[],object]"),
    _p(Callable[..., str], Callable[[int], str], True, "Callable[...,str]->Callable[[int],str]"),
    _p(Callable[[int], str], Callable[..., str], True, "Callable[[int],str]->Callable[...,str]"),
    _p(Callable[[int], str], Callable[..., int], False, "Callable[[int],str]->Callable[...,int]"),
    _p(typing.Callable[[int], str], Callable[[int], str], True, "typing.Callable->Callable"),
    _p(Callable[[int], str], Callable, True, "Callable[[int],str]->Callable"),
    _p(Callable[[int], str], str, False, "Callable[[int],str]->str"),
    _p(str, Callable[[int], str], False, "str->Callable[[int],str]"),
    _p(Caller, Callable[[int], str], True, "Caller(__call__ float->str)->Callable[[int],str]"),
    _p(Caller, Callable[[str], str], False, "Caller(__call__ float->str)->Callable[[str],str]"),
    _p(type[int], Callable[..., int], True, "type[int]->Callable[...,int]"),
    _p(type[Dog], Callable[[], Animal], True, "type[Dog]->Callable[[],Animal]"),
    _p(type[int], Callable[[int], None], False, "type[int]->Callable[[int],None]"),
    _p(Callable[[int], str], IntFn, False, "Callable[[int],str]->callback Protocol (x by name)"),
    _p(Callable[[int], str], IntFnPos, True, "Callable[[int],str]->callback Protocol (pos-only)"),
    _p(Callable[[str], str], IntFnPos, False, "Callable[[str],str]->callback Protocol"),
    _p(Callable[..., str], IntFn, True, "Callable[...,str]->callback Protocol"),
    # --- type[X] ----------------------------------------------------------------------------------
    _p(type[Dog], type[Animal], True, "type[Dog]->type[Animal]"),
    _p(type[Animal], type[Dog], False, "type[Animal]->type[Dog]"),
    _p(type[int], type, True, "type[int]->type"),
    _p(type, type[int], True, "type->type[int]"),
    _p(type[int], type[float], True, "type[int]->type[float]"),
    _p(type[int], object, True, "type[int]->object"),
    _p(type[int], int, False, "type[int]->int"),
    _p(int, type[int], False, "int->type[int]"),
    _p(typing.Type[Dog], type[Animal], True, "Type[Dog]->type[Animal]"),  # noqa: UP006  the alias is the subject
    _p(type[Dog] | type[Flagged], type[Animal], True, "type[Dog]|type[Flagged]->type[Animal]"),
    # --- NewType ----------------------------------------------------------------------------------
    _p(UserId, int, True, "UserId->int"),
    _p(int, UserId, False, "int->UserId"),
    _p(UserId, UserId, True, "UserId->UserId"),
    _p(UserId, float, True, "UserId->float"),
    _p(AdminId, UserId, True, "AdminId->UserId"),
    _p(UserId, AdminId, False, "UserId->AdminId"),
    _p(list[UserId], list[int], False, "list[UserId]->list[int]"),
    _p(list[UserId], Sequence[int], True, "list[UserId]->Sequence[int]"),
    # --- Annotated --------------------------------------------------------------------------------
    _p(Annotated[int, "meta"], int, True, "Annotated[int]->int"),
    _p(int, Annotated[int, "meta"], True, "int->Annotated[int]"),
    _p(Annotated[int, "a"], Annotated[float, "b"], True, "Annotated[int]->Annotated[float]"),
    _p(Annotated[str, "a"], int, False, "Annotated[str]->int"),
    _p(list[Annotated[int, "x"]], list[int], True, "list[Annotated[int]]->list[int]"),
    _p(Annotated[int, {"unhashable": []}], float, True, "Annotated unhashable->float"),
    # --- Protocols --------------------------------------------------------------------------------
    _p(File, Closer, True, "File->Closer"),
    _p(Dog, Closer, False, "Dog->Closer (missing)"),
    _p(BadClose, Closer, False, "BadClose->Closer (signature)"),
    _p(File, Named, True, "File->Named (runtime_checkable)"),
    _p(Renamed, Named, False, "Renamed(name:int)->Named(name:str)"),
    _p(Closer, File, False, "Closer->File"),
    _p(int, SupportsInt, True, "int->SupportsInt"),
    _p(str, SupportsInt, False, "str->SupportsInt"),
    _p(File, Reader[bytes], True, "File->Reader[bytes]"),
    _p(File, Reader[str], False, "File->Reader[str]"),
    _p(File, Reader[object], True, "File->Reader[object]"),
    _p(Dog, Reader[bytes], False, "Dog->Reader[bytes]"),
    _p(list[int], Sized, True, "list[int]->Sized (ABC)"),
    _p(RenamedSink, Sink, False, "RenamedSink(payload: float, flush=False)->Sink (names count)"),
    _p(StrSink, Sink, False, "StrSink(data: str)->Sink(data: int)"),
    _p(Money, Addable, True, "Money->Addable (recursive Protocol)"),
    _p(Dog, Addable, False, "Dog->Addable (recursive Protocol)"),
    _p(Sheep, Cloneable, True, "Sheep->Cloneable (Self)"),
    _p(Dog, Cloneable, False, "Dog->Cloneable (Self)"),
    # --- type aliases ----------------------------------------------------------------------------
    _p(list[int], IntList, True, "list[int]->IntList alias"),
    _p(IntList, Sequence[int], True, "IntList alias->Sequence[int]"),
    _p(list[str], IntList, False, "list[str]->IntList alias"),
    _p(tuple[int, int], Pair[int], True, "tuple[int,int]->Pair[int]"),
    _p(tuple[int, str], Pair[int], False, "tuple[int,str]->Pair[int]"),
    # --- TypedDict --------------------------------------------------------------------------------
    _p(Movie, Movie, True, "Movie->Movie"),
    _p(MovieExtra, Movie, True, "MovieExtra->Movie (extra key)"),
    _p(Movie, MovieExtra, False, "Movie->MovieExtra (missing key)"),
    _p(MovieMaybe, Movie, False, "MovieMaybe(NotRequired year)->Movie"),
    _p(Movie, MovieMaybe, False, "Movie->MovieMaybe (required vs not, mutable)"),
    _p(MovieBool, Movie, False, "MovieBool(year: bool)->Movie (invariant)"),
    _p(Movie, MovieRO, True, "Movie->MovieRO (ReadOnly covariant)"),
    _p(MovieRO, Movie, False, "MovieRO->Movie (read-only to mutable)"),
    _p(Partial, MovieMaybe, True, "Partial(total=False, Required title)->MovieMaybe"),
    _p(Movie, Mapping[str, object], True, "Movie->Mapping[str,object]"),
    _p(Movie, Mapping[str, Any], True, "Movie->Mapping[str,Any]"),
    _p(Movie, Mapping[str, int], False, "Movie->Mapping[str,int]"),
    _p(Movie, dict[str, Any], False, "Movie->dict[str,Any]"),
    _p(Movie, Iterable[str], True, "Movie->Iterable[str]"),
    _p(dict[str, Any], Movie, False, "dict[str,Any]->Movie"),
    _p(Mapping[str, object], Movie, False, "Mapping[str,object]->Movie"),
    # --- TypeVar targets and sources --------------------------------------------------------------
    _p(int, T, True, "int->T"),
    _p(int, Num, True, "int->T(bound=float)"),
    _p(str, Num, False, "str->T(bound=float)"),
    _p(str, Str, True, "str->T(str,bytes)"),
    _p(int, Str, False, "int->T(str,bytes)"),
    _p(Literal["x"], Str, True, "Literal['x']->T(str,bytes)"),
    _p(list[int], list[T], True, "list[int]->list[T]"),
    _p(list[int], Sequence[Num], True, "list[int]->Sequence[T(bound=float)]"),
    _p(list[str], Sequence[Num], False, "list[str]->Sequence[T(bound=float)]"),
    _p(dict[str, int], Mapping[K, V], True, "dict[str,int]->Mapping[K,V]"),
    _p(int | None, T | None, True, "int|None->T|None"),
    _p(T, T, True, "T->T"),
    _p(Num, float, True, "T(bound=float)->float"),
    _p(Num, int, False, "T(bound=float)->int"),
    _p(T, int, False, "T->int"),
    _p(Str, str | bytes, True, "T(str,bytes)->str|bytes"),
    _p(Str, str, False, "T(str,bytes)->str"),
    _p(AnyStr, Sequence[Any], True, "AnyStr->Sequence[Any]"),
    # --- async ------------------------------------------------------------------------------------
    _p(Coroutine[Any, Any, int], Awaitable[int], True, "Coroutine[..,int]->Awaitable[int]"),
    _p(Coroutine[Any, Any, int], Awaitable[float], True, "Coroutine[..,int]->Awaitable[float]"),
    _p(Coroutine[Any, Any, str], Awaitable[int], False, "Coroutine[..,str]->Awaitable[int]"),
    _p(Awaitable[int], Coroutine[Any, Any, int], False, "Awaitable[int]->Coroutine"),
    _p(AsyncIterator[int], typing.AsyncIterable[int], True, "AsyncIterator->AsyncIterable"),
    _p(typing.Awaitable[int], Awaitable[int], True, "typing.Awaitable->Awaitable"),
]


@pytest.mark.parametrize(("source", "target", "expected"), CASES)
def test_is_assignable(source: object, target: object, expected: bool) -> None:
    assert is_assignable(source, target) is expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 180


def test_forward_ref_string_is_rejected() -> None:
    with pytest.raises(TypeError, match="unresolved forward reference 'int'"):
        is_assignable("int", int)
    with pytest.raises(TypeError, match="forward reference"):
        is_assignable(list[int], typing.ForwardRef("Foo"))


# --- type_repr ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hint", "text"),
    [
        pytest.param(int, "int", id="int"),
        pytest.param(None, "None", id="None"),
        pytest.param(type(None), "None", id="NoneType"),
        pytest.param(list[str], "list[str]", id="list[str]"),
        pytest.param(typing.List[str], "list[str]", id="typing.List[str]"),  # noqa: UP006  the alias is the subject
        pytest.param(list, "list", id="bare list"),
        pytest.param(dict[str, Any], "dict[str, Any]", id="dict[str, Any]"),
        pytest.param(int | None, "int | None", id="int | None"),
        pytest.param(Optional[int], "int | None", id="Optional[int]"),  # noqa: UP045  the spelling is the subject
        pytest.param(Union[int, str], "int | str", id="Union[int, str]"),  # noqa: UP007  the spelling is the subject
        pytest.param(Literal["a"], "Literal['a']", id="Literal['a']"),
        pytest.param(Literal[1, True], "Literal[1, True]", id="Literal[1, True]"),
        pytest.param(Literal[Color.RED], "Literal[Color.RED]", id="Literal[enum]"),
        pytest.param(Callable[[int], str], "Callable[[int], str]", id="Callable[[int], str]"),
        pytest.param(Callable[[], None], "Callable[[], None]", id="Callable[[], None]"),
        pytest.param(typing.Callable[..., str], "Callable[..., str]", id="Callable[..., str]"),
        pytest.param(tuple[int, ...], "tuple[int, ...]", id="tuple[int, ...]"),
        pytest.param(tuple[()], "tuple[()]", id="tuple[()]"),
        pytest.param(Sequence[str], "Sequence[str]", id="Sequence[str]"),
        pytest.param(typing.Sequence[str], "Sequence[str]", id="typing.Sequence[str]"),
        pytest.param(Box[int], "Box[int]", id="user generic"),
        pytest.param(Dog, "Dog", id="user class"),
        pytest.param(T, "T", id="TypeVar"),
        pytest.param(list[T], "list[T]", id="list[T]"),
        pytest.param(UserId, "UserId", id="NewType"),
        pytest.param(Any, "Any", id="Any"),
        pytest.param(Never, "Never", id="Never"),
        pytest.param(type[int], "type[int]", id="type[int]"),
        pytest.param(Annotated[int, "m"], "Annotated[int, 'm']", id="Annotated"),
        pytest.param(Mapping[str, list[int]], "Mapping[str, list[int]]", id="nested"),
    ],
)
def test_type_repr(hint: object, text: str) -> None:
    assert type_repr(hint) == text


# --- solve / substitute / type_vars ------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        pytest.param(T, str, {T: str}, id="T<-str"),
        pytest.param(list[T], list[int], {T: int}, id="list[T]<-list[int]"),
        pytest.param(Sequence[T], list[int], {T: int}, id="Sequence[T]<-list[int]"),
        pytest.param(Iterable[T], str, {T: str}, id="Iterable[T]<-str"),
        pytest.param(Mapping[K, V], dict[str, int], {K: str, V: int}, id="Mapping[K,V]<-dict"),
        pytest.param(T | None, int | None, {T: int}, id="T|None<-int|None"),
        pytest.param(T | None, int, {T: int}, id="T|None<-int"),
        pytest.param(T | None, int | str | None, {T: int | str}, id="T|None<-int|str|None"),
        pytest.param(
            Sequence[tuple[K, V]], list[tuple[str, int]], {K: str, V: int}, id="nested tuple"
        ),
        pytest.param(tuple[T, ...], tuple[int, int], {T: int}, id="tuple[T,...]<-tuple[int,int]"),
        pytest.param(tuple[K, V], tuple[int, str], {K: int, V: str}, id="tuple[K,V]"),
        pytest.param(tuple[T, T], tuple[bool, int], {T: int}, id="widen bool->int"),
        pytest.param(Callable[[T], V], Callable[[int], str], {T: int, V: str}, id="Callable"),
        pytest.param(type[T], type[Dog], {T: Dog}, id="type[T]"),
        pytest.param(Num, int, {Num: int}, id="bound ok"),
        pytest.param(Str, Literal["a"], {Str: str}, id="constraint picks str"),
        pytest.param(Str, bytes, {Str: bytes}, id="constraint picks bytes"),
        pytest.param(list[T], MyList, {T: int}, id="list[T]<-MyList"),
        pytest.param(Box[T], IntBox, {T: int}, id="Box[T]<-IntBox"),
        pytest.param(Iterable[T], Counter3, {T: int}, id="Iterable[T]<-__iter__"),
        pytest.param(list[T], list[Any], {T: Any}, id="list[T]<-list[Any]"),
        pytest.param(T, Any, {T: Any}, id="T<-Any"),
    ],
)
def test_solve(target: object, source: object, expected: dict[Any, object]) -> None:
    assert solve(target, source) == expected


@pytest.mark.parametrize(
    ("target", "source"),
    [
        pytest.param(Num, str, id="bound violated"),
        pytest.param(Str, int, id="no constraint fits"),
        pytest.param(tuple[T, T], tuple[int, str], id="conflicting bindings"),
        pytest.param(list[T], list[int] | list[str], id="union source, conflicting"),
        pytest.param(list[T], set[int], id="wrong container"),
        pytest.param(list[T], Sequence[int], id="Sequence is not list"),
        pytest.param(tuple[K, V], tuple[int], id="tuple length"),
        pytest.param(Sequence[Num], list[str], id="nested bound violated"),
    ],
)
def test_solve_fails(target: object, source: object) -> None:
    assert solve(target, source) is None


def test_solve_extends_and_checks_given_bindings() -> None:
    assert solve(list[V], list[str], {T: int}) == {T: int, V: str}
    assert solve(list[T], list[int], {T: int}) == {T: int}
    assert solve(list[T], list[str], {T: int}) is None
    assert solve(Sequence[T], list[bool], {T: int}) == {T: int}


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        pytest.param(tuple[T, ...], tuple[str, int], {T: object}, id="tuple[T,...]<-str,int"),
        pytest.param(Sequence[T], tuple[str, int], {T: object}, id="Sequence[T]<-str,int"),
        pytest.param(tuple[T, ...], tuple[bool, int], {T: int}, id="tuple[T,...]<-bool,int"),
        pytest.param(tuple[T, ...], tuple[int, float], {T: float}, id="promotion"),
        pytest.param(tuple[T, ...], tuple[int, None], {T: int | None}, id="None joins to union"),
        pytest.param(tuple[T, ...], tuple[Dog, Cat], {T: Animal}, id="common base class"),
        pytest.param(
            tuple[T, ...], tuple[list[int], list[str]], {T: object}, id="invariant args differ"
        ),
        pytest.param(tuple[T, ...], tuple[Literal[1], Literal[2]], {T: int}, id="literals"),
        pytest.param(tuple[T, ...], tuple[UserId, int], {T: int}, id="NewType"),
        pytest.param(tuple[T, ...], tuple[int, Any], {T: Any}, id="Any wins"),
    ],
)
def test_solve_issue_3_joins_a_fixed_tuples_elements_like_mypy(
    target: object, source: object, expected: dict[Any, object]
) -> None:
    assert solve(target, source) == expected


def test_solve_issue_3_join_respects_bounds() -> None:
    assert solve(tuple[Num, ...], tuple[int, float]) == {Num: float}
    assert solve(tuple[Num, ...], tuple[int, str]) is None
    assert solve(tuple[list[T], ...], tuple[list[int], list[str]]) is None


def test_solve_leaves_unneeded_vars_unbound() -> None:
    assert solve(T | None, None) == {}


@pytest.mark.parametrize(
    ("hint", "bindings", "expected"),
    [
        pytest.param(T, {T: str}, str, id="T"),
        pytest.param(list[T], {T: str}, list[str], id="list[T]"),
        pytest.param(Mapping[K, list[V]], {K: str, V: int}, Mapping[str, list[int]], id="nested"),
        pytest.param(T | None, {T: int}, int | None, id="T|None"),
        pytest.param(Callable[[T], V], {T: int, V: str}, Callable[[int], str], id="Callable"),
        pytest.param(tuple[T, ...], {T: int}, tuple[int, ...], id="tuple[T,...]"),
        pytest.param(dict[K, V], {K: str}, dict[str, V], id="partial"),
        pytest.param(list[int], {T: str}, list[int], id="no vars"),
        pytest.param(V, {T: str}, V, id="unbound TypeVar"),
        pytest.param(Box[T], {T: int}, Box[int], id="user generic"),
    ],
)
def test_substitute(hint: object, bindings: dict[Any, object], expected: object) -> None:
    assert substitute(hint, bindings) == expected


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        pytest.param(T, (T,), id="T"),
        pytest.param(int, (), id="int"),
        pytest.param(Box, (), id="bare generic class"),
        pytest.param(Mapping[K, list[V]], (K, V), id="Mapping[K, list[V]]"),
        pytest.param(tuple[T, T], (T,), id="deduplicated"),
        pytest.param(Callable[[T], V], (T, V), id="Callable"),
        pytest.param(T | None, (T,), id="Optional"),
    ],
)
def test_type_vars(hint: object, expected: tuple[object, ...]) -> None:
    assert type_vars(hint) == expected


# --- properties ----------------------------------------------------------------------------------

_ATOMS = st.sampled_from([int, float, complex, bool, str, bytes, None, Dog, Animal, UserId, Any])


def _hints(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        children.map(lambda h: list[h]),
        children.map(lambda h: Sequence[h]),
        st.tuples(children, children).map(lambda p: dict[p[0], p[1]]),
        st.tuples(children, children).map(lambda p: tuple[p[0], p[1]]),
        children.map(lambda h: tuple[h, ...]),
        st.tuples(children, children).map(lambda p: Callable[[p[0]], p[1]]),
        st.tuples(children, children).map(lambda p: Union[p[0], p[1]]),  # noqa: UP007  runtime union
        children.map(lambda h: Optional[h]),  # noqa: UP045  runtime Optional
    )


HINTS = st.recursive(_ATOMS, _hints, max_leaves=6)


@given(HINTS)
def test_reflexive(hint: object) -> None:
    assert is_assignable(hint, hint)


@given(HINTS, HINTS)
def test_member_of_union(hint: object, other: object) -> None:
    assert is_assignable(hint, Union[hint, other])  # noqa: UP007  runtime union


@given(HINTS)
def test_never_is_bottom_and_object_is_top(hint: object) -> None:
    assert is_assignable(Never, hint)
    assert is_assignable(hint, object)
    assert is_assignable(hint, Any)
    assert is_assignable(Any, hint)


@given(HINTS)
def test_covariant_sequence_accepts_list(hint: object) -> None:
    assert is_assignable(list[hint], Sequence[hint])


@given(HINTS, HINTS)
def test_solve_roundtrip(hint: object, other: object) -> None:
    bindings = solve(list[T], list[hint])
    assert bindings is not None
    assert is_assignable(list[hint], substitute(list[T], bindings))
