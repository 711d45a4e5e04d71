"""`CachedNode`: caches results (never coroutines), with one call per key under concurrency."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import typing
import weakref
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .._errors import NodeDefinitionError
from ._keys import cache_key
from ._node import (
    ASYNC,
    STANDALONE,
    Binding,
    ExecutionContext,
    PipelineNode,
    Special,
    bind_callable,
)
from ._options import seconds, whole
from ._record import brief

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Hashable

__all__ = ["CacheBackend", "CachedNode", "MemoryCache", "NodeCache", "cache_key"]

logger = logging.getLogger("typedflow")

_MISS = object()


@runtime_checkable
class CacheBackend(Protocol):
    """Where a `CachedNode` keeps results: in memory by default, or a shared store.

    A backend may also have `bind(node: str, returns: object) -> CacheBackend`: each node
    then uses what it returns, given the node's identity and declared return type (see
    `RedisCache`).
    """

    async def get(self, key: Hashable) -> object:
        """The cached value, or the backend's `miss` sentinel when absent or expired."""
        ...

    async def set(self, key: Hashable, value: object) -> None:
        """Store `value` under `key`."""
        ...

    async def clear(self) -> None:
        """Drop every entry."""
        ...

    @property
    def miss(self) -> object:
        """The sentinel `get` returns for a miss."""
        ...


def bind_backend(backend: CacheBackend, name: str, func: Callable[..., Any]) -> CacheBackend:
    """`backend` as a node uses it: a backend with a `bind(node, returns)` method (a shared
    store such as `RedisCache`) is given the node's identity (`module.qualname`, and
    `@name` when the node is named otherwise) and its declared return type; other backends
    are used as they are."""
    bind = getattr(backend, "bind", None)
    if bind is None:
        return backend
    bound: CacheBackend = bind(node_identity(name, func), _return_hint(func))
    return bound


def node_identity(name: str, func: Callable[..., Any]) -> str:
    """`module.qualname` of `func` (plus `@name` when the node's name differs), else `name`."""
    qualname = getattr(func, "__qualname__", None)
    module = getattr(func, "__module__", None)
    if not isinstance(qualname, str) or not isinstance(module, str):
        return name.replace(":", "%3A")
    identity = f"{module}.{qualname}"
    if getattr(func, "__name__", None) != name:
        identity += f"@{name}"
    return identity.replace(":", "%3A")


def _return_hint(func: Callable[..., Any]) -> object:
    """The declared return type of `func` (a class returns itself), or `Any`."""
    if isinstance(func, type):
        return func
    try:
        hints = typing.get_type_hints(func)
    except Exception:  # noqa: BLE001  (unresolvable hints: decode as plain data)
        return Any
    return hints.get("return", Any)


class MemoryCache:
    """An in-process LRU cache with an optional time to live.

    Args:
        maxsize: The most entries kept; the least recently used goes first.
        ttl: Seconds an entry stays valid, or None for no expiry.
    """

    __slots__ = ("_data", "_lock", "maxsize", "ttl")

    def __init__(self, maxsize: int = 1000, ttl: float | None = None) -> None:
        if not whole(maxsize, 1):
            raise ValueError(f"maxsize must be an int of at least 1, got {maxsize!r}")
        if ttl is not None and not seconds(ttl, zero=False):
            raise ValueError(f"ttl must be a positive, finite number of seconds, got {ttl!r}")
        self.maxsize = maxsize
        self.ttl = ttl
        self._data: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def miss(self) -> object:
        """The sentinel `get` returns for a miss."""
        return _MISS

    def __len__(self) -> int:
        return len(self._data)

    async def get(self, key: Hashable) -> object:
        """The cached value, or `miss`."""
        with self._lock:  # loops in several threads may share the cache
            entry = self._data.get(key)
            if entry is None:
                return _MISS
            stored, value = entry
            if self.ttl is not None and time.monotonic() - stored >= self.ttl:
                del self._data[key]
                return _MISS
            self._data.move_to_end(key)
            return value

    async def set(self, key: Hashable, value: object) -> None:
        """Store `value`, evicting the least recently used entry when full."""
        with self._lock:
            self._data[key] = (time.monotonic(), value)
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    async def clear(self) -> None:
        """Drop every entry."""
        with self._lock:
            self._data.clear()


class NodeCache:
    """A backend with the calls in flight on it, shared by every `CachedNode` given it: one
    call per key (per event loop) across all the pipelines built from one `@node(cache=...)`.

    The values in the backend are shared by every event loop (a script calling `asyncio.run`
    twice hits the cache); a call in flight belongs to its loop, which is not kept alive by it.

    Args:
        backend: Where results live.
    """

    __slots__ = ("_lock", "_loops", "backend")

    def __init__(self, backend: CacheBackend) -> None:
        self.backend = backend
        self._loops: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[Hashable, asyncio.Future[Any]]
        ] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def inflight(self, loop: asyncio.AbstractEventLoop) -> dict[Hashable, asyncio.Future[Any]]:
        """The calls in flight on `loop`, by key."""
        with self._lock:
            calls = self._loops.get(loop)
            if calls is None:
                calls = self._loops[loop] = {}
            return calls

    def __repr__(self) -> str:
        return f"NodeCache({self.backend!r})"


class CachedNode(PipelineNode):
    """A node that caches its results by input.

    A hit returns the stored result without calling `func`. Concurrent misses on the same key
    call `func` once and share its result (or its error; errors are not cached).

    Args:
        name: The node's name.
        func: The function (sync or async, as for `PipelineNode`).
        is_async: As for `PipelineNode`.
        cache_size: The most results kept in the default in-memory cache.
        ttl: Seconds a result stays valid, or None.
        key: Maps the node's inputs (positionally, as `func` gets them) to a hashable key;
            by default `cache_key` of the input (of the tuple of inputs for a fan-in).
        backend: Where results live; default `MemoryCache(cache_size, ttl)`. A `NodeCache`
            also shares the calls in flight with the other nodes given it.
        options: `PipelineNode`'s fault options and checks (`retries`, `retry_on`, `timeout`,
            `fallback`, `concurrency`, `limiter`, `check_args`, `check_result`, ...). They
            apply to misses only: a hit takes no permit and makes no attempt. A result is
            stored once it passed `check_result`; a fallback's result is never stored.
    """

    def __init__(
        self,
        name: str,
        func: Callable[..., Any],
        is_async: bool | None = None,
        cache_size: int = 1000,
        ttl: float | None = None,
        key: Callable[..., Hashable] | None = None,
        *,
        backend: CacheBackend | NodeCache | None = None,
        **options: Any,
    ) -> None:
        if options.get("executor") is not None or options.get("inline"):
            raise NodeDefinitionError(
                f"cached node `{name}`: executor and inline are not supported on cached nodes"
            )
        super().__init__(name, func, is_async, **options)
        try:
            shared = backend if isinstance(backend, NodeCache) else NodeCache(
                backend if backend is not None else MemoryCache(cache_size, ttl)
            )
        except ValueError as exc:
            raise NodeDefinitionError(f"node `{name}`: {exc}") from exc
        self.cache: CacheBackend = bind_backend(shared.backend, name, func)
        self.key = key
        self.calls = 0
        self._call: Callable[..., Awaitable[Any]] | None = None
        self._shared = shared

    def _special(self) -> Special | None:
        """Only the argument check runs in the scheduler: the policy and the result check
        run on a miss, inside `cached_call`."""
        if self.check_args is None:
            return None
        return Special(self.func, None, None, self.check_args, None)

    def _bind(self, context: ExecutionContext) -> Binding:
        self._call = bind_callable(self.name, self.func, self.is_async, context)
        return ASYNC, self.cached_call

    async def process(self, *inputs: Any) -> Any:
        """Return the cached result for `inputs`, computing it on a miss."""
        return await self.cached_call(*inputs)

    def _key(self, args: tuple[Any, ...]) -> Hashable:
        if self.key is not None:
            return self.key(*args)
        try:
            return cache_key(args[0] if len(args) == 1 else args)
        except TypeError as exc:
            raise TypeError(
                f"cached node `{self.name}`: {exc}; pass key= to CachedNode to say how its "
                "input is keyed"
            ) from None

    async def cached_call(self, *args: Any) -> Any:
        """The cached result for `args`, computing it (once per key) on a miss."""
        key = self._key(args)
        cache = self.cache
        inflight = self._shared.inflight(asyncio.get_running_loop())
        while True:
            value = await cache.get(key)
            if value is not cache.miss:
                return value
            leader = inflight.get(key)
            if leader is None:
                break
            try:
                return await asyncio.shield(leader)
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if not leader.cancelled() or (task is not None and task.cancelling()):
                    raise  # this execution was cancelled, maybe together with the leader
                # Only the computing execution was cancelled: try again, perhaps as the leader.
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        inflight[key] = future
        try:
            value = await self._miss(key, args)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: the error reaches the caller below, not the loop
            raise
        else:
            future.set_result(value)
        finally:
            del inflight[key]
        return value

    async def _miss(self, key: Hashable, args: tuple[Any, ...]) -> Any:
        """As the leader for `key`: ask the backend again (a miss answered before another
        leader stored its result must not call the function a second time), else compute
        and store. A value computed but not stored (the backend failed) is still returned."""
        cache = self.cache
        value = await cache.get(key)
        if value is not cache.miss:
            return value
        call = self._call
        if call is None:
            call = self._call = bind_callable(self.name, self.func, self.is_async, STANDALONE)
        self.calls += 1
        value, store = await self._compute(call, args)
        if store:
            try:
                await cache.set(key, value)
            except Exception as exc:  # noqa: BLE001  (the value is good; only caching failed)
                logger.warning("cached node `%s`: its result was not stored: %s", self.name,
                               brief(exc))
        return value

    async def _compute(
        self, call: Callable[..., Awaitable[Any]], args: tuple[Any, ...]
    ) -> tuple[Any, bool]:
        """A miss: the call under the node's policy and result check; (value, whether to
        store it): a fallback's value is not stored."""
        policy, fell_back = self.policy, False
        if policy is None:
            value = await call(*args)
        else:

            def on_retry(number: int, exc: BaseException) -> None:
                logger.info(
                    "cached node `%s`: attempt %d failed (%s: %s); retrying",
                    self.name, number, type(exc).__name__, exc,
                )

            value, _, fell_back = await policy.call_detailed(lambda: call(*args), on_retry, args)
        if self.check_result is not None:
            self.check_result(value)
        return value, not fell_back
