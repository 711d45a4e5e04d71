"""OpenTelemetry spans of a traced pipeline: the one place that imports opentelemetry.

A run is a span (`typedflow.run <pipeline>`), current while the run goes on, so each node's
span is its child: a node span (`typedflow.node <node>`) opens on the node's RUNNING event
and is made current in the task that calls the node's function (a span the user opens in
the node nests under it, also in a pool thread: the pool runs each call in a copy of the
context), and closes on its COMPLETED, FAILED or SKIPPED event. Retries and fallbacks are
events of the node's span. Inputs and outputs are recorded only with `record_values`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opentelemetry import context, trace
from opentelemetry.trace import Status, StatusCode

from .._errors import NodeExecutionError
from ._node import NodeStatus
from ._record import FALLBACK, ChunkEvent

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from contextvars import Token

    from opentelemetry.context import Context
    from opentelemetry.trace import Span, Tracer, TracerProvider
    from opentelemetry.util.types import AttributeValue

    from ._record import NodeEvent
    from ._scheduler import Plan, Run

__all__ = ["PIPELINE", "RUN_ID", "Tracing"]

PIPELINE = "typedflow.pipeline.name"
RUN_ID = "typedflow.run.id"
RUN_STATUS = "typedflow.run.status"
RUN_INPUT = "typedflow.run.input"
NODE = "typedflow.node.name"
ATTEMPT = "typedflow.node.attempt"
NODE_STATUS = "typedflow.node.status"
NODE_INPUT = "typedflow.node.input"
NODE_OUTPUT = "typedflow.node.output"
ERROR_TYPE = "error.type"

_RUNNING = NodeStatus.RUNNING
_COMPLETED = NodeStatus.COMPLETED


class Tracing:
    """The spans of one pipeline's runs and node executions.

    `max_value_length`: None records no values; else inputs and outputs are recorded as
    their `repr`, cut to that many characters.
    """

    __slots__ = ("_max", "_open", "_runs", "_tracer", "_upstream")

    def __init__(self, provider: TracerProvider | None, max_value_length: int | None) -> None:
        self._tracer: Tracer = trace.get_tracer("typedflow", tracer_provider=provider)
        self._open: dict[tuple[int, str], tuple[Span, Token[Context]]] = {}
        self._max = max_value_length
        self._runs: dict[int, tuple[Run, Any]] = {}  # with values: each run and its input
        self._upstream: tuple[Plan, tuple[tuple[int, ...], ...]] | None = None

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

    async def traced(self, run: Run, work: Awaitable[None], data: Any) -> None:
        """Await `work` (the run of `data`) inside the run's span, current meanwhile."""
        attributes: dict[str, AttributeValue] = {
            PIPELINE: run.plan.pipeline, RUN_ID: run.run_id
        }
        if self._max is not None:
            attributes[RUN_INPUT] = self._value(data)
            self._runs[run.run_id] = (run, data)
        span = self._tracer.start_span(f"typedflow.run {run.plan.pipeline}", attributes=attributes)
        token = context.attach(trace.set_span_in_context(span))
        try:
            await work
        except BaseException as exc:
            # `error.type` classifies by the node's own error, not the wrapper around it
            cause = exc.__cause__ if isinstance(exc, NodeExecutionError) else None
            _failed(span, RUN_STATUS, exc, exc if cause is None else cause)
            raise
        else:
            if run.failure is not None:  # on_error="continue": the run ended, a node failed
                i, error = run.failure
                span.set_attributes({RUN_STATUS: "failed", ERROR_TYPE: _type_name(error)})
                span.set_status(Status(StatusCode.ERROR, f"node `{run.plan.names[i]}` failed"))
            else:
                span.set_attribute(RUN_STATUS, "completed")
        finally:
            self._runs.pop(run.run_id, None)
            context.detach(token)
            span.end()

    def _on_event(self, event: NodeEvent) -> None:
        key = (event.run_id, event.node)
        if event.status is _RUNNING:
            if isinstance(event, ChunkEvent):
                return
            if event.error is not None:  # a retry: the attempt before failed
                self._node_event(key, "typedflow.retry", event, event.error)
            elif event.reason == FALLBACK:
                self._node_event(key, "typedflow.fallback", event, None)
            elif key not in self._open:
                self._start(key, event)
            return
        opened = self._open.pop(key, None)
        if opened is None:  # SKIPPED before it ran: no span
            return
        span, token = opened
        span.set_attributes({ATTEMPT: event.attempt, NODE_STATUS: event.status.value})
        if event.status is _COMPLETED and self._max is not None:
            self._output(span, event)
        if event.status is NodeStatus.FAILED and event.error is not None:
            _failed(span, NODE_STATUS, event.error, event.error)
        context.detach(token)
        span.end()

    def _start(self, key: tuple[int, str], event: NodeEvent) -> None:
        attributes: dict[str, AttributeValue] = {
            PIPELINE: event.pipeline, RUN_ID: event.run_id, NODE: event.node
        }
        if self._max is not None:
            value = self._input(event)
            if value is not None:
                attributes[NODE_INPUT] = value
        span = self._tracer.start_span(f"typedflow.node {event.node}", attributes=attributes)
        self._open[key] = (span, context.attach(trace.set_span_in_context(span)))

    def _node_event(
        self, key: tuple[int, str], name: str, event: NodeEvent, error: BaseException | None
    ) -> None:
        opened = self._open.get(key)
        if opened is None:
            return
        attributes: dict[str, AttributeValue] = {ATTEMPT: event.attempt}
        if error is not None:
            attributes["exception.type"] = _type_name(error)
            attributes["exception.message"] = _cut(str(error), 500)
        opened[0].add_event(name, attributes)

    def _input(self, event: NodeEvent) -> str | None:
        """The node's input, from its run's input or its upstream nodes' outputs."""
        found = self._runs.get(event.run_id)
        if found is None:
            return None
        run, data = found
        plan = run.plan
        i = plan.names.index(event.node)
        ups = self._upstream_of(plan)[i]
        if not ups:
            return self._value(data)
        done = [run.outputs[u] for u in ups if run.status[u] is _COMPLETED]
        return self._value(done[0] if len(done) == 1 else tuple(done))

    def _output(self, span: Span, event: NodeEvent) -> None:
        found = self._runs.get(event.run_id)
        if found is not None:
            run = found[0]
            output = run.outputs[run.plan.names.index(event.node)]
            span.set_attribute(NODE_OUTPUT, self._value(output))

    def _upstream_of(self, plan: Plan) -> tuple[tuple[int, ...], ...]:
        """Each node's upstream nodes, in argument order (computed once per plan)."""
        cached = self._upstream
        if cached is not None and cached[0] is plan:
            return cached[1]
        ups: list[list[tuple[int, int]]] = [[] for _ in plan.names]
        for i, out in enumerate(plan.edges):
            for j, slot in out:
                ups[j].append((slot, i))
        table = tuple(tuple(i for _, i in sorted(u)) for u in ups)
        self._upstream = (plan, table)
        return table

    def _value(self, value: Any) -> str:
        assert self._max is not None
        try:
            text = repr(value)
        except Exception as exc:  # noqa: BLE001  (a broken __repr__ must not fail the run)
            text = f"<unrepresentable {_type_name(value)}: {_type_name(exc)}>"
        return _cut(text, self._max)


def _cut(text: str, limit: int) -> str:
    """`text`, cut to `limit` characters (the last one then `…`)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(obj: object) -> str:
    """The qualified name of `obj`'s type (of `obj` itself for an exception type), as
    `error.type` wants it: `ValueError`, `typedflow.NodeExecutionError`."""
    cls = obj if isinstance(obj, type) else type(obj)
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _failed(span: Span, status_key: str, exc: BaseException, kind: BaseException) -> None:
    """Mark `span` failed with `exc` (recorded as its exception), classified by `kind`."""
    span.set_attributes({status_key: "failed", ERROR_TYPE: _type_name(kind)})
    span.record_exception(exc)
    span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
