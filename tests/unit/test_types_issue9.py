"""Regression tests for the type relation's known failures listed in issue 9.

Each test names the case it guards; the verdicts follow the typing spec (and agree with mypy
unless a docstring says otherwise).
"""

# Hints are runtime values here (``list[T]`` as data), which mypy reads as type applications.
# mypy: disable-error-code="valid-type"

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, Generic, Literal, NamedTuple, Never, TypeVar, Union, get_type_hints

import pytest
import typing_extensions
from typing_extensions import TypedDict, TypeVarTuple
from typing_extensions import TypeVar as TypeVarDefault

from typedflow import is_assignable
from typedflow._types import solve


class Animal: ...


class Dog(Animal): ...


TB = TypeVar("TB", bound="Animal")
StrOrBytes = TypeVar("StrOrBytes", str, bytes)
T = TypeVar("T")
U = TypeVar("U")


class Movie(TypedDict):
    title: str
    year: int


class Point(NamedTuple):
    x: int
    y: int


# The old string form of a recursive alias: the inner "Json" records no module.
Json = Union[None, int, str, float, list["Json"], dict[str, "Json"]]  # noqa: UP007  the form under test
Json2 = Union[None, int, str, float, list["Json2"], dict[str, "Json2"]]  # noqa: UP007
RecursiveMapping = str | int | Mapping[str, "RecursiveMapping"]
RecursiveTuple = str | int | tuple["RecursiveTuple", ...]


def _takes_json(x: Json) -> None: ...


# What get_type_hints makes of it: evaluated one level, a ForwardRef("Json") left inside.
RESOLVED_JSON = get_type_hints(_takes_json)["x"]


def test_literal_of_mixed_values_fits_the_union_of_their_types() -> None:
    assert is_assignable(Literal[1, "a"], int | str)
    assert not is_assignable(Literal[1, "a"], int)


@pytest.mark.parametrize(
    ("source", "target"),
    [(None, Literal[None]), (Literal[None], None), (list[Literal[None]], list[None])],
    ids=["None->Literal[None]", "Literal[None]->None", "list[Literal[None]]->list[None]"],
)
def test_literal_none_is_none(source: object, target: object) -> None:
    assert is_assignable(source, target)
    assert is_assignable(target, source)


def test_union_into_constrained_typevar_is_rejected() -> None:
    # The solution of a constrained TypeVar is one constraint: `str | bytes` is neither.
    assert not is_assignable(str | bytes, StrOrBytes)
    assert is_assignable(str, StrOrBytes)
    assert solve(list[StrOrBytes], list[str | bytes]) is None


def test_string_bound_of_a_typevar_is_resolved() -> None:
    assert not is_assignable(str, TB)
    assert is_assignable(Dog, TB)
    assert not is_assignable(list[str], list[TB])


def test_generic_into_generic_binds_one_typevar_to_the_other() -> None:
    # `wrap >> first` of two generic nodes: list[U] -> list[T] binds T to U.
    assert is_assignable(list[U], list[T])
    assert solve(list[T], list[U]) == {T: U}


def test_callable_parameter_does_not_bind_the_solution() -> None:
    # Any TB (Animal or narrower) may be passed to a function accepting object.
    assert is_assignable(Callable[[object], Dog], Callable[[TB], object])
    assert not is_assignable(Callable[[Dog], Animal], Callable[[TB], TB])


def test_typeddict_iterates_over_its_keys() -> None:
    assert not is_assignable(Movie, Iterable[TB])
    assert not is_assignable(Movie, Iterable[int])
    assert is_assignable(Movie, Iterable[str])
    assert solve(Iterable[T], Movie) == {T: str}


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (Sequence[str], False),
        (Iterable[str], False),
        (Sequence[int], True),
        (Iterable[float], True),
        (tuple[int, int], True),
        (tuple[int, str], False),
        (tuple[int, ...], True),
        (tuple[str, ...], False),
    ],
)
def test_namedtuple_is_a_tuple_of_its_fields(target: object, expected: bool) -> None:
    assert is_assignable(Point, target) is expected


def test_solving_from_a_namedtuple_reads_its_fields() -> None:
    assert solve(Sequence[T], Point) == {T: int}


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (int, Json, True),
        (list[Json], Json, True),
        (dict[str, Json], Json, True),
        (dict[str, int], Json, False),  # dict is invariant in its values
        (Json, Json2, True),
        (Json2, Json, True),
        (dict[str, dict[str, str]], RecursiveMapping, True),
        (dict[str, list[int]], RecursiveMapping, False),
        (tuple[int, tuple[str, int]], RecursiveTuple, True),
        (tuple[int, list[int]], RecursiveTuple, False),
        (RESOLVED_JSON, Json, True),
        (Json, RESOLVED_JSON, True),
        (dict[str, RESOLVED_JSON], RESOLVED_JSON, True),
        (dict[str, bytes], RESOLVED_JSON, False),
    ],
)
def test_recursive_string_aliases(source: object, target: object, expected: bool) -> None:
    assert is_assignable(source, target) is expected


needs_312 = pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax")


def _pep695() -> Any:
    from tests.unit import hints_py312

    return hints_py312


@needs_312
def test_type_statement_alias_is_its_value() -> None:
    h = _pep695()
    assert is_assignable(int, h.UserId)
    assert is_assignable(h.UserId, int)
    assert not is_assignable(str, h.UserId)


@needs_312
def test_generic_type_statement_alias() -> None:
    h = _pep695()
    assert is_assignable(tuple[int, int], h.Pair[int])
    assert not is_assignable(tuple[int, str], h.Pair[int])
    assert is_assignable(h.Pair[bool], Sequence[int])


@needs_312
@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("int", "JSON", True),
        ("dict[str, JSON]", "JSON", True),
        ("dict[str, int]", "JSON", False),
        ("dict[str, int]", "ReadOnlyJSON", True),
        ("list[dict[str, list[int]]]", "ReadOnlyJSON", True),
        ("JSON", "ReadOnlyJSON", True),
        ("ReadOnlyJSON", "JSON", False),
        ("list[Tree[int]]", "Tree[int]", True),
        ("list[Tree[int]]", "Tree[str]", False),
    ],
)
def test_recursive_type_statement_aliases(source: str, target: str, expected: bool) -> None:
    namespace = vars(_pep695())
    assert is_assignable(eval(source, namespace), eval(target, namespace)) is expected


@needs_312
@pytest.mark.parametrize(
    ("name", "variance"),
    [
        ("Box", "co"),
        ("Sink", "contra"),
        ("Cell", "inv"),
        ("Frozen", "co"),
        ("Mutable", "inv"),
        ("Reader", "co"),
        ("ListOf", "inv"),
    ],
)
def test_inferred_variance_of_pep695_classes(name: str, variance: str) -> None:
    cls = getattr(_pep695(), name)
    assert is_assignable(cls[int], cls[float]) is (variance == "co")
    assert is_assignable(cls[float], cls[int]) is (variance == "contra")
    assert is_assignable(cls[int], cls[int])


@needs_312
def test_pep695_generic_functions_chain() -> None:
    h = _pep695()
    (u,) = h.wrap.__type_params__
    (t,) = h.first.__type_params__
    assert is_assignable(list[u], list[t])
    assert is_assignable(list[int], list[t])


# --- unpacked tuples and TypeVarTuple ------------------------------------------------------

Ts = TypeVarTuple("Ts")


class Array(Generic[*Ts]):
    """Invariant in its shape, as a declared TypeVarTuple is."""


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (tuple[int, *tuple[int, ...]], tuple[int, ...], True),
        (tuple[int], tuple[int, *tuple[int, ...]], True),
        (tuple[()], tuple[int, *tuple[int, ...]], False),
        (tuple[int, ...], tuple[int, *tuple[int, ...]], False),
        (tuple[Any, ...], tuple[int, *tuple[str, ...]], True),
        (tuple[int, str, str, int], tuple[int, *tuple[str, ...], int], True),
        (tuple[int, str, bytes, int], tuple[int, *tuple[str, ...], int], False),
        (tuple[int, *tuple[bool, bool], str], tuple[int, bool, bool, str], True),
        (tuple[int, bool, bool, str], tuple[*tuple[int, bool], bool, str], True),
        (tuple[int, *tuple[str, ...]], Sequence[int | str], True),
        (tuple[int, *tuple[str, ...]], Sequence[int], False),
        (tuple[int, str], tuple[*Ts], True),
        (tuple[int, bool, str], tuple[T, *Ts], True),
        (tuple[()], tuple[T, *Ts], False),
        (tuple[tuple[int], tuple[int]], tuple[tuple[*Ts], tuple[*Ts]], True),
        (tuple[tuple[int], tuple[str]], tuple[tuple[*Ts], tuple[*Ts]], False),
        (Array[int, str], Array[*Ts], True),
        (Array[int, str], Array[int, *Ts], True),
        (Array[int], Array[int, str], False),
        (Array[bool], Array[int], False),
        (Array[int, str], Array[*tuple[Any, ...]], True),
        (Array[*tuple[Any, ...]], Array[int, str], True),
        (Array[int], Array[int, *tuple[Any, ...], str], False),
    ],
)
def test_unpacked_tuples_and_typevartuples(source: object, target: object, expected: bool) -> None:
    assert is_assignable(source, target) is expected


def test_solving_a_typevartuple_binds_its_run() -> None:
    assert solve(tuple[T, *Ts], tuple[int, bool, str]) == {T: int, Ts: tuple[bool, str]}


# --- PEP 696 defaults, PEP 747 TypeForm, and fuzz findings ---------------------------------

DefaultStr = TypeVarDefault("DefaultStr", default=str)
DefaultInt = TypeVarDefault("DefaultInt", default=int)
StartT = TypeVarDefault("StartT", default=int)
StopT = TypeVarDefault("StopT", default=StartT)


class Defaults(Generic[DefaultStr, DefaultInt]):
    pass


class Subclass(Defaults):  # type: ignore[type-arg]  # a bare base takes its defaults
    pass


class Slice(Generic[StartT, StopT]):
    pass


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (Defaults, Defaults[str, int], True),
        (Defaults, Defaults[bool, int], False),
        (Defaults[str], Defaults[str, int], True),
        (Defaults[str], Defaults[str, str], False),
        (Subclass, Defaults[str, int], True),
        (Subclass, Defaults[int, int], False),
        (Slice[str], Slice[str, str], True),
        (Slice[str], Slice[str, int], False),
        (Slice, Slice[int, int], True),
    ],
)
def test_type_parameter_defaults(source: object, target: object, expected: bool) -> None:
    assert is_assignable(source, target) is expected


@pytest.mark.skipif(not hasattr(typing_extensions, "TypeForm"), reason="typing_extensions<4.13")
def test_typeform_is_covariant_and_takes_type() -> None:
    form = typing_extensions.TypeForm
    assert is_assignable(form[int], form[int | str])
    assert not is_assignable(form[int | str], form[int])
    assert is_assignable(type[int], form[int | str])
    assert is_assignable(form[int], form)
    assert not is_assignable(int, form[int])


def test_unbounded_tuple_of_none_is_a_sequence_of_none() -> None:
    # Found by the differential fuzzer: `None` inside `tuple[None, ...]` is NoneType.
    assert not is_assignable(tuple[None, ...], Sequence[int])
    assert is_assignable(tuple[None, ...], Sequence[None])


def test_any_in_a_union_with_never_is_any() -> None:
    assert is_assignable(Any, Never)


# --- never an internal error ---------------------------------------------------------------

P = typing_extensions.ParamSpec("P")


class CallsWith(typing_extensions.Protocol[P]):
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> int: ...


class Color(Enum):
    RED = 1


ODD_HINTS: list[object] = [
    int, Any, Never, None, Literal[1], Literal[Color.RED], Callable[P, int], Callable[..., int],
    Callable[typing_extensions.Concatenate[int, P], int], CallsWith[P], CallsWith[[int]],
    tuple[*Ts], tuple[int, ...], tuple[()], type[int], typing_extensions.LiteralString,
    typing_extensions.Self, typing_extensions.ClassVar[int], typing_extensions.Final[int],
    typing_extensions.Annotated[int, "x"], list[typing_extensions.Annotated[int, {}]],
    typing_extensions.TypeGuard[int], typing_extensions.TypeIs[int], Movie, Point, Json,
    dict[str, Any], Color, type[Color], object, type, P.args, P.kwargs,
]


def test_is_assignable_never_fails_with_an_internal_error() -> None:
    # It answers, or raises a TypeError that names what it cannot relate.
    failures = []
    for source in ODD_HINTS:
        for target in ODD_HINTS:
            try:
                is_assignable(source, target)
            except TypeError as exc:
                if "cannot relate" not in str(exc) and "forward reference" not in str(exc):
                    failures.append((source, target, exc))
            except Exception as exc:  # noqa: BLE001  any other exception is the failure here
                failures.append((source, target, exc))
    assert failures == []


def test_a_bare_generic_takes_its_paramspec_default() -> None:
    spec = typing_extensions.ParamSpec("spec", default=[str, int])

    class Takes(Generic[spec]):
        pass

    assert is_assignable(Takes, Takes[[str, int]])
    assert not is_assignable(Takes, Takes[[bool, bool]])
