"""`Pipeline`: the documented runtime API, compiled once into a plan and run per execution."""

from __future__ import annotations

import asyncio
import itertools
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, Self

from .._errors import PipelineError
from ._chunks import CURRENT_RUN, LiveRun
from ._deps import NO_DEPS, deps_nodes, require_deps, run_with_deps
from ._events import EventStream
from ._executors import MAX_POOL, GrowablePool
from ._node import THREAD, Binding, ExecutionContext, NodeStatus, PipelineNode
from ._options import whole
from ._record import note_run, recordings
from ._remote import bring_back, kept_outputs
from ._routing import route_tables
from ._run import thread_segments
from ._scheduler import Plan, Run, execute_plan, raise_failure
from ._streaming import Streaming
from ._structure import DUPLICATE, NOT_ADDED, Edges, check_structure, setup_error
from ._sync import Blocking, LoopThread
from ._tasks import TaskGroup

if TYPE_CHECKING:
    from collections.abc import Iterator
    from concurrent.futures import ThreadPoolExecutor
    from types import TracebackType

    from rx.core import Observable

    from ._loopfree import FastPlan
    from ._otel import Tracing
    from ._record import NodeEvent, RunRecord

__all__ = ["OnError", "Pipeline", "made_pipelines"]

OnError = Literal["raise", "continue"]
_ON_ERROR = ("raise", "continue")


_collectors: list[list[Pipeline]] = []
"""The lists `made_pipelines` collects into: every new `Pipeline` is appended to each."""


@contextmanager
def made_pipelines() -> Iterator[list[Pipeline]]:
    """Collect every `Pipeline` made inside the block (the test suite closes each test's)."""
    made: list[Pipeline] = []
    _collectors.append(made)
    try:
        yield made
    finally:
        _collectors.remove(made)


class Pipeline(Streaming, Blocking):
    """A DAG of `PipelineNode`s, run concurrently, once per node per execution.

    Over many inputs: `stream`, `map`, `as_observable` and `operator` (see `Streaming`).
    From synchronous code: `execute_sync`, `map_sync` and `close` (see `Blocking`).

    Args:
        name: The pipeline's name, used in errors, logs and events.
        max_workers: Size of the one thread pool that runs synchronous nodes (created on
            first use). Default: `min(32, cpu_count + 4)`, grown to the `concurrency` of a
            `stream`/`map`/`map_sync` call that asks for more (at most 256 threads), so the
            pool never silently caps the concurrency asked for; a given `max_workers` is
            kept as is.
        on_error: "raise" (default): a failing node cancels the nodes still running and
            `execute` raises `NodeExecutionError`. "continue": independent branches finish,
            `execute` returns what completed, and failures are in the run record.

    Extension point: a front end that gives runs another result (the DSL's `TypedPipeline`)
    subclasses `Pipeline` and overrides these four methods, and no other private one:

    - `_output(run)`: what one finished run gives per input in `stream`, `map`, `map_sync`
      and `as_observable` (here: the outputs by node name);
    - `_item_output(run)`: what one input's finished run gives in those: its `_output`, or
      a `Filtered` for an input a filter ended (the class attribute `_item_sinks_only` says
      whether it reads only the sinks' outputs);
    - `_nested_problem()`: why this pipeline cannot be one node (`SubPipeline`), or None;
    - `_nested_output(run)`: its value as one node (here: its single sink's output).

    They may call `_execute_run(data, on_error, deps, sinks_only=...)` and
    `_execute_run_sync(...)` (a finished `Run`: read its `outputs`, `status`, `plan` and
    `failure`; `raise_failure(run)` raises as `execute` does; with `sinks_only=True` only the
    sinks' outputs are sure to be values) and `_require_deps(deps)`. `typedflow._runtime`
    exports `Run`, `Plan`, `Filtered` and `raise_failure` for them.
    """

    def __init__(
        self, name: str, *, max_workers: int | None = None, on_error: OnError = "raise"
    ) -> None:
        if on_error not in _ON_ERROR:
            raise ValueError(f"on_error must be 'raise' or 'continue', got {on_error!r}")
        if max_workers is not None and not whole(max_workers, 1):
            raise ValueError(f"max_workers must be an int of at least 1, got {max_workers!r}")
        self.name = name
        self.on_error: OnError = on_error
        self._max_workers = max_workers
        self._nodes: dict[str, PipelineNode] = {}
        self._starts: list[PipelineNode] = []
        self._plan: Plan | None = None
        self._pool: GrowablePool | None = None
        self._pool_size = max_workers or min(32, (os.cpu_count() or 1) + 4)
        self._fast: tuple[Plan | None, FastPlan | None] = (None, None)
        self._loop_thread: LoopThread | None = None
        self._context = ExecutionContext(name, self._get_pool)
        self._run_ids = itertools.count(1)
        self._last: Run | None = None
        self._events = EventStream()
        self._tasks = TaskGroup()  # `start()`'s runs and `as_observable`'s pumps
        self._running: set[asyncio.Task[Any]] = set()  # the tasks executing a run
        self._closing = False  # `aclose()` is under way: no new run may start
        self._tracing: Tracing | None = None  # OpenTelemetry spans, once `trace()` asked
        for made in _collectors:
            made.append(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, nodes={list(self._nodes)})"

    # -- building -----------------------------------------------------------------------

    def add_node(self, node: PipelineNode) -> PipelineNode:
        """Add `node` and return it.

        Raises:
            PipelineError: Another node of this pipeline has the same name (TF005).
        """
        if not isinstance(node, PipelineNode):
            raise TypeError(f"add_node() takes a PipelineNode, got `{type(node).__name__}`")
        existing = self._nodes.get(node.name)
        if existing is node:
            raise setup_error(
                DUPLICATE, f"node `{node.name}` is already in pipeline `{self.name}`", node.name
            )
        if existing is not None:
            raise setup_error(
                DUPLICATE,
                f"pipeline `{self.name}` already has a node named `{node.name}`; "
                "node names must be unique",
                node.name,
            )
        self._nodes[node.name] = node
        node._owners.append(self)
        self._invalidate()
        return node

    def _adopt(self, nodes: list[PipelineNode]) -> None:
        """`add_node` for each of `nodes`, with the plan dropped once (the DSL's build)."""
        mine = self._nodes
        for node in nodes:
            if node.name in mine:
                self.add_node(node)  # raises, as add_node does
            mine[node.name] = node
            node._owners.append(self)
        self._invalidate()

    def set_start_node(self, node: PipelineNode) -> None:
        """Make `node` receive the pipeline's input. Several start nodes are allowed.

        Raises:
            PipelineError: `node` was not added to this pipeline (TF101).
        """
        if self._nodes.get(getattr(node, "name", None)) is not node:  # type: ignore[arg-type]  # a non-node is reported below
            shown = str(getattr(node, "name", node))
            raise setup_error(
                NOT_ADDED,
                f"cannot start pipeline `{self.name}` at `{shown}`: "
                "add the node with add_node() first",
                shown,
            )
        if node not in self._starts:
            self._starts.append(node)
            self._invalidate()

    def get_node(self, name: str) -> PipelineNode:
        """The node called `name`.

        Raises:
            KeyError: No such node.
        """
        try:
            return self._nodes[name]
        except KeyError:
            raise KeyError(f"pipeline `{self.name}` has no node named `{name}`") from None

    @property
    def nodes(self) -> dict[str, PipelineNode]:
        """The nodes by name, in the order they were added."""
        return dict(self._nodes)

    def _invalidate(self) -> None:
        self._plan = None

    def validate(self) -> None:
        """Check the pipeline's structure now; `execute` does it on first use.

        Raises:
            PipelineError: Listing every problem, one line each with its code (its
                `problems`): no start node or a node no start node reaches (TF006), an edge to
                or from a node not in the pipeline (TF101), a start node with upstream edges
                (TF102), a cycle with its path (TF002), a sub-pipeline node whose pipeline
                cannot be one node (its own problems, TF007 when it has several sinks).
        """
        self._compile()

    def _compile(self) -> Plan:
        plan = self._plan
        if plan is not None:
            return plan
        nodes = list(self._nodes.values())
        edges, problems = check_structure(self.name, nodes, self._starts)
        bindings: list[Binding] = []
        for node in nodes:
            try:
                bindings.append(node._bind(self._context))
            except PipelineError as exc:  # a sub-pipeline that cannot be a node
                problems.extend(exc.problems)
        if problems:
            raise PipelineError(problems=tuple(problems))
        plan = self._plan = self._make_plan(nodes, edges, bindings)
        return plan

    def _make_plan(self, nodes: list[PipelineNode], edges: Edges, bindings: list[Binding]) -> Plan:
        """The plan of a pipeline whose structure was checked."""
        index = {id(n): i for i, n in enumerate(nodes)}
        modes = [mode for mode, _ in bindings]
        special = tuple(n._special() for n in nodes)
        passes = tuple(n._passes for n in nodes)
        takes_none = any(passes)
        fusable = [
            m == THREAD and sp is None and not takes_none
            for m, sp in zip(modes, special, strict=True)
        ]
        routes, merges = route_tables(nodes, index)
        names = tuple(n.name for n in nodes)
        return Plan(
            pipeline=self.name,
            names=names,
            modes=tuple(modes),
            fns=tuple(fn for _, fn in bindings),
            edges=tuple(tuple(out) for out in edges),
            indegree=tuple(len(n.upstream) for n in nodes),
            starts=tuple(index[id(n)] for n in self._starts),
            sinks=tuple(i for i, out in enumerate(edges) if not out),
            context=self._context,
            segments=thread_segments(fusable, edges),
            special=special,
            routes=routes,
            merges=merges,
            deps=deps_nodes(names, tuple(n.func for n in nodes)),
            kept=kept_outputs(special, edges, routes),
            passes=passes if takes_none else None,
            filters=tuple(n._is_filter for n in nodes) if takes_none else None,
            follower=tuple(
                out[0][0] if len(out) == 1 and len(nodes[out[0][0]].upstream) == 1 else -1
                for out in edges
            ),
        )

    # -- running ------------------------------------------------------------------------

    async def execute(
        self, data: Any, *, on_error: OnError | None = None, deps: Any = NO_DEPS
    ) -> dict[str, Any]:
        """Run every node once on `data` and return the outputs keyed by node name.

        Nodes that were skipped (downstream of a node that returned None or failed) are
        absent from the result. `deps` is this run's dependencies: every node declaring a
        keyword-only `deps` parameter receives it (and no other run sees it).

        Raises:
            PipelineError: The pipeline is put together wrongly (before any node runs).
            TypeError: Nodes take deps but `deps=` was not given (before any node runs).
            NodeExecutionError: A node failed (with on_error="raise"); the node's exception
                is chained.
        """
        run = await self._execute_run(data, on_error, deps)
        outputs: dict[str, Any] = Pipeline._output(self, run)
        return outputs

    def _output(self, run: Run) -> Any:
        """What one input yields in `stream`/`map`: the outputs by node name."""
        return run.completed()

    def _nested_problem(self) -> str | None:
        """Why this pipeline cannot be used as one node (`SubPipeline`), or None."""
        sinks = self._compile().sinks
        if len(sinks) == 1:
            return None
        count = len(sinks)
        return f"pipeline `{self.name}` has {count} sink nodes; a SubPipeline needs exactly one"

    def _nested_output(self, run: Run) -> Any:
        """The value of this pipeline used as one node: its single sink's output."""
        if run.failure is not None:
            raise_failure(run)
        return run.outputs[run.plan.sinks[0]]

    _item_sinks_only = False
    """Whether `_item_output` reads only the sinks' outputs (`sinks_only` of its runs)."""

    async def _run_item(self, data: Any, deps: Any = NO_DEPS) -> Any:
        """One input of `stream`/`map`: its run, given by `_item_output`."""
        run = await self._execute_run(data, "raise", deps, sinks_only=self._item_sinks_only)
        return self._item_output(run)

    def _item_output(self, run: Run) -> Any:
        """What one input's finished run gives in `stream`/`map`: here its `_output`."""
        return self._output(run)

    async def execute_record(
        self, data: Any, *, on_error: OnError | None = None, deps: Any = NO_DEPS
    ) -> RunRecord:
        """Like `execute`, but return the whole record of the run (statuses, times, errors)."""
        return (await self._execute_run(data, on_error, deps)).record()

    async def _execute_run(
        self, data: Any, on_error: OnError | None, deps: Any = NO_DEPS, *, sinks_only: bool = False
    ) -> Run:
        """Run once on `data`; `sinks_only`: the caller reads only the sinks' outputs, so values
        kept on a Dask cluster between Dask nodes (never a sink's) are not fetched for the
        record (see `_remote.bring_back`)."""
        run = self._new_run(on_error, True, deps)
        task = asyncio.current_task()
        if task is not None:  # so that `aclose()` waits for it before releasing the pool
            self._running.add(task)
        # For streaming nodes' chunk events, which only a run with events reads: set when it
        # has them or when it hides an outer run's (a sub-pipeline's run), else left alone.
        token = CURRENT_RUN.set(run) if run.emit or CURRENT_RUN.get() is not None else None
        try:
            work = execute_plan(run, data)
            if deps is not NO_DEPS:  # nothing to set: no cost per run without deps
                work = run_with_deps(work, deps)
            if self._tracing is None:
                await work
            else:
                await self._tracing.traced(run, work, data)
        finally:
            if token is not None:
                CURRENT_RUN.reset(token)
            if task is not None:
                self._running.discard(task)
            if run.plan.kept is not None:  # values left on a Dask cluster come back
                await bring_back(run, fetch=not sinks_only)
        return run

    def _new_run(self, on_error: OnError | None, publish: bool, deps: Any = NO_DEPS) -> Run:
        """A new run of the current plan, the latest one; `publish`: with its events. Raises
        before anything runs when nodes take deps but none were given."""
        if self._closing:
            raise PipelineError(
                f"Pipeline `{self.name}` is closing (`aclose()` is under way): a run cannot"
                " start now; start it after `aclose()` returns"
            )
        plan = self._plan or self._compile()
        stops = True if on_error is None and self.on_error == "raise" else self._stops(on_error)
        if deps is NO_DEPS and plan.deps:
            require_deps(self.name, plan.deps, deps)
        events = self._events.publisher() if publish else None
        if self._tracing is not None:
            events = self._tracing.publisher(events)
        run = Run(plan, next(self._run_ids), stops, events)
        self._last = run
        if recordings():  # a caller's own record (`recording`): one lookup per run otherwise
            note_run(self, run.record())
        return run

    def _stops(self, on_error: OnError | None) -> bool:
        """Whether a run in error mode `on_error` (None: the pipeline's) stops on a failure."""
        mode = self.on_error if on_error is None else on_error
        if mode not in _ON_ERROR:
            raise ValueError(f"on_error must be 'raise' or 'continue', got {mode!r}")
        return mode == "raise"

    def start(self, data: Any, *, deps: Any = NO_DEPS) -> LiveRun[Any]:
        """Run once on `data` in the background, giving streaming nodes' chunks live.

        Use it as `async with pipeline.start(data) as run:`, then `run.chunks(node)` and
        `await run.result()` (what `execute` returns); see `LiveRun`. `deps`: as for
        `execute`.
        """
        self._require_deps(deps)
        return LiveRun(self, lambda: self.execute(data, deps=deps))

    def _require_deps(self, deps: Any) -> None:
        """Raise now (before a stream starts) when nodes take deps but none were given."""
        if deps is NO_DEPS:  # read from the nodes: compiling stays the first run's job
            nodes = self._nodes
            needing = deps_nodes(tuple(nodes), tuple(n.func for n in nodes.values()))
            require_deps(self.name, needing, deps)

    def get_pipeline_status(self) -> dict[str, NodeStatus]:
        """Each node's status in the most recently started execution (PENDING before any)."""
        status = dict.fromkeys(self._nodes, NodeStatus.PENDING)
        run = self._last
        if run is not None:
            status.update(zip(run.plan.names, run.status, strict=True))
        return status

    @property
    def last_run(self) -> RunRecord | None:
        """The record of the most recently started execution, if any."""
        return None if self._last is None else self._last.record()

    @property
    def events(self) -> Observable[NodeEvent]:
        """Every state change of every node, as an RxPY observable of `NodeEvent`s.

        Whether anyone listens is read when an execution starts: a subscriber added during
        an execution hears from the next one on.
        """
        return self._events.observable

    # -- resources ----------------------------------------------------------------------

    def _get_pool(self) -> ThreadPoolExecutor:
        pool = self._pool
        if pool is None:
            pool = self._pool = GrowablePool(self._pool_size, f"typedflow-{self.name}")
        return pool

    def _reserve_workers(self, concurrency: int) -> None:
        """Grow the default-sized pool to `concurrency` threads (at most `MAX_POOL`)."""
        if self._max_workers is None and concurrency > self._pool_size:
            self._pool_size = min(concurrency, MAX_POOL)
            if self._pool is not None:
                self._pool.grow(self._pool_size)

    async def aclose(self) -> None:
        """Cancel the runs of `start()` and the pumps of `as_observable` still going (closing
        their generators), wait for the other runs in flight on this event loop to finish,
        then release the thread pool (waiting for running calls), every node's resources and
        the private loop of synchronous calls (see `execute_sync`).

        While it is under way, a new run fails with `PipelineError`; once it has returned,
        the pipeline may run again (with a new pool).
        """
        self._closing = True
        try:
            here = asyncio.current_task()
            loop = asyncio.get_running_loop()
            await self._tasks.aclose()
            running = [t for t in self._running if t is not here and t.get_loop() is loop]
            if running:  # they may still need the pool: releasing it first leaked a new one
                await asyncio.wait(running)
            for node in self._nodes.values():
                await node.aclose()
            pool, self._pool = self._pool, None
            if pool is not None:
                await loop.run_in_executor(None, pool.shutdown)
            self._stop_loop()
        finally:
            self._closing = False

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

