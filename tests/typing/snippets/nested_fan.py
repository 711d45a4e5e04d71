"""Flows inside fan-out tuples and fan-in tuples are typed by their ends."""

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


@node
def first(tokens: list[str]) -> str:
    return tokens[0]


@node
def join(n: int, word: str) -> str:
    return f"{n}{word}"


words2 = words.named("words2")
flow_out = clean >> (words >> count, words2 >> first)
assert_type(flow_out, Flow[str, tuple[int, str]])
flow_in = clean >> (words >> count, words2 >> first) >> join
assert_type(flow_in, Flow[str, str])
flow_mixed = clean >> (words >> count, clean.named("clean2")) >> join
flow_flows_in = (clean >> words >> count, clean >> words2 >> first) >> join
flow_nested_bad = clean >> (words >> first, words2 >> count) >> join  # E: Unsupported operand types for >> ("Flow[str, tuple[str, int]]" and "SyncNode[[int, str], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, tuple[str, int]]" and "SyncNode[(n: int, word: str), str]"  [reportOperatorIssue]
# One node object as the entry of two branches is one vertex fed twice (parallel edges):
flow_shared_entry = clean >> (words >> count, words >> first)
