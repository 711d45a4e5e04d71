"""Constructors as callables, TypeGuard/TypeIs callables, Annotated, historical positional-only."""

from __future__ import annotations

from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Generator,
    Iterable,
    Iterator,
)
from typing import (
    Annotated,
    Any,
    Literal,
    NoReturn,
    Protocol,
    Self,
    TypeAlias,
    TypeGuard,
    TypeVar,
    Union,
)

from typing_extensions import TypeIs

from .case import Case

T = TypeVar("T")

# ---- constructors_callable


class Class1:
    def __init__(self, x: int) -> None:
        pass


class Class2:
    pass


class Class3:
    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        raise NotImplementedError

    def __init__(self, x: int) -> None: ...


class Class4:
    def __new__(cls, x: int) -> int:  # type: ignore[misc]
        raise NotImplementedError


class Meta1(type):
    def __call__(cls, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotImplementedError("Class not constructable")


class Class5(metaclass=Meta1):
    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        return super().__new__(cls)


class Class6Proxy: ...


class Class6:
    def __new__(cls) -> Class6Proxy:  # type: ignore[misc]
        return Class6Proxy()

    def __init__(self, x: int) -> None:
        pass


class Class6Any:
    def __new__(cls) -> Any:
        return super().__new__(cls)

    def __init__(self, x: int) -> None:
        pass


# ---- narrowing_typeis / narrowing_typeguard


class CallableBoolProto(Protocol):
    def __call__(self, val: object) -> bool: ...


class CallableStrProto(Protocol):
    def __call__(self, val: object) -> str: ...


class FnSimpleTypeIs(Protocol):  # def simple_typeguard(val: object) -> TypeIs[int]
    def __call__(self, val: object) -> TypeIs[int]: ...


class FnSimpleTypeGuard(Protocol):  # def simple_typeguard(val: object) -> TypeGuard[int]
    def __call__(self, val: object) -> TypeGuard[int]: ...


# ---- historical_positional


class FnF1(Protocol):  # def f1(__x: int, __y__: int = 0) -> None
    def __call__(self, x: int, /, __y__: int = 0) -> None: ...


# ---- qualifiers_annotated
SmallInt: TypeAlias = Annotated[int, ""]
TA1: TypeAlias = Annotated[int | str, ""]
TA2 = Annotated[Literal[1, 2], ""]
TA3 = Annotated[T, ""]


class GA: ...


class GB: ...


class IntIterator(Protocol):
    def __next__(self, /) -> int: ...


class AsyncIntIterator(Protocol):
    def __anext__(self, /) -> Awaitable[int]: ...


_GE = "annotations_generators.py"
_CO = "annotations_coroutines.py"
_CC = "constructors_callable.py"
_TI = "narrowing_typeis.py"
_TG = "narrowing_typeguard.py"
_HP = "historical_positional.py"
_QA = "qualifiers_annotated.py"

CASES = [
    # a generator function's type must be assignable to its declared return type
    Case(Generator[GA, Any, Any], Iterable[GA], True, f"{_GE}:69"),
    Case(Generator[GB, Any, Any], Iterator[GA], False, f"{_GE}:75"),
    Case(Generator[None, None, None], Generator[None, None, None], True, f"{_GE}:78"),
    Case(Generator[None, Any, Any], int, False, f"{_GE}:86"),
    Case(AsyncGenerator[None, Any], int, False, f"{_GE}:91"),
    Case(Generator[int, Any, Any], IntIterator, True, f"{_GE}:100"),
    Case(AsyncGenerator[int, Any], AsyncIntIterator, True, f"{_GE}:109"),
    Case(Generator[GA, Any, Any], Iterator[GA], True, f"{_GE}:114"),
    Case(Iterator[GA], Iterable[GB], False, f"{_GE}:118"),
    Case(list[int], Iterable[GB], False, f"{_GE}:119"),
    Case(Generator[None, float, None], Generator[None, int, None], True, f"{_GE}:127"),
    Case(Generator[None, int, None], Generator[None, str, None], False, f"{_GE}:135"),
    Case(Generator[str, Any, Any], Iterable[str], True, f"{_GE}:138"),
    Case(AsyncGenerator[str, Any], AsyncIterable[str], True, f"{_GE}:143"),
    Case(list[int], Iterable[int], True, f"{_GE}:149"),
    Case(AsyncGenerator[str, None], AsyncGenerator[str, None], True, f"{_GE}:168"),
    Case(AsyncGenerator[str, None], AsyncIterator[str], True, f"{_GE}:175"),
    Case(AsyncGenerator[str, None], AsyncIterator[int], False, f"{_GE}:175"),
    Case(
        Callable[[], Coroutine[Any, Any, AsyncIterator[int]]],
        Callable[[], Coroutine[Any, Any, AsyncIterator[int]]],
        True,
        f"{_GE}:185",
    ),
    Case(
        Callable[[int], Coroutine[Any, Any, str]],
        Callable[[int], Coroutine[Any, Any, str]],
        True,
        f"{_CO}:22",
    ),
    Case(Callable[[int], Coroutine[Any, Any, str]], Callable[[int], str], False, f"{_CO}:22"),
    Case(
        Callable[[int], Coroutine[Any, Any, str]],
        Callable[[int], Awaitable[str]],
        True,
        f"{_CO}:22",
    ),
    # a class object is a callable with its constructor's signature
    Case(type[Class1], Callable[..., Class1], True, f"{_CC}:35"),
    Case(type[Class1], Callable[[int], Class1], True, f"{_CC}:35"),
    Case(type[Class1], Callable[[], Class1], False, f"{_CC}:38"),
    Case(type[Class1], Callable[[int], str], False, f"{_CC}:35"),
    Case(type[Class2], Callable[[], Class2], True, f"{_CC}:48"),
    Case(type[Class2], Callable[[int], Class2], False, f"{_CC}:51"),
    Case(type[Class3], Callable[[int], Class3], True, f"{_CC}:63"),
    Case(type[Class3], Callable[[], Class3], False, f"{_CC}:66"),
    Case(type[Class3], Callable[[int, int], Class3], False, f"{_CC}:68"),
    Case(type[Class4], Callable[[int], int], True, f"{_CC}:78"),
    Case(type[Class4], Callable[[], int], False, f"{_CC}:81"),
    Case(type[Class5], Callable[..., NoReturn], True, f"{_CC}:98"),
    Case(type[Class6], Callable[[], Class6Proxy], True, f"{_CC}:126"),
    Case(type[Class6], Callable[[int], Class6Proxy], False, f"{_CC}:129"),
    Case(type[Class6Any], Callable[[], Any], True, f"{_CC}:143"),
    Case(type[Class6Any], Callable[[int], Any], False, f"{_CC}:146"),
    # TypeIs / TypeGuard return types
    Case(Callable[[object], TypeIs[int]], Callable[[object], bool], True, f"{_TI}:136"),
    Case(Callable[[object], TypeIs[int]], Callable[[object], str], False, f"{_TI}:137"),
    Case(FnSimpleTypeIs, CallableBoolProto, True, f"{_TI}:156"),
    Case(FnSimpleTypeIs, CallableStrProto, False, f"{_TI}:157"),
    Case(
        Callable[[object], TypeGuard[int]], Callable[[object], TypeGuard[int]], True, f"{_TI}:173"
    ),
    Case(Callable[[object], TypeIs[int]], Callable[[object], TypeGuard[int]], False, f"{_TI}:174"),
    Case(Callable[[object], TypeGuard[int]], Callable[[object], TypeIs[int]], False, f"{_TI}:175"),
    Case(Callable[[object], TypeIs[int]], Callable[[object], TypeIs[int]], True, f"{_TI}:176"),
    Case(Callable[[object], TypeIs[int]], Callable[[object], TypeIs[int]], True, f"{_TI}:195"),
    Case(Callable[[object], TypeIs[bool]], Callable[[object], TypeIs[int]], False, f"{_TI}:196"),
    Case(Callable[[object], TypeGuard[int]], Callable[[object], bool], True, f"{_TG}:127"),
    Case(Callable[[object], TypeGuard[int]], Callable[[object], str], False, f"{_TG}:128"),
    Case(FnSimpleTypeGuard, CallableBoolProto, True, f"{_TG}:147"),
    Case(FnSimpleTypeGuard, CallableStrProto, False, f"{_TG}:148"),
    Case(
        Callable[[object], TypeGuard[int]], Callable[[object], TypeGuard[int]], True, f"{_TG}:166"
    ),
    Case(
        Callable[[object], TypeGuard[bool]], Callable[[object], TypeGuard[int]], True, f"{_TG}:167"
    ),
    # historical positional-only parameters (written with "/" here)
    Case(FnF1, Callable[[int], None], True, f"{_HP}:16"),
    Case(FnF1, Callable[[int, int], None], True, f"{_HP}:16"),
    Case(FnF1, Callable[[str], None], False, f"{_HP}:16"),
    # Annotated is transparent for assignability
    Case(Annotated[Union[int, str], ""], int | str, True, f"{_QA}:28"),  # noqa: UP007
    Case(int, Annotated[int | None, ""], True, f"{_QA}:29"),
    Case(Annotated[list[int], ""], list[int], True, f"{_QA}:30"),
    Case(Annotated[list[int], ""], list[str], False, f"{_QA}:30"),
    Case(str, Annotated[Any, ""], True, f"{_QA}:31"),
    Case(list[int], Annotated[tuple[int, ...] | list[int], ""], True, f"{_QA}:32"),
    Case(Callable[[], int], Annotated[Callable[..., int], ""], True, f"{_QA}:33"),
    Case(Annotated[int | str, 3, ""], int | str, True, f"{_QA}:54"),
    Case(
        list[dict[str, str]], list[Annotated[dict[str, Annotated[str, ""]], ""]], True, f"{_QA}:64"
    ),
    Case(
        list[dict[str, Literal[1]]],
        Annotated[list[Annotated[dict[str, Annotated[Literal[1, 2, 3], ""]], ""]], ""],
        False,
        f"{_QA}:65",
    ),
    Case(SmallInt, int, True, f"{_QA}:69"),
    Case(bool, SmallInt, True, f"{_QA}:69"),
    Case(str, SmallInt, False, f"{_QA}:69"),
    Case(TA1, int | str, True, f"{_QA}:111"),
    Case(Literal[1], TA2, True, f"{_QA}:112"),
    Case(Literal[3], TA2, False, f"{_QA}:112"),
    Case(TA3[int], int, True, f"{_QA}:113"),
]
