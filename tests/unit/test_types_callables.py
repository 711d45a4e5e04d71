"""Regression tests for callables in the type relation (issue 9: callables follow the spec).

Verdicts follow the typing spec's callable assignability rules; where mypy differs the test
says so. A ``def`` is written as a callback Protocol with the same ``__call__`` signature.
"""

# Hints are runtime values here (``Callable[P, int]`` as data), which mypy reads as types.
# mypy: disable-error-code="valid-type"

from __future__ import annotations

from collections.abc import Callable
from typing import (
    Any,
    Concatenate,
    Generic,
    NoReturn,
    NotRequired,
    ParamSpec,
    Protocol,
    Self,
    TypedDict,
    TypeGuard,
    TypeVar,
    Unpack,
    overload,
)

import pytest
import typing_extensions as te
from typing_extensions import TypeIs

from typedflow import is_assignable, node
from typedflow._check import check
from typedflow._ir import graph_of

P = ParamSpec("P")
Q = ParamSpec("Q")
T_contra = TypeVar("T_contra", contravariant=True)
# The variance of a ParamSpec is part of what is under test (mypy: "no defined semantics yet").
InP = ParamSpec("InP", contravariant=True)  # type: ignore[misc]
OutP = ParamSpec("OutP", covariant=True)  # type: ignore[misc]
InferP = te.ParamSpec("InferP", infer_variance=True)  # type: ignore[misc]


class Standard(Protocol):
    def __call__(self, a: int, b: int) -> None: ...


class PosOnly(Protocol):
    def __call__(self, a: int, b: int, /) -> None: ...


class KwOnly(Protocol):
    def __call__(self, *, b: int, a: int) -> None: ...


class Renamed(Protocol):
    def __call__(self, x: int, y: int) -> None: ...


class IntArgs(Protocol):
    def __call__(self, *args: int) -> None: ...


class IntArgsOnly(Protocol):
    def __call__(self, *args: int | str) -> None: ...


class IntKwargs(Protocol):
    def __call__(self, **kwargs: int) -> None: ...


class Default(Protocol):
    def __call__(self, x: int = 0) -> None: ...


class NoDefault(Protocol):
    def __call__(self, x: int) -> None: ...


class KwDefault(Protocol):
    def __call__(self, *, x: int = 0) -> None: ...


class KwNoDefault(Protocol):
    def __call__(self, *, x: int) -> None: ...


class Gradual(Protocol):  # `*args: Any, **kwargs: Any` is `...` (as written)
    def __call__(self, a: int, /, *args: Any, **kwargs: Any) -> None: ...


class Overloaded(Protocol):
    @overload
    def __call__(self, x: int) -> int: ...
    @overload
    def __call__(self, x: str) -> str: ...


class FloatToFloat(Protocol):
    def __call__(self, x: float) -> float: ...


class IntOrStr(Protocol):
    def __call__(self, x: int | str) -> int: ...


class Overloaded2(Protocol):
    @overload
    def __call__(self, x: int, y: str) -> float: ...
    @overload
    def __call__(self, x: str) -> complex: ...


class IntOrStrDefault(Protocol):
    def __call__(self, x: int | str, y: str = "") -> int: ...


class StrToComplex(Protocol):
    def __call__(self, x: str) -> complex: ...


class WithP(Protocol[P]):
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None: ...


class IntThenP(Protocol[P]):
    def __call__(self, a: int, /, *args: P.args, **kwargs: P.kwargs) -> None: ...


T_co = TypeVar("T_co", covariant=True)


class Callback(Protocol[InP, T_co]):
    def __call__(self, *args: InP.args, **kwargs: InP.kwargs) -> T_co: ...


class Options(TypedDict):
    name: str
    retries: NotRequired[int]


class TakesOptions(Protocol):  # def f(**kwargs: Unpack[Options]) -> None
    def __call__(self, **kwargs: Unpack[Options]) -> None: ...


class TakesName(Protocol):
    def __call__(self, *, name: str) -> None: ...


class TakesNameRetries(Protocol):
    def __call__(self, *, name: str, retries: int = 0) -> None: ...


class IsInt(Protocol):
    def __call__(self, val: object) -> TypeGuard[int]: ...


class Predicate(Protocol):
    def __call__(self, val: object) -> bool: ...


class Plain:
    def __init__(self, x: int) -> None: ...


class Bare: ...


class Both:
    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        return super().__new__(cls)

    def __init__(self, x: int) -> None: ...


class Proxy: ...


class NewWins:
    def __new__(cls) -> Proxy:  # type: ignore[misc]  # the case under test
        return Proxy()

    def __init__(self, x: int) -> None: ...


TNew = TypeVar("TNew", bound="OldStyleNew")


class OldStyleNew:
    def __new__(cls: type[TNew], x: int) -> TNew:
        return super().__new__(cls)


class NoCalls(type):
    def __call__(cls, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotImplementedError


class Sealed(metaclass=NoCalls): ...


class OverloadedInit:
    @overload
    def __init__(self, x: int) -> None: ...
    @overload
    def __init__(self, x: str, y: str) -> None: ...
    def __init__(self, x: int | str, y: str = "") -> None: ...


class Meta(type): ...


class Co(Generic[OutP]):
    def take(self, fn: Callable[OutP, None]) -> None: ...


class Contra(Generic[InP]):
    def give(self) -> Callable[InP, None]:
        raise NotImplementedError


class Inv(Generic[P]):
    def both(self, fn: Callable[P, None]) -> Callable[P, None]:
        return fn


class InferredCo(Generic[InferP]):
    def take(self, fn: Callable[InferP, None]) -> None: ...


R = TypeVar("R")


@node
def make_handler(step: int) -> Callable[[int], int]:
    return lambda x: x + step


@node
def logged(f: Callable[P, R]) -> Callable[P, list[R]]:
    return lambda *args, **kwargs: [f(*args, **kwargs)]


@node
def use_handler(f: Callable[[int], list[int]]) -> None: ...


@node
def use_str_handler(f: Callable[[int], list[str]]) -> None: ...


def _p(source: object, target: object, expected: bool, id: str) -> Any:
    return pytest.param(source, target, expected, id=f"{id}:{'yes' if expected else 'no'}")


CASES = [
    # --- parameter kinds: names count for keyword-capable parameters -------------------------
    _p(Standard, PosOnly, True, "(a, b)->(a, b, /)"),
    _p(PosOnly, Standard, False, "(a, b, /)->(a, b)"),
    _p(Standard, KwOnly, True, "(a, b)->(*, b, a)"),
    _p(KwOnly, Standard, False, "(*, b, a)->(a, b)"),
    _p(Renamed, Standard, False, "(x, y)->(a, b) renamed"),
    _p(Callable[[int, int], None], PosOnly, True, "Callable[[int, int]]->(a, b, /)"),
    _p(Callable[[int, int], None], Standard, False, "Callable[[int, int]]->(a, b)"),
    _p(Standard, Callable[[int, int], None], True, "(a, b)->Callable[[int, int]]"),
    # --- *args, **kwargs -----------------------------------------------------------------------
    _p(IntArgs, Callable[[int, int, int], None], True, "(*int)->Callable[[int]*3]"),
    _p(Callable[[], None], IntArgs, False, "Callable[[]]->(*int)"),
    _p(IntArgsOnly, Standard, False, "(*int|str)->(a, b): no keywords"),
    _p(IntKwargs, KwNoDefault, True, "(**int)->(*, x: int)"),
    _p(IntKwargs, Callable[[int], None], False, "(**int)->Callable[[int]]"),
    # --- defaults ------------------------------------------------------------------------------
    _p(NoDefault, Default, False, "(x)->(x=0)"),
    _p(Default, NoDefault, True, "(x=0)->(x)"),
    _p(Default, Callable[[], None], True, "(x=0)->Callable[[]]"),
    _p(KwNoDefault, KwDefault, False, "(*, x)->(*, x=0)"),
    _p(KwDefault, Callable[[], None], True, "(*, x=0)->Callable[[]]"),
    # --- `...`, Concatenate[X, ...], and *args: Any, **kwargs: Any -----------------------------
    _p(Callable[[], str], Callable[Concatenate[int, ...], str], False, "()->Concat[int, ...]"),
    _p(Callable[[int, str], str], Callable[Concatenate[int, ...], str], True, "(int, str)->C"),
    _p(Callable[[int, str], str], Callable[Concatenate[str, ...], str], False, "int->Concat[str]"),
    _p(Gradual, Callable[Concatenate[int, ...], None], True, "(int, /, ...)->Concat[int, ...]"),
    _p(Callable[Concatenate[int, ...], None], Gradual, True, "Concat[int, ...]->(int, /, ...)"),
    _p(Callable[Concatenate[int, ...], None], Callable[[], None], False, "Concat[int, ...]->()"),
    _p(Callable[..., None], Standard, True, "...->(a, b)"),
    # --- overloads (typing.get_overloads) ------------------------------------------------------
    _p(Overloaded, Callable[[int], int], True, "overloaded->(int)->int"),
    _p(Overloaded, Callable[[str], str], True, "overloaded->(str)->str"),
    _p(Overloaded, FloatToFloat, False, "overloaded->(float)->float"),
    _p(IntOrStr, Overloaded, False, "(int|str)->int into overloaded: int is not str"),
    _p(IntOrStrDefault, Overloaded2, True, "(int|str, y='')->int into every overload"),
    _p(StrToComplex, Overloaded2, False, "(str)->complex misses the (int, str) overload"),
    _p(FloatToFloat, Overloaded, False, "(float)->float into overloaded"),
    # --- ParamSpec and Concatenate[X, P] -------------------------------------------------------
    _p(Callable[[int, str], int], Callable[P, int], True, "Callable->Callable[P]"),
    _p(Callable[[str], int], Callable[Concatenate[int, P], int], False, "str->Concat[int, P]"),
    _p(IntArgs, Callable[Concatenate[int, P], None], True, "(*int)->Concat[int, P]"),
    _p(KwNoDefault, Callable[Concatenate[int, P], None], False, "(*, x)->Concat[int, P]"),
    _p(WithP[P], Callable[P, None], True, "WithP[P]->Callable[P]"),
    _p(Callable[P, None], WithP[P], True, "Callable[P]->WithP[P]"),
    _p(Callable[P, None], Callable[[int], None], True, "unsolved Callable[P] counts as ..."),
    _p(Callable[P, int], Callable[[int], str], False, "unsolved Callable[P]: return still counts"),
    _p(Callable[P, None], Callable[Q, None], True, "Callable[P]->Callable[Q] (Q binds P)"),
    _p(IntThenP[P], Callable[Concatenate[int, P], None], True, "IntThenP[P]->Concat[int, P]"),
    _p(Callable[P, None], Callable[Concatenate[int, P], None], False, "P->Concat[int, P]"),
    _p(IntThenP[[str]], Callable[[int, str], None], True, "IntThenP[[str]]->[int, str]"),
    _p(IntThenP[...], Callable[[int, bytes], None], True, "IntThenP[...]->[int, bytes]"),
    _p(Callable[[float], int], Callback[[int], float], True, "Callable->Callback[[int], float]"),
    _p(Callable[[int], int], Callback[[float], int], False, "Callable->Callback[[float], int]"),
    # --- classes generic in a ParamSpec: declared and inferred variance -----------------------
    _p(Co[[int]], Co[[object]], True, "Co[[int]]->Co[[object]]"),
    _p(Co[[object]], Co[[int]], False, "Co[[object]]->Co[[int]]"),
    _p(Contra[[object]], Contra[[int]], True, "Contra[[object]]->Contra[[int]]"),
    _p(Contra[[int]], Contra[[object]], False, "Contra[[int]]->Contra[[object]]"),
    _p(Inv[[int]], Inv[[object]], False, "Inv[[int]]->Inv[[object]]"),
    _p(Inv[[int]], Inv[[int]], True, "Inv[[int]]->Inv[[int]]"),
    _p(InferredCo[[int]], InferredCo[[object]], True, "InferredCo[[int]]->[[object]]"),
    _p(InferredCo[[object]], InferredCo[[int]], False, "InferredCo[[object]]->[[int]]"),
    # --- **kwargs: Unpack[TypedDict] -----------------------------------------------------------
    _p(TakesOptions, TakesName, True, "Unpack[Options]->(*, name)"),
    _p(TakesOptions, TakesNameRetries, True, "Unpack[Options]->(*, name, retries=0)"),
    _p(TakesNameRetries, TakesOptions, False, "(*, name, retries=0)->Unpack: no **kwargs"),
    _p(TakesOptions, TakesOptions, True, "Unpack[Options]->Unpack[Options]"),
    _p(TakesOptions, Callable[[], None], False, "Unpack[Options]->(): name is required"),
    # --- TypeGuard / TypeIs returns ------------------------------------------------------------
    _p(IsInt, Predicate, True, "TypeGuard[int] return->bool return"),
    _p(Callable[[object], TypeGuard[bool]], Callable[[object], TypeGuard[int]], True, "TG co"),
    _p(Callable[[object], TypeIs[bool]], Callable[[object], TypeIs[int]], False, "TypeIs inv"),
    _p(Callable[[object], TypeIs[int]], Callable[[object], TypeGuard[int]], False, "TI->TG"),
    _p(Callable[[object], bool], Callable[[object], TypeGuard[int]], False, "bool->TG"),
    _p(TypeGuard[int], bool, True, "TypeGuard[int]->bool"),
    _p(TypeIs[int], bool | None, True, "TypeIs[int]->bool | None"),
    # --- class objects as callables ------------------------------------------------------------
    _p(type[Plain], Callable[[int], Plain], True, "Plain(x: int)->Callable[[int]]"),
    _p(type[Plain], Callable[[], Plain], False, "Plain(x: int)->Callable[[]]"),
    _p(type[Bare], Callable[[], Bare], True, "Bare()->Callable[[]]"),
    _p(type[Bare], Callable[[int], Bare], False, "Bare()->Callable[[int]]: object.__init__"),
    _p(type[Both], Callable[[int], Both], True, "__new__(*a, **k) + __init__(x)->[int]"),
    _p(type[Both], Callable[[], Both], False, "__new__(*a, **k) + __init__(x)->[]"),
    _p(type[NewWins], Callable[[], Proxy], True, "__new__ -> Proxy ignores __init__"),
    _p(type[NewWins], Callable[[int], Proxy], False, "__new__ -> Proxy: no x"),
    _p(type[OldStyleNew], Callable[[int], OldStyleNew], True, "__new__(cls: type[T]) -> T"),
    _p(type[OldStyleNew], Callable[[], OldStyleNew], False, "__new__(cls: type[T], x) -> T"),
    _p(type[Sealed], Callable[..., NoReturn], True, "metaclass __call__ -> NoReturn"),
    _p(type[Sealed], Callable[[], Sealed], True, "metaclass __call__: NoReturn fits any return"),
    _p(type[OverloadedInit], Callable[[int], OverloadedInit], True, "overloaded __init__ (int)"),
    _p(type[OverloadedInit], Callable[[str, str], OverloadedInit], True, "__init__ (str, str)"),
    _p(type[OverloadedInit], Callable[[str], OverloadedInit], False, "__init__ (str)"),
    # --- metaclasses ---------------------------------------------------------------------------
    _p(type[Meta], type[type], True, "type[Meta]->type[type]"),
    _p(Meta, type, True, "Meta->type"),
    _p(type[int], type[type], False, "type[int]->type[type]"),
]


@pytest.mark.parametrize(("source", "target", "expected"), CASES)
def test_is_assignable(source: object, target: object, expected: bool) -> None:
    assert is_assignable(source, target) is expected


def test_paramspec_args_alone_is_a_clear_type_error() -> None:
    """``P.args`` is not a type: the relation names the construct instead of crashing."""
    with pytest.raises(TypeError, match=r"unsupported hint: `P\.args`/`P\.kwargs`"):
        is_assignable(P.args, int)  # type: ignore[attr-defined]  # P.args outside *args


def test_paramspec_protocol_never_hashes_paramspec_args() -> None:
    """Regression: ``unhashable type: 'typing.ParamSpecArgs'`` for a ParamSpec Protocol."""
    assert is_assignable(Gradual, IntThenP[...]) is True
    assert is_assignable(IntThenP[...], Gradual) is True


def test_protocol_method_names_count() -> None:
    """A Protocol method called by keyword needs the same parameter name (the spec; pyright).

    mypy ignores the names of a Protocol method's parameters (not of ``__call__``).
    """

    class Sink(Protocol):
        def write(self, data: int) -> None: ...

    class Renamed:
        def write(self, payload: int) -> None: ...

    class Same:
        def write(self, data: int, flush: bool = False) -> None: ...

    assert is_assignable(Renamed, Sink) is False
    assert is_assignable(Same, Sink) is True


def test_explicit_any_args_only_as_written() -> None:
    """``*args: T, **kwargs: T`` specialised with ``Any`` is not ``...`` (callables_annotation)."""

    class Anything(Protocol[T_contra]):
        def __call__(self, *args: T_contra, **kwargs: T_contra) -> None: ...

    class NoArgs(Protocol):
        def __call__(self) -> None: ...

    assert is_assignable(NoArgs, Anything[Any]) is False
    assert is_assignable(Callable[..., None], Anything[Any]) is True


def test_decorator_node_passes_its_paramspec_on() -> None:
    """A node returning ``Callable[P, list[R]]`` (``P`` unsolved by the build) stays usable."""
    source: Any = make_handler  # mypy cannot solve a ParamSpec node in `>>` (not under test)
    assert check(graph_of([source >> logged >> use_handler])) == ()
    problems = check(graph_of([source >> logged >> use_str_handler]))
    assert [p.code for p in problems] == ["TF001"]


class Unresolved(TypedDict):
    name: Missing  # type: ignore[name-defined]  # noqa: F821  an annotation that cannot resolve


class TakesUnresolved(Protocol):
    def __call__(self, **kwargs: Unpack[Unresolved]) -> None: ...


def test_unpacked_typeddict_with_unresolvable_keys_reads_as_any_keywords() -> None:
    """The relation answers (``**kwargs: Any``) instead of raising a NameError."""
    assert is_assignable(TakesUnresolved, Callable[[], None]) is True
    assert is_assignable(TakesUnresolved, TakesName) is True
