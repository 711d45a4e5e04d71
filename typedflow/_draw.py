"""A graph's `Drawing`: the checker's types for its edges, and its sub-pipelines' drawings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from ._ir import Graph
from ._render import DRAWING_OF, Drawing, to_dot, to_mermaid

if TYPE_CHECKING:
    from ._node import Node

__all__ = ["draw", "drawing_of"]


def drawing_of(graph: Graph) -> Drawing:
    """What a picture of `graph` shows: each edge's type, sub-pipelines expanded."""
    from ._check import analyse  # the checker is imported on first use, not with typedflow

    analysis = analyse(graph, strict=False)
    inner: dict[int, tuple[Drawing, str]] = {}
    for v, n in enumerate(graph.nodes):
        sub = _subpipeline(n)
        if sub is not None:
            inner[v] = (drawing_of(sub[0]), sub[1])
    return Drawing(graph, analysis.returns, analysis.carried, inner)


def draw(graph: Graph, title: str | None, kind: Literal["mermaid", "dot"]) -> str:
    """`graph` as Mermaid or DOT text."""
    render = to_mermaid if kind == "mermaid" else to_dot
    return render(drawing_of(graph), title)


def _subpipeline(n: Node[..., Any]) -> tuple[Graph, str] | None:
    """The graph and name of the pipeline behind a node made by `TypedPipeline.as_node()`:
    its function is a bound method of a pipeline that keeps the graph it was built from."""
    owner = getattr(n.func, "__self__", None)
    graph = getattr(owner, "_graph", None)
    if isinstance(graph, Graph):
        return graph, str(getattr(owner, "name", ""))
    return None


DRAWING_OF[0] = drawing_of
