"""TypedDicts, Protocols and Optional outputs chained where every edge fits."""

from __future__ import annotations

from typing import Protocol, TypedDict, assert_type

from typedflow import Flow, node


class Record(TypedDict):
    id: int
    text: str


class HasText(Protocol):
    def __getitem__(self, key: str, /) -> object: ...


@node
def parse(line: str) -> Record:
    return {"id": 1, "text": line}


@node
def text_of(r: HasText) -> str | None:
    value = r["text"]
    return value if isinstance(value, str) else None


@node
def fallback(text: str | None) -> str:
    return text or ""


flow_structured = parse >> text_of >> fallback
assert_type(flow_structured, Flow[str, str])
