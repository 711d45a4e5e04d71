"""`NodeOptions`: how a node runs (fault policy, concurrency, batching), checked at decoration."""

from __future__ import annotations

import collections.abc
import dataclasses
import math
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import NodeDefinitionError
from ._runtime._cache import CacheBackend, MemoryCache, NodeCache
from ._runtime._limiter import Limiter
from ._runtime._policy import NO_FALLBACK, make_policy, seconds, whole

if TYPE_CHECKING:
    from ._generators import StreamSpec
    from ._node import NodeSignature
    from ._runtime._executors import NodeExecutor

__all__ = ["DEFAULT_OPTIONS", "FallbackCall", "NodeOptions", "per_item", "validate"]


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
class NodeOptions:
    """How the compiled node runs: fault policy, concurrency limit and batching.

    Attributes:
        retries: Extra attempts after a failure matching `retry_on` (exponential backoff).
        retry_on: The exception types retried.
        timeout: Seconds per attempt, or None.
        backoff: Seconds before the first retry (doubling each retry).
        jitter: The random fraction added to each wait.
        fallback: The value (or function of the inputs) returned when every attempt failed.
        concurrency: The most calls of this node at once, across every execution, stream and
            pipeline built from it (threads and event loops included).
        batch_size: For a batch node (a function of `list[T] -> list[U]`): the most items
            per call; None for an ordinary node.
        max_wait: For a batch node: the longest an item waits for others, in seconds.
        check: Check values against the hints at run time: True or False, or None to
            follow `build(runtime_checks=...)`.
        executor: Where a sync function runs instead of the pipeline's thread pool.
        fallback_call: A fallback function or node with its signature, read at decoration
            for the build to check; None for a fallback value or no fallback.
        limiter: A `Limiter` shared with other nodes, or None.
        limiters: What each call runs under: the node's own `Limiter(concurrency=...)`
            (made once, by `validate`), then `limiter`.
        cache: True for a `MemoryCache` the node owns, or a `CacheBackend`; False: none.
        cache_ttl: For `cache=True`: seconds a result stays valid, or None.
        cache_size: For `cache=True`: the most results kept (default 1000).
        node_cache: The cache every pipeline built from the node shares (made once, by
            `validate`), or None.
        stream: For a streaming node (a generator function): its chunk type and `collect`
            function (set at decoration); None for any other node.
    """

    retries: int = 0
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = Exception
    timeout: float | None = None
    backoff: float = 0.1
    jitter: float = 0.1
    fallback: Any = NO_FALLBACK
    concurrency: int | None = None
    batch_size: int | None = None
    max_wait: float = 0.01
    check: bool | None = None
    executor: NodeExecutor | None = None
    fallback_call: FallbackCall | None = None
    limiter: Limiter | None = None
    limiters: tuple[Limiter, ...] = ()
    cache: bool | CacheBackend = False
    cache_ttl: float | None = None
    cache_size: int | None = None
    node_cache: NodeCache | None = None
    stream: StreamSpec | None = None

    def policy(self) -> dict[str, Any]:
        """The options `PipelineNode` takes as keywords."""
        return {
            "retries": self.retries,
            "retry_on": self.retry_on,
            "timeout": self.timeout,
            "backoff": self.backoff,
            "jitter": self.jitter,
            "fallback": self.fallback,
            "limiter": self.limiters,
        }


DEFAULT_OPTIONS = NodeOptions()


def _is_default(options: NodeOptions) -> bool:
    """Whether every option is its default: the same object, or a number of the same type
    and value (never `==` on a user's value: a fallback may be an array)."""
    for name in _FIELDS:
        given, default = getattr(options, name), getattr(DEFAULT_OPTIONS, name)
        if given is not default and not (
            type(given) is type(default) and type(given) in (int, float) and given == default
        ):
            return False
    return True


_FIELDS = tuple(f.name for f in dataclasses.fields(NodeOptions))


def validate(options: NodeOptions, label: str) -> NodeOptions:
    """The options with their limiters made, once; `NodeDefinitionError` for an option out of
    range or unsupported on a batch node."""
    if _is_default(options):  # nothing to check or make (most nodes)
        return DEFAULT_OPTIONS
    options = _with_cache(_with_limiters(options, label), label)
    try:
        kwargs = options.policy()
        make_policy(label, limiters=kwargs.pop("limiter"), **kwargs)
    except NodeDefinitionError as exc:
        raise NodeDefinitionError(exc.message.replace("node `", "`@node` of `", 1)) from None
    if not seconds(options.max_wait, zero=True):
        raise NodeDefinitionError(
            f"`@node` of `{label}`: max_wait must be a finite number of seconds >= 0, got"
            f" {options.max_wait!r}"
        )
    if options.batch_size is not None:
        if not whole(options.batch_size, 1):
            raise NodeDefinitionError(
                f"`@node` of `{label}`: batch_size must be a whole number >= 1, got"
                f" {options.batch_size!r}"
            )
        if options.retries or options.timeout is not None or options.fallback is not NO_FALLBACK:
            raise NodeDefinitionError(
                f"`@node` of `{label}`: retries, timeout and fallback are not supported on "
                "batch nodes"
            )
        if options.limiter is not None:
            raise NodeDefinitionError(
                f"`@node` of `{label}`: limiter is not supported on batch nodes; use "
                "concurrency"
            )
        if options.node_cache is not None:
            raise NodeDefinitionError(
                f"`@node` of `{label}`: cache is not supported on batch nodes"
            )
    if options.node_cache is not None and options.executor is not None:
        raise NodeDefinitionError(
            f"`@node` of `{label}`: cache cannot be combined with an executor"
        )
    return options


def _positive(value: object, kind: type[int] | type[float]) -> bool:
    """Whether `value` is a positive finite number (an int, for `int`); never a bool."""
    kinds = (int,) if kind is int else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        return False
    return value > 0 and math.isfinite(value)


def _with_cache(options: NodeOptions, label: str) -> NodeOptions:
    """Make the node's cache: a `MemoryCache` it owns for `cache=True`, else the backend."""
    cache, ttl, size = options.cache, options.cache_ttl, options.cache_size
    where = f"`@node` of `{label}`"
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


def _with_limiters(options: NodeOptions, label: str) -> NodeOptions:
    """Make the node's own `Limiter` from `concurrency` (batch nodes keep their own limit)."""
    concurrency, limiter = options.concurrency, options.limiter
    if limiter is not None and not isinstance(limiter, Limiter):
        raise NodeDefinitionError(
            f"`@node` of `{label}`: limiter must be a `typedflow.Limiter`, got "
            f"`{type(limiter).__name__}`"
        )
    if concurrency is not None and (isinstance(concurrency, bool) or concurrency < 1):
        raise NodeDefinitionError(
            f"`@node` of `{label}`: concurrency must be at least 1, got {concurrency!r}"
        )
    if concurrency is not None and not isinstance(concurrency, int):
        raise NodeDefinitionError(
            f"`@node` of `{label}`: concurrency must be an int, got {concurrency!r}"
        )
    own = () if concurrency is None or options.batch_size is not None else (
        Limiter(concurrency=concurrency),
    )
    limiters = (*own, *(() if limiter is None else (limiter,)))
    if not limiters:
        return options
    return dataclasses.replace(options, limiters=limiters)


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
