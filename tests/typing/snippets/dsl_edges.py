"""The DSL walkthrough: chains, fan-out, fan-in, flows in flows, and the bad edges among them."""

from __future__ import annotations

from collections.abc import Coroutine, Sequence
from typing import Any, assert_type

from typedflow import Flow, TypedPipeline, node
from typedflow._node import AsyncNode, SyncNode


@node
def clean(text: str) -> str:
    return text


@node(name="tok")
async def tokenize(text: str) -> list[str]:
    return text.split()


@node
def count(tokens: Sequence[str]) -> int:
    return len(tokens)


@node
def first(tokens: list[str]) -> str:
    return tokens[0]


@node
def join(n: int, word: str) -> dict[str, object]:
    return {}


@node
def need_dict(d: dict[str, Any]) -> int:
    return 1


@node
def widen(x: float) -> float:
    return x


sync_node: SyncNode[[str], str] = clean
async_node: AsyncNode[[str], list[str]] = tokenize


def calls() -> None:
    assert_type(clean("x"), str)
    coroutine: Coroutine[Any, Any, list[str]] = tokenize("x")
    coroutine.close()


assert_type(clean >> tokenize, Flow[str, list[str]])
assert_type(clean >> tokenize >> count, Flow[str, int])
assert_type(clean >> tokenize >> count >> widen, Flow[str, float])
assert_type(clean >> tokenize >> (count, first), Flow[str, tuple[int, str]])
assert_type(clean >> tokenize >> [count, count], Flow[str, tuple[int, ...]])
assert_type(clean >> tokenize >> (count, first) >> join, Flow[str, dict[str, object]])
assert_type((tokenize >> count, tokenize >> first) >> join, Flow[str, dict[str, object]])
pre = clean >> tokenize
assert_type((pre >> count, pre >> first) >> join, Flow[str, dict[str, object]])
assert_type(pre.build(), TypedPipeline[str, list[str]])
assert_type(pre.build().as_node(), AsyncNode[[str], list[str]])

flow_need_dict = clean >> tokenize >> need_dict  # E: Need type annotation for "flow_need_dict"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, list[str]]" and "SyncNode[[dict[str, Any]], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, list[str]]" and "SyncNode[(d: dict[str, Any]), int]"  [reportOperatorIssue]
flow_swapped = clean >> tokenize >> (first, count) >> join  # E: Unsupported operand types for >> ("Flow[str, tuple[str, int]]" and "SyncNode[[int, str], dict[str, object]]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, tuple[str, int]]" and "SyncNode[(n: int, word: str), dict[str, object]]"  [reportOperatorIssue]
flow_swapped_in = (tokenize >> first, tokenize >> count) >> join  # E: Unsupported operand types for >> ("tuple[Flow[str, str], Flow[str, int]]" and "SyncNode[[int, str], dict[str, object]]")  [operator]
# ^ E: Need type annotation for "flow_swapped_in"  [var-annotated]
# ^ P: Operator ">>" not supported for types "tuple[Flow[str, str], Flow[str, int]]" and "SyncNode[(n: int, word: str), dict[str, object]]"  [reportOperatorIssue]
flow_arity = count >> join  # E: Unsupported operand types for >> ("SyncNode[[Sequence[str]], int]" and "SyncNode[[int, str], dict[str, object]]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(tokens: Sequence[str]), int]" and "SyncNode[(n: int, word: str), dict[str, object]]"  [reportOperatorIssue]
flow_float_to_seq = widen >> count  # E: Need type annotation for "flow_float_to_seq"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[float], float]" and "SyncNode[[Sequence[str]], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: float), float]" and "SyncNode[(tokens: Sequence[str]), int]"  [reportOperatorIssue]
