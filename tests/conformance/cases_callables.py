"""Callable cases: annotations, subtyping, callback protocols (callables_*.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, Protocol, TypeAlias, TypeVar, overload

from .case import Case

T_contra = TypeVar("T_contra", contravariant=True)
P = ParamSpec("P")


class Proto1(Protocol):
    def __call__(self, *args: Any, **kwargs: Any) -> None: ...


class Proto2(Protocol):
    def __call__(self, a: int, /, *args, **kwargs) -> None: ...  # type: ignore[no-untyped-def]


class Proto3(Protocol):
    def __call__(self, a: int, *args: Any, **kwargs: Any) -> None: ...


class Proto4(Protocol[P]):
    def __call__(self, a: int, *args: P.args, **kwargs: P.kwargs) -> None: ...


class Proto5(Protocol[T_contra]):
    def __call__(self, *args: T_contra, **kwargs: T_contra) -> None: ...


class Proto6(Protocol):
    def __call__(self, a: int, /, *args: Any, k: str, **kwargs: Any) -> None: ...


class Proto7(Protocol):
    def __call__(self, a: float, /, b: int, *, k: str, m: str) -> None: ...


class Proto8(Protocol):
    def __call__(self) -> None: ...


class TestCb3(Protocol):  # def test_cb3(a: int, b: int, c: int) -> str
    def __call__(self, a: int, b: int, c: int) -> str: ...


class TestCb4(Protocol):  # def test_cb4(*, a: int) -> str
    def __call__(self, *, a: int) -> str: ...


class TestCb1(Protocol):  # def test_cb1(x: int) -> str
    def __call__(self, x: int) -> str: ...


Callback1: TypeAlias = Callable[P, str]
Callback2: TypeAlias = Callable[Concatenate[int, P], str]
CallbackWithInt: TypeAlias = Callable[Concatenate[int, P], str]
CallbackWithStr: TypeAlias = Callable[Concatenate[str, P], str]


class PosOnly2(Protocol):
    def __call__(self, b: int, a: int, /) -> None: ...


class KwOnly2(Protocol):
    def __call__(self, *, b: int, a: int) -> None: ...


class Standard2(Protocol):
    def __call__(self, a: int, b: int) -> None: ...


class NoArgs3(Protocol):
    def __call__(self) -> None: ...


class IntArgs3(Protocol):
    def __call__(self, *args: int) -> None: ...


class FloatArgs3(Protocol):
    def __call__(self, *args: float) -> None: ...


class PosOnly4(Protocol):
    def __call__(self, a: int, b: str, /) -> None: ...


class IntArgs4(Protocol):
    def __call__(self, *args: int) -> None: ...


class IntStrArgs4(Protocol):
    def __call__(self, *args: int | str) -> None: ...


class StrArgs4(Protocol):
    def __call__(self, a: int, /, *args: str) -> None: ...


class Standard4(Protocol):
    def __call__(self, a: int, b: str) -> None: ...


class NoKwargs5(Protocol):
    def __call__(self) -> None: ...


class IntKwargs5(Protocol):
    def __call__(self, **kwargs: int) -> None: ...


class FloatKwargs5(Protocol):
    def __call__(self, **kwargs: float) -> None: ...


class KwOnly6(Protocol):
    def __call__(self, *, a: int, b: str) -> None: ...


class IntKwargs6(Protocol):
    def __call__(self, **kwargs: int) -> None: ...


class IntStrKwargs6(Protocol):
    def __call__(self, **kwargs: int | str) -> None: ...


class StrKwargs6(Protocol):
    def __call__(self, *, a: int, **kwargs: str) -> None: ...


class Standard6(Protocol):
    def __call__(self, a: int, b: str) -> None: ...


class ProtocolWithP(Protocol[P]):
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None: ...


TypeAliasWithP: TypeAlias = Callable[P, None]


class DefaultArg8(Protocol):
    def __call__(self, x: int = 0) -> None: ...


class NoDefaultArg8(Protocol):
    def __call__(self, x: int) -> None: ...


class NoX8(Protocol):
    def __call__(self) -> None: ...


class Overloaded9(Protocol):
    @overload
    def __call__(self, x: int) -> int: ...
    @overload
    def __call__(self, x: str) -> str: ...


class IntArg9(Protocol):
    def __call__(self, x: int) -> int: ...


class StrArg9(Protocol):
    def __call__(self, x: str) -> str: ...


class FloatArg9(Protocol):
    def __call__(self, x: float) -> float: ...


class Overloaded10(Protocol):
    @overload
    def __call__(self, x: int, y: str) -> float: ...
    @overload
    def __call__(self, x: str) -> complex: ...


class StrArg10(Protocol):
    def __call__(self, x: str) -> complex: ...


class IntStrArg10(Protocol):
    def __call__(self, x: int | str, y: str = "") -> int: ...


_AN = "callables_annotation.py"
_SU = "callables_subtyping.py"

CASES = [
    # callables_annotation
    Case(Callable[[int], list[str]], Callable[..., list[str]], True, f"{_AN}:44"),
    Case(Callable[[], list[str]], Callable[..., list[str]], True, f"{_AN}:45"),
    Case(Callable[..., list[str]], Callable[[int, str], list[str]], True, f"{_AN}:47"),
    Case(Callable[[int], list[int]], Callable[..., list[str]], False, f"{_AN}:44"),  # derived
    Case(Proto5[Any], Callable[[int, str], None], True, f"{_AN}:149"),  # *args: Any, **kw: Any
    Case(Proto1, Callable[[int], None], True, f"{_AN}:147"),
    Case(Proto1, Callable[[int], int], False, f"{_AN}:147"),  # derived: returns None
    Case(Callable[[int], str], Callable[..., str], True, f"{_AN}:71"),
    Case(Callable[[], str], Callable[..., str], True, f"{_AN}:72"),
    Case(Callable[..., str], Callable[[], str], True, f"{_AN}:74"),
    Case(Callable[..., str], Callable[[int, str], str], True, f"{_AN}:74"),
    Case(Callable[..., str], Callable[[], int], False, f"{_AN}:74"),
    Case(Callable[[int], str], Callable[Concatenate[int, ...], str], True, f"{_AN}:90"),
    Case(Callable[[], str], Callable[Concatenate[int, ...], str], False, f"{_AN}:91"),
    Case(Callable[[int, int, int], str], Callable[Concatenate[int, ...], str], True, f"{_AN}:92"),
    Case(TestCb4, Callable[Concatenate[int, ...], str], False, f"{_AN}:93"),
    Case(TestCb1, Callable[Concatenate[int, ...], str], True, f"{_AN}:90"),
    Case(TestCb3, Callable[Concatenate[int, ...], str], True, f"{_AN}:92"),
    Case(TestCb3, Callable[..., str], True, f"{_AN}:92"),
    Case(TestCb1, Callable[[int], str], True, f"{_AN}:71"),
    Case(TestCb1, Callable[[str], str], False, f"{_AN}:71"),
    Case(Proto1, Callable[..., None], True, f"{_AN}:147"),
    Case(Callable[..., None], Proto1, True, f"{_AN}:148"),
    Case(Proto5[Any], Callable[..., None], True, f"{_AN}:149"),
    Case(Callable[..., None], Proto5[Any], True, f"{_AN}:150"),
    Case(Proto2, Callable[Concatenate[int, ...], None], True, f"{_AN}:151"),
    Case(Callable[Concatenate[int, ...], None], Proto2, True, f"{_AN}:152"),
    Case(Proto3, Callable[..., None], True, f"{_AN}:153"),
    Case(Callable[..., None], Proto3, True, f"{_AN}:154"),
    Case(Proto3, Proto4[...], True, f"{_AN}:155"),
    Case(Proto4[...], Proto3, True, f"{_AN}:156"),
    Case(Proto7, Proto6, True, f"{_AN}:157"),
    Case(Proto8, Proto5[Any], False, f"{_AN}:159"),
    Case(Callable[[], str], Callback1[...], True, f"{_AN}:171"),
    Case(Callable[[], str], Callback2[...], False, f"{_AN}:172"),
    Case(Callable[[int], str], Callback1[...], True, f"{_AN}:174"),
    Case(Callable[[int], str], Callback2[...], True, f"{_AN}:175"),
    Case(Callable[[int, str], str], Callable[Concatenate[int, ...], str], True, f"{_AN}:186"),
    Case(Callable[[int, str], str], Callable[Concatenate[str, ...], str], False, f"{_AN}:187"),
    Case(Callable[[int, str], str], CallbackWithInt[...], True, f"{_AN}:188"),
    Case(Callable[[int, str], str], CallbackWithStr[...], False, f"{_AN}:189"),
    # callables_subtyping: parameters are contravariant, the return covariant
    Case(Callable[[float], int], Callable[[int], float], True, f"{_SU}:20"),
    Case(Callable[[float], float], Callable[[int], float], True, f"{_SU}:21"),
    Case(Callable[[int], int], Callable[[int], float], True, f"{_SU}:22"),
    Case(Callable[[float], int], Callable[[float], float], True, f"{_SU}:24"),
    Case(Callable[[float], float], Callable[[float], float], True, f"{_SU}:25"),
    Case(Callable[[int], int], Callable[[float], float], False, f"{_SU}:26"),
    Case(Callable[[float], int], Callable[[int], int], True, f"{_SU}:28"),
    Case(Callable[[float], float], Callable[[int], int], False, f"{_SU}:29"),
    Case(Callable[[int], int], Callable[[int], int], True, f"{_SU}:30"),
    # positional-only / keyword-only
    Case(PosOnly2, Standard2, False, f"{_SU}:51"),
    Case(KwOnly2, Standard2, False, f"{_SU}:52"),
    Case(Standard2, PosOnly2, True, f"{_SU}:54"),
    Case(KwOnly2, PosOnly2, False, f"{_SU}:55"),
    Case(Standard2, KwOnly2, True, f"{_SU}:57"),
    Case(PosOnly2, KwOnly2, False, f"{_SU}:58"),
    Case(Standard2, Callable[[int, int], None], True, f"{_SU}:54"),
    Case(PosOnly2, Callable[[int, int], None], True, f"{_SU}:54"),
    Case(KwOnly2, Callable[[int, int], None], False, f"{_SU}:55"),
    Case(Callable[[int, int], None], PosOnly2, True, f"{_SU}:54"),
    Case(Callable[[int, int], None], Standard2, False, f"{_SU}:51"),
    Case(Callable[[int, int], None], KwOnly2, False, f"{_SU}:58"),
    # *args
    Case(IntArgs3, NoArgs3, True, f"{_SU}:79"),
    Case(FloatArgs3, NoArgs3, True, f"{_SU}:80"),
    Case(NoArgs3, IntArgs3, False, f"{_SU}:82"),
    Case(FloatArgs3, IntArgs3, True, f"{_SU}:83"),
    Case(NoArgs3, FloatArgs3, False, f"{_SU}:85"),
    Case(IntArgs3, FloatArgs3, False, f"{_SU}:86"),
    Case(IntArgs3, Callable[[], None], True, f"{_SU}:79"),
    Case(IntArgs3, Callable[[int, int, int], None], True, f"{_SU}:83"),
    Case(IntArgs3, Callable[[float], None], False, f"{_SU}:86"),
    Case(Callable[[], None], IntArgs3, False, f"{_SU}:82"),
    Case(IntArgs4, PosOnly4, False, f"{_SU}:116"),
    Case(IntStrArgs4, PosOnly4, True, f"{_SU}:117"),
    Case(StrArgs4, PosOnly4, True, f"{_SU}:118"),
    Case(StrArgs4, IntStrArgs4, False, f"{_SU}:119"),
    Case(IntArgs4, IntStrArgs4, False, f"{_SU}:120"),
    Case(IntStrArgs4, StrArgs4, True, f"{_SU}:121"),
    Case(IntArgs4, StrArgs4, False, f"{_SU}:122"),
    Case(IntStrArgs4, IntArgs4, True, f"{_SU}:123"),
    Case(StrArgs4, IntArgs4, False, f"{_SU}:124"),
    Case(IntStrArgs4, Standard4, False, f"{_SU}:125"),
    Case(StrArgs4, Standard4, False, f"{_SU}:126"),
    Case(IntStrArgs4, Callable[[int, str], None], True, f"{_SU}:117"),
    Case(StrArgs4, Callable[[int, str], None], True, f"{_SU}:118"),
    Case(IntArgs4, Callable[[int, str], None], False, f"{_SU}:116"),
    # **kwargs
    Case(IntKwargs5, NoKwargs5, True, f"{_SU}:148"),
    Case(FloatKwargs5, NoKwargs5, True, f"{_SU}:149"),
    Case(NoKwargs5, IntKwargs5, False, f"{_SU}:151"),
    Case(FloatKwargs5, IntKwargs5, True, f"{_SU}:152"),
    Case(NoKwargs5, FloatKwargs5, False, f"{_SU}:154"),
    Case(IntKwargs5, FloatKwargs5, False, f"{_SU}:155"),
    Case(IntKwargs5, Callable[[], None], True, f"{_SU}:148"),
    Case(IntKwargs6, KwOnly6, False, f"{_SU}:187"),
    Case(IntStrKwargs6, KwOnly6, True, f"{_SU}:188"),
    Case(StrKwargs6, KwOnly6, True, f"{_SU}:189"),
    Case(StrKwargs6, IntStrKwargs6, False, f"{_SU}:190"),
    Case(IntKwargs6, IntStrKwargs6, False, f"{_SU}:191"),
    Case(IntStrKwargs6, StrKwargs6, True, f"{_SU}:192"),
    Case(IntKwargs6, StrKwargs6, False, f"{_SU}:193"),
    Case(IntStrKwargs6, IntKwargs6, True, f"{_SU}:194"),
    Case(StrKwargs6, IntKwargs6, False, f"{_SU}:195"),
    Case(IntStrKwargs6, Standard6, False, f"{_SU}:196"),
    Case(StrKwargs6, Standard6, False, f"{_SU}:197"),
    Case(IntStrKwargs6, Callable[[int, str], None], False, f"{_SU}:196"),
    # ParamSpec protocol vs alias
    Case(ProtocolWithP[P], TypeAliasWithP[P], True, f"{_SU}:213"),
    Case(TypeAliasWithP[P], ProtocolWithP[P], True, f"{_SU}:214"),
    Case(ProtocolWithP[...], Callable[..., None], True, f"{_SU}:213"),
    Case(Callable[..., None], ProtocolWithP[...], True, f"{_SU}:214"),
    # defaults
    Case(NoDefaultArg8, DefaultArg8, False, f"{_SU}:236"),
    Case(NoX8, DefaultArg8, False, f"{_SU}:237"),
    Case(DefaultArg8, NoDefaultArg8, True, f"{_SU}:239"),
    Case(NoX8, NoDefaultArg8, False, f"{_SU}:240"),
    Case(DefaultArg8, NoX8, True, f"{_SU}:242"),
    Case(NoDefaultArg8, NoX8, False, f"{_SU}:243"),
    Case(DefaultArg8, Callable[[], None], True, f"{_SU}:242"),
    Case(DefaultArg8, Callable[[int], None], True, f"{_SU}:239"),
    Case(NoDefaultArg8, Callable[[], None], False, f"{_SU}:243"),
    Case(Callable[[int], None], DefaultArg8, False, f"{_SU}:236"),
    Case(Callable[[], None], NoDefaultArg8, False, f"{_SU}:240"),
    # overloads
    Case(Overloaded9, IntArg9, True, f"{_SU}:271"),
    Case(Overloaded9, StrArg9, True, f"{_SU}:272"),
    Case(Overloaded9, FloatArg9, False, f"{_SU}:273"),
    Case(Overloaded9, Callable[[int], int], True, f"{_SU}:271"),
    Case(Overloaded9, Callable[[str], str], True, f"{_SU}:272"),
    Case(Overloaded9, Callable[[float], float], False, f"{_SU}:273"),
    Case(IntStrArg10, Overloaded10, True, f"{_SU}:296"),
    Case(StrArg10, Overloaded10, False, f"{_SU}:297"),
]
