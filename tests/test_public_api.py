"""The public surface is exactly what is promised: `typedflow.__all__` (issue 2, issue 3)."""

from __future__ import annotations

import importlib

import typedflow
import typedflow.pipeline

PROMISED = {
    # the typed DSL
    "Flow",
    "Node",
    "TypedPipeline",
    "build",
    "is_assignable",
    "node",
    "route",
    "When",
    "when",
    # errors and build findings
    "GraphError",
    "Location",
    "NodeDefinitionError",
    "NodeExecutionError",
    "NodeTypeError",
    "PipelineError",
    "Problem",
    "TypedflowError",
    # the documented runtime
    "BatchNode",
    "CacheBackend",
    "CachedNode",
    "ChunkEvent",
    "DaskExecutor",
    "FilterNode",
    "Limiter",
    "LiveRun",
    "MemoryCache",
    "NodeEvent",
    "NodeExecutor",
    "NodeRun",
    "NodeStatus",
    "OnError",
    "Outcome",
    "Pipeline",
    "PipelineNode",
    "PoolExecutor",
    "Progress",
    "RedisCache",
    "RunRecord",
    "StreamErrors",
    "SubPipeline",
    "ThreadPoolNode",
    "TypedNode",
    "cache_key",
    "recording",
    "trace",
}


def test_all_is_exactly_the_promised_surface() -> None:
    assert set(typedflow.__all__) == PROMISED


def test_all_is_sorted_and_unique() -> None:
    assert list(typedflow.__all__) == sorted(set(typedflow.__all__))


def test_every_exported_name_resolves() -> None:
    for name in typedflow.__all__:
        assert getattr(typedflow, name) is not None, name


def test_no_public_module_level_names_beyond_all() -> None:
    for name in typedflow.__all__:  # `is_assignable` is made on first access (module __getattr__)
        getattr(typedflow, name)
    public = {
        name
        for name in vars(typedflow)
        if not name.startswith("_") and not isinstance(getattr(typedflow, name), type(typedflow))
    }
    assert public == set(typedflow.__all__)


def test_documented_runtime_is_importable_from_typedflow_pipeline() -> None:
    module = importlib.import_module("typedflow.pipeline")
    for name in module.__all__:
        assert getattr(module, name) is getattr(typedflow, name), name
    assert {"Pipeline", "PipelineNode", "NodeStatus"} <= set(module.__all__)


def test_errors_print_as_public_names() -> None:
    assert typedflow.NodeExecutionError.__module__ == "typedflow"
    assert typedflow.GraphError.__module__ == "typedflow"
    assert repr(typedflow.Limiter(concurrency=2, rate=5)) == "Limiter(concurrency=2, rate=5.0)"
    assert issubclass(typedflow.PipelineError, ValueError)
    assert issubclass(typedflow.NodeDefinitionError, TypeError)
