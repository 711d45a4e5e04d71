"""`PipelineNode` and `NodeStatus`: a named function plus the edges that feed it."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from types import FunctionType
from typing import TYPE_CHECKING, Any, Final

from .._errors import NodeDefinitionError
from ._options import NO_FALLBACK
from ._policy import NodePolicy, node_policy

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from ._executors import NodeExecutor
    from ._limiter import Limiter
    from ._pipeline import Pipeline

__all__ = [
    "ASYNC",
    "AWAITABLE",
    "INLINE",
    "STANDALONE",
    "THREAD",
    "Binding",
    "ExecutionContext",
    "call_sync",
    "stop_iteration_error",
    "NodeStatus",
    "PipelineNode",
]

# How the scheduler calls a node's bound function (see `PipelineNode._bind`).
ASYNC: Final = 0  # `await fn(*args)`: a coroutine function
INLINE: Final = 1  # `fn(*args)` on the event loop: cheap synchronous work
THREAD: Final = 2  # `fn(*args)` on the pipeline's thread pool
AWAITABLE: Final = 3  # `fn(*args)` returns an awaitable (declared `is_async=True`), awaited

Binding = tuple[int, Callable[..., Any]]


_CO_COROUTINE: Final = inspect.CO_COROUTINE


@dataclass(frozen=True, slots=True)
class Special:
    """A node that needs more than a plain call: a fault policy, an executor, or checks.

    Attributes:
        func: The node's own function (what an executor runs).
        policy: Retries, timeout, fallback and limit, or None.
        executor: Where the function runs, or None.
        check_args: Validates the arguments before the call, or None.
        check_result: Validates the output (a fallback included), or None.
    """

    func: Callable[..., Any]
    policy: NodePolicy | None
    executor: NodeExecutor | None
    check_args: Callable[[tuple[Any, ...]], None] | None
    check_result: Callable[[Any], None] | None


class NodeStatus(Enum):
    """The state of one node in one execution."""

    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    SKIPPED = "skipped"

    def __repr__(self) -> str:
        return f"NodeStatus.{self.name}"


def is_coroutine_function(func: object) -> bool:
    """Whether calling `func` returns a coroutine (functions, partials, async `__call__`)."""
    if type(func) is FunctionType and not func.__dict__:  # a plain `def`: its code says
        return bool(func.__code__.co_flags & _CO_COROUTINE)  # (no `markcoroutinefunction`)
    if inspect.iscoroutinefunction(func):
        return True
    call = getattr(type(func), "__call__", None)  # noqa: B004  (we need the method itself)
    return not inspect.isfunction(func) and inspect.iscoroutinefunction(call)


def call_sync(func: Callable[..., Any], *args: Any) -> Any:
    """Call `func` on a worker thread, turning a StopIteration into a RuntimeError.

    An asyncio future cannot carry a StopIteration: the awaiting execution would hang.
    """
    try:
        return func(*args)
    except StopIteration as exc:
        raise stop_iteration_error(func) from exc


def stop_iteration_error(func: Callable[..., Any]) -> RuntimeError:
    """What `call_sync` raises (from the StopIteration) when `func` raised StopIteration."""
    name = getattr(func, "__qualname__", type(func).__name__)
    return RuntimeError(f"`{name}` raised StopIteration")


class ExecutionContext:
    """What a node may use from the pipeline that runs it: its name and its thread pool."""

    __slots__ = ("_pool_factory", "pipeline_name")

    def __init__(self, pipeline_name: str, pool_factory: Callable[[], Executor]) -> None:
        self.pipeline_name = pipeline_name
        self._pool_factory = pool_factory

    def run_sync(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Awaitable[Any]:
        """Run a synchronous function on the pipeline's pool, in a copy of the current context."""
        return asyncio.wrap_future(self.submit(func, args))

    def submit(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Future[Any]:
        """Start a synchronous call on the pool; the future completes when the thread does."""
        ctx = contextvars.copy_context()
        return self._pool_factory().submit(ctx.run, call_sync, func, *args)


class _StandaloneContext(ExecutionContext):
    """Outside a pipeline: synchronous work goes to the event loop's default executor."""

    __slots__ = ()

    def run_sync(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Awaitable[Any]:
        return asyncio.to_thread(call_sync, func, *args)

    def submit(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Future[Any]:
        raise AssertionError("nodes outside a pipeline have no policies")  # pragma: no cover


async def await_result(result: object, name: str) -> Any:
    """Await what an `is_async=True` function returned, or fail clearly if it is not awaitable."""
    if not inspect.isawaitable(result):
        raise TypeError(
            f"node `{name}` is declared is_async=True, but its function returned "
            f"`{type(result).__name__}`, not an awaitable"
        )
    return await result


def _check_call(
    name: object,
    func: object,
    is_async: bool | None,
    *,
    inline: bool,
    executor: NodeExecutor | None,
) -> tuple[bool, bool]:
    """`(is_async, coroutine)` of a node's function: whether it is awaited, and whether it is
    a coroutine function; `NodeDefinitionError` for a bad name, function or combination."""
    if not name or not isinstance(name, str):
        raise NodeDefinitionError(f"a node name must be a non-empty string, got {name!r}")
    if not callable(func):
        raise NodeDefinitionError(
            f"node `{name}`: func must be callable, got `{type(func).__name__}`"
        )
    coroutine = is_coroutine_function(func)
    if is_async is None:
        is_async = coroutine
    elif not is_async and coroutine:
        raise NodeDefinitionError(
            f"node `{name}`: is_async=False, but its function is a coroutine function; "
            "leave is_async out to detect it"
        )
    if inline and is_async:
        raise NodeDefinitionError(
            f"node `{name}`: inline=True applies to synchronous functions only"
        )
    if executor is not None and (is_async or inline):
        raise NodeDefinitionError(
            f"node `{name}`: an executor runs synchronous functions; it cannot be combined "
            "with an async function or inline=True"
        )
    return is_async, coroutine


_new = object.__new__


class PipelineNode:
    """A named step of a `Pipeline`: one function and the edges that feed it.

    Args:
        name: Unique within its pipeline; keys the results and statuses.
        func: The function. It receives the pipeline's input (a start node) or the outputs
            of its upstream nodes, positionally, in the order the edges were connected.
        is_async: None detects coroutine functions. True on a plain callable means that it
            returns an awaitable, which is awaited. False on a coroutine function is an error.
        inline: Run a synchronous function directly on the event loop instead of the
            pipeline's thread pool: for cheap CPU-light functions, where a thread hop costs
            more than the work.
        retries: Extra attempts after a failure matching `retry_on`, with exponential
            backoff (`backoff` seconds, doubling, plus up to `jitter` of it at random).
        retry_on: The exception type(s) retried; by default every `Exception`.
        timeout: Seconds per attempt; a slow attempt fails with `TimeoutError` (a thread
            cannot be interrupted: its result is then discarded).
        fallback: Returned when every attempt failed: a value, a function of the node's
            inputs, or another `PipelineNode` (whose function is called).
        concurrency: The most calls of this node at once, across all executions, streams,
            threads and event loops that run this `PipelineNode` (a `Limiter` it owns).
        limiter: A `Limiter` shared with other nodes and pipelines (a provider's quota);
            each attempt holds one of its permits (and takes one of its rate tokens).
        executor: Where a synchronous function runs instead of the pipeline's thread pool
            (a `NodeExecutor`, such as `PoolExecutor.processes()`); closed with the pipeline.
        check_args: Validates each call's arguments (a tuple) before the call, in the
            pipeline's process; what it raises fails the node, and is never retried when it
            is a `NodeTypeError`. Runtime type checks use it.
        check_result: Validates what the node gives (a fallback value included) before it
            goes downstream, likewise; but when `retry_on` names `NodeTypeError`, it checks
            each attempt, and a violation is retried like a failure (the final error says
            after how many attempts).

    Raises:
        NodeDefinitionError: On an empty name, a non-callable, `is_async=False` on a coroutine
            function, or `inline=True` on an async function.
    """

    _passes: frozenset[int] = frozenset()
    """The argument slots in which this node takes None from an upstream that ended without a
    value (a filter's None), instead of being SKIPPED: none for the documented runtime API,
    where None ends a branch; the typed DSL sets the slots whose parameter admits None, so
    that each edge carries what its types say."""
    _is_filter: bool = False
    """Whether this node's None is a filter's, which the `_passes` slots below it take (the
    typed DSL sets it; a None from any other node skips every node below it)."""

    def __init__(
        self,
        name: str,
        func: Callable[..., Any],
        is_async: bool | None = None,
        *,
        inline: bool = False,
        retries: int = 0,
        retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
        timeout: float | None = None,
        backoff: float = 0.1,
        jitter: float = 0.1,
        fallback: Any = NO_FALLBACK,
        concurrency: int | None = None,
        limiter: Limiter | tuple[Limiter, ...] | None = None,
        executor: NodeExecutor | None = None,
        check_args: Callable[[tuple[Any, ...]], None] | None = None,
        check_result: Callable[[Any], None] | None = None,
    ) -> None:
        is_async, coroutine = _check_call(name, func, is_async, inline=inline, executor=executor)
        if isinstance(fallback, PipelineNode):
            fallback = fallback.process
        self.policy = node_policy(
            name,
            check_result,
            retries=retries,
            retry_on=retry_on,
            timeout=timeout,
            backoff=backoff,
            jitter=jitter,
            fallback=fallback,
            concurrency=concurrency,
            executor=executor,
            limiter=limiter,
        )
        if self.policy is not None and self.policy.check is not None:
            check_result = None  # the policy checks each attempt, to retry a violation
        self.name = name
        self.func = func
        self.executor = executor
        self.check_args = check_args
        self.check_result = check_result
        self.is_async = is_async
        self.inline = inline
        self._returns_awaitable = is_async and not coroutine
        self.upstream: list[PipelineNode] = []
        self.downstream: list[PipelineNode] = []
        self._owners: list[Pipeline] = []

    @staticmethod
    def _plain(name: str, func: FunctionType, is_async: bool, inline: bool) -> PipelineNode:
        """`PipelineNode(name, func, is_async, inline=inline)` for a plain function and no options,
        whose name and combination of flags its caller has checked (the DSL's build, which
        makes thousands): the same node without `__init__`'s checks and keywords."""
        made = _new(PipelineNode)
        made.policy = None
        made.name = name
        made.func = func
        made.executor = None
        made.check_args = None
        made.check_result = None
        made.is_async = is_async
        made.inline = inline
        made._returns_awaitable = is_async and not is_coroutine_function(func)
        made.upstream = []
        made.downstream = []
        made._owners = []
        return made

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    def connect(self, other: PipelineNode) -> PipelineNode:
        """Add an edge from this node to `other` and return `other`, so calls can chain.

        Connecting the same pair twice adds a second edge: `other` then receives this node's
        output twice, in two argument positions.
        """
        if not isinstance(other, PipelineNode):
            raise TypeError(
                f"node `{self.name}`: connect() takes a PipelineNode, got `{type(other).__name__}`"
            )
        self.downstream.append(other)
        other.upstream.append(self)
        for pipeline in (*self._owners, *other._owners):
            pipeline._invalidate()
        return other

    async def process(self, *inputs: Any) -> Any:
        """Run this node's function once on `inputs`, outside of any pipeline.

        Synchronous functions run on the event loop's default executor (or inline).
        """
        mode, fn = self._bind(STANDALONE)
        if mode == ASYNC:
            return await fn(*inputs)
        if mode == INLINE:
            return fn(*inputs)
        if mode == THREAD:
            return await asyncio.to_thread(call_sync, fn, *inputs)
        return await await_result(fn(*inputs), self.name)

    def _special(self) -> Special | None:
        """What the scheduler's slow path needs for this node; None for the fast path."""
        if (
            self.policy is None
            and self.executor is None
            and self.check_args is None
            and self.check_result is None
        ):
            return None
        return Special(self.func, self.policy, self.executor, self.check_args, self.check_result)

    def _bind(self, context: ExecutionContext) -> Binding:
        """Say how the scheduler calls this node; subclasses return their own callable."""
        del context
        if self.executor is not None:
            return ASYNC, functools.partial(_run_on, self.executor, self.func)
        if self._returns_awaitable:
            return AWAITABLE, self.func
        if self.is_async:
            return ASYNC, self.func
        return (INLINE if self.inline else THREAD), self.func

    async def aclose(self) -> None:
        """Release resources the node owns (pools, pending batches); the pipeline calls it."""
        if self.executor is not None:
            await self.executor.aclose()


async def _run_on(executor: NodeExecutor, func: Callable[..., Any], *args: Any) -> Any:
    return await executor.run(func, args)


def _no_pool() -> Executor:
    raise AssertionError("a standalone context has no pool")  # pragma: no cover


STANDALONE: Final[ExecutionContext] = _StandaloneContext("<standalone>", _no_pool)
"""The context of nodes used outside any pipeline (`process()`)."""


def bind_callable(
    name: str, func: Callable[..., Any], is_async: bool | None, context: ExecutionContext
) -> Callable[..., Awaitable[Any]]:
    """Wrap any sync or async function as `async (*args) -> result`, run where it belongs."""
    coroutine = is_coroutine_function(func)
    if is_async is None:
        is_async = coroutine
    if coroutine:
        return func
    if is_async:

        async def awaiting(*args: Any) -> Any:
            return await await_result(func(*args), name)

        return awaiting

    async def threaded(*args: Any) -> Any:
        return await context.run_sync(func, args)

    return threaded
