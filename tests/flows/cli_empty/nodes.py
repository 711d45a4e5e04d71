"""Nodes only: a single node is not a flow unless named as TARGET:attr."""

from typedflow import node


@node
def hello(text: str) -> str:
    return f"hello {text}"
