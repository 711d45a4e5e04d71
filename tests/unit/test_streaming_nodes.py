"""Streaming nodes at decoration and build (issue 10, part 3): the edge type of a generator
node, `collect` functions, and the errors of bad definitions."""

from __future__ import annotations

import collections.abc
import typing
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import pytest

from typedflow import GraphError, NodeDefinitionError, build, node
from typedflow._node import AsyncStreamNode, StreamNode, SyncNode, SyncStreamNode

T = TypeVar("T")
HERE = "tests/unit/test_streaming_nodes.py"


def join(chunks: list[str]) -> str:
    return "".join(chunks)


def first_of(chunks: Sequence[T]) -> T:
    return chunks[0]


def count_ints(chunks: list[int]) -> int:
    return len(chunks)


@node
async def generate(question: str) -> AsyncIterator[str]:
    yield question


@node
def words(text: str) -> Iterator[str]:
    yield from text.split()


@node
def shout(text: str) -> str:
    return text.upper()


@node
def count(chunks: list[str]) -> int:
    return len(chunks)


@pytest.mark.parametrize(
    ("returns", "chunk", "kind"),
    [
        (AsyncIterator[str], str, AsyncStreamNode),
        (AsyncGenerator[str, None], str, AsyncStreamNode),
        (collections.abc.AsyncIterator[int], int, AsyncStreamNode),
        (Iterator[bytes], bytes, SyncStreamNode),
        (Generator[int, None, None], int, SyncStreamNode),
        (typing.Iterator[str], str, SyncStreamNode),  # the typing alias too
    ],
    ids=["AsyncIterator", "AsyncGenerator", "abc-AsyncIterator", "Iterator", "Generator", "typing"],
)
def test_a_generator_node_gives_the_list_of_its_chunks(
    returns: object, chunk: object, kind: type[Any]
) -> None:
    def gen(x: int) -> Any:
        yield x

    gen.__annotations__["return"] = returns
    made = node(gen)
    assert type(made) is kind
    assert made.signature.returns == list[chunk]  # type: ignore[valid-type]  # built at run time
    assert made.options.stream is not None
    assert made.options.stream.chunk == chunk
    assert made.options.stream.collect is None


def test_an_unannotated_generator_streams_chunks_of_any() -> None:
    async def agen(x: int):  # type: ignore[no-untyped-def,unused-ignore]  # the case under test
        yield x

    made = node(agen)
    assert type(made) is AsyncStreamNode
    assert made.signature.returns == list[Any]


def test_an_iterable_or_a_coroutine_returning_an_iterator_is_not_a_streaming_node() -> None:
    def gen(x: int) -> Iterable[int]:
        yield x

    async def coroutine(x: int) -> AsyncIterator[int]:
        return agen(x)

    async def agen(x: int) -> AsyncIterator[int]:
        yield x

    assert type(node(gen)) is SyncNode
    assert not isinstance(node(coroutine), StreamNode)
    assert node(coroutine).signature.returns == AsyncIterator[int]


def test_collect_makes_the_edge_type_its_return() -> None:
    @node(collect=join)
    async def answer(q: str) -> AsyncIterator[str]:
        yield q

    assert answer.signature.returns is str
    assert answer.options.stream is not None
    assert answer.options.stream.collect is join
    assert answer.options.stream.chunk is str


def test_a_generic_collect_is_solved_from_the_chunk_type() -> None:
    @node(collect=first_of)
    def numbers(n: int) -> Iterator[int]:
        yield n

    assert numbers.signature.returns is int


def test_a_collect_taking_the_wrong_list_names_the_node_and_its_line() -> None:
    with pytest.raises(NodeDefinitionError) as caught:

        @node(collect=count_ints)  # type: ignore[arg-type]  # the case under test
        async def answer(q: str) -> AsyncIterator[str]:
            yield q

    assert caught.value.message == (
        f"Streaming node `answer` (defined at {HERE}:{_line('@node(collect=count_ints)')}):"
        " collect function `count_ints` takes `list[int]`, but the node gives it `list[str]`"
        " (its chunks are `str`)"
    )


def _line(text: str) -> int:
    with open(__file__) as f:
        return next(i for i, line in enumerate(f, 1) if line.strip().startswith(text))


def test_a_collect_without_annotations_is_an_error() -> None:
    def untyped(chunks):  # type: ignore[no-untyped-def,unused-ignore]  # the case under test
        return chunks

    def gen(q: str) -> Iterator[str]:
        yield q

    with pytest.raises(NodeDefinitionError) as caught:
        node(collect=untyped)(gen)
    assert caught.value.message.endswith(
        "collect function `test_a_collect_without_annotations_is_an_error.<locals>.untyped`"
        " must annotate its parameter and its return, so that the build knows what goes"
        " downstream"
    )
    assert caught.value.message.startswith("Streaming node `gen` (defined at ")


def test_a_collect_taking_two_parameters_is_an_error() -> None:
    def two(chunks: list[str], sep: str) -> str:
        return sep.join(chunks)

    def gen(q: str) -> Iterator[str]:
        yield q

    with pytest.raises(NodeDefinitionError, match="must take exactly one parameter, the list"):
        node(collect=two)(gen)  # type: ignore[arg-type]  # the case under test


def test_collect_on_a_node_that_does_not_stream_is_an_error() -> None:
    def plain(q: str) -> str:
        return q

    with pytest.raises(NodeDefinitionError) as caught:
        node(collect=join)(plain)  # type: ignore[arg-type]  # the case under test
    assert caught.value.message == (
        "`@node` of `plain`: `collect` applies to streaming nodes only (functions annotated"
        " `-> AsyncIterator[T]` or `-> Iterator[T]`, such as generators)"
    )


@pytest.mark.parametrize("option", [{"cache": True}, {"executor": "pool"}])
def test_a_streaming_node_cannot_be_cached_or_run_on_an_executor(option: dict[str, Any]) -> None:
    from typedflow import PoolExecutor

    if option.get("executor") == "pool":
        option = {"executor": PoolExecutor.threads(1)}

    def gen(q: str) -> Iterator[str]:
        yield q

    with pytest.raises(NodeDefinitionError) as caught:
        node(**option)(gen)
    assert caught.value.message == (
        "`@node` of `gen`: a streaming node cannot be a batch node, use an executor or a cache"
    )


def test_named_copies_keep_streaming() -> None:
    copy = generate.named("other")
    assert type(copy) is AsyncStreamNode
    assert copy.signature.returns == list[str]
    assert copy.options.stream == generate.options.stream


def test_the_build_checks_edges_from_the_collected_type() -> None:
    build(generate >> count)
    with pytest.raises(GraphError) as caught:
        build(generate >> shout)  # type: ignore[operator]  # the case under test
    (problem,) = caught.value.problems
    assert problem.code == "TF001"
    assert "`generate` returns `list[str]`, but `shout` expects `str`" in problem.message


def test_the_build_reads_collect_values_and_types_the_pipeline() -> None:
    @node(collect=join)
    def joined(q: str) -> Iterator[str]:
        yield q

    pipeline = build(joined >> shout)
    assert pipeline.output_hint is str
    assert pipeline.input_hint is str
    with pytest.raises(GraphError, match="`joined` returns `str`, but `count` expects"):
        build(joined >> count)  # type: ignore[operator]  # the case under test


def test_a_streaming_node_cannot_be_a_fallback() -> None:
    def plain(q: str) -> list[str]:
        return [q]

    with pytest.raises(NodeDefinitionError) as caught:
        node(fallback=generate)(plain)
    assert caught.value.message == (
        "Streaming node `generate` cannot be a fallback: it gives chunks, not a value"
    )
