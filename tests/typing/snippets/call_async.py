"""A decorated coroutine function returns a coroutine when called directly."""

from __future__ import annotations

from typing import TypeVar, assert_type

from typedflow import node

T = TypeVar("T")


@node
async def fetch(url: str, retries: int = 0) -> bytes:
    return url.encode()


@node(name="pick")
async def first(xs: list[T]) -> T:
    return xs[0]


async def calls() -> None:
    _ = reveal_type(fetch("u"))  # N: Revealed type is "typing.Coroutine[Any, Any, bytes]"
    assert_type(await fetch("u", retries=2), bytes)
    assert_type(await first([1]), int)
    fetch(1)  # E: Value of type "Coroutine[Any, Any, bytes]" must be used  [unused-coroutine]
    # ^ E: Argument 1 to "__call__" of "AsyncNode" has incompatible type "int"; expected "str"  [arg-type]
    # ^ N: Are you missing an await?
    # ^ P: Argument of type "Literal[1]" cannot be assigned to parameter "url" of type "str" in function "__call__"  [reportArgumentType]
    # ^ P: Result of async function call is not used; use "await" or assign result to variable  [reportUnusedCoroutine]
    data: str = await fetch("u")  # E: Incompatible types in assignment (expression has type "bytes", variable has type "str")  [assignment]
    # ^ P: Type "bytes" is not assignable to declared type "str"  [reportAssignmentType]
