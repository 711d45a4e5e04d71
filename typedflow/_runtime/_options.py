"""`NodeOptions`: how a node runs, as one immutable value whose defaults and checks live here."""

from __future__ import annotations

import dataclasses
import math
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import NodeDefinitionError
from ._limiter import Limiter

if TYPE_CHECKING:
    from typing import Self

    from ._executors import NodeExecutor

__all__ = ["NO_FALLBACK", "PLAIN", "NodeOptions", "seconds", "whole"]

NO_FALLBACK: Any = object()
"""Marks a node without a fallback (None is a legitimate fallback value)."""


@dataclass(frozen=True, slots=True)
class NodeOptions:
    """How a node runs: fault policy, limits and batching, validated once.

    `@node(...)`, `PipelineNode(...)` and the node classes all make one and call `validated`,
    which checks every option (naming the node) and makes the node's own `Limiter`; nothing
    downstream re-validates or re-defaults them. The DSL's `typedflow._options.NodeOptions`
    extends it with what only `@node` takes (`cache`, `check`, a streaming node's spec).

    Attributes:
        retries: Extra attempts after a failure matching `retry_on` (exponential backoff).
        retry_on: The exception types retried.
        timeout: Seconds per attempt, or None.
        backoff: Seconds before the first retry (doubling each retry).
        jitter: The random fraction added to each wait.
        fallback: The value (or function of the inputs) returned when every attempt failed.
        concurrency: The most calls of this node at once (a `Limiter` the node owns).
        batch_size: For a batch node: the most items per call; None for any other node.
        max_wait: For a batch node: the longest an item waits for others, in seconds.
        executor: Where a sync function runs instead of the pipeline's thread pool.
        limiter: A `Limiter` (or several) shared with other nodes, or None.
        max_backoff: The longest wait between attempts.
        limiters: What each call runs under (made by `validated`): the node's own
            `Limiter(concurrency=...)` (not for a batch node, which keeps its own limit),
            then `limiter`.
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
    executor: NodeExecutor | None = None
    limiter: Limiter | tuple[Limiter, ...] | None = None
    max_backoff: float = 10.0
    limiters: tuple[Limiter, ...] = ()

    def validated(self, name: str, *, where: str | None = None) -> Self:
        """These options checked, with their limiters and cache made; `where` names the node
        in messages (default: ``node `name` ``).

        Raises:
            NodeDefinitionError: An option out of range, of the wrong type, or not supported
                on a batch node.
        """
        if self.is_default():  # nothing to check or make (most nodes)
            return self
        at = where if where is not None else f"node `{name}`"
        options = self._with_limiters(at)
        options._check_policy(at)
        options._check_batch(at)
        return options

    def is_default(self) -> bool:
        """Whether every option is its default: the same object, or a number of the same type
        and value (never `==` on a user's value: a fallback may be an array)."""
        values = _values(self)
        if all(map(operator.is_, values, _DEFAULT_VALUES)):  # in C: the common case
            return True
        for given, default in zip(values, _DEFAULT_VALUES, strict=True):
            if given is not default and not (
                type(given) is type(default) and type(given) in (int, float) and given == default
            ):
                return False
        return True

    def _with_limiters(self, at: str) -> Self:
        if self.limiters:  # validated before: its limiters are made (and shared) already
            return self
        concurrency, limiter = self.concurrency, self.limiter
        shared = limiter if isinstance(limiter, tuple) else () if limiter is None else (limiter,)
        for each in shared:
            if not isinstance(each, Limiter):
                raise NodeDefinitionError(
                    f"{at}: limiter must be a `typedflow.Limiter`, got `{type(each).__name__}`"
                )
        if concurrency is not None and (isinstance(concurrency, bool) or concurrency < 1):
            raise NodeDefinitionError(f"{at}: concurrency must be at least 1, got {concurrency!r}")
        if concurrency is not None and not isinstance(concurrency, int):
            raise NodeDefinitionError(f"{at}: concurrency must be an int, got {concurrency!r}")
        own = () if concurrency is None or self.batch_size is not None else (
            Limiter(concurrency=concurrency),
        )
        limiters = (*own, *shared)
        return dataclasses.replace(self, limiters=limiters) if limiters else self

    def _check_policy(self, at: str) -> None:
        if not whole(self.retries, 0):
            raise NodeDefinitionError(
                f"{at}: retries must be a whole number >= 0, got {self.retries!r}"
            )
        if self.timeout is not None and not seconds(self.timeout, zero=False):
            raise NodeDefinitionError(
                f"{at}: timeout must be a positive, finite number of seconds, got {self.timeout!r}"
            )
        if not all(seconds(d, zero=True) for d in (self.backoff, self.max_backoff, self.jitter)):
            raise NodeDefinitionError(
                f"{at}: backoff, max_backoff and jitter must be finite numbers >= 0, got"
                f" backoff={self.backoff!r}, max_backoff={self.max_backoff!r},"
                f" jitter={self.jitter!r}"
            )
        retry_on = self.retry_on
        kinds: tuple[object, ...] = retry_on if isinstance(retry_on, tuple) else (retry_on,)
        if not kinds or not all(_is_exception_type(k) for k in kinds):
            raise NodeDefinitionError(
                f"{at}: retry_on must be an exception type or a tuple of them"
            )

    def _check_batch(self, at: str) -> None:
        if not seconds(self.max_wait, zero=True):
            raise NodeDefinitionError(
                f"{at}: max_wait must be a finite number of seconds >= 0, got {self.max_wait!r}"
            )
        if self.batch_size is None:
            return
        if not whole(self.batch_size, 1):
            raise NodeDefinitionError(
                f"{at}: batch_size must be a whole number >= 1, got {self.batch_size!r}"
            )
        if self.retries or self.timeout is not None or self.fallback is not NO_FALLBACK:
            raise NodeDefinitionError(
                f"{at}: retries, timeout and fallback are not supported on batch nodes"
            )
        if self.limiter is not None:
            raise NodeDefinitionError(
                f"{at}: limiter is not supported on batch nodes; use concurrency"
            )

    def retry_kinds(self) -> tuple[type[BaseException], ...]:
        """`retry_on` as a tuple (validated: every item is an exception type)."""
        retry_on = self.retry_on
        return retry_on if isinstance(retry_on, tuple) else (retry_on,)


PLAIN = NodeOptions()
"""Every option at its default: a node without options (most nodes)."""

_values = operator.attrgetter(*(f.name for f in dataclasses.fields(NodeOptions)))
_DEFAULT_VALUES: tuple[object, ...] = _values(PLAIN)


def _is_exception_type(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseException)


def whole(value: object, minimum: int) -> bool:
    """`value` is an int (not a bool) of at least `minimum`."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def seconds(value: object, *, zero: bool) -> bool:
    """`value` is a finite number of seconds, positive (or >= 0 with `zero`); NaN is not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return (value >= 0 if zero else value > 0) and value < math.inf

