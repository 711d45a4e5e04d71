"""Why typedflow.mypy exists: no order of overloads types both kinds of function right.

The decorators here are typedflow's `@node` overloads without the plugin. A plain generic
function returning its TypeVar also matches the coroutine overload (mypy may solve the TypeVar
as a coroutine), and a coroutine function matches a plain overload, so whichever comes first
wins wrongly for one of them; there is no "not a coroutine" type to exclude it.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Generic, ParamSpec, TypeVar, assert_type, overload

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class Sync(Generic[P, R]): ...


class Async(Generic[P, R]): ...


@overload
def async_first(  # type: ignore[overload-overlap]  # the overlap under test
    func: Callable[P, Coroutine[Any, Any, R]], /
) -> Async[P, R]: ...
@overload
def async_first(func: Callable[P, R], /) -> Sync[P, R]: ...
def async_first(func: Callable[..., Any], /) -> Any:
    return func


@overload
def sync_first(func: Callable[P, R], /) -> Sync[P, R]: ...
@overload
def sync_first(func: Callable[P, Coroutine[Any, Any, R]], /) -> Async[P, R]: ...
# ^ P: Overload 2 for "sync_first" will never be used because its parameters overlap overload 1  [reportOverlappingOverload]
def sync_first(func: Callable[..., Any], /) -> Any:
    return func


def first(xs: list[T]) -> T:
    return xs[0]


async def fetch(url: str) -> bytes:
    return url.encode()


def proof() -> None:
    reveal_type(async_first(first))  # N: Revealed type is "tests.typing.snippets.plugin_proof.Async[[xs: list[typing.Coroutine[Any, Any, R]]], R]"
    reveal_type(sync_first(fetch))  # N: Revealed type is "tests.typing.snippets.plugin_proof.Sync[[url: str], typing.Coroutine[Any, Any, bytes]]"
