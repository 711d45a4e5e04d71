"""`build`: check flows statically, then compile them into a typed runtime `Pipeline`."""

from __future__ import annotations

import gc
import sys
import typing
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from ._check import analyse
from ._checks_runtime import BatchChecks, checked_functions
from ._errors import GraphError, NodeExecutionError, NodeTypeError
from ._flow import Composable, Flow, caller_location
from ._ir import graph_of
from ._node import AsyncNode, make_node
from ._render import Drawable
from ._runtime._scheduler import raise_failure
from ._types import is_assignable, type_repr
from .pipeline import BatchNode, Pipeline, PipelineNode

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._ir import Graph
    from ._node import Node
    from ._runtime._scheduler import Plan, Run
    from .pipeline import OnError

__all__ = ["TypedPipeline", "build", "build_flow"]

I = TypeVar("I", contravariant=True)  # noqa: E741  # the conventional name of a flow's input
O = TypeVar("O", covariant=True)  # noqa: E741  # the conventional name of a flow's output
_I = TypeVar("_I")
_O = TypeVar("_O")


class TypedPipeline(Pipeline, Drawable, Generic[I, O]):
    """A `Pipeline` compiled from flows, with a typed `run` returning the output directly.

    Everything `Pipeline` offers (`execute`, statuses, events, errors) works unchanged; node
    names are the DSL nodes' names.

    Args:
        name: The pipeline's name.
        outputs: The names of the nodes whose outputs `run` returns (several: a tuple).
        nullable: For each output, whether its declared type admits `None`.
        input_hint: The hint of the input (`Any` when the sources disagree).
        output_hint: The hint of `run`'s result.
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
        input_hint: object = Any,
        output_hint: object = Any,
        max_workers: int | None = None,
        on_error: OnError = "raise",
        graph: Graph | None = None,
    ) -> None:
        super().__init__(name, max_workers=max_workers, on_error=on_error)
        self._graph = graph
        self.outputs = outputs
        self.input_hint = input_hint
        self.output_hint = output_hint
        self._nullable = dict(zip(outputs, nullable, strict=True))
        self._slots: tuple[int, ...] = ()
        self._slots_plan: Plan | None = None
        self._nested: list[Pipeline] = []  # pipelines used as nodes (`as_node`), closed with us

    async def aclose(self) -> None:
        """Release this pipeline's resources and those of pipelines used in it as nodes."""
        await super().aclose()
        for inner in self._nested:
            await inner.aclose()

    async def run(self, data: I) -> O:
        """Execute once on `data` and return the output (a tuple after a final fan-out).

        An output node that did not produce a value (it, or an upstream, returned `None` and
        so ended its branch) gives `None` when its declared return type admits `None`.

        Raises:
            NodeTypeError: An output node produced no value, but its type excludes `None`.
            NodeExecutionError: A node raised (see `Pipeline.execute`), also under
                `on_error="continue"`, where independent branches finish first.
        """
        result: O = self._output(await self._execute_run(data, None))
        return result

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
            return self._pick(values[self._slots[0]], self.outputs[0])
        return tuple(
            self._pick(values[i], out) for i, out in zip(self._slots, self.outputs, strict=True)
        )

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

    def as_node(self, name: str | None = None) -> AsyncNode[[I], O]:
        """Wrap this pipeline as one async node (calling `run`), so it composes with `>>`."""
        made = make_node(
            self.run,
            name=name if name is not None else self.name,
            hints={"data": self.input_hint, "return": self.output_hint},
            is_async=True,
            site=caller_location(sys._getframe(1)),
        )
        return typing.cast("AsyncNode[[I], O]", made)  # is_async=True makes an AsyncNode

    def _drawing(self) -> tuple[Graph, str | None]:
        if self._graph is None:
            raise TypeError(f"pipeline `{self.name}` was not built from flows: no graph to draw")
        return self._graph, self.name


class _CheckedPipeline(TypedPipeline[I, O]):
    """A pipeline with runtime type checks: a violation raises the `NodeTypeError` itself."""

    async def _execute_run(self, data: Any, on_error: OnError | None) -> Run:
        try:
            return await super()._execute_run(data, on_error)
        except NodeExecutionError as exc:
            if isinstance(exc.__cause__, NodeTypeError):
                raise exc.__cause__ from None
            raise


@overload
def build(
    flow: Flow[_I, _O],
    /,
    *,
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
) -> TypedPipeline[_I, _O]: ...
@overload
def build(
    *flows: Flow[Any, Any] | Composable,
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
) -> TypedPipeline[Any, Any]: ...
def build(
    *flows: Flow[Any, Any] | Composable,
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
) -> TypedPipeline[Any, Any]:
    """Check flows (merged where they share nodes) and compile them to one pipeline.

    Nothing runs: every check is static over the annotations.

    Args:
        *flows: Flows or nodes; shared node objects are shared vertices.
        name: The pipeline's name (default: the output nodes' names).
        strict: Report missing annotations (TF004); with False they read as `Any`.
        runtime_checks: Check every value crossing an edge (and the input) against the
            hints at run time, with beartype; a violation raises `NodeTypeError`. A node's
            `check=` option overrides this for that node.

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
    return _compile([f._as_flow() for f in flows], site, name, strict, runtime_checks)


def build_flow(
    flow: Flow[_I, _O],
    *,
    name: str | None = None,
    strict: bool = True,
    runtime_checks: bool = False,
) -> TypedPipeline[_I, _O]:
    """Check and compile one flow; `Flow.build` calls this."""
    site = caller_location(sys._getframe(1))
    return _compile([flow], site, name, strict, runtime_checks)


def _compile(
    flows: list[Flow[Any, Any]],
    site: tuple[str, int],
    name: str | None,
    strict: bool,
    runtime_checks: bool = False,
) -> TypedPipeline[Any, Any]:
    # Building allocates a few objects per node, all of which survive: the cyclic collector's
    # passes over them find nothing and make large builds superlinear, so pause it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _compile_checked(graph_of(flows, site), name, strict, runtime_checks)
    finally:
        if collecting:
            gc.enable()


def _compile_checked(
    graph: Graph, name: str | None, strict: bool, runtime_checks: bool
) -> TypedPipeline[Any, Any]:
    analysis = analyse(graph, strict=strict)
    if analysis.problems:
        raise GraphError(analysis.problems)
    nodes = graph.nodes
    sources = [v for v, ins in enumerate(graph.inputs) if not ins]
    outputs = graph.outputs
    if outputs is None:
        outputs = tuple(v for v, heads in enumerate(graph.successors) if not heads)
    returns = [analysis.returns[v] for v in outputs]
    output_hint: object = (
        returns[0] if len(returns) == 1 else tuple.__class_getitem__(tuple(returns))
    )
    title = name if name is not None else "+".join(nodes[v].name for v in outputs)
    funcs = checked_functions(graph, title, runtime_checks)
    checked = any(f is not n.func for f, n in zip(funcs, nodes, strict=True))
    pipeline: TypedPipeline[Any, Any] = (_CheckedPipeline if checked else TypedPipeline)(
        title,
        outputs=tuple(nodes[v].name for v in outputs),
        nullable=tuple(is_assignable(type(None), r) for r in returns),
        input_hint=_input_hint(graph, sources),
        output_hint=output_hint,
        graph=graph,
    )
    compiled = [pipeline.add_node(_runtime_node(n, f)) for n, f in zip(nodes, funcs, strict=True)]
    pipeline._nested.extend(
        inner
        for inner in (getattr(n.func, "__self__", None) for n in nodes)
        if isinstance(inner, Pipeline) and inner is not pipeline
    )
    for u, v in graph.ends:
        compiled[u].connect(compiled[v])
    for v in sources:
        pipeline.set_start_node(compiled[v])
    return pipeline


def _runtime_node(n: Node[..., Any], func: Callable[..., Any] | BatchChecks) -> PipelineNode:
    """The runtime node for a DSL node, calling `func` (its function, or a checked wrapper);
    a checked batch node calls its function and checks each execution's item and result."""
    options = n.options
    if options.batch_size is not None:
        checks = func if isinstance(func, BatchChecks) else BatchChecks(None, None)
        return BatchNode(
            n.name,
            n.func,
            options.batch_size,
            options.max_wait,
            is_async=n.is_async,
            concurrency=options.concurrency,
            check_item=checks.item,
            check_result=checks.result,
        )
    assert not isinstance(func, BatchChecks)  # only batch nodes get BatchChecks
    if options.executor is not None and func is n.func:
        func = n  # the node pickles by reference, for process pools; calling it calls func
    return PipelineNode(
        n.name,
        func,
        n.is_async,
        inline=n.inline and not n.is_async,
        executor=options.executor,
        **options.policy(),
    )


def _input_hint(graph: Graph, sources: list[int]) -> object:
    hints = {
        type_repr(p[0][1]): p[0][1]
        for p in (graph.nodes[v].signature.positional for v in sources)
        if p
    }
    return next(iter(hints.values())) if len(hints) == 1 else Any
