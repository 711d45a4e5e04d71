"""Async and sync nodes mix freely; an async node is seen by its awaited result."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node


@node
def clean(text: str) -> str:
    return text.strip()


@node
async def fetch(url: str) -> bytes:
    return url.encode()


@node
async def decode(data: bytes) -> str:
    return data.decode()


@node
def size(text: str) -> int:
    return len(text)


flow_sync_async = clean >> fetch
flow_async_async = fetch >> decode
flow_async_sync = clean >> fetch >> decode >> size
assert_type(flow_sync_async, Flow[str, bytes])
assert_type(flow_async_sync, Flow[str, int])
assert_type(clean >> (fetch, size), Flow[str, tuple[bytes, int]])
flow_async_bad = fetch >> size  # E: Need type annotation for "flow_async_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("AsyncNode[[str], bytes]" and "SyncNode[[str], int]")  [operator]
# ^ P: Operator ">>" not supported for types "AsyncNode[(url: str), bytes]" and "SyncNode[(text: str), int]"  [reportOperatorIssue]
