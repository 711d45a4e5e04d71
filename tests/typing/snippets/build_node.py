"""A single node builds as a one-node pipeline of its own types."""

from __future__ import annotations

from typing import Any, assert_type

from typedflow import TypedPipeline, build, node


@node
def clean(text: str) -> str:
    return text.strip()


flow_single = clean


def types() -> None:
    assert_type(build(clean), TypedPipeline[Any, Any])
