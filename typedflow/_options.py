"""`@node`'s options: the runtime's `NodeOptions`, plus caching and checks; validated once."""

from __future__ import annotations

import collections.abc
import dataclasses
import math
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import NodeDefinitionError
from ._runtime import CacheBackend, MemoryCache, NodeCache
from ._runtime import NodeOptions as RuntimeOptions

if TYPE_CHECKING:
    from ._generators import StreamSpec
    from ._reading import NodeSignature

__all__ = ["DEFAULT_OPTIONS", "FallbackCall", "NodeOptions", "per_item"]


@dataclass(frozen=True, slots=True)
class FallbackCall:
    """A fallback function or node, read at decoration for the build to check.

    Attributes:
        name: How messages name it: a node's name, a function's qualified name.
        node: Whether it is a node (then named among a problem's nodes).
        signature: Its resolved parameter and return hints.
    """

    name: str
    node: bool
    signature: NodeSignature


@dataclass(frozen=True, slots=True)
class NodeOptions(RuntimeOptions):
    """The runtime's `NodeOptions` (fault policy, limits, batching) and what only `@node` takes.

    Attributes:
        check: Check values against the hints at run time: True or False, or None to
            follow `build(runtime_checks=...)`.
        fallback_call: A fallback function or node with its signature, read at decoration
            for the build to check; None for a fallback value or no fallback.
        cache: True for a `MemoryCache` the node owns, or a `CacheBackend`; False: none.
        cache_ttl: For `cache=True`: seconds a result stays valid, or None.
        cache_size: For `cache=True`: the most results kept (default 1000).
        node_cache: The cache every pipeline built from the node shares (made once, by
            `validated`), or None.
        stream: For a streaming node (a generator function): its chunk type and `collect`
            function (set at decoration); None for any other node.
    """

    check: bool | None = None
    fallback_call: FallbackCall | None = None
    cache: bool | CacheBackend = False
    cache_ttl: float | None = None
    cache_size: int | None = None
    node_cache: NodeCache | None = None
    stream: StreamSpec | None = None

    def validated(self, name: str, *, where: str | None = None) -> NodeOptions:
        """The runtime's `validated`, then the node's cache made (see there)."""
        plain = self.cache is False and self.cache_ttl is None and self.cache_size is None
        if plain and self.check is None and self.stream is None and self.is_default():
            return DEFAULT_OPTIONS  # most nodes: one shared value
        at = where if where is not None else f"`@node` of `{name}`"
        options = RuntimeOptions.validated(self, name, where=at)
        if plain:
            return options
        options = _with_cache(options, at)
        if options.node_cache is not None and options.batch_size is not None:
            raise NodeDefinitionError(f"{at}: cache is not supported on batch nodes")
        if options.node_cache is not None and options.executor is not None:
            raise NodeDefinitionError(f"{at}: cache cannot be combined with an executor")
        return options

    def policy(self) -> dict[str, Any]:
        """The options `PipelineNode` takes as keywords."""
        return {
            "retries": self.retries,
            "retry_on": self.retry_on,
            "timeout": self.timeout,
            "backoff": self.backoff,
            "jitter": self.jitter,
            "fallback": self.fallback,
            "limiter": self.limiters or None,
        }


DEFAULT_OPTIONS = NodeOptions()


def _positive(value: object, kind: type[int] | type[float]) -> bool:
    """Whether `value` is a positive finite number (an int, for `int`); never a bool."""
    kinds = (int,) if kind is int else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        return False
    return value > 0 and math.isfinite(value)


def _with_cache(options: NodeOptions, where: str) -> NodeOptions:
    """Make the node's cache: a `MemoryCache` it owns for `cache=True`, else the backend."""
    cache, ttl, size = options.cache, options.cache_ttl, options.cache_size
    if cache is False or cache is True:
        if not cache and (ttl is not None or size is not None):
            raise NodeDefinitionError(f"{where}: cache_ttl and cache_size need cache=True")
    elif isinstance(cache, CacheBackend):
        if ttl is not None or size is not None:
            raise NodeDefinitionError(
                f"{where}: cache_ttl and cache_size apply to cache=True; configure the "
                f"`{type(cache).__name__}` backend itself"
            )
        return dataclasses.replace(options, node_cache=NodeCache(cache))
    else:
        raise NodeDefinitionError(
            f"{where}: cache must be True, False or a `CacheBackend`, got "
            f"`{type(cache).__name__}`"
        )
    if not cache:
        return options
    if ttl is not None and not _positive(ttl, float):
        raise NodeDefinitionError(f"{where}: cache_ttl must be a positive number, got {ttl!r}")
    if size is not None and not _positive(size, int):
        raise NodeDefinitionError(
            f"{where}: cache_size must be an int of at least 1, got {size!r}"
        )
    backend = MemoryCache(1000 if size is None else size, None if ttl is None else float(ttl))
    return dataclasses.replace(options, node_cache=NodeCache(backend))


def per_item(signature: NodeSignature, label: str) -> NodeSignature:
    """A batch function's signature as the graph sees it: `list[T] -> list[U]` becomes `T -> U`."""
    if len(signature.positional) != 1 or signature.required_keywords:
        raise NodeDefinitionError(
            f"Batch node `{label}` must take exactly one parameter, the list of items"
        )
    (param, items), returns = signature.positional[0], signature.returns
    item = _element(items)
    result = _element(returns)
    if item is None or result is None:
        raise NodeDefinitionError(
            f"Batch node `{label}` must be annotated `list[T] -> list[U]` (any sequence of "
            "results), so that the graph sees one `T -> U` per item"
        )
    return dataclasses.replace(signature, positional=((param, item),), returns=result)


def _element(hint: object) -> object | None:
    """The item type of `list[X]`/`Sequence[X]` (Any when bare), or None for anything else."""
    if hint is Any:
        return Any
    origin = typing.get_origin(hint) or hint
    if origin not in (list, collections.abc.Sequence):
        return None
    args = typing.get_args(hint)
    return args[0] if args else Any
