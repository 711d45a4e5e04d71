"""Decorator options keep the node's type; bad option types are errors."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node
from typedflow._node import AsyncNode, SyncNode


@node(name="cleaner", inline=True)
def clean(text: str) -> str:
    return text.strip()


@node(retries=2, retry_on=(ValueError, KeyError), timeout=1.5, backoff=0.2, jitter=0.0)
async def fetch(url: str) -> bytes:
    return url.encode()


@node(concurrency=4, fallback=0)
def size(data: bytes) -> int:
    return len(data)


@node(name="shown", timeout=None, concurrency=None)
def show(n: int) -> str:
    return str(n)


sync_node: SyncNode[[str], str] = clean
async_node: AsyncNode[[str], bytes] = fetch
options_node: SyncNode[[bytes], int] = size
flow_options = clean >> fetch >> size >> show
assert_type(flow_options, Flow[str, str])
flow_options_bad = clean >> size  # E: Need type annotation for "flow_options_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], str]" and "SyncNode[[bytes], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(text: str), str]" and "SyncNode[(data: bytes), int]"  [reportOperatorIssue]
