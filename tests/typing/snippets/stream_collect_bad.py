"""A `collect` function must take the node's `list[T]`; `collect` needs a generator node."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from typedflow import node


def count(chunks: list[int]) -> int:
    return len(chunks)


def join(chunks: list[str]) -> str:
    return "".join(chunks)


def definitions() -> None:
    @node(collect=count)  # E: Argument 1 to "__call__" of "_CollectDecorator" has incompatible type "Callable[[str], AsyncIterator[str]]"; expected "_TakesDeps[Never, AsyncIterator[int], Never]"  [arg-type]
    # ^ P: No overloads for "__call__" match the provided arguments  [reportCallIssue]
    # ^ P: Argument of type "(question: str) -> AsyncIterator[str]" cannot be assigned to parameter "func" of type "(**_P@__call__) -> Iterator[int]" in function "__call__"  [reportArgumentType]
    # ^ N: "_TakesDeps[Never, AsyncIterator[int], Never].__call__" has type "def __call__(self, Never, /, *, deps: Never) -> AsyncIterator[int]"
    async def wrong_chunks(question: str) -> AsyncIterator[str]:
        yield question

    @node(collect=count)  # E: Argument 1 to "__call__" of "_CollectDecorator" has incompatible type "Callable[[str], Iterator[str]]"; expected "_TakesDeps[Never, AsyncIterator[int], Never]"  [arg-type]
    # ^ P: No overloads for "__call__" match the provided arguments  [reportCallIssue]
    # ^ P: Argument of type "(question: str) -> Iterator[str]" cannot be assigned to parameter "func" of type "(**_P@__call__) -> Iterator[int]" in function "__call__"  [reportArgumentType]
    # ^ N: "_TakesDeps[Never, AsyncIterator[int], Never].__call__" has type "def __call__(self, Never, /, *, deps: Never) -> AsyncIterator[int]"
    def wrong_sync_chunks(question: str) -> Iterator[str]:
        yield question

    @node(collect=join)  # E: Argument 1 to "__call__" of "_CollectDecorator" has incompatible type "Callable[[str], Coroutine[Any, Any, str]]"; expected "_TakesDeps[Never, AsyncIterator[str], Never]"  [arg-type]
    # ^ P: No overloads for "__call__" match the provided arguments  [reportCallIssue]
    # ^ P: Argument of type "(question: str) -> CoroutineType[Any, Any, str]" cannot be assigned to parameter "func" of type "(**_P@__call__) -> Iterator[str]" in function "__call__"  [reportArgumentType]
    # ^ N: "_TakesDeps[Never, AsyncIterator[str], Never].__call__" has type "def __call__(self, Never, /, *, deps: Never) -> AsyncIterator[str]"
    async def not_a_generator(question: str) -> str:
        return question
