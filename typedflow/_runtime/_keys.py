"""`cache_key`: a compact key, stable across processes, from a canonical encoding of a value."""

from __future__ import annotations

import hashlib
import struct
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

__all__ = ["MAX_KEY_DEPTH", "cache_key"]

MAX_KEY_DEPTH = 100
"""The deepest nesting of containers `cache_key` accepts."""

_FLUSH = 1 << 16  # bytes buffered before they are fed to the hash
_SHORT = 64  # a set item or dict pair encoded in fewer bytes is sorted as it is, not hashed
_DOUBLE = struct.Struct("<d")
_COMPLEX = struct.Struct("<dd")


def _text(value: str) -> bytes:
    data = value.encode("utf-8", "surrogatepass")
    return b"s%d:" % len(data) + data


def _bytes(value: bytes) -> bytes:
    return b"b%d:" % len(value) + value


def _float(value: float) -> bytes:
    return b"f" + _DOUBLE.pack(value or 0.0)  # -0.0 == 0.0: one key


def _complex(value: complex) -> bytes:
    return b"c" + _COMPLEX.pack(value.real or 0.0, value.imag or 0.0)


_SCALARS: dict[type, Callable[[Any], bytes]] = {
    str: _text,
    int: lambda value: b"i%x;" % value,
    float: _float,
    bool: lambda value: b"T" if value else b"F",
    bytes: _bytes,
    complex: _complex,
    type(None): lambda _: b"N",
}
_CONTAINERS: dict[type, bytes] = {list: b"[", tuple: b"(", dict: b"{", set: b"<", frozenset: b"<"}


def cache_key(value: Any) -> Hashable:
    """A hashable key that is equal exactly when the values are equal (for common data).

    Lists, tuples, dicts, sets and frozensets are canonicalized (a dict's order does not
    matter; a list and a tuple of the same items differ; a set and a frozenset of the same
    items are equal). Scalars are tagged with their type, so `1`, `1.0` and `True` are
    distinct keys. Any other hashable value keys by its own `__eq__`/`__hash__`, tagged with
    its type (a NamedTuple `P(int, 1)` and the tuple `(int, 1)` differ). Data made of those
    scalars and containers only keys to a 32-byte digest that is the same in every process;
    other objects are held in the key as they are.

    Raises:
        TypeError: `value` contains an unhashable object that is none of those containers,
            contains itself, or nests containers more than `MAX_KEY_DEPTH` (100) levels deep.
    """
    sink = _Sink()
    try:
        sink.feed(value, set(), 0)
    except RecursionError:  # the caller's own stack was already deep
        raise TypeError(
            "cannot build a cache key from a value nested too deeply for the call stack"
        ) from None
    return sink.key()


class _Sink:
    """The encoding of one value: bytes into a SHA-256, and the opaque objects in order."""

    __slots__ = ("buffer", "hash", "opaque")

    def __init__(self) -> None:
        self.hash: Any = None  # started once the encoding is long
        self.buffer = bytearray()
        self.opaque: list[Hashable] = []

    def write(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) >= _FLUSH:
            self.flush()

    def flush(self) -> None:
        if self.hash is None:
            self.hash = hashlib.sha256()
        self.hash.update(self.buffer)
        self.buffer.clear()

    def digest(self) -> bytes:
        """The SHA-256 of the encoding."""
        self.flush()
        return bytes(self.hash.digest())

    def short(self) -> bytes:
        """The encoding itself when short, else its digest (tagged so the two never meet)."""
        if self.hash is None and len(self.buffer) < _SHORT:
            return b"=%d:" % len(self.buffer) + self.buffer
        return b"#" + self.digest()

    def key(self) -> Hashable:
        digest = self.digest()
        return (digest, *self.opaque) if self.opaque else digest

    def feed(self, value: Any, path: set[int], depth: int) -> None:
        """Encode `value`; `path` holds the ids of the containers it is inside."""
        kind = type(value)
        scalar = _SCALARS.get(kind)
        if scalar is not None:
            self.write(scalar(value))
            return
        tag = _CONTAINERS.get(kind)
        if tag is None:
            self.opaque_value(kind, value)
            return
        if depth >= MAX_KEY_DEPTH:
            raise TypeError(
                f"cannot build a cache key from a value nested more than {MAX_KEY_DEPTH} "
                "levels deep"
            )
        if id(value) in path:
            raise TypeError(
                f"cannot build a cache key from a `{kind.__name__}` that contains itself"
            )
        path.add(id(value))
        try:
            if kind is list or kind is tuple:
                self.write(b"%s%d:" % (tag, len(value)))
                self.items(value, path, depth + 1)
            else:
                items = value.items() if kind is dict else ((item,) for item in value)
                self.unordered(tag, items, path, depth + 1)
        finally:
            path.discard(id(value))

    def items(self, value: Iterable[Any], path: set[int], depth: int) -> None:
        """Encode a list's or tuple's items in order (scalars inline: the common case)."""
        buffer, scalars = self.buffer, _SCALARS
        for item in value:
            scalar = scalars.get(type(item))
            if scalar is None:
                self.feed(item, path, depth)
            else:
                buffer += scalar(item)
                if len(buffer) >= _FLUSH:
                    self.flush()

    def unordered(
        self, tag: bytes, items: Iterable[tuple[Any, ...]], path: set[int], depth: int
    ) -> None:
        """Encode a set's items or a dict's pairs whatever their order: each is encoded on its
        own; the encodings of plain data are sorted, the rest kept as a frozenset."""
        plain: list[bytes] = []
        mixed: set[Hashable] = set()
        for item in items:
            sink = _Sink()
            sink.items(item, path, depth)
            digest = sink.short()
            if sink.opaque:
                mixed.add((digest, *sink.opaque))
            else:
                plain.append(digest)
        plain.sort()
        self.write(b"%s%d,%d:" % (tag, len(plain), len(mixed)) + b"".join(plain))
        if mixed:
            self.opaque.append(frozenset(mixed))

    def opaque_value(self, kind: type, value: Any) -> None:
        try:
            hash(value)
        except TypeError:
            raise TypeError(
                f"cannot build a cache key from a `{kind.__qualname__}` (it is unhashable)"
            ) from None
        self.write(b"O")
        self.opaque.append((kind, value))
