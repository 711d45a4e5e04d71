"""A batch node on `list[T] -> list[U]` is seen by edges as `T -> U`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_type

from typedflow import Flow, node
from typedflow._node import BatchedNode


@node
def clean(text: str) -> str:
    return text.strip()


@node(batch_size=16, max_wait=0.05)
def embed(texts: list[str]) -> list[float]:
    return [float(len(t)) for t in texts]


@node(name="score", batch_size=8, concurrency=2)
async def score(values: list[float]) -> Sequence[int]:
    return [int(v) for v in values]


@node
def need_float(x: float) -> float:
    return x


@node
def need_str(x: str) -> str:
    return x


assert_type(embed, BatchedNode[str, float])
assert_type(score, BatchedNode[float, int])
flow_batch = clean >> embed >> need_float
flow_batches = clean >> embed >> score
assert_type(flow_batches, Flow[str, int])
flow_batch_in_bad = need_float >> embed  # E: Need type annotation for "flow_batch_in_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[float], float]" and "BatchedNode[str, float]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: float), float]" and "BatchedNode[str, float]"  [reportOperatorIssue]
flow_batch_out_bad = clean >> embed >> need_str  # E: Need type annotation for "flow_batch_out_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, float]" and "SyncNode[[str], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, float]" and "SyncNode[(x: str), str]"  [reportOperatorIssue]
