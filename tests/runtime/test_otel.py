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

from typedflow import NodeExecutionError, node, recording, trace
from typedflow.pipeline import Pipeline, PipelineNode, SubPipeline

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
        "typedflow.pipeline.name": "p", "typedflow.run.id": 1, "typedflow.run.status": "completed"
    }
    assert attrs(fetch_span) == {
        "typedflow.pipeline.name": "p",
        "typedflow.run.id": 1,
        "typedflow.node.name": "fetch",
        "typedflow.node.attempt": 1,
        "typedflow.node.status": "completed",
    }
    assert attrs(double_span)["typedflow.node.name"] == "double"
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
    assert attrs(node_span) == {
        "typedflow.pipeline.name": "f",
        "typedflow.run.id": 1,
        "typedflow.node.name": "boom",
        "typedflow.node.attempt": 1,
        "typedflow.node.status": "failed",
        "error.type": "ValueError",
    }
    assert node_span.status.status_code is StatusCode.ERROR
    assert node_span.status.description == "ValueError: bad 7"
    [event] = node_span.events
    assert event.name == "exception"
    assert dict(event.attributes or {})["exception.type"] == "ValueError"
    assert dict(event.attributes or {})["exception.message"] == "bad 7"
    assert attrs(run) == {
        "typedflow.pipeline.name": "f",
        "typedflow.run.id": 1,
        "typedflow.run.status": "failed",
        "error.type": "ValueError",  # the node's error: the wrapper classifies nothing
    }
    [run_event] = run.events
    assert run_event.name == "exception"
    assert dict(run_event.attributes or {})["exception.type"] == "typedflow.NodeExecutionError"
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
    assert attrs(run) == {
        "typedflow.pipeline.name": "c",
        "typedflow.run.id": 1,
        "typedflow.run.status": "failed",
        "error.type": "ValueError",
    }
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
        (
            "typedflow.retry",
            {
                "typedflow.node.attempt": n,
                "exception.type": "ConnectionError",
                "exception.message": m,
            },
        )
        for n, m in [(2, "try 1"), (3, "try 2")]
    ]
    assert attrs(node_span)["typedflow.node.attempt"] == 3
    assert attrs(node_span)["typedflow.node.status"] == "completed"
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
        run_id = attrs(run)["typedflow.run.id"]
        for s in members:
            assert attrs(s)["typedflow.run.id"] == run_id
            if s is not run:
                assert s.parent is not None
                assert s.parent.span_id == run.context.span_id
    assert sorted(attrs(r)["typedflow.run.id"] for r in runs.values()) == [1, 2]


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


async def test_a_fallback_is_an_event_of_the_node_span_after_its_retries(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    async def down(x: int) -> int:
        raise ConnectionError(f"down {x}")

    p = trace(
        chain(
            Pipeline("fb"),
            PipelineNode("down", down, retries=1, backoff=0, jitter=0, fallback=-1),
            PipelineNode("after", ident),
        ),
        tracer_provider=provider,
    )
    assert await p.execute(4) == {"down": -1, "after": -1}
    assert tree(exporter.get_finished_spans()) == [
        ("typedflow.node down", "typedflow.run fb"),
        ("typedflow.node after", "typedflow.run fb"),
        ("typedflow.run fb", None),
    ]
    down_span = exporter.get_finished_spans()[0]
    assert [(e.name, dict(e.attributes or {})) for e in down_span.events] == [
        (
            "typedflow.retry",
            {
                "typedflow.node.attempt": 2,
                "exception.type": "ConnectionError",
                "exception.message": "down 4",
            },
        ),
        ("typedflow.fallback", {"typedflow.node.attempt": 2}),
    ]
    assert attrs(down_span)["typedflow.node.status"] == "completed"
    assert down_span.status.status_code is StatusCode.UNSET


async def test_a_fallback_is_a_running_event_with_reason_fallback_before_completed() -> None:
    seen: list[tuple[str, str, int, str | None]] = []

    def down(x: int) -> int:
        raise ValueError("no")

    p = chain(Pipeline("ev"), PipelineNode("down", down, fallback=lambda x: x * 10))
    p.events.subscribe(lambda e: seen.append((e.node, e.status.value, e.attempt, e.reason)))
    assert await p.execute(2) == {"down": 20}
    assert seen == [
        ("down", "running", 1, None),
        ("down", "running", 1, "fallback"),
        ("down", "completed", 1, None),
    ]


async def test_values_are_not_recorded_by_default(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    p = trace(chain(Pipeline("v"), PipelineNode("a", aident)), tracer_provider=provider)
    await p.execute("secret")
    for span in exporter.get_finished_spans():
        assert not [k for k in attrs(span) if k.endswith((".input", ".output"))]
        assert "secret" not in repr(attrs(span))


async def test_recorded_values_are_reprs_cut_to_max_value_length(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    p = Pipeline("vals")
    a = p.add_node(PipelineNode("a", lambda s: s + "!"))
    b = p.add_node(PipelineNode("b", lambda s: len(s)))
    j = p.add_node(PipelineNode("j", lambda s, n: {"text": s, "n": n}))
    p.set_start_node(a)
    a.connect(b)
    a.connect(j)
    b.connect(j)
    trace(p, tracer_provider=provider, record_values=True, max_value_length=13)
    await p.execute("hello")
    spans = {s.name: attrs(s) for s in exporter.get_finished_spans()}
    assert spans["typedflow.run vals"]["typedflow.run.input"] == "'hello'"
    assert spans["typedflow.node a"]["typedflow.node.input"] == "'hello'"
    assert spans["typedflow.node a"]["typedflow.node.output"] == "'hello!'"
    assert spans["typedflow.node b"]["typedflow.node.output"] == "6"
    assert spans["typedflow.node j"]["typedflow.node.input"] == "('hello!', 6)"
    assert spans["typedflow.node j"]["typedflow.node.output"] == "{'text': 'he…"


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


async def test_a_value_whose_repr_raises_is_recorded_as_unrepresentable(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    p = trace(
        chain(Pipeline("u"), PipelineNode("make", lambda _: Unprintable())),
        tracer_provider=provider,
        record_values=True,
    )
    await p.execute(1)
    node_span = exporter.get_finished_spans()[0]
    assert attrs(node_span)["typedflow.node.output"] == (
        "<unrepresentable tests.runtime.test_otel.Unprintable: RuntimeError>"
    )


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"record_values": 1}, TypeError, "trace(): record_values must be a bool, got 1"),
        (
            {"max_value_length": 0},
            ValueError,
            "trace(): max_value_length must be a whole number >= 1, got 0",
        ),
        (
            {"max_value_length": True},
            ValueError,
            "trace(): max_value_length must be a whole number >= 1, got True",
        ),
    ],
    ids=["record-values-not-bool", "length-zero", "length-bool"],
)
def test_trace_options_are_validated(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    p = chain(Pipeline("o"), PipelineNode("a", ident))
    with pytest.raises(error) as caught:
        trace(p, **options)
    assert str(caught.value) == message
    assert p._tracing is None


async def test_a_sub_pipelines_spans_nest_under_the_outer_nodes_span(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    inner = chain(
        Pipeline("inner"), PipelineNode("x2", lambda x: x * 2), PipelineNode("x3", aident)
    )
    outer = chain(
        Pipeline("outer"), PipelineNode("pre", ident), SubPipeline("sub", inner),
        PipelineNode("post", ident),
    )
    trace(outer, tracer_provider=provider)  # traces `inner` too
    assert await outer.execute(5) == {"pre": 5, "sub": 10, "post": 10}
    spans = exporter.get_finished_spans()
    assert tree(spans) == [
        ("typedflow.node pre", "typedflow.run outer"),
        ("typedflow.node x2", "typedflow.run inner"),
        ("typedflow.node x3", "typedflow.run inner"),
        ("typedflow.run inner", "typedflow.node sub"),
        ("typedflow.node sub", "typedflow.run outer"),
        ("typedflow.node post", "typedflow.run outer"),
        ("typedflow.run outer", None),
    ]
    assert len({s.context.trace_id for s in spans}) == 1


@node
async def lower(text: str) -> str:
    return text.lower()


async def test_a_built_pipeline_used_as_a_node_is_traced_nested(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    inner = (shout >> length).build(name="measure")
    outer = trace((lower >> inner.as_node()).build(name="top"), tracer_provider=provider)
    assert await outer.run("Ab") == 2
    assert tree(exporter.get_finished_spans()) == [
        ("typedflow.node lower", "typedflow.run top"),
        ("typedflow.node shout", "typedflow.run measure"),
        ("typedflow.node length", "typedflow.run measure"),
        ("typedflow.run measure", "typedflow.node measure"),
        ("typedflow.node measure", "typedflow.run top"),
        ("typedflow.run top", None),
    ]


async def test_a_callers_own_run_id_is_the_one_on_its_spans(
    exporter: InMemorySpanExporter, provider: TracerProvider
) -> None:
    p = trace(chain(Pipeline("ids"), PipelineNode("a", aident)), tracer_provider=provider)
    await p.execute(0)
    with recording(p) as runs:
        await p.execute(1)
    [record] = runs
    spans = exporter.get_finished_spans()
    assert record.run_id == 2
    assert [attrs(s)["typedflow.run.id"] for s in spans] == [1, 1, 2, 2]
