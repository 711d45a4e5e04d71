"""The documentation's node patterns as real classes: typed, filter, thread-pool, sub-pipeline."""

from __future__ import annotations

import inspect
import typing
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from .._errors import NodeDefinitionError
from ._executors import PoolExecutor
from ._node import (
    ASYNC,
    Binding,
    ExecutionContext,
    PipelineNode,
    is_coroutine_function,
)
from ._options import whole
from ._structure import CYCLE, SINKS, setup_error

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ._pipeline import Pipeline

__all__ = ["FilterNode", "SubPipeline", "ThreadPoolNode", "TypedNode"]

T = TypeVar("T")
U = TypeVar("U")


class TypedNode(PipelineNode, Generic[T, U]):
    """A node whose input and output types are read from its function's annotations.

    Attributes:
        input_type: The annotation of the function's first parameter (`Any` if missing).
        output_type: The return annotation, awaited for a coroutine function (`Any` if missing).

    Raises:
        NodeDefinitionError: An annotation names something that cannot be resolved.
    """

    @overload
    def __init__(
        self: TypedNode[T, U],
        name: str,
        func: Callable[[T], Awaitable[U]],
        is_async: bool | None = None,
        *,
        inline: bool = False,
    ) -> None: ...

    @overload
    def __init__(
        self: TypedNode[T, U],
        name: str,
        func: Callable[[T], U],
        is_async: bool | None = None,
        *,
        inline: bool = False,
    ) -> None: ...

    def __init__(
        self,
        name: str,
        func: Callable[[T], Any],
        is_async: bool | None = None,
        *,
        inline: bool = False,
    ) -> None:
        super().__init__(name, func, is_async, inline=inline)
        annotated = func
        if not (inspect.isroutine(func) or inspect.isclass(func)):
            annotated = getattr(type(func), "__call__", func)  # noqa: B004  (a callable object)
        try:
            hints = typing.get_type_hints(annotated, include_extras=True)
        except NameError as exc:
            raise NodeDefinitionError(
                f"node `{name}`: cannot resolve an annotation of `{_qualname(func)}`: {exc}"
            ) from exc
        except TypeError:  # not a function with annotations (a builtin, a partial, ...)
            hints = {}
        try:
            first = next(iter(inspect.signature(func).parameters), None)
        except (TypeError, ValueError):  # no signature (some builtins)
            first = None
        self.input_type: object = hints.get(first, Any) if first is not None else Any
        self.output_type: object = hints.get("return", Any)


def _qualname(func: object) -> str:
    return getattr(func, "__qualname__", type(func).__name__)


class FilterNode(PipelineNode):
    """Passes its input on when `condition(input)` is true, else ends the branch.

    A branch ends by returning None: the nodes downstream are SKIPPED. A synchronous
    condition runs inline on the event loop (it should be cheap); an async one is awaited.
    """

    def __init__(self, name: str, condition: Callable[[Any], bool | Awaitable[bool]]) -> None:
        self.condition = condition
        if is_coroutine_function(condition):
            super().__init__(name, self._filter_async, is_async=True)
        else:
            super().__init__(name, self._filter, inline=True)

    def _filter(self, data: Any) -> Any:
        keep = self.condition(data)
        if inspect.isawaitable(keep):  # a lambda around a coroutine: always truthy, never run
            close = getattr(keep, "close", None)
            if close is not None:
                close()
            raise TypeError(
                f"filter node `{self.name}`: its condition returned an awaitable; "
                "make the condition an `async def` function so it is awaited"
            )
        return data if keep else None

    async def _filter_async(self, data: Any) -> Any:
        return data if await self.condition(data) else None  # type: ignore[misc]  # checked async


class ThreadPoolNode(PipelineNode):
    """A synchronous node with its own bounded thread pool, for CPU-heavy or blocking work.

    The pool is created on first use, shared by every execution, and shut down by the
    pipeline's `aclose()`; it keeps this node from starving the pipeline's shared pool. (It is
    `PipelineNode(name, func, executor=PoolExecutor.threads(max_workers))`; for CPU-bound
    Python code that the GIL serialises, use `PoolExecutor.processes()`.)
    """

    def __init__(self, name: str, func: Callable[..., Any], *, max_workers: int = 4) -> None:
        if is_coroutine_function(func):
            raise NodeDefinitionError(
                f"node `{name}`: a ThreadPoolNode runs synchronous functions; "
                "use PipelineNode for a coroutine function"
            )
        if not whole(max_workers, 1):
            raise NodeDefinitionError(
                f"node `{name}`: max_workers must be an int of at least 1, got {max_workers!r}"
            )
        pool = PoolExecutor.threads(max_workers, f"typedflow-{name}")
        super().__init__(name, func, is_async=False, executor=pool)
        self.max_workers = max_workers


def _nesting_cycle(
    pipeline: Pipeline, path: list[str], seen: list[Pipeline] | None = None
) -> str | None:
    """The cycle through which `pipeline` contains itself via `SubPipeline` nodes, or None.

    Reads as `` `outer`.`inner_node` -> `other`.`back` -> `outer` ``; checked before the inner
    pipeline is compiled, which would otherwise recurse without end.
    """
    seen = seen or []
    if any(pipeline is p for p in seen):
        start = next(k for k, p in enumerate(seen) if p is pipeline)
        inside = zip(seen[start:], path[start + 1 :], strict=False)  # path[k + 1] is in seen[k]
        hops = [f"`{p.name}`.`{node}`" for p, node in inside]
        return " -> ".join([*hops, f"`{pipeline.name}`"])
    for node in pipeline.nodes.values():
        if isinstance(node, SubPipeline):
            found = _nesting_cycle(node.pipeline, [*path, node.name], [*seen, pipeline])
            if found is not None:
                return found
    return None


class SubPipeline(PipelineNode):
    """A whole `Pipeline` used as one node: its single sink's output is the node's output.

    If the inner sink was skipped (a filter ended its branch), the node returns None, so its
    own branch ends too. An inner failure fails this node, with the inner error chained. A
    built `TypedPipeline` gives what its `run` gives (a tuple after a final fan-out). The
    outer pipeline's `aclose()` closes the inner one.
    """

    def __init__(self, name: str, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        super().__init__(name, self._call, is_async=True)

    def _bind(self, context: ExecutionContext) -> Binding:
        del context
        self._check_nestable()
        return ASYNC, self._call

    def _check_nestable(self) -> None:
        # Only before the inner pipeline compiles (it recompiles after any change to it).
        cycle = _nesting_cycle(self.pipeline, [self.name]) if self.pipeline._plan is None else None
        if cycle is not None:
            raise setup_error(
                CYCLE,
                f"sub-pipeline node `{self.name}`: pipelines contain each other in a cycle:"
                f" {cycle}; a pipeline cannot run inside itself",
                self.name,
            )
        problem = self.pipeline._nested_problem()
        if problem is not None:
            raise setup_error(SINKS, f"sub-pipeline node `{self.name}`: {problem}", self.name)

    async def _call(self, data: Any) -> Any:
        pipeline = self.pipeline
        self._check_nestable()  # the inner pipeline may have changed since the outer was built
        return pipeline._nested_output(await pipeline._execute_run(data, "raise", sinks_only=True))

    async def aclose(self) -> None:
        """Close the inner pipeline."""
        await self.pipeline.aclose()
