"""Compiling a checked graph: its `TypedPipeline`, runtime nodes and edges."""

from __future__ import annotations

import importlib
import sys
import typing
from dataclasses import dataclass
from types import FunctionType
from typing import TYPE_CHECKING, Any

from ._errors import GraphError
from ._filters import is_filter
from ._hints import type_repr
from ._node import Node
from ._options import DEFAULT_OPTIONS, NodeOptions
from ._route import routing_node, routing_nodes
from ._runtime import (
    BatchNode,
    CachedNode,
    GeneratorNode,
    NodeStatus,
    Pipeline,
    PipelineNode,
    with_deps,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._build import TypedPipeline
    from ._check import Analysis
    from ._checks_runtime import NodeChecks
    from ._ir import Graph

__all__ = ["BELOW", "IS", "NOT", "WHOLE", "FunctionRef", "compile_checked"]

NOT, BELOW, IS, WHOLE = 0, 1, 2, 3  # how a filter can end an output (see `TypedPipeline`)

def compile_checked(
    graph: Graph,
    name: str | None,
    strict: bool,
    runtime_checks: bool,
    deps: object,
    max_workers: int | None,
    pipeline_class: type[TypedPipeline[Any, Any, Any]],
) -> TypedPipeline[Any, Any, Any]:
    """Check `graph` (raising `GraphError` with every problem) and compile it into a new
    `pipeline_class` (`TypedPipeline`, passed in: it is defined in the module above this)."""
    # The checker is imported on first build, not with typedflow: defining nodes and flows
    # does not need it, and it is most of what importing typedflow cost.
    from ._check import analyse
    from ._checks_runtime import node_checks
    from ._types import is_assignable

    analysis = analyse(graph, strict=strict, deps=deps)
    if analysis.problems:
        raise GraphError(analysis.problems)
    nodes = graph.nodes
    below = list(analysis.below) or [False] * len(nodes)
    outputs, filters, returns = _output_shape(graph, analysis.returns, below, analysis.late)
    output_hint: object = (
        returns[0] if len(returns) == 1 else tuple.__class_getitem__(tuple(returns))
    )
    if filters[0] == WHOLE:
        output_hint = typing.Optional[output_hint]  # noqa: UP045  # a hint built at run time
    title = name if name is not None else "+".join(nodes[v].name for v in outputs)
    pipeline: TypedPipeline[Any, Any, Any] = pipeline_class(
        title,
        outputs=tuple(nodes[v].name for v in outputs),
        nullable=tuple(is_assignable(type(None), r) for r in returns),
        filters=filters,
        may_return_none=_may_return_none(nodes, analysis.returns),
        input_hint=_input_hint(graph, [v for v, ins in enumerate(graph.inputs) if not ins]),
        output_hint=output_hint,
        deps_type=deps,
        max_workers=max_workers,
        graph=graph,
    )
    _wire(pipeline, graph, node_checks(graph, title, runtime_checks), analysis)
    return pipeline


def _output_shape(
    graph: Graph, solved: tuple[object, ...], below: list[bool], late: tuple[bool, ...]
) -> tuple[tuple[int, ...], tuple[int, ...], list[object]]:
    """The output vertices, whether a filter can end each (`NOT`, `BELOW`, `IS`), and the
    type each gives (`Optional` when a filter can skip it: `Analysis.below`).

    Several outputs that only a filter attached after them can skip (`a >> (b >> (c, d))`,
    `a` a filter) are `WHOLE`: the checkers type the flow `tuple[C, D] | None`, and `run`
    gives None when that filter ended them all.
    """
    outputs = graph.outputs
    if outputs is None:
        outputs = tuple(v for v, heads in enumerate(graph.successors) if not heads)
    if len(outputs) > 1 and late and all(late[v] for v in outputs):
        return outputs, (WHOLE,) * len(outputs), [solved[v] for v in outputs]
    filters = tuple(IS if is_filter(solved[v]) else BELOW if below[v] else NOT for v in outputs)
    returns = [
        solved[v] if kind != BELOW else typing.Optional[solved[v]]  # noqa: UP045  # a hint built at run time
        for v, kind in zip(outputs, filters, strict=True)
    ]
    return outputs, filters, returns


def _wire(
    pipeline: TypedPipeline[Any, Any, Any],
    graph: Graph,
    checks: Sequence[NodeChecks | None],
    analysis: Analysis,
) -> None:
    """Add the graph's nodes to `pipeline` as runtime nodes, connected as the graph is; where
    a filter's None reaches a node (`Analysis.passes`), the filters and the slots taking it
    are marked on the runtime nodes."""
    nodes = graph.nodes
    compiled = [_runtime_node(n, c) for n, c in zip(nodes, checks, strict=True)]
    if any(analysis.passes):
        for runtime, slots, out in zip(compiled, analysis.passes, analysis.returns, strict=True):
            runtime._passes = slots
            runtime._is_filter = is_filter(out)
    for u, v in graph.ends:  # `connect`, before the pipeline owns them: no plan to drop
        source, target = compiled[u], compiled[v]
        source.downstream.append(target)
        target.upstream.append(source)
    pipeline._adopt(compiled)
    routing_nodes(graph, compiled)
    bound = (n.func for n in nodes if type(n.func) is not FunctionType)  # a function: no self
    pipeline._nested.extend(
        inner
        for inner in (getattr(f, "__self__", None) for f in bound)
        if isinstance(inner, Pipeline) and inner is not pipeline
    )
    for v, ins in enumerate(graph.inputs):
        if not ins:
            pipeline.set_start_node(compiled[v])


def _may_return_none(
    nodes: Sequence[Node[..., Any]], returns: tuple[object, ...]
) -> frozenset[str]:
    """The names of the nodes whose return type admits `None` (asked once per type: many
    nodes return the same one)."""
    verdicts: dict[object, bool] = {}
    names: list[str] = []
    for n, r in zip(nodes, returns, strict=True):
        try:
            admits = verdicts.get(r)
        except TypeError:  # an unhashable hint (Annotated metadata): ask every time
            admits = _admits_none(r)
        if admits is None:
            admits = verdicts[r] = _admits_none(r)
        if admits:
            names.append(n.name)
    return frozenset(names)


def _admits_none(hint: object) -> bool:
    try:
        from ._types import is_assignable

        return is_assignable(type(None), hint)
    except TypeError:  # a hint the relation cannot check: do not accuse the node
        return True


def _runtime_node(n: Node[..., Any], checks: NodeChecks | None) -> PipelineNode:
    """The runtime node for a DSL node, with its options and its runtime checks (if any)."""
    options = n.options
    if (  # most nodes: a plain function (not a route's), no options, no checks, no deps
        options is DEFAULT_OPTIONS
        and checks is None
        and type(n.func) is FunctionType
        and n.signature.deps is None
    ):
        return _plain(n.name, n.func, n.is_async, n.inline and not n.is_async)
    routing = routing_node(n)
    if routing is not None:
        return routing
    func = n.func if n.signature.deps is None else with_deps(n.func, n.name, n.is_async)
    check_args = checks.args if checks is not None else None
    check_result = checks.result if checks is not None else None
    special = _special_node(n, func, check_args, check_result)
    if special is not None:
        return special
    if options.executor is not None:
        func = FunctionRef.to(n)  # by reference where possible: a process pool pickles it
    elif checks is not None and options.policy() == _NO_POLICY:
        func, check_args, check_result = checks.wrap(func, n.is_async), None, None
    return PipelineNode(
        n.name,
        func,
        n.is_async,
        inline=n.inline and not n.is_async,
        executor=options.executor,
        check_args=check_args,
        check_result=check_result,
        **options.policy(),
    )


_NO_POLICY = NodeOptions().policy()
_plain = PipelineNode._plain
_COMPLETED = NodeStatus.COMPLETED


def _special_node(
    n: Node[..., Any],
    func: Callable[..., Any],
    check_args: Callable[[tuple[Any, ...]], None] | None,
    check_result: Callable[[Any], None] | None,
) -> PipelineNode | None:
    """The runtime node of a batch, streaming or cached DSL node; None for any other."""
    options = n.options
    if options.batch_size is not None:
        return BatchNode(
            n.name,
            n.func,
            options.batch_size,
            options.max_wait,
            is_async=n.is_async,
            concurrency=options.concurrency,
            check_item=None if check_args is None else _as_item_check(check_args),
            check_result=check_result,
        )
    if options.stream is not None:
        return GeneratorNode(
            n.name,
            func,  # with the run's deps, when it takes them: calling it makes the generator
            collect=options.stream.collect,
            inline=n.inline,
            check_args=check_args,
            check_result=check_result,
            **options.policy(),
        )
    if options.node_cache is not None:
        return CachedNode(
            n.name,
            func,
            n.is_async,
            backend=options.node_cache,
            check_args=check_args,
            check_result=check_result,
            **options.policy(),
        )
    return None


def _as_item_check(check_args: Callable[[tuple[Any, ...]], None]) -> Callable[[Any], None]:
    def check_item(item: Any) -> None:
        check_args((item,))

    return check_item


@dataclass(frozen=True, slots=True)
class FunctionRef:
    """A module-level node's function, called through its module and name: it pickles by
    reference, as plain functions do. (`@node` puts the node under the function's name, so
    pickling the bare function, which looks itself up by that name, fails.)"""

    module: str
    qualname: str

    @classmethod
    def to(cls, n: Node[..., Any]) -> Callable[..., Any]:
        """A reference to `n`'s function when its module and name find `n` again; else the
        function itself (a node made in a function cannot go to another process)."""
        module = getattr(n.func, "__module__", None)
        qualname = getattr(n.func, "__qualname__", None)
        if isinstance(module, str) and isinstance(qualname, str) and "<locals>" not in qualname:
            ref = cls(module, qualname)
            if ref.target() is n:
                return ref
        return n.func

    def target(self) -> object:
        """The object at `module.qualname`, or None."""
        found: object = sys.modules.get(self.module) or importlib.import_module(self.module)
        for part in self.qualname.split("."):
            found = getattr(found, part, None)
        return found

    def __call__(self, *args: Any) -> Any:
        found = self.target()
        func = found.func if isinstance(found, Node) else found
        if not callable(func):
            raise TypeError(f"`{self.module}.{self.qualname}` is no longer a node or function")
        return func(*args)


def _input_hint(graph: Graph, sources: list[int]) -> object:
    hints = {
        type_repr(p[0][1]): p[0][1]
        for p in (graph.nodes[v].signature.positional for v in sources)
        if p
    }
    return next(iter(hints.values())) if len(hints) == 1 else Any
