"""A rejected `>>` leaves later verdicts alone, whatever the arities checked first.

pyright 1.1.414 once kept the first protocol mismatch of a node class for good: after a
3-branch fan-in into a 2-argument node, every 2-branch fan-in failed (and the reverse), and
after a 2-argument node on the left of `>>`, every `>>` did.
"""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node


@node
def src(x: str) -> str:
    return x


@node
def b1(x: str) -> int:
    return len(x)


@node
def b2(x: str) -> str:
    return x


@node
def b3(x: str) -> bytes:
    return x.encode()


@node
def pair(p1: int, p2: str) -> str:
    return ""


@node
def triple(p1: int, p2: str, p3: bytes) -> str:
    return ""


# Not a `flow_*`: the build reports `pair`'s missing argument at its definition.
left_pair = pair >> b2  # E: Invalid self argument "SyncNode[[int, str], str]" to attribute function "__rshift__" with type "Callable[[_Takes[A, B], _Takes1[B, C]], Flow[A, C]]"  [misc]
# ^ E: Need type annotation for "left_pair"  [var-annotated]
# ^ P: Operator ">>" not supported for types "SyncNode[(p1: int, p2: str), str]" and "SyncNode[(x: str), str]"  [reportOperatorIssue]
flow_three_into_pair = (b1, b2, b3) >> pair  # E: Unsupported operand types for >> ("tuple[SyncNode[[str], int], SyncNode[[str], str], SyncNode[[str], bytes]]" and "SyncNode[[int, str], str]")  [operator]
# ^ E: Need type annotation for "flow_three_into_pair"  [var-annotated]
# ^ P: Operator ">>" not supported for types "tuple[SyncNode[(x: str), int], SyncNode[(x: str), str], SyncNode[(x: str), bytes]]" and "SyncNode[(p1: int, p2: str), str]"  [reportOperatorIssue]
flow_pair = (b1, b2) >> pair
flow_triple = (b1, b2, b3) >> triple
flow_two_into_triple = (b1, b2) >> triple  # E: Unsupported operand types for >> ("tuple[SyncNode[[str], int], SyncNode[[str], str]]" and "SyncNode[[int, str, bytes], str]")  [operator]
# ^ E: Need type annotation for "flow_two_into_triple"  [var-annotated]
# ^ P: Operator ">>" not supported for types "tuple[SyncNode[(x: str), int], SyncNode[(x: str), str]]" and "SyncNode[(p1: int, p2: str, p3: bytes), str]"  [reportOperatorIssue]
flow_chain = src >> b1
assert_type(flow_pair, Flow[str, str])
assert_type(flow_triple, Flow[str, str])
assert_type(flow_chain, Flow[str, int])
