"""The graph IR: flows materialised once into numbered vertices and ordered in-edges."""

from __future__ import annotations

import collections
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import Location
from ._flow import expressions, log_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._flow import Edge, Flow
    from ._node import Node

__all__ = ["Ambiguity", "Graph", "graph_of"]

_Key = tuple[int, int, int]  # an edge's source and target vertices, repeat within one `>>`


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """Two `>>` expressions that give a node no single argument order.

    Attributes:
        vertex: The node's vertex number.
        first: The first expression's edges into the node, in order.
        second: The edges into the node of a later expression that disagrees with `first`
            (another fan-in, or an edge `first` does not contain).
    """

    vertex: int
    first: tuple[Edge, ...]
    second: tuple[Edge, ...]


@dataclass(frozen=True, slots=True)
class Graph:
    """The merged graph of one or more flows, with vertices numbered in a stable order.

    Attributes:
        nodes: The vertices; a node object used in several flows is one vertex.
        edges: The edges in the order written (see `Flow.edges` for repeats), except that
            the edges into one node are in its argument order.
        ends: `ends[i]`: the vertex numbers of `edges[i]`'s source and target.
        inputs: `inputs[v]` indexes `edges` of the edges into `v`, in argument order: the
            order of the `>>` expression that fans in to `v` (an edge repeated by another
            expression adds nothing; see `ambiguous` for expressions that disagree).
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
    ambiguous: tuple[Ambiguity, ...] = ()


def graph_of(flows: Sequence[Flow[Any, Any]], site: tuple[str, int] | None = None) -> Graph:
    """Merge `flows` (which may share nodes) into one graph; linear in the edge count."""
    chain = _chain_of(flows[0]) if len(flows) == 1 else None
    graph = _straight(flows[0], chain, site) if chain is not None else None
    return graph if graph is not None else merged(flows, site)


def merged(flows: Sequence[Flow[Any, Any]], site: tuple[str, int] | None = None) -> Graph:
    """`graph_of` for any flows: each `>>` expression's edges numbered, then every node's
    in-edges put in argument order."""
    numbering = _Numbering()
    seen: set[int] = set()
    for flow in flows:
        for n in flow.entries:
            numbering.vertex(n)
        for group in expressions(flow, seen):
            numbering.add(group)
        for n in flow.exits:
            numbering.vertex(n)
    edges, pairs, ambiguous = numbering.in_argument_order()
    inputs: list[list[int]] = [[] for _ in numbering.nodes]
    successors: list[list[int]] = [[] for _ in numbering.nodes]
    for i, (u, v) in enumerate(pairs):
        inputs[v].append(i)
        successors[u].append(v)
    index = numbering.index
    outputs = tuple(index[id(n)] for n in flows[0].exits) if len(flows) == 1 else None
    return Graph(
        tuple(numbering.nodes),
        tuple(edges),
        tuple(pairs),
        tuple(map(tuple, inputs)),
        tuple(map(tuple, successors)),
        outputs,
        Location(*site) if site is not None else None,
        tuple(ambiguous),
    )


def _chain_of(flow: Flow[Any, Any]) -> list[Edge] | None:
    """The edges of a flow written as a chain of `>>` that each add one edge (`flow >> node`,
    the fold of a long pipeline), in the order written; None for any other flow."""
    edges: list[Edge] = []
    log = log_of(flow)
    while log is not None:
        parents = log.parents
        if len(log.edges) != 1 or len(parents) > 1:
            return None
        edges.append(log.edges[0])
        log = parents[0] if parents else None
    edges.reverse()
    return edges


def _straight(
    flow: Flow[Any, Any], edges: list[Edge], site: tuple[str, int] | None
) -> Graph | None:
    """What `graph_of([flow])` gives for a chain's `edges` when no node has several in-edges
    (then every edge is numbered where it was written, with no argument order to settle),
    without the general numbering's bookkeeping; None when a node has several."""
    index: dict[int, int] = {}
    nodes: list[Node[..., Any]] = []
    for n in flow.entries:
        if id(n) not in index:
            index[id(n)] = len(nodes)
            nodes.append(n)
    pairs: list[tuple[int, int]] = []
    fed: set[int] = set()
    for edge in edges:
        u = index.get(id(edge.source))
        if u is None:
            u = index[id(edge.source)] = len(nodes)
            nodes.append(edge.source)
        v = index.get(id(edge.target))
        if v is None:
            v = index[id(edge.target)] = len(nodes)
            nodes.append(edge.target)
        elif v in fed:
            return None
        fed.add(v)
        pairs.append((u, v))
    for n in flow.exits:
        if id(n) not in index:
            index[id(n)] = len(nodes)
            nodes.append(n)
    inputs: list[tuple[int, ...]] = [()] * len(nodes)
    successors: list[list[int]] = [[] for _ in nodes]
    for i, (u, v) in enumerate(pairs):
        inputs[v] = (i,)
        successors[u].append(v)
    return Graph(
        tuple(nodes),
        tuple(edges),
        tuple(pairs),
        tuple(inputs),
        tuple(map(tuple, successors)),
        tuple(index[id(n)] for n in flow.exits),
        Location(*site) if site is not None else None,
    )


class _Numbering:
    """Vertices and edges numbered as `graph_of` meets them, with each node's in-edges as
    each `>>` expression claims them (to put them in argument order at the end)."""

    def __init__(self) -> None:
        self.index: dict[int, int] = {}
        self.nodes: list[Node[..., Any]] = []
        self.edges: list[Edge] = []
        self.pairs: list[tuple[int, int]] = []
        self.numbered: dict[_Key, int] = {}
        self.claims: dict[int, list[tuple[tuple[_Key, ...], tuple[Edge, ...]]]] = {}

    def vertex(self, n: Node[..., Any]) -> int:
        v = self.index.get(id(n))
        if v is None:
            v = self.index[id(n)] = len(self.nodes)
            self.nodes.append(n)
        return v

    def add(self, group: Sequence[Edge]) -> None:
        """The edges of one `>>` expression: new ones numbered, and each target's claimed."""
        if len(group) == 1:  # one edge (most `>>` of a chain): no repeats, one target
            edge = group[0]
            index = self.index
            u = index.get(id(edge.source))
            if u is None:
                u = self.vertex(edge.source)
            v = index.get(id(edge.target))
            if v is None:
                v = self.vertex(edge.target)
            key = (u, v, 0)
            if key not in self.numbered:
                self.numbered[key] = len(self.edges)
                self.edges.append(edge)
                self.pairs.append((u, v))
            claims = self.claims.get(v)
            if claims is None:
                self.claims[v] = [((key,), tuple(group))]
            else:
                claims.append(((key,), tuple(group)))
            return
        into: dict[int, tuple[list[_Key], list[Edge]]] = {}
        repeats: dict[tuple[int, int], int] = {}
        index, numbered = self.index, self.numbered
        for edge in group:
            u = index.get(id(edge.source))
            if u is None:
                u = self.vertex(edge.source)
            v = index.get(id(edge.target))
            if v is None:
                v = self.vertex(edge.target)
            pair = (u, v)
            nth = repeats[pair] = repeats.get(pair, -1) + 1
            key = (u, v, nth)
            if key not in numbered:
                numbered[key] = len(self.edges)
                self.edges.append(edge)
                self.pairs.append(pair)
            claim = into.get(v)
            if claim is None:
                claim = into[v] = ([], [])
            claim[0].append(key)
            claim[1].append(edge)
        for v, (keys, group_edges) in into.items():
            self.claims.setdefault(v, []).append((tuple(keys), tuple(group_edges)))

    def in_argument_order(
        self,
    ) -> tuple[list[Edge], list[tuple[int, int]], list[Ambiguity]]:
        """The edges and their ends with each node's in-edges in its argument order, and the
        nodes whose expressions disagree on that order."""
        ambiguous: list[Ambiguity] = []
        queues: dict[int, collections.deque[int]] = {}
        for v, claimed in self.claims.items():
            if len(claimed) == 1 and len(claimed[0][0]) == 1:
                continue  # v's one in-edge: it stays where it is
            order, clash = _argument_order(claimed)
            queues[v] = collections.deque(self.numbered[k] for k in order)
            if clash is not None:
                ambiguous.append(Ambiguity(v, *clash))
        if not queues:  # no node has several in-edges: every edge stays where it is
            return self.edges, self.pairs, ambiguous
        # Each edge into v takes the place of the next of v's arguments, so a consumer
        # connecting `ends` in order (the runtime) sees each node's arguments in order too.
        placed = [queues[v].popleft() if v in queues else i for i, (_, v) in enumerate(self.pairs)]
        return [self.edges[i] for i in placed], [self.pairs[i] for i in placed], ambiguous


def _argument_order(
    claimed: list[tuple[tuple[_Key, ...], tuple[Edge, ...]]],
) -> tuple[tuple[_Key, ...], tuple[tuple[Edge, ...], tuple[Edge, ...]] | None]:
    """A node's in-edges in argument order, from the `>>` expressions that write them.

    The expression that fans in (several edges) sets the order; other expressions may repeat
    its edges. Without any fan-in, single edges from several expressions are ordered as first
    written, like several `connect` calls (the documented merge of `build(*flows)`). Two
    fan-ins that differ, or an edge outside the fan-in, leave the order to the order of the
    fragments: that clash is returned (the first expression and the disagreeing one) with the
    edges in the order first written.
    """
    if len(claimed) == 1:
        return claimed[0][0], None
    fan_ins = [c for c in claimed if len(c[0]) > 1]
    if not fan_ins:
        return tuple(dict.fromkeys(c[0][0] for c in claimed)), None
    reference = fan_ins[0] if fan_ins else claimed[0]
    for other in claimed:
        keys = other[0]
        if keys != reference[0] and (len(keys) > 1 or keys[0] not in reference[0]):
            every = tuple(dict.fromkeys(k for c in claimed for k in c[0]))
            pair = sorted((reference, other), key=claimed.index)
            return every, (pair[0][1], pair[1][1])
    return reference[0], None
