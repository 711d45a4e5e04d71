"""`@node` and `Node`: a frozen wrapper of a typed callable with its resolved hints and options."""

from __future__ import annotations

import dataclasses
import inspect
import sys
import typing
from dataclasses import dataclass
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, Protocol, TypeVar, overload

from ._errors import NodeDefinitionError
from ._flow import Composable, Flow, caller_location
from ._generators import chunks_of, is_async_stream, streamed
from ._options import DEFAULT_OPTIONS, FallbackCall, NodeOptions, per_item
from ._reading import DeferredSignature, NodeSignature
from ._reading import check_deps as _check_deps
from ._reading import deferrable as _deferrable
from ._reading import definition_site as _definition_site
from ._reading import label as _label
from ._reading import name_of as _name_of
from ._reading import plain_signature as _plain_signature
from ._reading import read_signature as _signature
from ._reading import reject_method as _reject_method
from ._reading import resolve_hints as _resolve_hints
from ._runtime import NO_FALLBACK, is_coroutine_function

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Sequence
    from typing import Self

    from ._runtime import CacheBackend, Limiter, NodeExecutor

__all__ = [
    "AsyncDepsNode",
    "AsyncDepsNode2",
    "AsyncDepsNode3",
    "AsyncDepsStreamNode",
    "AsyncNode",
    "AsyncStreamNode",
    "BatchedNode",
    "Node",
    "NodeSignature",
    "StreamNode",
    "SyncDepsNode",
    "SyncDepsNode2",
    "SyncDepsNode3",
    "SyncDepsStreamNode",
    "SyncNode",
    "SyncStreamNode",
    "node",
]

P = ParamSpec("P")
R = TypeVar("R", covariant=True)
_P = ParamSpec("_P")
_T = TypeVar("_T")
_U = TypeVar("_U")
_V = TypeVar("_V")
_U_co = TypeVar("_U_co", covariant=True)
C = TypeVar("C", covariant=True)
_D = TypeVar("_D")
_X_contra = TypeVar("_X_contra", contravariant=True)
_R_co = TypeVar("_R_co", covariant=True)
_D_contra = TypeVar("_D_contra", contravariant=True)
_T2 = TypeVar("_T2")
_T3 = TypeVar("_T3")
_X2_contra = TypeVar("_X2_contra", contravariant=True)
_X3_contra = TypeVar("_X3_contra", contravariant=True)


@dataclass(frozen=True, slots=True, eq=False)
class Node(Composable, Generic[P, R]):
    """A typed function wrapped as a pipeline vertex; call it exactly like the function.

    A node object is one vertex: using it twice in a graph means the same vertex (so
    `a >> b >> a` is a cycle). `named()` gives an independent copy.

    Attributes:
        func: The wrapped function.
        name: The vertex name in the compiled pipeline (default: the function's `__name__`).
        inline: Run a sync function on the event loop instead of the thread pool.
        is_async: Whether `func` is a coroutine function.
        signature: The resolved parameter and return hints.
        path: The file that defined the node.
        line: The line that defined the node.
        options: Retries, timeout, fallback, concurrency limit and batching.
    """

    func: Callable[..., Any]
    name: str
    inline: bool
    is_async: bool
    signature: NodeSignature
    path: str
    line: int
    options: NodeOptions = DEFAULT_OPTIONS

    if TYPE_CHECKING:

        def _sig(self, *args: P.args, **kwargs: P.kwargs) -> R:
            """The node's type as a callable returning the awaited result (for `>>` typing)."""
            ...

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> object:
        """Call the wrapped function directly (a coroutine function returns a coroutine)."""
        return self.func(*args, **kwargs)

    @property
    def __wrapped__(self) -> Callable[..., Any]:
        """The wrapped function, so `inspect.signature` sees its signature."""
        return self.func

    def named(self, name: str) -> Self:
        """Return an independent copy (a new vertex) called `name`, defined where this is called."""
        if not name:
            raise TypeError(f"`named` needs a non-empty string, not {name!r}")
        path, line = caller_location(sys._getframe(1))
        return dataclasses.replace(self, name=name, path=path, line=line)

    def _as_flow(self) -> Flow[Any, Any]:
        return Flow((self,), (self,), None)

    def __repr__(self) -> str:
        return f"<node `{self.name}` at {self.path}:{self.line}>"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SyncNode(Node[P, R]):
    """A node wrapping a plain function: calling it returns the result."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Call the wrapped function directly."""
        result: R = self.func(*args, **kwargs)
        return result


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AsyncNode(Node[P, R]):
    """A node wrapping a coroutine function: calling it returns a coroutine of the result."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Coroutine[Any, Any, R]:
        """Call the wrapped coroutine function directly."""
        result: Coroutine[Any, Any, R] = self.func(*args, **kwargs)
        return result


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class BatchedNode(Node[[_T], _U]):
    """A batch node: its function maps `list[T] -> list[U]`; edges see one `T -> U` per item.

    The compiled node groups the items of concurrent executions (and of a stream) into one
    call, flushing when `batch_size` items wait or after `max_wait` seconds.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the wrapped function directly, on a whole batch."""
        return self.func(*args, **kwargs)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StreamNode(Node[P, R], Generic[P, R, C]):
    """A generator node: it streams chunks of type `C`; downstream receives `R`, the collected
    `list[C]` (or what its `collect` function makes of it).

    A run started with `TypedPipeline.start` gives the chunks live (`chunks(node)`).
    """

    if TYPE_CHECKING:

        def _chunk_type(self) -> C:
            """The chunk type (for typing `LiveRun.chunks`)."""
            ...


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AsyncStreamNode(StreamNode[P, R, C]):
    """A streaming node of an async generator function: calling it returns the generator."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> AsyncIterator[C]:
        """Call the wrapped function directly."""
        result: AsyncIterator[C] = self.func(*args, **kwargs)
        return result


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SyncStreamNode(StreamNode[P, R, C]):
    """A streaming node of a generator function: calling it returns the generator."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Iterator[C]:
        """Call the wrapped function directly."""
        result: Iterator[C] = self.func(*args, **kwargs)
        return result


# Streaming nodes of one input that take the run's dependencies: the graph sees `(T) -> R`
# (R: the collected chunks), a direct call needs `deps=` and returns the generator.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AsyncDepsStreamNode(StreamNode[[_T], R, C], Generic[_T, R, C, _D]):
    """A streaming node of an async generator function of one input and the run's `deps`."""

    def __call__(self, x: _T, /, *, deps: _D) -> AsyncIterator[C]:  # type: ignore[override]  # needs deps
        """Call the wrapped function directly."""
        result: AsyncIterator[C] = self.func(x, deps=deps)
        return result


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SyncDepsStreamNode(StreamNode[[_T], R, C], Generic[_T, R, C, _D]):
    """A streaming node of a generator function of one input and the run's `deps`."""

    def __call__(self, x: _T, /, *, deps: _D) -> Iterator[C]:  # type: ignore[override]  # needs deps
        """Call the wrapped function directly."""
        result: Iterator[C] = self.func(x, deps=deps)
        return result


class _CollectDecorator(Protocol[_T, _U_co]):
    @overload
    def __call__(
        self, func: _TakesDeps[_V, AsyncIterator[_T], _D], /
    ) -> AsyncDepsStreamNode[_V, _U_co, _T, _D]: ...
    @overload
    def __call__(
        self, func: _TakesDeps[_V, Iterator[_T], _D], /
    ) -> SyncDepsStreamNode[_V, _U_co, _T, _D]: ...
    @overload
    def __call__(
        self, func: Callable[_P, AsyncIterator[_T]], /
    ) -> AsyncStreamNode[_P, _U_co, _T]: ...
    @overload
    def __call__(self, func: Callable[_P, Iterator[_T]], /) -> SyncStreamNode[_P, _U_co, _T]: ...


# A node of one input that takes the run's dependencies (`*, deps: D`): the graph (and `>>`)
# sees `(T) -> R`, a direct call needs `deps=`. Base `Node.__call__` has no `deps`, hence the
# ignored overrides: a deps node is called with what it declares.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SyncDepsNode(Node[[_T], _U], Generic[_T, _U, _D]):
    """A node wrapping a plain function of one input and the run's `deps` (at run time, also
    one of four inputs or more, which the checkers type as a `SyncNode`)."""

    if TYPE_CHECKING:

        def __call__(self, x: _T, /, *, deps: _D) -> _U:  # type: ignore[override]  # needs deps
            """Call the wrapped function directly."""
            ...

    else:

        def __call__(self, *args, deps):
            """Call the wrapped function directly."""
            return self.func(*args, deps=deps)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AsyncDepsNode(Node[[_T], _U], Generic[_T, _U, _D]):
    """A node wrapping a coroutine function of one input and the run's `deps` (at run time,
    also one of four inputs or more, which the checkers type as an `AsyncNode`)."""

    if TYPE_CHECKING:

        def __call__(  # type: ignore[override]  # needs deps
            self, x: _T, /, *, deps: _D
        ) -> Coroutine[Any, Any, _U]:
            """Call the wrapped coroutine function directly."""
            ...

    else:

        def __call__(self, *args, deps):
            """Call the wrapped coroutine function directly."""
            return self.func(*args, deps=deps)


class _TakesDeps(Protocol[_X_contra, _R_co, _D_contra]):
    def __call__(self, x: _X_contra, /, *, deps: _D_contra) -> _R_co: ...


# Fan-in nodes that take the run's dependencies: two or three inputs (`(a, b) >> join`), seen
# by the graph as `(T1, T2) -> R` and `(T1, T2, T3) -> R`.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SyncDepsNode2(Node[[_T, _T2], _U], Generic[_T, _T2, _U, _D]):
    """A node wrapping a plain function of two inputs and the run's `deps`."""

    def __call__(self, x1: _T, x2: _T2, /, *, deps: _D) -> _U:  # type: ignore[override]  # needs deps
        """Call the wrapped function directly."""
        result: _U = self.func(x1, x2, deps=deps)
        return result


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AsyncDepsNode2(Node[[_T, _T2], _U], Generic[_T, _T2, _U, _D]):
    """A node wrapping a coroutine function of two inputs and the run's `deps`."""

    def __call__(  # type: ignore[override]  # needs deps
        self, x1: _T, x2: _T2, /, *, deps: _D
    ) -> Coroutine[Any, Any, _U]:
        """Call the wrapped coroutine function directly."""
        result: Coroutine[Any, Any, _U] = self.func(x1, x2, deps=deps)
        return result


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SyncDepsNode3(Node[[_T, _T2, _T3], _U], Generic[_T, _T2, _T3, _U, _D]):
    """A node wrapping a plain function of three inputs and the run's `deps`."""

    def __call__(  # type: ignore[override]  # needs deps
        self, x1: _T, x2: _T2, x3: _T3, /, *, deps: _D
    ) -> _U:
        """Call the wrapped function directly."""
        result: _U = self.func(x1, x2, x3, deps=deps)
        return result


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AsyncDepsNode3(Node[[_T, _T2, _T3], _U], Generic[_T, _T2, _T3, _U, _D]):
    """A node wrapping a coroutine function of three inputs and the run's `deps`."""

    def __call__(  # type: ignore[override]  # needs deps
        self, x1: _T, x2: _T2, x3: _T3, /, *, deps: _D
    ) -> Coroutine[Any, Any, _U]:
        """Call the wrapped coroutine function directly."""
        result: Coroutine[Any, Any, _U] = self.func(x1, x2, x3, deps=deps)
        return result


class _TakesDeps2(Protocol[_X_contra, _X2_contra, _R_co, _D_contra]):
    def __call__(self, x1: _X_contra, x2: _X2_contra, /, *, deps: _D_contra) -> _R_co: ...


class _TakesDeps3(Protocol[_X_contra, _X2_contra, _X3_contra, _R_co, _D_contra]):
    def __call__(
        self, x1: _X_contra, x2: _X2_contra, x3: _X3_contra, /, *, deps: _D_contra
    ) -> _R_co: ...


class _BatchDecorator(Protocol):
    @overload
    def __call__(
        self, func: Callable[[list[_T]], Coroutine[Any, Any, Sequence[_U]]], /
    ) -> BatchedNode[_T, _U]: ...
    @overload
    def __call__(self, func: Callable[[list[_T]], Sequence[_U]], /) -> BatchedNode[_T, _U]: ...


class _Decorator(Protocol):
    @overload
    def __call__(  # type: ignore[overload-overlap]  # a coroutine function also matches the sync form
        self, func: _TakesDeps[_T, Coroutine[Any, Any, _U], _D], /
    ) -> AsyncDepsNode[_T, _U, _D]: ...
    @overload
    def __call__(  # type: ignore[overload-overlap]  # a generator also matches the sync form
        self, func: _TakesDeps[_T, AsyncIterator[_U], _D], /
    ) -> AsyncDepsStreamNode[_T, list[_U], _U, _D]: ...
    @overload
    def __call__(  # type: ignore[overload-overlap]  # a generator also matches the sync form
        self, func: _TakesDeps[_T, Iterator[_U], _D], /
    ) -> SyncDepsStreamNode[_T, list[_U], _U, _D]: ...
    @overload
    def __call__(self, func: _TakesDeps[_T, _U, _D], /) -> SyncDepsNode[_T, _U, _D]: ...
    @overload
    def __call__(  # type: ignore[overload-overlap]  # a coroutine function also matches the sync form
        self, func: _TakesDeps2[_T, _T2, Coroutine[Any, Any, _U], _D], /
    ) -> AsyncDepsNode2[_T, _T2, _U, _D]: ...
    @overload
    def __call__(
        self, func: _TakesDeps2[_T, _T2, _U, _D], /
    ) -> SyncDepsNode2[_T, _T2, _U, _D]: ...
    @overload
    def __call__(  # type: ignore[overload-overlap]  # a coroutine function also matches the sync form
        self, func: _TakesDeps3[_T, _T2, _T3, Coroutine[Any, Any, _U], _D], /
    ) -> AsyncDepsNode3[_T, _T2, _T3, _U, _D]: ...
    @overload
    def __call__(
        self, func: _TakesDeps3[_T, _T2, _T3, _U, _D], /
    ) -> SyncDepsNode3[_T, _T2, _T3, _U, _D]: ...
    @overload
    def __call__(  # type: ignore[overload-overlap]  # a coroutine function also matches the sync form
        self, func: Callable[_P, Coroutine[Any, Any, _T]], /
    ) -> AsyncNode[_P, _T]: ...
    @overload
    def __call__(  # type: ignore[overload-overlap]  # a generator also matches the sync form
        self, func: Callable[_P, AsyncIterator[_T]], /
    ) -> AsyncStreamNode[_P, list[_T], _T]: ...
    @overload
    def __call__(  # type: ignore[overload-overlap]  # a generator also matches the sync form
        self, func: Callable[_P, Iterator[_T]], /
    ) -> SyncStreamNode[_P, list[_T], _T]: ...
    @overload
    def __call__(self, func: Callable[_P, _T], /) -> SyncNode[_P, _T]: ...


# `node(f)` and `node(f, name=..., ...)`: the options of `@node(...)` also work with the function.
@overload
def node(  # type: ignore[overload-overlap]  # a coroutine function also matches the sync form
    func: _TakesDeps[_T, Coroutine[Any, Any, _U], _D],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> AsyncDepsNode[_T, _U, _D]: ...
@overload
def node(  # type: ignore[overload-overlap]  # a generator also matches the sync form
    func: _TakesDeps[_T, AsyncIterator[_U], _D],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> AsyncDepsStreamNode[_T, list[_U], _U, _D]: ...
@overload
def node(  # type: ignore[overload-overlap]  # a generator also matches the sync form
    func: _TakesDeps[_T, Iterator[_U], _D],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> SyncDepsStreamNode[_T, list[_U], _U, _D]: ...
@overload
def node(
    func: _TakesDeps[_T, _U, _D],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> SyncDepsNode[_T, _U, _D]: ...
@overload
def node(  # type: ignore[overload-overlap]  # a coroutine function also matches the sync form
    func: _TakesDeps2[_T, _T2, Coroutine[Any, Any, _U], _D],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> AsyncDepsNode2[_T, _T2, _U, _D]: ...
@overload
def node(
    func: _TakesDeps2[_T, _T2, _U, _D],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> SyncDepsNode2[_T, _T2, _U, _D]: ...
@overload
def node(  # type: ignore[overload-overlap]  # a coroutine function also matches the sync form
    func: _TakesDeps3[_T, _T2, _T3, Coroutine[Any, Any, _U], _D],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> AsyncDepsNode3[_T, _T2, _T3, _U, _D]: ...
@overload
def node(
    func: _TakesDeps3[_T, _T2, _T3, _U, _D],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> SyncDepsNode3[_T, _T2, _T3, _U, _D]: ...
@overload
def node(  # type: ignore[overload-overlap]  # a coroutine function also matches the sync form
    func: Callable[_P, Coroutine[Any, Any, _T]],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> AsyncNode[_P, _T]: ...
@overload
def node(  # type: ignore[overload-overlap]  # a generator also matches the sync form
    func: Callable[_P, AsyncIterator[_T]],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> AsyncStreamNode[_P, list[_T], _T]: ...
@overload
def node(  # type: ignore[overload-overlap]  # a generator also matches the sync form
    func: Callable[_P, Iterator[_T]],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> SyncStreamNode[_P, list[_T], _T]: ...
@overload
def node(
    func: Callable[_P, _T],
    /,
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> SyncNode[_P, _T]: ...
@overload
def node(
    func: Callable[[list[_T]], Coroutine[Any, Any, Sequence[_U]]],
    /,
    *,
    name: str | None = None,
    batch_size: int,
    max_wait: float = 0.01,
    concurrency: int | None = None,
    check: bool | None = None,
) -> BatchedNode[_T, _U]: ...
@overload
def node(
    func: Callable[[list[_T]], Sequence[_U]],
    /,
    *,
    name: str | None = None,
    batch_size: int,
    max_wait: float = 0.01,
    concurrency: int | None = None,
    check: bool | None = None,
) -> BatchedNode[_T, _U]: ...
@overload
def node(
    *,
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    cache: bool | CacheBackend = False,
    cache_ttl: float | None = None,
    cache_size: int | None = None,
    batch_size: None = None,
    check: bool | None = None,
    executor: NodeExecutor | None = None,
) -> _Decorator: ...
@overload
def node(
    *,
    collect: Callable[[list[_T]], _U],
    name: str | None = None,
    inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = 0.1,
    jitter: float = 0.1,
    fallback: Any = NO_FALLBACK,
    concurrency: int | None = None,
    limiter: Limiter | None = None,
    check: bool | None = None,
) -> _CollectDecorator[_T, _U]: ...
@overload
def node(
    *,
    name: str | None = None,
    batch_size: int,
    max_wait: float = 0.01,
    concurrency: int | None = None,
    check: bool | None = None,
) -> _BatchDecorator: ...
def node(  # the options, as documented below and typed by the overloads above
    func: Callable[..., Any] | None = None, /, *, name: str | None = None, inline: bool = False,
    retries: int = 0,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    timeout: float | None = None,
    backoff: float = DEFAULT_OPTIONS.backoff,  # the defaults' own objects: found in C (`is`)
    jitter: float = DEFAULT_OPTIONS.jitter,
    fallback: Any = NO_FALLBACK, concurrency: int | None = None, limiter: Limiter | None = None,
    cache: bool | CacheBackend = False, cache_ttl: float | None = None,
    cache_size: int | None = None, batch_size: int | None = None,
    max_wait: float = DEFAULT_OPTIONS.max_wait, check: bool | None = None,
    executor: NodeExecutor | None = None,
    collect: Callable[..., Any] | None = None,
) -> Node[..., Any] | _Decorator | _BatchDecorator | _CollectDecorator[Any, Any]:
    """Wrap a typed function as a pipeline node; usable as `@node` or `@node(name=...)`.

    Hints are resolved here, once, with `typing.get_type_hints(include_extras=True)`.

    Args:
        func: The function (when used as a bare `@node`).
        name: The vertex name (default: the function's `__name__`).
        inline: Run a sync function on the event loop rather than on the thread pool.
        retries: Extra attempts after a failure matching `retry_on`, with exponential
            backoff (`backoff` seconds, doubling, plus up to `jitter` of it at random).
        retry_on: The exception type(s) retried; by default every `Exception`.
        timeout: Seconds per attempt.
        fallback: Returned when every attempt failed: a value or a function of the inputs.
        concurrency: The most calls of this node at once, across every execution, stream
            and pipeline built from it, in any thread or event loop (a `Limiter` the node
            owns; copies made with `named()` share it).
        limiter: A `typedflow.Limiter` shared with other nodes (a provider's concurrency
            and rate quota); combined with `concurrency`, a call needs both.
        cache: Cache results by input, as `CachedNode` does (canonical keys from
            `cache_key` of the arguments, one call per key under concurrency): True for a
            `MemoryCache` owned by the node (shared by every pipeline built from it), or a
            `CacheBackend` to use. Retries, timeout, limits and the result check apply to
            misses; invalid and fallback results are not stored.
        cache_ttl: With `cache=True`: seconds a result stays valid.
        cache_size: With `cache=True`: the most results kept (least recently used go first;
            default 1000).
        batch_size: Make a batch node: the function maps `list[T] -> list[U]` and the graph
            sees `T -> U`; the items of concurrent executions and of a stream are grouped
            into calls of at most `batch_size`.
        max_wait: For a batch node, the longest an item waits for a batch to fill.
        check: Check this node's inputs and output against its hints at run time (True),
            never (False), or as `build(runtime_checks=...)` says (None).
        executor: Run a sync function with this `NodeExecutor` (say
            `PoolExecutor.processes()` for CPU-bound work) instead of the pipeline's pool.
        collect: For a streaming node (a function annotated `-> AsyncIterator[T]` or
            `-> Iterator[T]`, such as a generator): an annotated function of the chunks,
            `(list[T]) -> U`, whose result goes downstream instead of the `list[T]`.

    Raises:
        NodeDefinitionError: `func` is not callable, an annotation cannot be resolved, an
            option is out of range, a batch node's function is not `list[T] -> list[U]`, or
            a `collect` function does not take the node's `list[T]`.
    """
    if (  # a bare `@node`: every option its default object (`is`: never `==` on a user's value)
        func is not None
        and name is None
        and inline is False
        and retries is _DEFAULT_RETRIES
        and retry_on is Exception
        and timeout is None
        and backoff is DEFAULT_OPTIONS.backoff
        and jitter is DEFAULT_OPTIONS.jitter
        and fallback is NO_FALLBACK
        and concurrency is None
        and limiter is None
        and cache is False
        and cache_ttl is None
        and cache_size is None
        and batch_size is None
        and max_wait is DEFAULT_OPTIONS.max_wait
        and check is None
        and executor is None
        and collect is None
    ):
        made = _plain_node(func)
        if made is not None:
            return made
    options = NodeOptions(
        retries, retry_on, timeout, backoff, jitter, fallback, concurrency, batch_size, max_wait,
        executor, limiter, check=check, cache=cache, cache_ttl=cache_ttl, cache_size=cache_size,
    )
    make = _decorator(options, name, inline, collect)
    return typing.cast("_Decorator", make) if func is None else make(func)


_DEFAULT_RETRIES = DEFAULT_OPTIONS.retries  # `node`'s default `retries` (the same object)
_NOT_PLAIN = inspect.CO_GENERATOR | inspect.CO_ASYNC_GENERATOR


def _plain_node(func: Callable[..., Any]) -> Node[..., Any] | None:
    """What `make_node` gives for a bare `@node` on a plain `def` or `async def` of positional
    parameters, outside a class body, whose annotations all resolve now (most nodes), without
    its general machinery; None for any other function (`make_node` decides, and reports)."""
    if type(func) is not FunctionType or func.__dict__ or getattr(func, "__type_params__", None):
        return None  # a wrapper, a marked coroutine function, a generic function, ...
    code = func.__code__
    qualname = func.__qualname__
    if code.co_flags & _NOT_PLAIN or "." in qualname.rpartition("<locals>.")[2]:
        return None  # a generator, or a function in a class body (maybe a method)
    signature = _plain_signature(func)
    if signature is None:
        return None
    is_async = bool(code.co_flags & inspect.CO_COROUTINE)
    returns = signature.returns
    if (  # a plain class is no iterator type (and a generator was turned away above)
        not is_async
        and type(returns) is not type
        and chunks_of(func, returns, "return" in signature.unannotated) is not None
    ):
        return None  # annotated to return an iterator: a streaming node
    name = func.__name__ or qualname
    if not name:
        return None
    return _made(AsyncNode if is_async else SyncNode, func, name, is_async, signature, code)


def _made(
    cls: type[Node[..., Any]],
    func: Callable[..., Any],
    name: str,
    is_async: bool,
    signature: NodeSignature,
    code: CodeType,
) -> Node[..., Any]:
    """`cls(func, name, False, is_async, signature, file, line)` (defined by `code`) without
    the dataclass's `__init__`, which sets each field by name through `object.__setattr__`
    (three times the cost)."""
    made = _new(cls)
    _SET_FUNC(made, func)
    _SET_NAME(made, name)
    _SET_INLINE(made, False)
    _SET_IS_ASYNC(made, is_async)
    _SET_SIGNATURE(made, signature)
    _SET_PATH(made, code.co_filename)
    _SET_LINE(made, code.co_firstlineno)
    _SET_OPTIONS(made, DEFAULT_OPTIONS)
    return made


_new = object.__new__
(
    _SET_FUNC, _SET_NAME, _SET_INLINE, _SET_IS_ASYNC, _SET_SIGNATURE, _SET_PATH, _SET_LINE,
    _SET_OPTIONS,
) = (vars(Node)[f.name].__set__ for f in dataclasses.fields(Node))


def _decorator(
    options: NodeOptions, name: str | None, inline: bool, collect: Callable[..., Any] | None
) -> Callable[[Callable[..., Any]], Node[..., Any]]:
    """What `@node(...)` applies to the function: the options validated once, naming the node:
    at once when its name is known, else when the decorator gets the function
    (`@node(concurrency=0)` above `def fetch` says `fetch`)."""
    early = options.validated(name) if name is not None else None

    def make(f: Callable[..., Any]) -> Node[..., Any]:
        checked = early or options.validated(str(getattr(f, "__name__", None) or _label(f)))
        return make_node(f, name=name, inline=inline, options=checked, collect=collect)

    return make


def make_node(
    func: Callable[..., Any],
    *,
    name: str | None = None,
    inline: bool = False,
    hints: dict[str, object] | None = None,
    is_async: bool | None = None,
    site: tuple[str, int] | None = None,
    options: NodeOptions = DEFAULT_OPTIONS,
    collect: Callable[..., Any] | None = None,
) -> Node[..., Any]:
    """Build a node; `hints`, `is_async` and `site` (file, line) override what `func` gives."""
    if isinstance(func, Node):
        raise NodeDefinitionError(f"`{func.name}` is already a node; use `.named(...)` to copy it")
    if not callable(func):
        raise NodeDefinitionError(f"`@node` needs a callable, not {type(func).__name__!r}")
    label = _label(func)
    _reject_method(func, label)
    node_name: object = name if name is not None else _name_of(func) or label
    if not isinstance(node_name, str) or not node_name:
        raise NodeDefinitionError(f"node name must be a non-empty string, not {node_name!r}")
    path, line = site if site is not None else _definition_site(func)
    deferred = None
    if hints is None:
        hints, deferred = _read_hints(func, label, options, collect, (path, line))
    if is_async is None:
        is_async = _awaits(func)
    if inline and is_async:
        raise NodeDefinitionError(f"`{label}`: `inline=True` applies to sync functions only")
    if options.executor is not None and (is_async or inline or options.batch_size is not None):
        raise NodeDefinitionError(
            f"`{label}`: an `executor` runs sync functions; it cannot be combined with an async "
            "function, `inline=True` or a batch node"
        )
    if options.fallback is not NO_FALLBACK and options.fallback_call is None:
        options = dataclasses.replace(options, fallback_call=_fallback_call(options.fallback))
    cls: type[Node[..., Any]] = AsyncNode if is_async else SyncNode
    if deferred is not None:  # a plain function or coroutine function, not a stream
        later = typing.cast("NodeSignature", deferred)
        return cls(func, node_name, inline, is_async, later, path, line, options)
    signature = _signature(func, label, hints)
    _check_deps(signature, label, options)
    if signature.deps is not None:
        cls = _DEPS_NODES[is_async].get(signature.required, _DEPS_NODES[is_async][1])
    if options.batch_size is not None:
        signature = per_item(signature, label)
        cls = BatchedNode
    stream = _stream_of(func, node_name, is_async, signature, options, collect, (path, line))
    if stream is not None:
        signature, options, cls = stream
    return cls(func, node_name, inline, is_async, signature, path, line, options)


# The class of a node taking deps by its required inputs, as the checkers pick it (`make_node`).
_DEPS_NODES: dict[bool, dict[int, type[Node[..., Any]]]] = {
    False: {1: SyncDepsNode, 2: SyncDepsNode2, 3: SyncDepsNode3},
    True: {1: AsyncDepsNode, 2: AsyncDepsNode2, 3: AsyncDepsNode3},
}


def _read_hints(
    func: Callable[..., Any],
    label: str,
    options: NodeOptions,
    collect: Callable[..., Any] | None,
    site: tuple[str, int],
) -> tuple[dict[str, object], DeferredSignature | None]:
    """`func`'s hints, or none yet and a signature read on first use when they name something
    defined later in the module (see `DeferredSignature`; not for nodes they shape)."""
    try:
        return _resolve_hints(func, label), None
    except NodeDefinitionError as exc:
        if not _deferrable(func, exc) or options.batch_size is not None or collect:
            raise
        return {}, DeferredSignature(func, label, site)


def _awaits(func: Callable[..., Any]) -> bool:
    """Whether calling `func` gives a coroutine: a coroutine function, or an object with an
    async `__call__` (a class is called to construct, never awaited)."""
    if isinstance(func, type):
        return False
    if is_coroutine_function(func):
        return True
    return type(func) is not FunctionType and inspect.iscoroutinefunction(
        getattr(func, "__call__", None)  # noqa: B004  # an object with an async __call__
    )


def _stream_of(
    func: Callable[..., Any],
    name: str,
    is_async: bool,
    signature: NodeSignature,
    options: NodeOptions,
    collect: Callable[..., Any] | None,
    site: tuple[str, int],
) -> tuple[NodeSignature, NodeOptions, type[Node[..., Any]]] | None:
    """A streaming node's signature (what goes downstream), options and class; None for any
    other node. Raises for a `collect` that does not fit, or on a node that does not stream."""
    unannotated = "return" in signature.unannotated
    chunk = None if is_async else chunks_of(func, signature.returns, unannotated)
    if chunk is None:
        if collect is not None:
            raise NodeDefinitionError(
                f"`@node` of `{name}`: `collect` applies to streaming nodes only (functions"
                " annotated `-> AsyncIterator[T]` or `-> Iterator[T]`, such as generators)"
            )
        return None
    if options.batch_size is not None or options.executor is not None or options.cache:
        raise NodeDefinitionError(
            f"`@node` of `{name}`: a streaming node cannot be a batch node, use an executor"
            " or a cache"
        )
    made = None
    if collect is not None:
        label = _label(collect)
        made = (collect, label, _signature(collect, label, _resolve_hints(collect, label)))
    is_async_gen = is_async_stream(func, signature.returns)
    if signature.deps is not None:
        cls: type[Node[..., Any]] = AsyncDepsStreamNode if is_async_gen else SyncDepsStreamNode
    else:
        cls = AsyncStreamNode if is_async_gen else SyncStreamNode
    signature, spec = streamed(name, signature, chunk, made, site)
    return signature, dataclasses.replace(options, stream=spec), cls


def _fallback_call(fallback: object) -> FallbackCall | None:
    """A fallback function or node with its signature, for the build to check against the
    node's; None for a value, or a callable whose signature cannot be read (say `int`)."""
    if isinstance(fallback, Node):
        if isinstance(fallback, BatchedNode):
            raise NodeDefinitionError(
                f"Batch node `{fallback.name}` cannot be a fallback: it takes a list of items"
            )
        if isinstance(fallback, StreamNode):
            raise NodeDefinitionError(
                f"Streaming node `{fallback.name}` cannot be a fallback: it gives chunks, not a"
                " value"
            )
        return FallbackCall(fallback.name, True, fallback.signature)
    if not callable(fallback):
        return None
    label = _label(fallback)
    hints = _resolve_hints(fallback, label)
    try:
        return FallbackCall(label, False, _signature(fallback, label, hints))
    except NodeDefinitionError:  # called at run time, but not checked
        return None
