"""The runtime: pipeline nodes, the DAG scheduler, per-run records and the event stream.

This package's namespace is the runtime's one surface for the DSL: the DSL modules (`_build`,
`_compile`, `_check`, `_flow`, `_node`, `_options`, `_route`, `_targets`) import runtime names
from `typedflow._runtime` only, never from its private modules, so that the runtime's modules
can be split and renamed without touching the DSL. It offers:

- the documented API, as `typedflow.pipeline` re-exports it: `Pipeline`, `PipelineNode`,
  `BatchNode`, `CachedNode`, `CacheBackend`, `MemoryCache`, `Limiter`, `LiveRun`,
  `NodeExecutor`, `NodeStatus`, `OnError`, `Outcome`, `Progress`, `StreamErrors`;
- node options: `NodeOptions` (one validated value: defaults and checks in one place),
  `NO_FALLBACK` (no fallback: None is a fallback value) and `NodeCache` (a cache every
  pipeline built from a node shares);
- what compiling a flow needs: `GeneratorNode` (streaming nodes), `MergeNode` and
  `RouterNode` (routing), `NO_DEPS` and `with_deps` (run dependencies),
  `is_coroutine_function`;
- what a typed pipeline needs from a finished run: `Run` and `Plan` (its record and compiled
  plan), `raise_failure` (raise a run's failure as `execute` does), `Filtered` (a stream item
  that a filter ended).
"""

import logging

from . import _rx

# A library logs quietly by default: without this, Python's last-resort handler would print
# every warning of the `typedflow` logger to stderr when the application configured none.
logging.getLogger("typedflow").addHandler(logging.NullHandler())

# rx is imported when first used; this makes it warning-clean whoever imports it first.
_rx.install()


# The DSL's surface (see the docstring).
from ._batch import BatchNode as BatchNode  # noqa: E402
from ._cache import CacheBackend as CacheBackend  # noqa: E402
from ._cache import CachedNode as CachedNode  # noqa: E402
from ._cache import MemoryCache as MemoryCache  # noqa: E402
from ._cache import NodeCache as NodeCache  # noqa: E402
from ._chunks import GeneratorNode as GeneratorNode  # noqa: E402
from ._chunks import LiveRun as LiveRun  # noqa: E402
from ._deps import NO_DEPS as NO_DEPS  # noqa: E402
from ._deps import with_deps as with_deps  # noqa: E402
from ._executors import NodeExecutor as NodeExecutor  # noqa: E402
from ._limiter import Limiter as Limiter  # noqa: E402
from ._node import NodeStatus as NodeStatus  # noqa: E402
from ._node import PipelineNode as PipelineNode  # noqa: E402
from ._node import is_coroutine_function as is_coroutine_function  # noqa: E402
from ._options import NO_FALLBACK as NO_FALLBACK  # noqa: E402
from ._options import NodeOptions as NodeOptions  # noqa: E402
from ._pipeline import OnError as OnError  # noqa: E402
from ._pipeline import Pipeline as Pipeline  # noqa: E402
from ._progress import Progress as Progress  # noqa: E402
from ._routing import MergeNode as MergeNode  # noqa: E402
from ._routing import RouterNode as RouterNode  # noqa: E402
from ._scheduler import Plan as Plan  # noqa: E402
from ._scheduler import Run as Run  # noqa: E402
from ._scheduler import raise_failure as raise_failure  # noqa: E402
from ._stream import Filtered as Filtered  # noqa: E402
from ._stream import Outcome as Outcome  # noqa: E402
from ._stream import StreamErrors as StreamErrors  # noqa: E402
