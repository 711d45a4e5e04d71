"""Where a filter's None goes: which nodes take it, and which it has SKIPPED.

A filter (a node declared, or solved, to return `T | None`) that returns None ends its
branch. mypy and pyright type each `>>` by its overloads: when every edge the `>>` adds
that can carry None goes into a parameter admitting None (`T | None`, `object`, `Any`, an
unbounded TypeVar), their plain overload matches first and those edges carry `T | None`,
the flow's output without `| None`; else the filter overload matches, every edge of that
`>>` carries `T`, and the flow's output gets `| None`. For their type to be true of what
runs, the build decides the same, per `>>` (edges of one `>>` share `Edge.order`):

- An edge can carry None when, as the checkers saw its upstream at the time of its `>>`,
  that upstream could end without a value: it is a filter, or a filter could skip it
  through edges written earlier (`since`). A flow used as a right operand was typed by its
  own `>>`s before the filter was attached: its inner edges carry no None.
- Through such an edge, a node takes the None (`passes`) when its `>>` took the plain
  overload; else the node is SKIPPED (`below`), and can end without a value in turn from
  then on.

A route's router takes the None when the route's input admits it; its merge vertex and the
heads of its branches never do.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ._dispatch import is_merge
from ._filters import is_filter

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._ir import Graph

__all__ = ["Endings"]

_NONE: Any = type(None)
_NEVER = math.inf
_NO_SLOTS: frozenset[int] = frozenset()


class Endings:
    """Decides, vertex by vertex in topological order, where a filter's None goes.

    Attributes:
        below: `below[v]`: whether a filter's None can have v SKIPPED.
        passes: `passes[v]`: the argument slots in which v takes a filter's None.
    """

    def __init__(
        self,
        graph: Graph,
        declared: list[bool],
        assignable: Callable[[object, object], bool],
        narrowed: dict[int, object],
    ) -> None:
        n = len(graph.nodes)
        self.graph = graph
        self.below = [False] * n
        self.passes = [_NO_SLOTS] * n
        self._assignable = assignable
        self._narrowed = narrowed  # the edges out of a router
        self._declared = declared  # whether each vertex is declared a filter
        self._skipped = [_NEVER] * n  # from which `>>` on a filter's None can skip v
        self._took = [_NEVER] * n  # the first `>>` through which v takes a filter's None
        self._merge = [is_merge(node) for node in graph.nodes]
        self._slot: dict[int, int] = {}
        for ins in graph.inputs:
            for slot, e in enumerate(ins):
                self._slot[e] = slot
        self._group: defaultdict[int, list[int]] = defaultdict(list)
        for e, edge in enumerate(graph.edges):
            self._group[edge.order].append(e)
        self._plain: dict[int, bool] = {}

    def since(self, u: int, returns: Sequence[object]) -> float:
        """From which `>>` on u can end without a value (`inf`: never); u is typed."""
        if self._declared[u]:
            return 0
        if not is_filter(returns[u]):
            return self._skipped[u]
        # Solved to `T | None` (a TypeVar bound to a filter's type): from where it took it.
        took = self._took[u]
        return min(self._skipped[u], took if took < _NEVER else 0)

    def late(self, v: int) -> bool:
        """Whether a filter can skip v only through a `>>` written after every edge into v
        (v was part of a right operand then: the checkers made that whole operand's output
        optional, not v's)."""
        g = self.graph
        written = max((g.edges[e].order for e in g.inputs[v]), default=0)
        return self.below[v] and self._skipped[v] > written

    def visit(self, v: int, returns: Sequence[object]) -> None:
        """Decide v's slots (its upstreams are typed)."""
        g = self.graph
        taken: list[int] = []
        for slot, e in enumerate(g.inputs[v]):
            since = self.since(g.ends[e][0], returns)
            if since == _NEVER:
                continue
            order = g.edges[e].order
            if since < order and self._plain_at(order, returns):
                taken.append(slot)
                self._took[v] = min(self._took[v], order)
            else:
                self.below[v] = True
                self._skipped[v] = min(self._skipped[v], max(since, order))
        if taken:
            self.passes[v] = frozenset(taken)

    def _plain_at(self, order: int, returns: Sequence[object]) -> bool:
        """Whether the `>>` that wrote the edges of `order` takes the checkers' plain
        overload: each of its edges that can carry None goes into a slot admitting None."""
        plain = self._plain.get(order)
        if plain is None:
            g = self.graph
            group = self._group[order]
            # A route's own edges (router to branches, branches to merge) never take None.
            plain = self._plain[order] = not any(
                e in self._narrowed or self._merge[g.ends[e][1]] for e in group
            ) and all(
                self.since(g.ends[e][0], returns) >= order or self._takes_none(e) for e in group
            )
        return plain

    def _takes_none(self, e: int) -> bool:
        g = self.graph
        v = g.ends[e][1]
        sig = g.nodes[v].signature
        slot = self._slot[e]
        target = sig.positional[slot][1] if slot < len(sig.positional) else sig.varargs
        return self._assignable(_NONE, target)
