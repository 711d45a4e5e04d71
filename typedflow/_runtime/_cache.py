"""`CachedNode`: caches results (never coroutines), with one call per key under concurrency."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .._errors import NodeDefinitionError
from ._node import ASYNC, STANDALONE, Binding, ExecutionContext, PipelineNode, bind_callable

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Hashable

__all__ = ["CacheBackend", "CachedNode", "MemoryCache", "cache_key"]

_SCALARS = frozenset({str, int, float, bool, bytes, complex, type(None)})
_MISS = object()


def cache_key(value: Any) -> Hashable:
    """A hashable key that is equal exactly when the values are equal (for common data).

    Lists, tuples, dicts, sets and frozensets are canonicalized recursively (a dict's order
    does not matter; a list and a tuple of the same items differ). Scalars are tagged with
    their type so `1`, `1.0` and `True` are distinct keys. Any other hashable value is its
    own key, by its own `__eq__`/`__hash__`.

    Raises:
        TypeError: `value` contains an unhashable object that is none of those containers.
    """
    kind = type(value)
    if kind in _SCALARS:
        return (kind, value)
    if kind is list or kind is tuple:
        return (kind, tuple(cache_key(v) for v in value))
    if kind is dict:
        return (dict, frozenset((cache_key(k), cache_key(v)) for k, v in value.items()))
    if kind is set or kind is frozenset:
        return (frozenset, frozenset(cache_key(v) for v in value))
    try:
        hash(value)
    except TypeError:
        raise TypeError(
            f"cannot build a cache key from a `{kind.__qualname__}` (it is unhashable)"
        ) from None
    key: Hashable = value
    return key


@runtime_checkable
class CacheBackend(Protocol):
    """Where a `CachedNode` keeps results: in memory by default, shared stores later."""

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


class MemoryCache:
    """An in-process LRU cache with an optional time to live.

    Args:
        maxsize: The most entries kept; the least recently used goes first.
        ttl: Seconds an entry stays valid, or None for no expiry.
    """

    __slots__ = ("_data", "maxsize", "ttl")

    def __init__(self, maxsize: int = 1000, ttl: float | None = None) -> None:
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, got {maxsize}")
        if ttl is not None and ttl <= 0:
            raise ValueError(f"ttl must be positive, got {ttl}")
        self.maxsize = maxsize
        self.ttl = ttl
        self._data: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()

    @property
    def miss(self) -> object:
        """The sentinel `get` returns for a miss."""
        return _MISS

    def __len__(self) -> int:
        return len(self._data)

    async def get(self, key: Hashable) -> object:
        """The cached value, or `miss`."""
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
        self._data[key] = (time.monotonic(), value)
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    async def clear(self) -> None:
        """Drop every entry."""
        self._data.clear()


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
        backend: Where results live; default `MemoryCache(cache_size, ttl)`.
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
        backend: CacheBackend | None = None,
    ) -> None:
        super().__init__(name, func, is_async)
        try:
            self.cache: CacheBackend = (
                backend if backend is not None else MemoryCache(cache_size, ttl)
            )
        except ValueError as exc:
            raise NodeDefinitionError(f"node `{name}`: {exc}") from exc
        self.key = key
        self.calls = 0
        self._call: Callable[..., Awaitable[Any]] | None = None
        self._inflight: dict[Hashable, asyncio.Future[Any]] = {}

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
        while True:
            value = await cache.get(key)
            if value is not cache.miss:
                return value
            leader = self._inflight.get(key)
            if leader is None:
                break
            try:
                return await asyncio.shield(leader)
            except asyncio.CancelledError:
                if not leader.cancelled():
                    raise
                # The computing execution was cancelled: try again, perhaps as the leader.
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            # Ask again as the leader: a miss answered before another leader stored its
            # result must not call the function a second time.
            value = await cache.get(key)
            if value is cache.miss:
                call = self._call
                if call is None:
                    call = self._call = bind_callable(
                        self.name, self.func, self.is_async, STANDALONE
                    )
                self.calls += 1
                value = await call(*args)
                await cache.set(key, value)
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
            del self._inflight[key]
        return value
