"""The runtime side of `route`: a router node that picks one branch per input, and the merge
node where the branches rejoin (it runs with whichever branch ran)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._node import PipelineNode

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["NOT_ROUTED", "MergeNode", "RouterNode", "route_tables"]

NOT_ROUTED = "not routed"


class RouterNode(PipelineNode):
    """Calls `choose` on its input: the index of the branch (in `branches`) the input takes.

    The node's output is its input; the scheduler passes it to the chosen branch's entry
    nodes only, and marks every node of the other branches SKIPPED ("not routed").
    """

    def __init__(self, name: str, choose: Callable[[Any], int]) -> None:
        super().__init__(name, choose, False, inline=True)
        self.branches: tuple[tuple[PipelineNode, ...], ...] = ()


class MergeNode(PipelineNode):
    """Where a route's branches rejoin: runs with the first (only) branch output it gets, and
    is SKIPPED only when every branch was."""

    def __init__(self, name: str) -> None:
        super().__init__(name, _same, False, inline=True)


def _same(value: object) -> object:
    return value


def route_tables(
    nodes: Sequence[PipelineNode], index: dict[int, int]
) -> tuple[tuple[tuple[tuple[int, ...], ...] | None, ...] | None, tuple[bool, ...] | None]:
    """The plan's `routes` and `merges` (None when the pipeline has no route)."""
    routes = tuple(
        tuple(tuple(index[id(e)] for e in branch) for branch in n.branches)
        if isinstance(n, RouterNode)
        else None
        for n in nodes
    )
    merges = tuple(isinstance(n, MergeNode) for n in nodes)
    if not any(merges) and all(r is None for r in routes):
        return None, None
    return routes, merges
