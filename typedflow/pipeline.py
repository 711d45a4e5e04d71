"""The documented runtime API: `Pipeline`, `PipelineNode`, `NodeStatus` and the node classes."""

from ._runtime._batch import BatchNode as BatchNode
from ._runtime._cache import CacheBackend as CacheBackend
from ._runtime._cache import CachedNode as CachedNode
from ._runtime._cache import MemoryCache as MemoryCache
from ._runtime._cache import cache_key as cache_key
from ._runtime._chunks import LiveRun as LiveRun
from ._runtime._dask import DaskExecutor as DaskExecutor
from ._runtime._executors import NodeExecutor as NodeExecutor
from ._runtime._executors import PoolExecutor as PoolExecutor
from ._runtime._limiter import Limiter as Limiter
from ._runtime._node import NodeStatus as NodeStatus
from ._runtime._node import PipelineNode as PipelineNode
from ._runtime._nodes import FilterNode as FilterNode
from ._runtime._nodes import SubPipeline as SubPipeline
from ._runtime._nodes import ThreadPoolNode as ThreadPoolNode
from ._runtime._nodes import TypedNode as TypedNode
from ._runtime._pipeline import OnError as OnError
from ._runtime._pipeline import Pipeline as Pipeline
from ._runtime._progress import Progress as Progress
from ._runtime._record import ChunkEvent as ChunkEvent
from ._runtime._record import NodeEvent as NodeEvent
from ._runtime._record import NodeRun as NodeRun
from ._runtime._record import RunRecord as RunRecord
from ._runtime._record import recording as recording
from ._runtime._redis import RedisCache as RedisCache
from ._runtime._stream import Outcome as Outcome
from ._runtime._stream import StreamErrors as StreamErrors
from ._runtime._trace import trace as trace

__all__ = [
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
]
