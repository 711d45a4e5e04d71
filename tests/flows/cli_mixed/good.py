"""A clean flow, checked although its siblings fail."""

from typedflow import node


@node
def strip(text: str) -> str:
    return text.strip()


@node
def length(text: str) -> int:
    return len(text)


measure = strip >> length
