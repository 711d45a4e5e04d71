"""A module that prints while importing and holds an ill-typed flow (issue 9: stdout stays JSON)."""

from typing import Any

from typedflow import node

print("loading the model...")


@node
def tokenize(text: str) -> list[str]:
    return text.split()


@node
def shout(text: str) -> str:
    return text.upper()


flow: Any = tokenize >> shout  # type: ignore[operator]  # the bad edge under test


def make() -> Any:
    """Prints too, when `check` calls it."""
    print("building...")
    return flow
