"""A batch node needs one `list[T]` parameter and a sequence result."""

from __future__ import annotations

from typedflow import node


def definitions() -> None:
    @node(batch_size=4)  # E: Argument 1 to "__call__" of "_BatchDecorator" has incompatible type "Callable[[str], list[int]]"; expected "Callable[[list[Never]], Coroutine[Any, Any, Sequence[Never]]]"  [arg-type]
    # ^ P: Argument of type "(text: str) -> list[int]" cannot be assigned to parameter "func" of type "(list[_T@__call__]) -> Sequence[_U@__call__]" in function "__call__"  [reportArgumentType]
    # ^ P: No overloads for "__call__" match the provided arguments  [reportCallIssue]
    def not_a_list(text: str) -> list[int]:
        return [len(text)]

    @node(batch_size=4)  # E: Argument 1 to "__call__" of "_BatchDecorator" has incompatible type "Callable[[list[str]], int]"; expected "Callable[[list[str]], Coroutine[Any, Any, Sequence[Never]]]"  [arg-type]
    # ^ P: Argument of type "(texts: list[str]) -> int" cannot be assigned to parameter "func" of type "(list[_T@__call__]) -> Sequence[_U@__call__]" in function "__call__"  [reportArgumentType]
    # ^ P: No overloads for "__call__" match the provided arguments  [reportCallIssue]
    def not_a_sequence(texts: list[str]) -> int:
        return len(texts)

    @node(batch_size=4, retries=2)  # E: No overload variant of "node" matches argument types "int", "int"  [call-overload]
    # ^ E: Untyped decorator makes function "with_retries" untyped  [untyped-decorator]
    # ^ N: Possible overload variants:
    # ^ N:     def [_T, _U, _D] node(_TakesDeps[_T, Coroutine[Any, Any, _U], _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncDepsNode[_T, _U, _D]
    # ^ N:     def [_T, _U, _D] node(_TakesDeps[_T, _U, _D], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncDepsNode[_T, _U, _D]
    # ^ N:     def [_P, _T] node(Callable[_P, Coroutine[Any, Any, _T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncNode[_P, _T]
    # ^ N:     def [_P, _T] node(Callable[_P, AsyncIterator[_T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncStreamNode[_P, list[_T], _T]
    # ^ N:     def [_P, _T] node(Callable[_P, Iterator[_T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncStreamNode[_P, list[_T], _T]
    # ^ N:     def [_P, _T] node(Callable[_P, _T], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncNode[_P, _T]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Coroutine[Any, Any, Sequence[_U]]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Sequence[_U]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def node(*, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> _Decorator
    # ^ N:     def [_T, _U] node(*, collect: Callable[[list[_T]], _U], name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., check: bool | None = ...) -> _CollectDecorator[_T, _U]
    # ^ N:     def node(*, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> _BatchDecorator
    # ^ P: Argument of type "Literal[4]" cannot be assigned to parameter "batch_size" of type "None" in function "node"  [reportArgumentType]
    def with_retries(texts: list[str]) -> list[int]:
        return [len(t) for t in texts]
