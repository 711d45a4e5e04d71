"""Typed nodes shared by the flow fixtures and the DSL tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from typedflow import node

T = TypeVar("T")
N = TypeVar("N", bound=float)


@node
def clean(text: str) -> str:
    return text.lower().strip()


@node(name="tok")
async def tokenize(text: str) -> list[str]:
    return text.split()


@node
def count(tokens: Sequence[str]) -> int:
    return len(tokens)


@node
def first(xs: list[T]) -> T:
    return xs[0]


@node
def biggest(xs: list[N]) -> N:
    return max(xs)


@node
def join(n: int, word: str) -> dict[str, object]:
    return {"n": n, "word": word}


@node
def need_dict(d: dict[str, Any]) -> int:
    return len(d)


@node
def need_int(x: int) -> int:
    return x


@node
def half(x: float) -> float:
    return x / 2


@node
def maybe(x: int) -> int | None:
    return x if x > 0 else None


@node
def keyword(x: int, *, scale: int) -> int:
    return x * scale


@node
def loose(x):  # type: ignore[no-untyped-def]  # a node without annotations, on purpose
    return x


@node
def inc(x: int) -> int:
    return x + 1


@node
def add(x: int, y: int) -> int:
    return x + y


@node
def sub(x: int, y: int) -> int:
    return x - y


@node
def split(text: str) -> tuple[str, int]:
    return text, len(text)


@node
def head(xs: tuple[T, ...]) -> T:
    return xs[0]


@node
def pair(a: T, b: T) -> list[T]:
    return [a, b]


@node
def need_strs(xs: list[str]) -> int:
    return len(xs)


@node
def dec(x: int) -> int:
    return x - 1
