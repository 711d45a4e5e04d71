"""OpenTelemetry spans of a traced pipeline: the one place that imports opentelemetry.

A run is a span (`typedflow.run <pipeline>`), current while the run goes on, so each node's
span is its child: a node span (`typedflow.node <node>`) opens on the node's RUNNING event
and is made current in the task that calls the node's function (a span the user opens in
the node nests under it, also in a pool thread: the pool runs each call in a copy of the
context), and closes on its COMPLETED, FAILED or SKIPPED event. Retries are events of the
node's span. Inputs and outputs are not recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentelemetry import context, trace
from opentelemetry.trace import Status, StatusCode

from ._node import NodeStatus
from ._record import ChunkEvent, brief

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from contextvars import Token

    from opentelemetry.context import Context
    from opentelemetry.trace import Span, Tracer, TracerProvider

    from ._record import NodeEvent
    from ._scheduler import Run

__all__ = ["Tracing"]

_RUNNING = NodeStatus.RUNNING


class Tracing:
    """The spans of one pipeline's runs and node executions."""

    __slots__ = ("_open", "_tracer")

    def __init__(self, provider: TracerProvider | None) -> None:
        self._tracer: Tracer = trace.get_tracer("typedflow", tracer_provider=provider)
        self._open: dict[tuple[int, str], tuple[Span, Token[Context]]] = {}

    def publisher(
        self, events: Callable[[NodeEvent], None] | None
    ) -> Callable[[NodeEvent], None]:
        """The run's event publisher: node spans first, then the event stream's subscribers."""
        if events is None:
            return self._on_event

        def publish(event: NodeEvent) -> None:
            self._on_event(event)
            events(event)

        return publish

    async def traced(self, run: Run, work: Awaitable[None]) -> None:
        """Await `work` (the run) inside the run's span, current meanwhile."""
        pipeline = run.plan.pipeline
        span = self._tracer.start_span(
            f"typedflow.run {pipeline}",
            attributes={"typedflow.pipeline": pipeline, "typedflow.run_id": run.run_id},
        )
        token = context.attach(trace.set_span_in_context(span))
        try:
            await work
        except BaseException as exc:
            _failed(span, exc)
            raise
        else:
            if run.failure is not None:  # on_error="continue": the run ended, a node failed
                i = run.failure[0]
                span.set_attribute("typedflow.status", "failed")
                span.set_status(Status(StatusCode.ERROR, f"node `{run.plan.names[i]}` failed"))
            else:
                span.set_attribute("typedflow.status", "completed")
        finally:
            context.detach(token)
            span.end()

    def _on_event(self, event: NodeEvent) -> None:
        key = (event.run_id, event.node)
        if event.status is _RUNNING:
            if event.error is not None:  # a retry: the attempt before failed
                self._retry(key, event)
            elif key not in self._open and not isinstance(event, ChunkEvent):
                self._start(key, event)
            return
        opened = self._open.pop(key, None)
        if opened is None:  # SKIPPED before it ran: no span
            return
        span, token = opened
        span.set_attribute("typedflow.attempt", event.attempt)
        span.set_attribute("typedflow.status", event.status.value)
        if event.status is NodeStatus.FAILED and event.error is not None:
            _failed(span, event.error)
        context.detach(token)
        span.end()

    def _start(self, key: tuple[int, str], event: NodeEvent) -> None:
        span = self._tracer.start_span(
            f"typedflow.node {event.node}",
            attributes={
                "typedflow.pipeline": event.pipeline,
                "typedflow.run_id": event.run_id,
                "typedflow.node": event.node,
            },
        )
        self._open[key] = (span, context.attach(trace.set_span_in_context(span)))

    def _retry(self, key: tuple[int, str], event: NodeEvent) -> None:
        opened = self._open.get(key)
        if opened is not None and event.error is not None:
            opened[0].add_event(
                "typedflow.retry",
                {"typedflow.attempt": event.attempt, "exception.message": brief(event.error)},
            )


def _failed(span: Span, exc: BaseException) -> None:
    span.set_attribute("typedflow.status", "failed")
    span.record_exception(exc)
    span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
