"""The structure check of a runtime `Pipeline`: every setup mistake as a coded `Problem`.

The codes are the build's where the mistake is the same (`TF002` a cycle, `TF005` a duplicate
name, `TF006` no start node or an unreachable node, `TF007` a sub-pipeline without exactly one
sink); `TF101` and `TF102` are mistakes only the runtime API can make.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import PipelineError, Problem
from .._graph import find_cycles, reachable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._node import PipelineNode

__all__ = [
    "CYCLE",
    "DUPLICATE",
    "NOT_ADDED",
    "SINKS",
    "START_UPSTREAM",
    "UNREACHABLE",
    "Edges",
    "check_structure",
    "setup_error",
]

CYCLE = "TF002"
DUPLICATE = "TF005"
UNREACHABLE = "TF006"
SINKS = "TF007"
NOT_ADDED = "TF101"
START_UPSTREAM = "TF102"

Edges = list[list[tuple[int, int]]]
"""For each node (by index), its out-edges as `(head, argument slot)`, sorted by head."""


def setup_error(code: str, message: str, *nodes: str) -> PipelineError:
    """The `PipelineError` of one setup mistake."""
    return PipelineError(problems=(Problem(code, message, nodes),))


def check_structure(
    name: str, nodes: Sequence[PipelineNode], starts: Sequence[PipelineNode]
) -> tuple[Edges, list[Problem]]:
    """The edges of pipeline `name` by node index, and every problem of its structure: no start
    node, an edge to or from a node not added, a start node with upstream edges, a cycle (with
    its path), a node no start node reaches."""
    index = {id(n): i for i, n in enumerate(nodes)}
    problems: list[Problem] = []
    if not starts:
        problems.append(
            Problem(UNREACHABLE, f"pipeline `{name}` has no start node; call set_start_node()")
        )
    edges = _edges(name, nodes, index, problems)
    problems.extend(
        Problem(
            START_UPSTREAM,
            f"start node `{node.name}` has upstream edges (from "
            + ", ".join(f"`{u.name}`" for u in node.upstream)
            + "); a start node receives only the pipeline's input",
            (node.name, *(u.name for u in node.upstream)),
        )
        for node in starts
        if node.upstream
    )
    succ = [[j for j, _ in out] for out in edges]
    for cycle in find_cycles(succ):
        path = [nodes[v].name for v in cycle]
        problems.append(
            Problem(CYCLE, f"pipeline `{name}` has a cycle: {' -> '.join(path)}", tuple(path[:-1]))
        )
    if starts:  # without any, "no start node" already says it all
        seen = reachable(succ, [index[id(n)] for n in starts])
        problems.extend(
            Problem(
                UNREACHABLE,
                f"node `{n.name}` is not reachable from any start node of pipeline `{name}`",
                (n.name,),
            )
            for n, ok in zip(nodes, seen, strict=True)
            if not ok
        )
    return edges, problems


def _edges(
    name: str, nodes: Sequence[PipelineNode], index: dict[int, int], problems: list[Problem]
) -> Edges:
    """The out-edges of every node (sorted by head: heads are visited in index order); an
    edge to or from a node not added is a problem."""
    edges: Edges = [[] for _ in nodes]
    for j, node in enumerate(nodes):
        for slot, up in enumerate(node.upstream):
            i = index.get(id(up))
            if i is None:
                problems.append(_not_added(name, up, node, up))
            else:
                edges[i].append((j, slot))
        for down in node.downstream:
            if id(down) not in index:
                problems.append(_not_added(name, node, down, down))  # noqa: PERF401  # rare: no generator per node
    return edges


def _not_added(name: str, tail: PipelineNode, head: PipelineNode, missing: PipelineNode) -> Problem:
    return Problem(
        NOT_ADDED,
        f"edge `{tail.name}` -> `{head.name}`: `{missing.name}` is not in pipeline `{name}`; "
        "add it with add_node()",
        (tail.name, head.name),
    )
