"""The package's nodes, and no flow."""

from typedflow import node


@node
def parse(text: str) -> int:
    return int(text)


@node
def double(n: int) -> int:
    return 2 * n


@node
def shout(text: str) -> str:
    return text.upper()
