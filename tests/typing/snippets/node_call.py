"""`node(f, name=...)` (the function and options in one call) keeps the node's precise type."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, node
from typedflow._node import AsyncNode, BatchedNode, SyncNode


def strip(text: str) -> str:
    return text.strip()


async def fetch(url: str) -> bytes:
    return url.encode()


def sizes(batch: list[bytes]) -> list[int]:
    return [len(b) for b in batch]


cleaner = node(strip, name="cleaner")
getter = node(fetch, name="getter", retries=2, timeout=1.0)
sizer = node(sizes, name="sizer", batch_size=8)
sync_node: SyncNode[[str], str] = cleaner
async_node: AsyncNode[[str], bytes] = getter
batch_node: BatchedNode[bytes, int] = sizer
flow_named = cleaner >> getter >> sizer
assert_type(flow_named, Flow[str, int])
flow_copies = node(strip, name="copy") >> cleaner.named("again")
assert_type(flow_copies, Flow[str, str])
flow_named_bad = getter >> cleaner  # E: Unsupported operand types for >> ("AsyncNode[[str], bytes]" and "SyncNode[[str], str]")  [operator]
# ^ E: Need type annotation for "flow_named_bad"  [var-annotated]
# ^ P: Operator ">>" not supported for types "AsyncNode[(url: str), bytes]" and "SyncNode[(text: str), str]"  [reportOperatorIssue]


def bad_option() -> None:
    node(strip, name=1)  # E: No overload variant of "node" matches argument types "Callable[[str], str]", "int"  [call-overload]
    # ^ N: Possible overload variants:
    # ^ N:     def [_T, _U, _D] node(_TakesDeps[_T, Coroutine[Any, Any, _U], _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncDepsNode[_T, _U, _D]
    # ^ N:     def [_T, _U, _D] node(_TakesDeps[_T, _U, _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncDepsNode[_T, _U, _D]
    # ^ N:     def [_T, _T2, _U, _D] node(_TakesDeps2[_T, _T2, Coroutine[Any, Any, _U], _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncDepsNode2[_T, _T2, _U, _D]
    # ^ N:     def [_T, _T2, _U, _D] node(_TakesDeps2[_T, _T2, _U, _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncDepsNode2[_T, _T2, _U, _D]
    # ^ N:     def [_T, _T2, _T3, _U, _D] node(_TakesDeps3[_T, _T2, _T3, Coroutine[Any, Any, _U], _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncDepsNode3[_T, _T2, _T3, _U, _D]
    # ^ N:     def [_T, _T2, _T3, _U, _D] node(_TakesDeps3[_T, _T2, _T3, _U, _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncDepsNode3[_T, _T2, _T3, _U, _D]
    # ^ N:     def [_P, _T] node(Callable[_P, Coroutine[Any, Any, _T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncNode[_P, _T]
    # ^ N:     def [_P, _T] node(Callable[_P, AsyncIterator[_T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncStreamNode[_P, list[_T], _T]
    # ^ N:     def [_P, _T] node(Callable[_P, Iterator[_T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncStreamNode[_P, list[_T], _T]
    # ^ N:     def [_P, _T] node(Callable[_P, _T], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncNode[_P, _T]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Coroutine[Any, Any, Sequence[_U]]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Sequence[_U]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def node(*, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> _Decorator
    # ^ N:     def [_T, _U] node(*, collect: Callable[[list[_T]], _U], name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., check: bool | None = ...) -> _CollectDecorator[_T, _U]
    # ^ N:     def node(*, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> _BatchDecorator
    # ^ P: No overloads for "node" match the provided arguments  [reportCallIssue]
    # ^ P: Argument of type "Literal[1]" cannot be assigned to parameter "name" of type "str | None" in function "node"  [reportArgumentType]
    # ^ N:     def [_T, _U, _D] node(_TakesDeps[_T, AsyncIterator[_U], _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncDepsStreamNode[_T, list[_U], _U, _D]
    # ^ N:     def [_T, _U, _D] node(_TakesDeps[_T, Iterator[_U], _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncDepsStreamNode[_T, list[_U], _U, _D]
