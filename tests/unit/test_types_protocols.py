"""Regression tests (issue 9): Protocols and TypedDicts related as the typing spec says.

The verdicts follow the typing spec and its conformance suite (protocols_*, generics_self_protocols,
typeddicts_*); where mypy differs a test's docstring says so.
"""

# Hints are runtime values here (``list[T]`` as data), which mypy reads as type applications;
# this mypy does not know PEP 728's `TypedDict` class arguments (`closed=`, `extra_items=`).
# mypy: disable-error-code="valid-type, call-arg"

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import (
    Any,
    ClassVar,
    Final,
    Generic,
    NamedTuple,
    NotRequired,
    Protocol,
    Self,
    TypeVar,
    Unpack,
)

import pytest
from typing_extensions import ReadOnly, TypedDict

from typedflow import is_assignable

T = TypeVar("T")
S = TypeVar("S")
T_co = TypeVar("T_co", covariant=True)

# --- Protocols ---------------------------------------------------------------------------------


class HasName(Protocol):
    name: str


class ReadsName(Protocol):
    @property
    def name(self) -> object: ...


class WritesName(Protocol):
    @property
    def name(self) -> str: ...
    @name.setter
    def name(self, value: str) -> None: ...


class SetInInit:
    def __init__(self, name: str) -> None:
        self.name = name


class AnnotatedInInit:
    def __init__(self) -> None:
        self.name: int = 0


class Declared:
    name: str = ""


class ReadOnlyProperty:
    @property
    def name(self) -> str:
        return ""


class SettableProperty:
    @property
    def name(self) -> str:
        return ""

    @name.setter
    def name(self, value: str) -> None:
        pass


@dataclass(frozen=True)
class Frozen:
    name: str = ""


@dataclass
class Thawed:
    name: str = ""


class Tup(NamedTuple):
    name: str = ""


class Fixed:
    name: Final[str] = ""


class Shared:
    name: ClassVar[str] = ""


class NameMethod:
    def name(self) -> str:
        return ""


class Counter(Protocol):
    total: ClassVar[int]


class CountsOnClass:
    total: int = 0


class CountsPerInstance:
    def __init__(self) -> None:
        self.total: int = 0


class Scaler(Protocol):
    def scale(self, factor: float) -> Self: ...


class ScalesSelf:
    def scale(self, factor: float) -> Self:
        return self


class ScalesToOther:
    def scale(self, factor: float) -> ScalesSelf:
        return ScalesSelf()


class Resizer(Protocol):
    def resize(self, width: int, height: int) -> None: ...


class ResizeRenamed:
    def resize(self, width: int, h: int) -> None:
        pass


class ResizePositional:
    def resize(self, width: int, height: int, /) -> None:
        pass


class ResizeAnything:
    def resize(self, *args: int, **kwargs: int) -> None:
        pass


class Pairs(Iterable[T_co], Protocol[S, T_co]):
    def key(self, x: S) -> S: ...


class StrIntPairs:
    def __iter__(self) -> Iterator[int]:
        return iter(())

    def key(self, x: str) -> str:
        return x


class Node(Protocol):
    def children(self) -> Iterable[Node]: ...


class Leaf:
    def children(self) -> list[Leaf]:
        return []


class Branch(Generic[T]):
    def children(self) -> list[Branch[T]]:
        return []


class Hashables(Iterable[float], Protocol):
    def __hash__(self) -> int: ...


class Maker(Protocol):
    def make(self, x: int) -> int: ...


class UnboundMaker(Protocol):
    def make(_self, self: Any, x: int) -> int: ...


class Making:
    def make(self, x: int) -> int:
        return x


class Meta(type):
    name: str = ""


class WithMeta(metaclass=Meta):
    pass


def _p(source: object, target: object, expected: bool, case: str) -> Any:
    return pytest.param(source, target, expected, id=f"{case}:{'yes' if expected else 'no'}")


PROTOCOL_CASES = [
    _p(SetInInit, HasName, True, "self.name = name in __init__ -> settable attr"),
    _p(AnnotatedInInit, HasName, False, "self.name: int in __init__ -> attr str"),
    _p(Declared, HasName, True, "class attr -> settable attr"),
    _p(Thawed, HasName, True, "dataclass field -> settable attr"),
    _p(ReadOnlyProperty, HasName, False, "read-only property -> settable attr"),
    _p(SettableProperty, HasName, True, "property with setter -> settable attr"),
    _p(Frozen, HasName, False, "frozen dataclass field -> settable attr"),
    _p(Tup, HasName, False, "NamedTuple field -> settable attr"),
    _p(Fixed, HasName, False, "Final -> settable attr"),
    _p(Shared, HasName, False, "ClassVar -> instance attr"),
    _p(NameMethod, HasName, False, "method -> attr"),
    _p(Frozen, ReadsName, True, "frozen field -> read-only property (covariant)"),
    _p(Tup, ReadsName, True, "NamedTuple field -> read-only property"),
    _p(Fixed, ReadsName, True, "Final -> read-only property"),
    _p(ReadOnlyProperty, ReadsName, True, "property str -> property object"),
    _p(NameMethod, ReadsName, True, "method -> read-only property of object"),
    _p(ReadOnlyProperty, WritesName, False, "read-only property -> settable property"),
    _p(Declared, WritesName, True, "attr -> settable property"),
    _p(Frozen, WritesName, False, "frozen field -> settable property"),
    _p(CountsOnClass, Counter, True, "class-level attr -> ClassVar member"),
    _p(CountsPerInstance, Counter, False, "attr set in __init__ -> ClassVar member"),
    _p(Shared, HasName, False, "ClassVar -> settable instance attr"),
    _p(ScalesSelf, Scaler, True, "-> Self -> Self"),
    _p(ScalesToOther, Scaler, False, "-> other class -> Self"),
    _p(ResizeRenamed, Resizer, False, "renamed parameter -> method (names count)"),
    _p(ResizePositional, Resizer, False, "positional-only -> keyword-able method"),
    _p(ResizeAnything, Resizer, True, "*args, **kwargs -> method"),
    _p(StrIntPairs, Pairs[str, int], True, "members bind Protocol[S, T_co] in declared order"),
    _p(StrIntPairs, Pairs[int, str], False, "members bind Protocol[S, T_co], swapped"),
    _p(Leaf, Node, True, "recursive Protocol"),
    _p(Branch[int], Node, True, "generic class -> recursive Protocol"),
    _p(list[float], Hashables, False, "list (__hash__ = None) -> Hashable Protocol"),
    _p(tuple[float, ...], Hashables, True, "tuple -> Hashable Protocol"),
    _p(type[Making], Maker, False, "class object: method unbound -> bound method"),
    _p(type[Making], UnboundMaker, True, "class object: method unbound -> (self, x)"),
    _p(type[Shared], HasName, True, "class object: ClassVar -> settable attr"),
    _p(type[Declared], HasName, False, "class object: instance attr is not on the class"),
    _p(type[WithMeta], HasName, True, "class object: metaclass attr -> attr"),
    _p(type[Shared], Counter, False, "class object -> ClassVar member"),
    _p(type[ReadOnlyProperty], ReadsName, True, "class object: property object -> object"),
]


@pytest.mark.parametrize(("source", "target", "expected"), PROTOCOL_CASES)
def test_protocol_assignability(source: object, target: object, expected: bool) -> None:
    assert is_assignable(source, target) is expected


def test_settable_protocol_attribute_needs_a_settable_member() -> None:
    """A plain protocol attribute is read-write: read-only implementations do not satisfy it."""
    for readonly in (ReadOnlyProperty, Frozen, Tup, Fixed, Shared):
        assert not is_assignable(readonly, HasName), readonly
        assert is_assignable(readonly, ReadsName), readonly


def test_attribute_assigned_in_init_is_a_member() -> None:
    assert is_assignable(SetInInit, HasName)
    assert not is_assignable(AnnotatedInInit, HasName)


def test_self_binds_to_the_source_type() -> None:
    assert is_assignable(ScalesSelf, Scaler)
    assert not is_assignable(ScalesToOther, Scaler)


def test_protocol_method_parameters_keep_their_names() -> None:
    """The spec (protocols_definition) rejects a renamed parameter; mypy accepts it."""
    assert not is_assignable(ResizeRenamed, Resizer)
    assert is_assignable(ResizeAnything, Resizer)


class Getter(Protocol[T_co]):
    def get(self) -> T_co: ...


class IntGetter(Getter[int], Protocol): ...


class Holder(Generic[T]):
    def get(self) -> T:
        raise NotImplementedError


class IntHolder(Holder[int]): ...


class StrHolder(Holder[str]): ...


def test_inherited_members_read_their_type_parameters_through_the_bases() -> None:
    """``IntGetter``'s ``get`` returns ``int``: ``Getter``'s ``T`` is bound by the base."""
    assert is_assignable(IntHolder, IntGetter)
    assert not is_assignable(StrHolder, IntGetter)
    assert is_assignable(IntHolder, Getter[float])
    assert not is_assignable(StrHolder, Getter[int])
    assert is_assignable(Holder[int], IntGetter)


def test_double_underscore_parameters_are_positional_only() -> None:
    """PEP 484's ``__x`` convention: such a protocol parameter is matched by position only."""

    class Feed(Protocol):
        def feed(self, __item: int) -> None: ...

    class Feeder:
        def feed(self, anything: int) -> None:
            pass

    class WrongFeeder:
        def feed(self, anything: str) -> None:
            pass

    assert is_assignable(Feeder, Feed)
    assert not is_assignable(WrongFeeder, Feed)


def test_protocol_parameters_follow_their_declared_order() -> None:
    assert is_assignable(StrIntPairs, Pairs[str, int])
    assert not is_assignable(StrIntPairs, Pairs[int, str])


def test_class_object_satisfies_a_protocol_through_class_members() -> None:
    assert is_assignable(type[Making], UnboundMaker)
    assert not is_assignable(type[Making], Maker)
    assert not is_assignable(type[Declared], HasName)


def test_unhashable_class_does_not_satisfy_hashable() -> None:
    assert not is_assignable(list[float], Hashables)


def test_callable_attribute_satisfies_a_method() -> None:
    class Hook:
        make: Callable[[int], int]

    class WrongHook:
        make: Callable[[str], int]

    assert is_assignable(Hook, Maker)
    assert not is_assignable(WrongHook, Maker)


def test_sequence_attribute_is_invariant_in_a_settable_member() -> None:
    class Ints:
        name: Sequence[int] = ()

    class Names(Protocol):
        name: Sequence[float]

    class ReadNames(Protocol):
        @property
        def name(self) -> Sequence[float]: ...

    assert not is_assignable(Ints, Names)
    assert is_assignable(Ints, ReadNames)


# --- TypedDicts --------------------------------------------------------------------------------


class Open(TypedDict):
    name: str


class Closed(TypedDict, closed=True):
    name: str


class ExtraInt(TypedDict, extra_items=int):
    name: str


class ExtraStr(TypedDict, extra_items=str):
    name: str


class ExtraReadOnly(TypedDict, extra_items=ReadOnly[int | str]):
    name: str


class ExtraIntWithYear(TypedDict, extra_items=int):
    name: str
    year: NotRequired[int]


class ExtraIntWithTags(TypedDict, extra_items=int):
    name: str
    tags: list[str]


class ExtraOptional(TypedDict, extra_items=int | None):
    name: str


class ExtraOptionalRequiredYear(TypedDict, extra_items=int | None):
    name: str
    year: int | None


class Ints(TypedDict, extra_items=int):
    pass


class IntsWithCount(Ints):  # inherits extra_items=int
    count: NotRequired[int]


class OptionalName(TypedDict):
    name: ReadOnly[NotRequired[str]]


class Empty(TypedDict, closed=True):
    pass


class ExtraNone(TypedDict, extra_items=None):
    name: str


class Args(TypedDict):
    key: int


class ReadOnlyArgs(TypedDict):
    key: ReadOnly[int]


TYPEDDICT_CASES = [
    _p(ExtraInt, Open, True, "extra int -> open (read-only object extras)"),
    _p(Closed, Open, True, "closed -> open"),
    _p(Open, ExtraInt, False, "open -> mutable extra items"),
    _p(Open, Closed, False, "open -> closed"),
    _p(ExtraInt, ExtraStr, False, "extra int -> extra str"),
    _p(ExtraStr, ExtraInt, False, "extra str -> extra int"),
    _p(ExtraIntWithYear, ExtraReadOnly, True, "extra int + year int -> ReadOnly[int | str]"),
    _p(ExtraIntWithTags, ExtraReadOnly, False, "extra item list[str] -> ReadOnly[int | str]"),
    _p(ExtraIntWithYear, ExtraOptional, False, "year int -> mutable extras int | None"),
    _p(ExtraOptionalRequiredYear, ExtraOptional, False, "required year -> mutable extras"),
    _p(IntsWithCount, Ints, True, "inherited extras, non-required int item -> extras int"),
    _p(Empty, OptionalName, True, "closed without the key -> ReadOnly[NotRequired] item"),
    _p(Open, OptionalName, True, "has the key -> ReadOnly[NotRequired] item"),
    _p(Ints, OptionalName, False, "extras int -> ReadOnly[NotRequired[str]] item"),
    _p(ExtraStr, Mapping[str, str], True, "extra str -> Mapping[str, str]"),
    _p(ExtraInt, Mapping[str, int], False, "items str, extras int -> Mapping[str, int]"),
    _p(ExtraInt, Mapping[str, int | str], True, "-> Mapping[str, int | str]"),
    _p(Closed, Mapping[str, str], True, "closed -> Mapping[str, str]"),
    _p(Open, Mapping[str, str], False, "open -> Mapping[str, str]"),
    _p(Open, Mapping[str, object], True, "open -> Mapping[str, object]"),
    _p(Ints, dict[str, int], True, "mutable extras int -> dict[str, int]"),
    _p(IntsWithCount, dict[str, int], True, "plus non-required int item -> dict[str, int]"),
    _p(Ints, dict[str, object], False, "-> dict[str, object] (invariant)"),
    _p(ExtraInt, dict[str, int], False, "required item -> dict"),
    _p(Open, dict[str, object], False, "open -> dict"),
    _p(dict[str, int], Ints, False, "dict -> TypedDict"),
    _p(ExtraNone, Mapping[str, str | None], True, "extra_items=None is extra None, not open"),
    _p(ExtraNone, Open, True, "extra None -> open"),
    _p(Unpack[Args], Unpack[ReadOnlyArgs], True, "**kwargs: Unpack[TD] as TypedDicts"),
    _p(Unpack[ReadOnlyArgs], Unpack[Args], False, "**kwargs: ReadOnly item -> mutable"),
]


@pytest.mark.parametrize(("source", "target", "expected"), TYPEDDICT_CASES)
def test_typeddict_assignability(source: object, target: object, expected: bool) -> None:
    assert is_assignable(source, target) is expected


def test_open_typeddict_has_read_only_object_extra_items() -> None:
    assert is_assignable(ExtraInt, Open)
    assert not is_assignable(Open, ExtraInt)
    assert is_assignable(Open, Mapping[str, object])
    assert not is_assignable(Open, Mapping[str, str])


def test_mutable_extra_items_are_invariant() -> None:
    assert not is_assignable(ExtraInt, ExtraStr)
    assert not is_assignable(ExtraIntWithYear, ExtraOptional)


def test_extra_items_are_inherited() -> None:
    assert is_assignable(IntsWithCount, dict[str, int])


def test_typeddict_with_mutable_extra_items_is_a_dict() -> None:
    assert is_assignable(Ints, dict[str, int])
    assert not is_assignable(ExtraInt, dict[str, int])
    assert not is_assignable(dict[str, int], Ints)


def test_issue_9_an_enums_name_is_a_read_only_property() -> None:
    # Found by the mypy fuzzer: `Enum.name` is an `enum.property` (no setter).
    class Named(Protocol):
        name: str

    class ReadsName(Protocol):
        @property
        def name(self) -> str: ...

    class Color(enum.Enum):
        RED = 1

    assert not is_assignable(Color, Named)
    assert is_assignable(Color, ReadsName)
