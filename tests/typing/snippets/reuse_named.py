"""`named()` copies a node as a new vertex with the same type; reusing it twice is fine."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node
from typedflow._node import AsyncNode, SyncNode


@node
def clean(text: str) -> str:
    return text.strip()


@node
async def fetch(url: str) -> bytes:
    return url.encode()


@node
def join(a: str, b: str) -> str:
    return a + b


clean_again = clean.named("clean_again")
fetch_again = fetch.named("fetch_again")
sync_copy: SyncNode[[str], str] = clean_again
async_copy: AsyncNode[[str], bytes] = fetch_again
flow_twice = clean >> clean_again
flow_diamond = clean >> (clean_again, clean.named("third")) >> join
assert_type(flow_twice, Flow[str, str])
flow_async_copies = fetch >> (fetch_again, fetch_again)  # E: Need type annotation for "flow_async_copies"  [var-annotated]
# ^ E: Unsupported operand types for >> ("AsyncNode[[str], bytes]" and "tuple[AsyncNode[[str], bytes], AsyncNode[[str], bytes]]")  [operator]
# ^ P: Operator ">>" not supported for types "AsyncNode[(url: str), bytes]" and "tuple[AsyncNode[(url: str), bytes], AsyncNode[(url: str), bytes]]"  [reportOperatorIssue]
