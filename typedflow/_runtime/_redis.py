"""`RedisCache`: a `CacheBackend` shared by processes and machines through Redis (no pickle)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
import weakref
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from ._keys import cache_key
from ._options import seconds
from ._record import brief

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Hashable

__all__ = ["RedisCache"]

logger = logging.getLogger("typedflow")

_MISS = object()
_DIGEST = 32  # bytes in a `cache_key` digest
_UNLINK_BATCH = 500
_GLOB = str.maketrans({c: "\\" + c for c in "*?[]\\"})


def _redis() -> Any:
    """The `redis.asyncio` module, imported on first use (`typedflow[redis]`)."""
    try:
        import redis.asyncio  # optional: imported when used
    except ImportError as exc:
        raise ImportError(
            "`RedisCache` needs the `redis` package: install `typedflow[redis]`"
        ) from exc
    return redis.asyncio


def _codec() -> Any:
    """msgspec's msgpack module, imported on first use (`import typedflow` stays light)."""
    import msgspec.msgpack  # kept out of `import typedflow`

    return msgspec.msgpack


class RedisCache:
    """A `CacheBackend` in Redis for `CachedNode(..., backend=...)` and `@node(cache=...)`:
    a cache in Redis, shared by every process and machine that uses the same server,
    namespace and version. Values are msgpack (never pickle), decoded into the node's
    declared return type.

    Each node's entries live under `namespace:module.qualname:version:digest`. A key made of
    plain data (str, int, float, bool, bytes, None and lists, tuples, dicts and sets of them)
    is stable across processes; another object in a key is encoded with msgpack when msgspec
    can (dataclasses, enums, datetimes, ...), tagged with its type's qualified name; a call
    whose key cannot be encoded is computed and not cached (logged at DEBUG). So is a value
    that cannot be encoded.

    When Redis is unreachable or slower than `timeout`, a call is a miss (the node
    computes), one WARNING is logged per outage, and Redis is tried again every
    `retry_after` seconds; a pipeline never fails for it.

    Args:
        url: The server, as redis-py's `from_url` takes it (`redis://host:6379/0`,
            `unix:///path/redis.sock`).
        ttl: Seconds an entry stays valid, or None for no expiry.
        namespace: The prefix of every key; `clear()` deletes this namespace only.
        version: Part of every key: change it when a node's code changes to drop its
            earlier results.
        timeout: Seconds to connect and to wait for a reply before a call is a miss.
        retry_after: Seconds to skip Redis after it failed, before trying it again.
    """

    __slots__ = ("__weakref__", "_clients", "_health", "_lock", "_plain", "namespace",
                 "retry_after", "timeout", "ttl", "url", "version")

    def __init__(
        self,
        url: str = "redis://localhost:6379/0",
        *,
        ttl: float | None = None,
        namespace: str = "typedflow",
        version: str | int = 0,
        timeout: float = 0.5,
        retry_after: float = 5.0,
    ) -> None:
        _redis()
        if ttl is not None and not seconds(ttl, zero=False):
            raise ValueError(f"ttl must be a positive, finite number of seconds, got {ttl!r}")
        if not seconds(timeout, zero=False):
            raise ValueError(
                f"timeout must be a positive, finite number of seconds, got {timeout!r}"
            )
        if not seconds(retry_after, zero=True):
            raise ValueError(
                f"retry_after must be a finite number of seconds >= 0, got {retry_after!r}"
            )
        if not namespace or ":" in namespace:
            raise ValueError(f"namespace must be a non-empty string without `:`, got {namespace!r}")
        self.url, self.ttl, self.namespace = url, ttl, namespace
        self.version, self.timeout, self.retry_after = str(version), timeout, retry_after
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Client] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()
        self._health = _Health(_safe_url(url), retry_after)
        self._plain = _NodeEntries(self, "_", Any)

    def __repr__(self) -> str:
        return f"RedisCache({_safe_url(self.url)!r}, namespace={self.namespace!r})"

    @property
    def miss(self) -> object:
        """The sentinel `get` returns for a miss."""
        return _MISS

    def bind(self, node: str, returns: object) -> _NodeEntries:
        """This cache for one node: its keys under `node`, its values decoded as `returns`."""
        return _NodeEntries(self, node, returns)

    async def get(self, key: Hashable) -> object:
        """The value under `key` outside any node (decoded as plain data), or `miss`."""
        return await self._plain.get(key)

    async def set(self, key: Hashable, value: object) -> None:
        """Store `value` under `key` outside any node."""
        await self._plain.set(key, value)

    async def clear(self) -> None:
        """Delete every entry of this namespace (SCAN and UNLINK; never FLUSHDB).

        Raises:
            redis.exceptions.RedisError: Redis could not be reached.
        """
        await self._unlink(f"{self.namespace.translate(_GLOB)}:*")

    async def aclose(self) -> None:
        """Close this event loop's connections (done for you when `asyncio.run` ends)."""
        with self._lock:
            client = self._clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            if client.started:
                await client.closer.aclose()
            else:
                await client.redis.aclose()

    async def _unlink(self, pattern: str) -> None:
        redis = await self._client()
        names: list[bytes] = []
        async for name in redis.scan_iter(match=pattern, count=_UNLINK_BATCH):
            names.append(name)
            if len(names) >= _UNLINK_BATCH:
                await redis.unlink(*names)
                names.clear()
        if names:
            await redis.unlink(*names)

    async def _client(self) -> Any:
        """This event loop's client (one connection pool per loop)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            client = self._clients.get(loop)
            if client is None:  # made and kept before any await: one client per loop
                for closed in [other for other in self._clients if other.is_closed()]:
                    del self._clients[closed]  # its client may refer to it: not only weakly
                client = self._clients[loop] = _Client.make(self)
        if not client.started:
            client.started = True
            await client.closer.asend(None)  # the loop now closes it when it shuts down
        return client.redis

    async def _call(self, command: str, *args: Any, **kwargs: Any) -> Any:
        """Run a command; `_MISS` (and the outage handled) when Redis fails or is skipped."""
        health = self._health
        if not health.available():
            return _MISS
        errors = health.errors()
        try:
            redis = await self._client()
            result = await getattr(redis, command)(*args, **kwargs)
        except errors as exc:
            health.failed(exc)
            return _MISS
        health.answered()
        return result


class _Client:
    """One loop's client and the async generator that closes it when the loop shuts down
    (`asyncio.run` closes the async generators still open)."""

    __slots__ = ("closer", "redis", "started")

    def __init__(self, redis: Any) -> None:
        self.redis, self.closer, self.started = redis, _closing(redis), False

    @classmethod
    def make(cls, cache: RedisCache) -> _Client:
        aio = _redis()
        from redis.asyncio.retry import Retry  # optional: imported when used
        from redis.backoff import NoBackoff

        return cls(
            aio.Redis.from_url(
                cache.url,
                socket_timeout=cache.timeout,
                socket_connect_timeout=cache.timeout,
                retry=Retry(NoBackoff(), 0),  # a failure is a miss now, not three slow tries
            )
        )


async def _closing(redis: Any) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await redis.aclose()


class _Health:
    """Whether Redis answers: one WARNING when an outage starts, INFO when it ends."""

    __slots__ = ("_errors", "_lock", "down", "retry_after", "retry_at", "url")

    def __init__(self, url: str, retry_after: float) -> None:
        self.url, self.retry_after = url, retry_after
        self.down, self.retry_at = False, 0.0
        self._lock = threading.Lock()
        self._errors: tuple[type[BaseException], ...] | None = None

    def errors(self) -> tuple[type[BaseException], ...]:
        if self._errors is None:
            from redis.exceptions import RedisError  # optional: imported when used

            self._errors = (RedisError, OSError, TimeoutError)
        return self._errors

    def available(self) -> bool:
        return not self.down or time.monotonic() >= self.retry_at

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            first, self.down = not self.down, True
            self.retry_at = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Redis cache at `%s` failed (%s); cached nodes compute without it, trying it "
                "again every %g s", self.url, brief(exc), self.retry_after,
            )

    def answered(self) -> None:
        if self.down:
            with self._lock:
                was, self.down = self.down, False
            if was:
                logger.info("Redis cache at `%s` answers again", self.url)


class _NodeEntries:
    """A `RedisCache` bound to one node: the key prefix and the decoder of its values."""

    __slots__ = ("_decoder", "_node", "_prefix", "cache")

    def __init__(self, cache: RedisCache, node: str, returns: object) -> None:
        self.cache, self._node = cache, node
        self._prefix = f"{cache.namespace}:{node}:{cache.version}:"
        try:
            self._decoder: Any = _codec().Decoder(type=returns)
        except TypeError as exc:
            logger.debug("cached node `%s`: results not cached in Redis: %s", node, brief(exc))
            self._decoder = None

    @property
    def miss(self) -> object:
        """The sentinel `get` returns for a miss."""
        return _MISS

    def __repr__(self) -> str:
        return f"{self.cache!r}.bind({self._node!r})"

    async def get(self, key: Hashable) -> object:
        """The value under `key` decoded into the node's return type, or `miss`."""
        name = self._name(key)
        if name is None or self._decoder is None:
            return _MISS
        data = await self.cache._call("get", name)
        if data is _MISS or data is None:
            return _MISS
        try:
            return self._decoder.decode(data)
        except Exception as exc:  # noqa: BLE001  (an entry of another type: a miss)
            logger.debug("cached node `%s`: entry not decoded (%s)", self._node, brief(exc))
            return _MISS

    async def set(self, key: Hashable, value: object) -> None:
        """Store `value` under `key`, unless the key or the value has no msgpack encoding."""
        name = self._name(key)
        if name is None or self._decoder is None:
            return
        try:
            data = _encoder().encode(value)
        except Exception as exc:  # noqa: BLE001  (TypeError, msgspec.EncodeError, ...)
            logger.debug("cached node `%s`: result not cached (%s)", self._node, brief(exc))
            return
        ttl = self.cache.ttl
        await self.cache._call("set", name, data, px=None if ttl is None else _millis(ttl))

    async def clear(self) -> None:
        """Delete this node's entries (every version)."""
        cache = self.cache
        await cache._unlink(f"{cache.namespace.translate(_GLOB)}:{self._node.translate(_GLOB)}:*")

    def _name(self, key: Hashable) -> str | None:
        digest = stable_digest(key)
        if digest is None:
            logger.debug("cached node `%s`: input has no stable encoding; call not cached",
                         self._node)
            return None
        return self._prefix + digest


def _millis(seconds: float) -> int:
    return max(1, round(seconds * 1000))


_ENCODER: Any = None


def _encoder() -> Any:
    global _ENCODER  # one encoder, made on first use
    if _ENCODER is None:
        _ENCODER = _codec().Encoder()
    return _ENCODER


def stable_digest(key: Hashable) -> str | None:
    """A hex digest of `key` that is the same in every process, or None when some object in
    it has no canonical encoding."""
    if not _is_cache_key(key):
        try:
            key = cache_key(key)  # a `key=` function's own value
        except TypeError:
            return None
    if type(key) is bytes:
        return key.hex()
    encoded = _canonical(key)
    return None if encoded is None else hashlib.sha256(encoded).hexdigest()


def _is_cache_key(key: object) -> bool:
    """Whether `key` has the shape `cache_key` gives: a digest, or a digest and objects."""
    if type(key) is tuple and key:
        key = key[0]
    return type(key) is bytes and len(key) == _DIGEST


def _canonical(part: object) -> bytes | None:
    """The bytes of a part of a `cache_key`: digests, `(type, value)` pairs, frozensets of
    encoded set items and tuples of those."""
    if type(part) is bytes:
        return b"b%d:" % len(part) + part
    if type(part) is frozenset:
        items = [_canonical(item) for item in part]
        if any(item is None for item in items):
            return None
        return b"<%d:" % len(items) + b"".join(sorted(i for i in items if i is not None))
    if type(part) is tuple:
        if len(part) == 2 and isinstance(part[0], type):
            return _object(part[0], part[1])
        items = [_canonical(item) for item in part]
        if any(item is None for item in items):
            return None
        return b"(%d:" % len(items) + b"".join(i for i in items if i is not None)
    return None


def _object(kind: type, value: object) -> bytes | None:
    """A `(type, value)` key part: the type's qualified name and msgpack of the value."""
    try:
        data: bytes = _encoder().encode(value)
    except Exception:  # noqa: BLE001  (not encodable: not cacheable across processes)
        return None
    name = f"{kind.__module__}.{kind.__qualname__}".encode()
    return b"o%d:%s%d:" % (len(name), name, len(data)) + data


def _safe_url(url: str) -> str:
    """`url` without its password, for logs."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        return "<redis url>"
