"""Tests of OpenTelemetry tracing (typedflow/_runtime/_otel.py, `typedflow.trace`): the exact
span trees, recorded with the SDK's in-memory exporter on a provider of the test's own (the
global provider is never set)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("opentelemetry.sdk")

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from typedflow import NodeExecutionError, node, trace
from typedflow.pipeline import Pipeline, PipelineNode

from ._helpers import aident, chain, ident

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import ReadableSpan


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def provider(exporter: InMemorySpanExporter) -> TracerProvider:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


def tree(spans: tuple[ReadableSpan, ...]) -> list[tuple[str, str | None]]:
    """(name, parent's name) of each span, in the order they ended."""
    names = {s.context.span_id: s.name for s in spans}
    return [(s.name, names.get(s.parent.span_id) if s.parent else None) for s in spans]


def attrs(span: ReadableSpan) -> dict[str, Any]:
    return dict(span.attributes or {})


async def test_a_chain_is_a_run_span_with_node_spans_and_a_user_span_nested_in_its_node(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    tracer = provider.get_tracer("user")

    async def fetch(x: int) -> int:
        with tracer.start_as_current_span("user.fetch"):
            await asyncio.sleep(0)
            return x + 1

    p = trace(
        chain(Pipeline("p"), PipelineNode("fetch", fetch), PipelineNode("double", lambda x: x * 2)),
        tracer_provider=provider,
    )
    assert await p.execute(1) == {"fetch": 2, "double": 4}
    spans = exporter.get_finished_spans()
    assert tree(spans) == [
        ("user.fetch", "typedflow.node fetch"),
        ("typedflow.node fetch", "typedflow.run p"),
        ("typedflow.node double", "typedflow.run p"),
        ("typedflow.run p", None),
    ]
    assert len({s.context.trace_id for s in spans}) == 1
    _, fetch_span, double_span, run = spans
    assert attrs(run) == {
        "typedflow.pipeline": "p", "typedflow.run_id": 1, "typedflow.status": "completed"
    }
    assert attrs(fetch_span) == {
        "typedflow.pipeline": "p",
        "typedflow.run_id": 1,
        "typedflow.node": "fetch",
        "typedflow.attempt": 1,
        "typedflow.status": "completed",
    }
    assert attrs(double_span)["typedflow.node"] == "double"
    assert run.status.status_code is StatusCode.UNSET
    assert fetch_span.events == ()


def test_a_user_span_in_a_sync_node_on_a_pool_thread_nests_under_the_node(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    tracer = provider.get_tracer("user")

    def work(x: int) -> int:
        with tracer.start_as_current_span("user.work"):
            return x

    p = trace(chain(Pipeline("s"), PipelineNode("work", work)), tracer_provider=provider)
    with p:
        assert p.execute_sync(3) == {"work": 3}
    assert tree(exporter.get_finished_spans()) == [
        ("user.work", "typedflow.node work"),
        ("typedflow.node work", "typedflow.run s"),
        ("typedflow.run s", None),
    ]


async def test_a_failing_node_records_its_exception_and_both_spans_are_errors(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    def boom(x: int) -> int:
        raise ValueError(f"bad {x}")

    p = trace(
        chain(Pipeline("f"), PipelineNode("ok", aident), PipelineNode("boom", boom),
              PipelineNode("after", ident)),
        tracer_provider=provider,
    )
    with pytest.raises(NodeExecutionError):
        await p.execute(7)
    spans = exporter.get_finished_spans()
    assert tree(spans) == [
        ("typedflow.node ok", "typedflow.run f"),
        ("typedflow.node boom", "typedflow.run f"),
        ("typedflow.run f", None),
    ]
    _, node_span, run = spans
    assert attrs(node_span)["typedflow.status"] == "failed"
    assert node_span.status.status_code is StatusCode.ERROR
    assert node_span.status.description == "ValueError: bad 7"
    [event] = node_span.events
    assert event.name == "exception"
    assert dict(event.attributes or {})["exception.type"] == "ValueError"
    assert dict(event.attributes or {})["exception.message"] == "bad 7"
    assert attrs(run)["typedflow.status"] == "failed"
    assert run.status.status_code is StatusCode.ERROR
    assert run.status.description == (
        "NodeExecutionError: node `boom` in pipeline `f` failed: ValueError: bad 7"
    )


async def test_a_failure_under_on_error_continue_marks_the_run_span_failed(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    def boom(x: int) -> int:
        raise ValueError("no")

    p = trace(
        chain(Pipeline("c", on_error="continue"), PipelineNode("boom", boom)),
        tracer_provider=provider,
    )
    assert await p.execute(1) == {}
    node_span, run = exporter.get_finished_spans()
    assert node_span.status.status_code is StatusCode.ERROR
    assert attrs(run)["typedflow.status"] == "failed"
    assert run.status.status_code is StatusCode.ERROR
    assert run.status.description == "node `boom` failed"
    assert [e.name for e in run.events] == []


async def test_retries_are_events_of_the_node_span(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    calls = 0

    async def flaky(x: int) -> int:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise ConnectionError(f"try {calls}")
        return x

    p = trace(
        chain(Pipeline("r"), PipelineNode("flaky", flaky, retries=2, backoff=0, jitter=0)),
        tracer_provider=provider,
    )
    assert await p.execute(5) == {"flaky": 5}
    node_span, run = exporter.get_finished_spans()
    assert node_span.parent is not None
    assert node_span.parent.span_id == run.context.span_id
    assert [(e.name, dict(e.attributes or {})) for e in node_span.events] == [
        ("typedflow.retry", {"typedflow.attempt": n, "exception.message": f"ConnectionError: {m}"})
        for n, m in [(2, "try 1"), (3, "try 2")]
    ]
    assert attrs(node_span)["typedflow.attempt"] == 3
    assert attrs(node_span)["typedflow.status"] == "completed"
    assert node_span.status.status_code is StatusCode.UNSET


async def test_concurrent_runs_are_separate_traces(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    started = 0
    both = asyncio.Event()

    async def meet(x: int) -> int:  # each run waits until the other one is inside this node
        nonlocal started
        started += 1
        if started == 2:
            both.set()
        await both.wait()
        return x

    p = trace(
        chain(Pipeline("cc"), PipelineNode("meet", meet), PipelineNode("tail", aident)),
        tracer_provider=provider,
    )
    assert list(await asyncio.gather(p.execute(1), p.execute(2))) == [
        {"meet": 1, "tail": 1},
        {"meet": 2, "tail": 2},
    ]
    spans = exporter.get_finished_spans()
    runs = {s.context.trace_id: s for s in spans if s.name == "typedflow.run cc"}
    assert len(runs) == 2
    for trace_id, run in runs.items():
        members = [s for s in spans if s.context.trace_id == trace_id]
        assert sorted(s.name for s in members) == [
            "typedflow.node meet", "typedflow.node tail", "typedflow.run cc"
        ]
        run_id = attrs(run)["typedflow.run_id"]
        for s in members:
            assert attrs(s)["typedflow.run_id"] == run_id
            if s is not run:
                assert s.parent is not None
                assert s.parent.span_id == run.context.span_id
    assert sorted(attrs(r)["typedflow.run_id"] for r in runs.values()) == [1, 2]


@st.composite
def dags(draw: st.DrawFn) -> list[list[int]]:
    """The parents of each node of a DAG whose only start node is node 0."""
    n = draw(st.integers(1, 7))
    return [[]] + [
        sorted(draw(st.sets(st.integers(0, i - 1), min_size=1, max_size=3)))
        for i in range(1, n)
    ]


async def add(*xs: int) -> int:
    await asyncio.sleep(0)
    return sum(xs)


@settings(max_examples=30, deadline=None)
@given(dags(), st.booleans())
def test_every_node_of_any_dag_is_one_child_span_of_its_run(
    parents: list[list[int]], threaded: bool
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    p = Pipeline("dag")
    nodes = [
        p.add_node(PipelineNode(f"n{i}", (lambda *xs: sum(xs)) if threaded else add))
        for i in range(len(parents))
    ]
    for i, ps in enumerate(parents):
        for j in ps:
            nodes[j].connect(nodes[i])
    p.set_start_node(nodes[0])
    with trace(p, tracer_provider=provider):
        outputs = p.execute_sync(1)
    assert len(outputs) == len(parents)
    spans = exporter.get_finished_spans()
    assert sorted(tree(spans)) == sorted(
        [(f"typedflow.node n{i}", "typedflow.run dag") for i in range(len(parents))]
        + [("typedflow.run dag", None)]
    )
    assert len({s.context.trace_id for s in spans}) == 1
    assert spans[-1].name == "typedflow.run dag"  # the run ends after its last node


async def test_an_untraced_pipeline_makes_no_spans(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    tracer = provider.get_tracer("user")

    async def work(x: int) -> int:
        return x

    p = chain(Pipeline("off"), PipelineNode("work", work))
    with tracer.start_as_current_span("outer"):
        assert await p.execute(1) == {"work": 1}
    assert tree(exporter.get_finished_spans()) == [("outer", None)]
    assert p._tracing is None


async def test_a_traced_run_nests_under_the_callers_current_span(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    p = trace(chain(Pipeline("in"), PipelineNode("work", aident)), tracer_provider=provider)
    with provider.get_tracer("user").start_as_current_span("request"):
        await p.execute(1)
    assert tree(exporter.get_finished_spans()) == [
        ("typedflow.node work", "typedflow.run in"),
        ("typedflow.run in", "request"),
        ("request", None),
    ]


@node(inline=True)
def shout(text: str) -> str:
    return text.upper()


@node
async def length(text: str) -> int:
    return len(text)


async def test_a_built_pipeline_is_traced_and_trace_returns_it(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    built = (shout >> length).build(name="dsl")
    pipeline = trace(built, tracer_provider=provider)
    assert pipeline is built
    assert await pipeline.run("abc") == 3
    assert tree(exporter.get_finished_spans()) == [
        ("typedflow.node shout", "typedflow.run dsl"),
        ("typedflow.node length", "typedflow.run dsl"),
        ("typedflow.run dsl", None),
    ]


def test_importing_typedflow_does_not_import_opentelemetry() -> None:
    code = "import sys, typedflow; print(any(m.startswith('opentelemetry') for m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "False\n"
