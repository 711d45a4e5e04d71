"""Two vertices with one name: the build rejects it (TF005); types cannot see names."""

from __future__ import annotations

from typedflow import node


@node(name="step")
def one(text: str) -> str:
    return text


@node(name="step")
def two(text: str) -> str:
    return text


flow_duplicate = one >> two
