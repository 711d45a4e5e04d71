"""`trace`: OpenTelemetry spans for a pipeline's runs (the `typedflow[otel]` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ._nodes import SubPipeline
from ._options import whole

if TYPE_CHECKING:
    from collections.abc import Iterator

    from opentelemetry.trace import TracerProvider

    from ._pipeline import Pipeline

__all__ = ["trace"]

P = TypeVar("P", bound="Pipeline")


def trace(
    pipeline: P,
    *,
    tracer_provider: TracerProvider | None = None,
    record_values: bool = False,
    max_value_length: int = 1000,
) -> P:
    """Record every later run of `pipeline` as OpenTelemetry spans, and return it.

    A run is a span `typedflow.run <pipeline>` (attributes `typedflow.pipeline.name`,
    `typedflow.run.id`, `typedflow.run.status`), a child of whatever span is current where
    the run starts; each node execution is a child span `typedflow.node <node>`
    (`typedflow.node.name`, `typedflow.node.attempt`, `typedflow.node.status`), current
    while the node's function runs, so spans opened inside the node nest under it. A failure
    is recorded as the span's exception (`error.type`, status ERROR); a retry is a
    `typedflow.retry` event, a fallback a `typedflow.fallback` event. The pipelines used in
    it as nodes are traced too (their runs nest under the node's span).

    Args:
        pipeline: The pipeline (a `Pipeline` or a built `TypedPipeline`).
        tracer_provider: Default: the global one.
        record_values: Record the run's input and each node's input and output as their
            `repr` (`typedflow.run.input`, `typedflow.node.input`, `typedflow.node.output`).
            Off by default: values may hold personal data.
        max_value_length: With `record_values`, the most characters kept of each value.

    Raises:
        ImportError: opentelemetry is not installed (`pip install 'typedflow[otel]'`).
        TypeError: `record_values` is not a bool.
        ValueError: `max_value_length` is not a whole number >= 1.
    """
    if not isinstance(record_values, bool):
        raise TypeError(f"trace(): record_values must be a bool, got {record_values!r}")
    if not whole(max_value_length, 1):
        raise ValueError(
            f"trace(): max_value_length must be a whole number >= 1, got {max_value_length!r}"
        )
    try:
        from ._otel import Tracing
    except ModuleNotFoundError as exc:
        raise ImportError(
            "tracing needs opentelemetry: install it with `pip install 'typedflow[otel]'`"
        ) from exc
    limit = max_value_length if record_values else None
    for each in _with_nested(pipeline):
        each._tracing = Tracing(tracer_provider, limit)
    return pipeline


def _with_nested(pipeline: Pipeline) -> Iterator[Pipeline]:
    """`pipeline` and every pipeline used in it as a node, at any depth, once each."""
    seen: set[int] = set()
    todo = [pipeline]
    while todo:
        each = todo.pop()
        if id(each) in seen:
            continue
        seen.add(id(each))
        yield each
        todo.extend(n.pipeline for n in each.nodes.values() if isinstance(n, SubPipeline))
        todo.extend(getattr(each, "_nested", ()))
