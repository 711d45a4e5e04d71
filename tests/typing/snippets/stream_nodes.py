"""A generator node streams chunks: edges carry the collected `list[T]`, or `collect`'s value."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from typing import TypeVar, assert_type

from typedflow import Flow, node

T = TypeVar("T")


def join(chunks: list[str]) -> str:
    return "".join(chunks)


def total(chunks: list[int]) -> float:
    return float(sum(chunks))


@node
async def generate(question: str) -> AsyncIterator[str]:
    yield question


@node
async def tokens(question: str) -> AsyncGenerator[str, None]:
    yield question


@node
def numbers(n: int) -> Iterator[int]:
    yield from range(n)


@node(name="counted")
def counted(n: int) -> Generator[int, None, None]:
    yield n


@node(collect=join)
async def answer(question: str) -> AsyncIterator[str]:
    yield question


@node(collect=total, retries=2)
def summed(n: int) -> Iterator[int]:
    yield n


@node
def first(xs: list[T]) -> T:
    return xs[0]


@node
def each(xs: list[T]) -> Iterator[T]:
    yield from xs


@node
def split(text: str) -> list[str]:
    return text.split()


@node
def count(chunks: list[str]) -> int:
    return len(chunks)


@node
def shout(text: str) -> str:
    return text.upper()


@node
def half(x: float) -> float:
    return x / 2


assert_type(generate("q"), AsyncIterator[str])
assert_type(numbers(3), Iterator[int])
flow_counted = generate >> count
assert_type(flow_counted, Flow[str, int])
flow_generator_counted = tokens >> count
flow_joined = answer >> shout
assert_type(flow_joined, Flow[str, str])
flow_first_chunk = generate >> first >> shout
flow_sync_total = summed >> half
assert_type(flow_sync_total, Flow[int, float])
flow_numbers = numbers >> first >> half
flow_counted_numbers = counted >> first
flow_generic_stream = split >> each >> count
assert_type(flow_generic_stream, Flow[str, int])
flow_generic_stream_mismatch = numbers >> each >> count  # E: Need type annotation for "flow_generic_stream_mismatch"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[int, list[int]]" and "SyncNode[[list[str]], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[int, list[int]]" and "SyncNode[(chunks: list[str]), int]"  [reportOperatorIssue]
flow_chunk_is_not_the_value = generate >> shout  # E: Need type annotation for "flow_chunk_is_not_the_value"  [var-annotated]
# ^ E: Unsupported operand types for >> ("AsyncStreamNode[[str], list[str], str]" and "SyncNode[[str], str]")  [operator]
# ^ P: Operator ">>" not supported for types "AsyncStreamNode[(question: str), list[str], str]" and "SyncNode[(text: str), str]"  [reportOperatorIssue]
flow_collected_is_not_a_list = answer >> count  # E: Need type annotation for "flow_collected_is_not_a_list"  [var-annotated]
# ^ E: Unsupported operand types for >> ("AsyncStreamNode[[str], str, str]" and "SyncNode[[list[str]], int]")  [operator]
# ^ P: Operator ">>" not supported for types "AsyncStreamNode[(question: str), str, str]" and "SyncNode[(chunks: list[str]), int]"  [reportOperatorIssue]
flow_ints_are_not_strs = numbers >> count  # E: Need type annotation for "flow_ints_are_not_strs"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncStreamNode[[int], list[int], int]" and "SyncNode[[list[str]], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncStreamNode[(n: int), list[int], int]" and "SyncNode[(chunks: list[str]), int]"  [reportOperatorIssue]
