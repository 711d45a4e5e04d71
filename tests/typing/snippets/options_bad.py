"""Option values of the wrong type are errors at the decorator."""

from __future__ import annotations

from typedflow import node


def definitions() -> None:
    @node(retries="3")  # E: No overload variant of "node" matches argument type "str"  [call-overload]
    # ^ E: Untyped decorator makes function "a" untyped  [untyped-decorator]
    # ^ N: Possible overload variants:
    # ^ N:     def [_P, _T] node(Callable[_P, Coroutine[Any, Any, _T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncNode[_P, _T]
    # ^ N:     def [_P, _T] node(Callable[_P, _T], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncNode[_P, _T]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Coroutine[Any, Any, Sequence[_U]]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Sequence[_U]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def node(*, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> _Decorator
    # ^ N:     def node(*, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> _BatchDecorator
    # ^ P: Argument of type "Literal['3']" cannot be assigned to parameter "retries" of type "int" in function "node"  [reportArgumentType]
    def a(x: str) -> str:
        return x

    @node(name=1)  # E: No overload variant of "node" matches argument type "int"  [call-overload]
    # ^ E: Untyped decorator makes function "b" untyped  [untyped-decorator]
    # ^ N: Possible overload variants:
    # ^ N:     def [_P, _T] node(Callable[_P, Coroutine[Any, Any, _T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncNode[_P, _T]
    # ^ N:     def [_P, _T] node(Callable[_P, _T], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncNode[_P, _T]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Coroutine[Any, Any, Sequence[_U]]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Sequence[_U]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def node(*, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> _Decorator
    # ^ N:     def node(*, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> _BatchDecorator
    # ^ P: Argument of type "Literal[1]" cannot be assigned to parameter "name" of type "str | None" in function "node"  [reportArgumentType]
    def b(x: str) -> str:
        return x

    @node(timeout="1s")  # E: No overload variant of "node" matches argument type "str"  [call-overload]
    # ^ E: Untyped decorator makes function "c" untyped  [untyped-decorator]
    # ^ N: Possible overload variants:
    # ^ N:     def [_P, _T] node(Callable[_P, Coroutine[Any, Any, _T]], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> AsyncNode[_P, _T]
    # ^ N:     def [_P, _T] node(Callable[_P, _T], /, *, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> SyncNode[_P, _T]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Coroutine[Any, Any, Sequence[_U]]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def [_T, _U] node(Callable[[list[_T]], Sequence[_U]], /, *, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> BatchedNode[_T, _U]
    # ^ N:     def node(*, name: str | None = ..., inline: bool = ..., retries: int = ..., retry_on: type[BaseException] | tuple[type[BaseException], ...] = ..., timeout: float | None = ..., backoff: float = ..., jitter: float = ..., fallback: Any = ..., concurrency: int | None = ..., limiter: Limiter | None = ..., cache: bool | CacheBackend = ..., cache_ttl: float | None = ..., cache_size: int | None = ..., batch_size: None = ..., check: bool | None = ..., executor: NodeExecutor | None = ...) -> _Decorator
    # ^ N:     def node(*, name: str | None = ..., batch_size: int, max_wait: float = ..., concurrency: int | None = ..., check: bool | None = ...) -> _BatchDecorator
    # ^ P: Argument of type "Literal['1s']" cannot be assigned to parameter "timeout" of type "float | None" in function "node"  [reportArgumentType]
    async def c(x: str) -> str:
        return x
