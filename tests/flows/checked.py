"""Nodes whose values break their hints at run time, for the runtime-check tests."""

from typing import Protocol, TypedDict

from typedflow import node


class Movie(TypedDict):
    title: str
    year: int


class Speaker(Protocol):
    def speak(self) -> str: ...


class Dog:
    def speak(self) -> str:
        return "woof"


@node(inline=True)
def lies(n: int) -> int:
    return str(n)  # type: ignore[return-value]  # the wrong scalar, on purpose


@node(inline=True)
def bad_items(n: int) -> list[int]:
    return [str(n), "x"]  # type: ignore[list-item]  # wrong elements, on purpose


@node(inline=True)
def total(xs: list[int]) -> int:
    return sum(xs)


@node(inline=True)
def partial_movie(title: str) -> Movie:
    return {"title": title}  # type: ignore[typeddict-item]  # a missing key, on purpose


@node(inline=True)
def year(movie: Movie) -> int:
    return movie["year"]


@node(inline=True)
def speaker(name: str) -> Speaker:
    return name  # type: ignore[return-value]  # a str does not speak


@node(inline=True)
def dog(name: str) -> Speaker:
    return Dog()


@node(inline=True)
def speak(s: Speaker) -> str:
    return s.speak()


@node(inline=True)
def double(n: int) -> int:
    return 2 * n
