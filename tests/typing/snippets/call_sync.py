"""A decorated plain function is still callable as before, with its full signature."""

from __future__ import annotations

from typing import TypeVar, assert_type

from typedflow import node

T = TypeVar("T")


@node
def scale(x: int, factor: float = 2.0, *, label: str = "") -> float:
    return x * factor


@node
def first(xs: list[T]) -> T:
    return xs[0]


@node(name="shout", inline=True)
def shout(text: str) -> str:
    return text.upper()


def calls() -> None:
    assert_type(scale(1), float)
    assert_type(scale(1, 3.0, label="x"), float)
    assert_type(first([1, 2]), int)
    assert_type(first(["a"]), str)
    assert_type(shout("a"), str)
    scale("1")  # E: Argument 1 to "__call__" of "SyncNode" has incompatible type "str"; expected "int"  [arg-type]
    # ^ P: Argument of type "Literal['1']" cannot be assigned to parameter "x" of type "int" in function "__call__"  [reportArgumentType]
    scale(1, label=2)  # E: Argument "label" to "__call__" of "SyncNode" has incompatible type "int"; expected "str"  [arg-type]
    # ^ P: Argument of type "Literal[2]" cannot be assigned to parameter "label" of type "str" in function "__call__"  [reportArgumentType]
    scale(1, 2.0, 3)  # E: Too many positional arguments for "__call__" of "SyncNode"  [call-arg]
    # ^ E: Argument 3 to "__call__" of "SyncNode" has incompatible type "int"; expected "str"  [arg-type]
    # ^ N: "__call__" defined in "typedflow._node"
    # ^ P: Expected 2 positional arguments  [reportCallIssue]
    shout()  # E: Missing positional argument "text" in call to "__call__" of "SyncNode"  [call-arg]
    # ^ P: Argument missing for parameter "text"  [reportCallIssue]
