"""The build's checks of a `route`: every upstream member goes to exactly one branch, and
every branch input can be tested at run time (problem codes TF009, TF010, TF011)."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Any

from ._dispatch import Router, members
from ._filters import edge_type
from ._hints import is_any
from ._types import type_repr

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._errors import Location
    from ._ir import Graph

__all__ = ["RouteCheck", "check_route"]

Report = typing.Callable[[str, str, tuple[str, ...], "Location | None"], None]


class RouteCheck(typing.NamedTuple):
    """What checking one router vertex gives.

    Attributes:
        returns: The router's output type: what its upstream gives (None removed, as on any
            edge), or the union of the branches' inputs at a flow's start.
        narrowed: For each edge index out of the router, the type it carries: the upstream
            members its branch takes (a predicate route's edges carry the whole type).
    """

    returns: object
    narrowed: dict[int, object]


def check_route(
    graph: Graph,
    v: int,
    returns: list[object],
    carried: dict[int, object],
    assignable: Callable[[object, object], bool],
    where: Callable[[str, int], Location],
    report: Report,
) -> RouteCheck:
    """Check router vertex `v` (its upstream already typed in `returns`) and report problems."""
    router = graph.nodes[v]
    spec = typing.cast("Router", router.func)
    at_route = where(router.path, router.line)
    untestable = False
    for entry, test in zip(spec.entries, spec.tests, strict=False):
        if isinstance(test, str):
            untestable = True
            report(
                "TF011",
                f"Route `{spec.name}` cannot test at run time which inputs go to branch"
                f" `{entry.name}`: {test}",
                (spec.name, entry.name),
                at_route,
            )
    ins = graph.inputs[v]
    if ins:
        edge = graph.edges[ins[0]]
        upstream = carried.get(ins[0])  # out of an enclosing route: the members it routes here
        if upstream is None:
            upstream = edge_type(returns[graph.ends[ins[0]][0]])
        loc, origin = where(edge.path, edge.line), f"`{edge.source.name}` returns"
    else:
        upstream, loc, origin = router.signature.positional[0][1], at_route, "of the input"
    heads = dict.fromkeys(graph.successors[v])  # the branch entries (linear: not every edge)
    outs = [i for w in heads for i in graph.inputs[w] if graph.ends[i][0] == v]
    if spec.predicates:
        return RouteCheck(upstream, dict.fromkeys(outs, upstream))
    taken: list[list[object]] = [[] for _ in spec.entries]
    if not is_any(upstream) and not untestable:  # an untestable branch: fix that first
        _dispatch_members(spec, upstream, origin, assignable, loc, report, taken)
    index = {id(n): k for k, n in enumerate(spec.entries)}
    narrowed: dict[int, object] = {}
    for i in outs:
        k = index[id(graph.edges[i].target)]
        got = taken[k]
        narrowed[i] = spec.inputs[k] if not got else _union(got)
    return RouteCheck(upstream, narrowed)


def _dispatch_members(
    spec: Router,
    upstream: object,
    origin: str,
    assignable: Callable[[object, object], bool],
    loc: Location,
    report: Report,
    taken: list[list[object]],
) -> None:
    """Give each member of `upstream` to the one branch that takes it; report the others."""
    whole = type_repr(upstream)
    for m in members(upstream):
        if is_any(m):
            continue
        accepting = [k for k, hint in enumerate(spec.inputs) if assignable(m, hint)]
        if len(accepting) == 1:
            taken[accepting[0]].append(m)
            continue
        shown = type_repr(m)
        if not accepting:
            report(
                "TF009",
                f"Route `{spec.name}` has no branch for `{shown}`, one of the types {origin}"
                f" (`{whole}`); add a branch that takes it",
                (spec.name,),
                loc,
            )
            continue
        names = [f"`{spec.entries[k].name}`" for k in accepting]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}"
        report(
            "TF010",
            f"Route `{spec.name}` has {len(accepting)} branches for `{shown}` ({listed}), so"
            " which one runs is ambiguous; give each type one branch",
            (spec.name, *(spec.entries[k].name for k in accepting)),
            loc,
        )
        taken[accepting[0]].append(m)


def merged_type(graph: Graph, v: int, returns: list[object]) -> object:
    """A merge vertex's output: the union of its branches' outputs (None removed)."""
    found: list[object] = []
    for i in graph.inputs[v]:
        hint = edge_type(returns[graph.ends[i][0]])
        if not any(hint == h for h in found):
            found.append(hint)
    if any(is_any(h) for h in found):
        return Any
    return _union(found)


def _union(hints: list[object]) -> object:
    return hints[0] if len(hints) == 1 else typing.Union[tuple(hints)]  # noqa: UP007  # from a list
