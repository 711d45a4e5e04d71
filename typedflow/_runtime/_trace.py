"""`trace`: OpenTelemetry spans for a pipeline's runs (the `typedflow[otel]` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from opentelemetry.trace import TracerProvider

    from ._pipeline import Pipeline

__all__ = ["trace"]

P = TypeVar("P", bound="Pipeline")


def trace(pipeline: P, *, tracer_provider: TracerProvider | None = None) -> P:
    """Record every later run of `pipeline` as OpenTelemetry spans, and return it.

    A run is a span `typedflow.run <pipeline>` (attributes `typedflow.pipeline`,
    `typedflow.run_id`, `typedflow.status`), a child of whatever span is current where the
    run starts; each node execution is a child span `typedflow.node <node>` (attributes
    `typedflow.node`, `typedflow.attempt`, `typedflow.status`), current while the node's
    function runs, so spans opened inside the node nest under it. A failure is recorded as
    the span's exception with status ERROR; each retry is a `typedflow.retry` event. Inputs
    and outputs are not recorded. `tracer_provider`: default, the global one.

    Raises:
        ImportError: opentelemetry is not installed (`pip install 'typedflow[otel]'`).
    """
    try:
        from ._otel import Tracing
    except ModuleNotFoundError as exc:
        raise ImportError(
            "tracing needs opentelemetry: install it with `pip install 'typedflow[otel]'`"
        ) from exc
    pipeline._tracing = Tracing(tracer_provider)
    return pipeline
