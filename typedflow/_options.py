"""`NodeOptions`: how a node runs (fault policy, concurrency, batching), checked at decoration."""

from __future__ import annotations

import collections.abc
import dataclasses
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import NodeDefinitionError
from ._runtime._policy import NO_FALLBACK, make_policy

if TYPE_CHECKING:
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
        concurrency: The most calls of this node at once, across executions and streams.
        batch_size: For a batch node (a function of `list[T] -> list[U]`): the most items
            per call; None for an ordinary node.
        max_wait: For a batch node: the longest an item waits for others, in seconds.
        check: Check values against the hints at run time: True or False, or None to
            follow `build(runtime_checks=...)`.
        executor: Where a sync function runs instead of the pipeline's thread pool.
        fallback_call: A fallback function or node with its signature, read at decoration
            for the build to check; None for a fallback value or no fallback.
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

    def policy(self) -> dict[str, Any]:
        """The options `PipelineNode` takes as keywords."""
        return {
            "retries": self.retries,
            "retry_on": self.retry_on,
            "timeout": self.timeout,
            "backoff": self.backoff,
            "jitter": self.jitter,
            "fallback": self.fallback,
            "concurrency": self.concurrency,
        }


DEFAULT_OPTIONS = NodeOptions()


def validate(options: NodeOptions, label: str) -> None:
    """Raise `NodeDefinitionError` for an option out of range or unsupported on a batch node."""
    try:
        make_policy(label, **options.policy())
    except NodeDefinitionError as exc:
        raise NodeDefinitionError(exc.message.replace("node `", "`@node` of `", 1)) from None
    if options.batch_size is not None:
        if options.batch_size < 1:
            raise NodeDefinitionError(f"`@node` of `{label}`: batch_size must be at least 1")
        if options.max_wait < 0:
            raise NodeDefinitionError(f"`@node` of `{label}`: max_wait must not be negative")
        if options.retries or options.timeout is not None or options.fallback is not NO_FALLBACK:
            raise NodeDefinitionError(
                f"`@node` of `{label}`: retries, timeout and fallback are not supported on "
                "batch nodes"
            )


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
