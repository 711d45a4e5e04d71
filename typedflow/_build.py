"""`build`: check flows statically, then compile them into a `TypedPipeline`, defined here."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeAlias, TypeVar, overload

import typing_extensions

from ._compile import BELOW as _BELOW
from ._compile import NOT as _NOT
from ._compile import WHOLE as _WHOLE
from ._compile import compile_checked
from ._draw import draw
from ._errors import NodeTypeError
from ._flow import LAYERS, Composable, Flow, caller_location
from ._ir import graph_of
from ._node import AsyncDepsNode, AsyncNode, Node, make_node
from ._render import Drawable
from ._runtime import NO_DEPS, Filtered, LiveRun, NodeStatus, Pipeline, raise_failure

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, AsyncIterable, Iterable

    from rx.core import Observable

    from ._ir import Graph
    from ._runtime import OnError, Outcome, Plan, Progress, Run, StreamErrors

__all__ = ["TypedPipeline", "build", "build_flow"]

I = TypeVar("I", contravariant=True)  # noqa: E741  # the conventional name of a flow's input
O = TypeVar("O", covariant=True)  # noqa: E741  # the conventional name of a flow's output
# The type of a run's `deps` (see `build(deps=...)`); None: the pipeline takes none. Invariant:
# a pipeline that needs deps is no `TypedPipeline[I, O]` (whose `run` takes none).
D = typing_extensions.TypeVar("D", default=None)
_I = TypeVar("_I")
_O = TypeVar("_O")
_D = TypeVar("_D")
_T = TypeVar("_T")
_COMPLETED = NodeStatus.COMPLETED
_SKIPPED = NodeStatus.SKIPPED

if TYPE_CHECKING:
    Inputs: TypeAlias = Iterable[_T] | AsyncIterable[_T] | Observable[_T]
    """What `stream`, `map` and `as_observable` take: inputs of type `_T`."""


class TypedPipeline(Pipeline, Drawable, Generic[I, O, D]):
    """A `Pipeline` compiled from flows, with a typed `run` returning the output directly.

    It extends `Pipeline` only through the runtime's documented extension point (`_output`,
    `_item_output`, `_nested_problem`, `_nested_output`: see `Pipeline`).

    Everything `Pipeline` offers (`execute`, statuses, events, errors) works unchanged; node
    names are the DSL nodes' names.

    Args:
        name: The pipeline's name.
        outputs: The names of the nodes whose outputs `run` returns (several: a tuple).
        nullable: For each output, whether it may give `None`: its declared type admits
            `None`, or a filter (a node declared to return `T | None`) lies on a path to it.
        filters: For each output, whether a filter can end it: `_NOT`, `_BELOW` (a filter
            lies on a path to it: skipped means filtered), or `_IS` (it is a filter: `None`
            from it means filtered too); `_WHOLE` for every output when only a filter
            attached after them can end them (then `run` gives None, not a tuple of Nones).
        may_return_none: The names of the nodes whose return type admits `None`: any other
            node returning `None` is a type violation (checked when an output is `None`).
        input_hint: The hint of the input (`Any` when the sources disagree).
        output_hint: The hint of `run`'s result.
        deps_type: The type of a run's `deps` (`build(deps=...)`), or `NO_DEPS`.
        max_workers: See `Pipeline`.
        on_error: See `Pipeline`.
        graph: The graph it was compiled from (for `to_mermaid`/`to_dot`).
    """

    def __init__(
        self,
        name: str,
        *,
        outputs: tuple[str, ...],
        nullable: tuple[bool, ...],
        filters: tuple[int, ...] | None = None,
        may_return_none: frozenset[str] = frozenset(),
        input_hint: object = Any,
        output_hint: object = Any,
        deps_type: object = NO_DEPS,
        max_workers: int | None = None,
        on_error: OnError = "raise",
        graph: Graph | None = None,
    ) -> None:
        super().__init__(name, max_workers=max_workers, on_error=on_error)
        self._graph = graph
        self.outputs = outputs
        self.input_hint = input_hint
        self.output_hint = output_hint
        self.deps_type = deps_type
        self._nullable = dict(zip(outputs, nullable, strict=True))
        self._filters = filters if filters is not None else (_NOT,) * len(outputs)
        self._filtering = any(self._filters)
        self._whole = self._filters[0] == _WHOLE  # None for an input a filter ended (a tuple)
        self._may_return_none = may_return_none
        self._slots: tuple[int, ...] = ()
        self._slots_plan: Plan | None = None
        self._nested: list[Pipeline] = []  # pipelines used as nodes (`as_node`), closed with us

    async def aclose(self) -> None:
        """Release this pipeline's resources and those of pipelines used in it as nodes."""
        await super().aclose()
        for inner in self._nested:
            await inner.aclose()

    @overload
    async def run(self: TypedPipeline[_I, _O, None], data: _I) -> _O: ...
    @overload
    async def run(self: TypedPipeline[_I, _O, _D], data: _I, *, deps: _D) -> _O: ...
    async def run(self, data: Any, *, deps: Any = NO_DEPS) -> Any:
        """Execute once on `data` and return the output (a tuple after a final fan-out).

        A pipeline built with `deps=T` takes the run's dependencies, `deps=` (a `T`): every
        node declaring a keyword-only `deps` parameter receives it.

        An output node that did not produce a value (it, or an upstream, returned `None` and
        so ended its branch) gives `None` when its declared return type admits `None` or a
        filter lies on a path to it (then `run` is typed `O | None`).

        Raises:
            NodeTypeError: An output node produced no value, but its type excludes `None`.
            TypeError: Nodes take deps but `deps=` was not given (before any node runs).
            NodeExecutionError: A node raised (see `Pipeline.execute`), also under
                `on_error="continue"`, where independent branches finish first.
        """
        return self._output(await self._execute_run(data, None, deps, sinks_only=True))

    @overload
    def run_sync(self: TypedPipeline[_I, _O, None], data: _I) -> _O: ...
    @overload
    def run_sync(self: TypedPipeline[_I, _O, _D], data: _I, *, deps: _D) -> _O: ...
    def run_sync(self, data: Any, *, deps: Any = NO_DEPS) -> Any:
        """`run` for synchronous code (a script, a notebook, a WSGI view): the same result
        and errors (`deps` as for `run`). Where it runs (no event loop for plain sync nodes,
        else a private loop or a helper thread's inside a running loop) is said in
        `Pipeline.execute_sync`."""
        return self._output(self._execute_run_sync(data, None, deps, sinks_only=True))

    def _output(self, run: Run) -> Any:
        """The output nodes' values (a tuple after a final fan-out): what `run` and
        `stream`/`map` give per input."""
        if run.failure is not None:  # under on_error="continue": no value to give, say why
            raise_failure(run)
        plan = run.plan
        if self._slots_plan is not plan:  # once per compiled plan, not per input
            self._slots = tuple(plan.names.index(out) for out in self.outputs)
            self._slots_plan = plan
        values = run.outputs  # None for a node that did not complete
        if len(self._slots) == 1:
            output = values[self._slots[0]]
            if output is None:  # `_pick` checks only a None: a value is given as it is
                output = self._pick(output, self.outputs[0])
                if self._filters[0] != _NOT:
                    self._no_stray_none(run)
            return output
        if self._whole and all(run.status[i] is _SKIPPED for i in self._slots):
            return None  # the filter ended the whole fan-out (typed `tuple[...] | None`)
        outputs = tuple(
            self._pick(values[i], out) for i, out in zip(self._slots, self.outputs, strict=True)
        )
        if any(o is None and f != _NOT for o, f in zip(outputs, self._filters, strict=True)):
            self._no_stray_none(run)
        return outputs

    def _no_stray_none(self, run: Run) -> None:
        """Raise when a node whose return type excludes `None` returned `None` and so ended
        its branch: only a filter (declared `T | None`) may. Runs only when an output that a
        filter can end is `None`, so it costs nothing per item otherwise."""
        plan, status, values = run.plan, run.status, run.outputs
        for i, name in enumerate(plan.names):
            if (
                values[i] is None
                and status[i] is _COMPLETED
                and plan.edges[i]
                and name not in self._may_return_none
            ):
                raise NodeTypeError(
                    f"Node `{name}` in pipeline `{self.name}` returned `None`, ending its"
                    " branch, but its return type does not admit `None`; declare it"
                    " `-> T | None` to make it a filter",
                    node=name,
                    pipeline=self.name,
                )

    _item_sinks_only = True

    def _item_output(self, run: Run) -> Any:
        """One input of `stream`/`map`: its output, wrapped in `Filtered` when a filter ended
        it (every output gave `None`: it is a filter that returned `None`, or a filter upstream
        ended its branch)."""
        output = self._output(run)
        if not self._filtering:
            return output
        if output is None and self._whole:
            return Filtered(output)
        values = output if len(self._slots) > 1 else (output,)
        status = run.status
        for value, i, kind in zip(values, self._slots, self._filters, strict=True):
            if value is not None or kind == _NOT or (kind == _BELOW and status[i] is _COMPLETED):
                return output
        return Filtered(output)

    def _pick(self, value: Any, out: str) -> Any:
        if value is None and not self._nullable[out]:
            raise NodeTypeError(
                f"Output node `{out}` of pipeline `{self.name}` produced no value (a node"
                " returned `None`, ending its branch), but its return type does not admit"
                " `None`",
                node=out,
                pipeline=self.name,
            )
        return value

    def _nested_problem(self) -> str | None:
        return None  # a tuple of outputs is fine: the node gives what `run` gives

    def _nested_output(self, run: Run) -> Any:
        return self._output(run)

    @overload
    def start(self: TypedPipeline[_I, _O, None], data: _I, *, deps: None = ...) -> LiveRun[_O]: ...
    @overload
    def start(self: TypedPipeline[_I, _O, _D], data: _I, *, deps: _D = ...) -> LiveRun[_O]: ...
    def start(self, data: Any, *, deps: Any = NO_DEPS) -> LiveRun[Any]:
        """Run once on `data` in the background, giving streaming nodes' chunks live.

        `async with pipeline.start(data) as run:`, then `async for c in run.chunks(node)` and
        `await run.result()`, which gives what `run` gives; see `LiveRun`. `deps`: as for
        `run`, required for a pipeline built with `deps=`.
        """
        self._require_deps(deps)

        async def result() -> Any:
            return self._output(await self._execute_run(data, None, deps, sinks_only=True))

        return LiveRun(self, result)

    def with_runtime_checks(self) -> TypedPipeline[I, O, D]:
        """The same pipeline compiled again with runtime checks on (see `build`)."""
        if self._graph is None:
            raise TypeError(f"pipeline `{self.name}` was not built from flows: cannot recompile")
        graph, deps = self._graph, self.deps_type
        return compile_checked(graph, self.name, False, True, deps, self._max_workers, type(self))

    @overload
    def as_node(
        self: TypedPipeline[_I, _O, None], name: str | None = None
    ) -> AsyncNode[[_I], _O]: ...
    @overload
    def as_node(
        self: TypedPipeline[_I, _O, _D], name: str | None = None
    ) -> AsyncDepsNode[_I, _O, _D]: ...
    def as_node(self, name: str | None = None) -> Node[..., Any]:
        """Wrap this pipeline as one async node (calling `run`), so it composes with `>>`.

        A pipeline built with `deps=T` makes a node declaring `deps: T`: the outer run's
        deps are passed on to it (and checked against `T` when the outer flow is built).
        """
        hints = {"data": self.input_hint, "return": self.output_hint}
        if self.deps_type is not NO_DEPS:
            hints["deps"] = self.deps_type
        return make_node(
            self._run_nested if self.deps_type is NO_DEPS else self._run_with_deps,
            name=name if name is not None else self.name,
            hints=hints,
            is_async=True,
            site=caller_location(sys._getframe(1)),
        )

    async def _run_nested(self, data: Any) -> Any:
        """`run` without deps: what `as_node` wraps for a pipeline taking none."""
        return self._output(await self._execute_run(data, None, sinks_only=True))

    async def _run_with_deps(self, data: Any, *, deps: Any) -> Any:
        """`run` with deps required: what `as_node` wraps for a pipeline taking deps."""
        return self._output(await self._execute_run(data, None, deps, sinks_only=True))

    def to_mermaid(self) -> str:
        """The graph as a Mermaid flowchart: node names, edge types, sub-pipelines as subgraphs."""
        return draw(self._drawn(), self.name, "mermaid")

    def to_dot(self) -> str:
        """The graph in Graphviz DOT: node names, edge types, sub-pipelines as clusters."""
        return draw(self._drawn(), self.name, "dot")

    def _drawn(self) -> Graph:
        if self._graph is None:
            raise TypeError(f"pipeline `{self.name}` was not built from flows: no graph to draw")
        return self._graph

    # `stream`, `map` and `as_observable`, typed from the pipeline's input and output: outputs
    # under on_error="raise" or "skip", an `Outcome` per input under "collect". `self` is
    # matched as `TypedPipeline[_I, _O]` because `Outcome` holds the (contravariant) input.
    @overload
    def stream(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: Literal["raise", "skip"] = "raise",
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> AsyncGenerator[_O]: ...
    @overload
    def stream(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: Literal["collect"],
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> AsyncGenerator[Outcome[_I, _O]]: ...
    @overload
    def stream(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> AsyncGenerator[Any]: ...
    def stream(
        self,
        inputs: Inputs[Any],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: Any = NO_DEPS,
    ) -> AsyncGenerator[Any]:
        """See `Pipeline.stream`; yields outputs typed `O` (`Outcome[I, O]` with "collect").

        Every input's run gets `deps` (required by a pipeline built with `deps=`: when it is
        missing, `TypeError` is raised at once).
        """
        return super().stream(
            inputs,
            concurrency=concurrency,
            ordered=ordered,
            on_error=on_error,
            progress=progress,
            deps=deps,
        )

    @overload
    async def map(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        on_error: Literal["raise", "skip"] = "raise",
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> list[_O]: ...
    @overload
    async def map(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        on_error: Literal["collect"],
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> list[Outcome[_I, _O]]: ...
    @overload
    async def map(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> list[Any]: ...
    async def map(
        self,
        inputs: Inputs[Any],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: Any = NO_DEPS,
    ) -> list[Any]:
        """See `Pipeline.map`; returns outputs typed `O` (`Outcome[I, O]` with "collect")."""
        return await super().map(
            inputs, concurrency=concurrency, on_error=on_error, progress=progress, deps=deps
        )

    @overload
    def map_sync(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        on_error: Literal["raise", "skip"] = "raise",
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> list[_O]: ...
    @overload
    def map_sync(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        on_error: Literal["collect"],
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> list[Outcome[_I, _O]]: ...
    @overload
    def map_sync(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: _D = ...,
    ) -> list[Any]: ...
    def map_sync(
        self,
        inputs: Inputs[Any],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: Any = NO_DEPS,
    ) -> list[Any]:
        """See `Pipeline.map_sync`; returns what `map` returns, typed the same way."""
        return super().map_sync(
            inputs, concurrency=concurrency, on_error=on_error, progress=progress, deps=deps
        )

    @overload
    def as_observable(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: Literal["raise", "skip"] = "raise",
        deps: _D = ...,
    ) -> Observable[_O]: ...
    @overload
    def as_observable(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: Literal["collect"],
        deps: _D = ...,
    ) -> Observable[Outcome[_I, _O]]: ...
    @overload
    def as_observable(
        self: TypedPipeline[_I, _O, _D],
        inputs: Inputs[_I],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: StreamErrors = "raise",
        deps: _D = ...,
    ) -> Observable[Any]: ...
    def as_observable(
        self,
        inputs: Inputs[Any],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: StreamErrors = "raise",
        deps: Any = NO_DEPS,
    ) -> Observable[Any]:
        """See `Pipeline.as_observable`; emits outputs typed like `stream`'s."""
        return super().as_observable(
            inputs, concurrency=concurrency, ordered=ordered, on_error=on_error, deps=deps
        )


@overload
def build(
    flow: Flow[_I, _O],
    /,
    *,
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
    max_workers: int | None = None,
) -> TypedPipeline[_I, _O]: ...
@overload
def build(
    flow: Flow[_I, _O],
    /,
    *,
    deps: type[_D],
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
    max_workers: int | None = None,
) -> TypedPipeline[_I, _O, _D]: ...
@overload
def build(
    *flows: Flow[Any, Any] | Composable,
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
    max_workers: int | None = None,
) -> TypedPipeline[Any, Any]: ...
@overload
def build(
    *flows: Flow[Any, Any] | Composable,
    deps: type[_D],
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
    max_workers: int | None = None,
) -> TypedPipeline[Any, Any, _D]: ...
def build(
    *flows: Flow[Any, Any] | Composable,
    deps: object = NO_DEPS,
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
    max_workers: int | None = None,
) -> TypedPipeline[Any, Any, Any]:
    """Check flows (merged where they share nodes) and compile them to one pipeline.

    Nothing runs: every check is static over the annotations.

    Args:
        *flows: Flows or nodes; shared node objects are shared vertices.
        name: The pipeline's name (default: the output nodes' names).
        strict: Report missing annotations (TF004); with False they read as `Any`.
        runtime_checks: Check every value crossing an edge (and the input) against the
            hints at run time, with beartype; a violation raises `NodeTypeError`. A node's
            `check=` option overrides this for that node.
        deps: The type of the dependencies each run passes (`run(x, deps=...)`); every
            node declaring `deps: T` must accept it (TF012). Without it, no node may
            declare `deps`.
        max_workers: The size of the pipeline's thread pool for sync nodes (see `Pipeline`;
            by default it grows to the `concurrency` of `map`/`stream`/`map_sync`).

    Raises:
        GraphError: Listing every problem found (see `typedflow._check` for the codes).
        TypeError: No flows, or an argument that is not a flow or a node.
    """
    if not flows:
        raise TypeError("build() needs at least one flow")
    for i, f in enumerate(flows):
        if not isinstance(f, Composable):
            raise TypeError(f"build() argument {i} is `{type(f).__name__}`, not a flow or a node")
    site = caller_location(sys._getframe(1))
    flows_ = [f._as_flow() for f in flows]
    return _compile(flows_, site, name, strict, runtime_checks, deps, max_workers)


def build_flow(
    flow: Flow[_I, _O],
    *,
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
    deps: object = NO_DEPS,
    max_workers: int | None = None,
) -> TypedPipeline[_I, _O, Any]:
    """Check and compile one flow; `Flow.build` calls this."""
    site = caller_location(sys._getframe(1))
    return _compile([flow], site, name, strict, runtime_checks, deps, max_workers)


def _compile(
    flows: list[Flow[Any, Any]],
    site: tuple[str, int],
    name: str | None,
    strict: bool,
    runtime_checks: bool = False,
    deps: object = NO_DEPS,
    max_workers: int | None = None,
) -> TypedPipeline[Any, Any, Any]:
    # Building allocates a few objects per node, all of which survive: the cyclic collector's
    # passes over them find nothing and make large builds superlinear, so pause it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        graph = graph_of(flows, site)
        return compile_checked(
            graph, name, strict, runtime_checks, deps, max_workers, TypedPipeline
        )
    finally:
        if collecting:
            gc.enable()


def _draw_flow(flow: Flow[Any, Any], kind: Literal["mermaid", "dot"]) -> str:
    return draw(graph_of([flow]), None, kind)


LAYERS.build = build_flow
LAYERS.draw = _draw_flow
