"""A module that builds an ill-typed pipeline at import time (issue 5: `check` reports it)."""

from typing import Any

from typedflow import node


@node
def tokenize(text: str) -> list[str]:
    return text.split()


@node
def shout(text: str) -> str:
    return text.upper()


pipeline: Any = (tokenize >> shout).build()  # type: ignore[operator]  # the bad edge under test
