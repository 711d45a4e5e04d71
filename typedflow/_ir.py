"""The graph IR: flows materialised once into numbered vertices and ordered in-edges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import Location
from ._flow import unique_edges

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._flow import Edge, Flow
    from ._node import Node

__all__ = ["Graph", "graph_of"]


@dataclass(frozen=True, slots=True)
class Graph:
    """The merged graph of one or more flows, with vertices numbered in a stable order.

    Attributes:
        nodes: The vertices; a node object used in several flows is one vertex.
        edges: The edges in the order written (see `Flow.edges` for repeats).
        ends: `ends[i]`: the vertex numbers of `edges[i]`'s source and target.
        inputs: `inputs[v]` indexes `edges` of the edges into `v`, in argument order.
        successors: `successors[v]` lists the heads of the edges leaving `v`.
        outputs: The vertices whose outputs `run` returns: a single flow's exits, or None
            when several flows were merged (then the graph's single sink is the output).
        site: Where `build` was called: the location of whole-graph problems.
    """

    nodes: tuple[Node[..., Any], ...]
    edges: tuple[Edge, ...]
    ends: tuple[tuple[int, int], ...]
    inputs: tuple[tuple[int, ...], ...]
    successors: tuple[tuple[int, ...], ...]
    outputs: tuple[int, ...] | None
    site: Location | None = None


def graph_of(flows: Sequence[Flow[Any, Any]], site: tuple[str, int] | None = None) -> Graph:
    """Merge `flows` (which may share nodes) into one graph; linear in the edge count."""
    index: dict[int, int] = {}
    nodes: list[Node[..., Any]] = []

    def vertex(n: Node[..., Any]) -> int:
        v = index.get(id(n))
        if v is None:
            v = index[id(n)] = len(nodes)
            nodes.append(n)
        return v

    edges: list[Edge] = []
    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int, int]] = set()
    for flow in flows:
        for n in flow.entries:
            vertex(n)
        for edge in unique_edges(flow, seen):
            pairs.append((vertex(edge.source), vertex(edge.target)))
            edges.append(edge)
        for n in flow.exits:
            vertex(n)
    inputs: list[list[int]] = [[] for _ in nodes]
    successors: list[list[int]] = [[] for _ in nodes]
    for i, (u, v) in enumerate(pairs):
        inputs[v].append(i)
        successors[u].append(v)
    outputs = tuple(index[id(n)] for n in flows[0].exits) if len(flows) == 1 else None
    return Graph(
        tuple(nodes),
        tuple(edges),
        tuple(pairs),
        tuple(map(tuple, inputs)),
        tuple(map(tuple, successors)),
        outputs,
        Location(*site) if site is not None else None,
    )
