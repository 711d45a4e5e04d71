"""Async branches fan out and fan in with sync ones; the tuple is of awaited results."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node


@node
def src(x: str) -> str:
    return x


@node
async def fetch(url: str) -> bytes:
    return url.encode()


@node
async def size(text: str) -> int:
    return len(text)


@node
def upper(text: str) -> str:
    return text.upper()


@node
async def report(data: bytes, n: int, text: str) -> dict[str, object]:
    return {"data": data, "n": n, "text": text}


flow_async_fan = src >> (fetch, size, upper)
assert_type(flow_async_fan, Flow[str, tuple[bytes, int, str]])
flow_async_join = src >> (fetch, size, upper) >> report
assert_type(flow_async_join, Flow[str, dict[str, object]])
