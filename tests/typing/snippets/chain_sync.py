"""A chain of sync nodes is a Flow from the first input to the last output."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node


@node
def clean(text: str) -> str:
    return text.strip()


@node
def words(text: str) -> list[str]:
    return text.split()


@node
def count(tokens: list[str]) -> int:
    return len(tokens)


flow_two = clean >> words
flow_three = clean >> words >> count
assert_type(flow_two, Flow[str, list[str]])
assert_type(flow_three, Flow[str, int])
