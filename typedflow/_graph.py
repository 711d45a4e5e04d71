"""Pure graph algorithms over integer vertices: topological order and cycle search."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["find_cycles", "reachable", "topological_order"]


def topological_order(successors: Sequence[Sequence[int]]) -> list[int] | None:
    """Return the vertices in a topological order (Kahn's algorithm), or None on a cycle.

    Ties are broken by vertex number, so the order is deterministic.

    Args:
        successors: `successors[v]` lists the heads of the edges leaving `v`; parallel edges
            are allowed.
    """
    n = len(successors)
    indegree = [0] * n
    for heads in successors:
        for w in heads:
            indegree[w] += 1
    ready = [v for v in range(n) if indegree[v] == 0]
    ready.reverse()
    order: list[int] = []
    while ready:
        v = ready.pop()
        order.append(v)
        heads = successors[v]
        if len(heads) == 1:  # a chain's vertex: at most one released, nothing to sort
            w = heads[0]
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
            continue
        released: list[int] = []
        for w in heads:
            indegree[w] -= 1
            if indegree[w] == 0:
                released.append(w)
        if len(released) > 1:
            released.sort(reverse=True)
        ready.extend(released)
    return order if len(order) == n else None


def find_cycles(successors: Sequence[Sequence[int]]) -> list[list[int]]:
    """Return one cycle per non-trivial strongly connected component (and each self-loop).

    Each cycle is a vertex path `[v0, v1, ..., v0]` that starts at the component's smallest
    vertex. The search is iterative (Tarjan), so deep graphs do not hit the recursion limit.
    An empty list means the graph is acyclic.
    """
    if topological_order(successors) is not None:  # acyclic (the common case): cheaper
        return []
    components = _strongly_connected(successors)
    cycles: list[list[int]] = []
    for component in components:
        members = set(component)
        start = min(component)
        if len(component) == 1 and start not in successors[start]:
            continue
        cycles.append(_cycle_through(successors, start, members))
    cycles.sort(key=lambda c: c[0])
    return cycles


def _cycle_through(successors: Sequence[Sequence[int]], start: int, members: set[int]) -> list[int]:
    """Breadth-first search inside one component for the shortest cycle through `start`."""
    parent: dict[int, int] = {}
    frontier = [start]
    while frontier:
        nxt: list[int] = []
        for v in frontier:
            for w in successors[v]:
                if w == start:
                    back: list[int] = []
                    while v != start:
                        back.append(v)
                        v = parent[v]
                    return [start, *reversed(back), start]
                if w in members and w not in parent:
                    parent[w] = v
                    nxt.append(w)
        frontier = nxt
    raise AssertionError("a strongly connected component always has a cycle")  # pragma: no cover


def _strongly_connected(successors: Sequence[Sequence[int]]) -> list[list[int]]:
    n = len(successors)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work: list[tuple[int, int]] = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, i = work[-1]
            heads = successors[v]
            if i < len(heads):
                work[-1] = (v, i + 1)
                w = heads[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                component: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                components.append(component)
    return components


def reachable(successors: Sequence[Sequence[int]], sources: Sequence[int]) -> list[bool]:
    """Return, for each vertex, whether it can be reached from any of `sources`."""
    seen = [False] * len(successors)
    todo = list(sources)
    for v in todo:
        seen[v] = True
    while todo:
        v = todo.pop()
        for w in successors[v]:
            if not seen[w]:
                seen[w] = True
                todo.append(w)
    return seen
