"""typedflow: typed, declarative LLM and data pipelines with a fast concurrent runtime."""

import typing as _typing

from ._build import TypedPipeline as TypedPipeline
from ._build import build as build
from ._errors import GraphError as GraphError
from ._errors import Location as Location
from ._errors import NodeDefinitionError as NodeDefinitionError
from ._errors import NodeExecutionError as NodeExecutionError
from ._errors import NodeTypeError as NodeTypeError
from ._errors import PipelineError as PipelineError
from ._errors import Problem as Problem
from ._errors import TypedflowError as TypedflowError
from ._flow import Flow as Flow
from ._node import Node as Node
from ._node import node as node
from ._route import When as When
from ._route import route as route
from ._route import when as when
from .pipeline import BatchNode as BatchNode
from .pipeline import CacheBackend as CacheBackend
from .pipeline import CachedNode as CachedNode
from .pipeline import ChunkEvent as ChunkEvent
from .pipeline import DaskExecutor as DaskExecutor
from .pipeline import FilterNode as FilterNode
from .pipeline import Limiter as Limiter
from .pipeline import LiveRun as LiveRun
from .pipeline import MemoryCache as MemoryCache
from .pipeline import NodeEvent as NodeEvent
from .pipeline import NodeExecutor as NodeExecutor
from .pipeline import NodeRun as NodeRun
from .pipeline import NodeStatus as NodeStatus
from .pipeline import OnError as OnError
from .pipeline import Outcome as Outcome
from .pipeline import Pipeline as Pipeline
from .pipeline import PipelineNode as PipelineNode
from .pipeline import PoolExecutor as PoolExecutor
from .pipeline import Progress as Progress
from .pipeline import RedisCache as RedisCache
from .pipeline import RunRecord as RunRecord
from .pipeline import StreamErrors as StreamErrors
from .pipeline import SubPipeline as SubPipeline
from .pipeline import ThreadPoolNode as ThreadPoolNode
from .pipeline import TypedNode as TypedNode
from .pipeline import cache_key as cache_key
from .pipeline import recording as recording
from .pipeline import trace as trace

if _typing.TYPE_CHECKING:
    from ._types import is_assignable as is_assignable

__all__ = [
    "BatchNode",
    "CacheBackend",
    "CachedNode",
    "ChunkEvent",
    "DaskExecutor",
    "FilterNode",
    "Flow",
    "GraphError",
    "Limiter",
    "LiveRun",
    "Location",
    "MemoryCache",
    "Node",
    "NodeDefinitionError",
    "NodeEvent",
    "NodeExecutionError",
    "NodeExecutor",
    "NodeRun",
    "NodeStatus",
    "NodeTypeError",
    "OnError",
    "Outcome",
    "Pipeline",
    "PipelineError",
    "PipelineNode",
    "PoolExecutor",
    "Problem",
    "Progress",
    "RedisCache",
    "RunRecord",
    "StreamErrors",
    "SubPipeline",
    "ThreadPoolNode",
    "TypedNode",
    "TypedPipeline",
    "TypedflowError",
    "When",
    "build",
    "cache_key",
    "is_assignable",
    "node",
    "recording",
    "route",
    "trace",
    "when",
]


def __getattr__(name: str) -> object:
    """`is_assignable` is imported on first use: the type relation is most of what importing
    typedflow would cost, and defining nodes and flows does not need it."""
    if name == "is_assignable":
        from ._types import is_assignable

        globals()["is_assignable"] = is_assignable
        return is_assignable
    raise AttributeError(f"module 'typedflow' has no attribute {name!r}")
