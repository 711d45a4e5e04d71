"""PEP 695 nodes for the build tests (imported only on Python 3.12+)."""

from __future__ import annotations

from typedflow import node

type UserId = int
type JSON = dict[str, JSON] | list[JSON] | str | int | float | bool | None


@node
def parse(text: str) -> int:
    return int(text)


@node
def lookup(user: UserId) -> str:
    return f"user {user}"


@node
def wrap[T](item: T) -> list[T]:
    return [item]


@node
def first[T](items: list[T]) -> T:
    return items[0]


@node
def as_json(name: str) -> JSON:
    return {"name": name, "tags": ["a", 1]}


@node
def keys(doc: JSON) -> int:
    return len(doc) if isinstance(doc, dict) else 0


@node
def shout(text: bytes) -> bytes:
    return text.upper()
