"""Flows compose with flows and nodes exactly like nodes do."""

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
def show(n: int) -> str:
    return str(n)


pre = clean >> words
post = count >> show
flow_flow_flow = pre >> post
flow_node_flow = clean >> (words >> count)
flow_deep = (clean >> (words >> (count >> show))) >> (clean.named("again") >> words.named("words2"))
assert_type(flow_flow_flow, Flow[str, str])
assert_type(flow_node_flow, Flow[str, int])
assert_type(flow_deep, Flow[str, list[str]])
flow_flow_bad = post >> (count.named("count2") >> show.named("show2"))  # E: Need type annotation for "flow_flow_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[list[str], str]" and "Flow[list[str], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[list[str], str]" and "Flow[list[str], str]"  [reportOperatorIssue]
