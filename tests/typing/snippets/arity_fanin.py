"""Fan-in arity: the tuple's length must fit the target's positional parameters."""

from __future__ import annotations

from typedflow import node


@node
def src(x: str) -> str:
    return x


@node
def size(x: str) -> int:
    return len(x)


@node
def pair(a: int, b: int) -> int:
    return a + b


@node
def triple(a: int, b: int, c: int) -> int:
    return a + b + c


@node
def one(a: int) -> int:
    return a


size2 = size.named("size2")
size3 = size.named("size3")
flow_pair = src >> (size, size2) >> pair
flow_too_many = src >> (size, size2, size3) >> pair  # E: Unsupported operand types for >> ("Flow[str, tuple[int, int, int]]" and "SyncNode[[int, int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, tuple[int, int, int]]" and "SyncNode[(a: int, b: int), int]"  [reportOperatorIssue]
flow_too_few = src >> (size, size2) >> triple  # E: Unsupported operand types for >> ("Flow[str, tuple[int, int]]" and "SyncNode[[int, int, int], int]")  [operator]
flow_fan_in_one = (src >> size, src >> size2) >> one  # E: Unsupported left operand type for >> ("tuple[Flow[str, int], Flow[str, int]]")  [operator]
# ^ P: Operator ">>" not supported for types "tuple[Flow[str, int], Flow[str, int]]" and "SyncNode[(a: int), int]"  [reportOperatorIssue]
