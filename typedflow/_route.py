"""`route` and `when`: a flow that sends each input down the one branch its type (or a
predicate) picks."""

from __future__ import annotations

import sys
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from ._dispatch import Merge, Router, branch_tests
from ._flow import Composable, Edge, Flow, _Log, _written, caller_location
from ._node import Node, NodeSignature, SyncNode
from ._runtime import MergeNode, RouterNode, is_coroutine_function

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._flow import _Takes1
    from ._ir import Graph
    from ._runtime import PipelineNode

__all__ = ["When", "route", "routing_node", "routing_nodes", "when"]

_A = TypeVar("_A")
_D = TypeVar("_D")
_I1 = TypeVar("_I1")
_I2 = TypeVar("_I2")
_I3 = TypeVar("_I3")
_I4 = TypeVar("_I4")
_I5 = TypeVar("_I5")
_I6 = TypeVar("_I6")
_O1 = TypeVar("_O1")
_O2 = TypeVar("_O2")
_O3 = TypeVar("_O3")
_O4 = TypeVar("_O4")
_O5 = TypeVar("_O5")
_O6 = TypeVar("_O6")
_WI = TypeVar("_WI", contravariant=True)
_WO = TypeVar("_WO", covariant=True)


@dataclass(frozen=True, slots=True, eq=False)
class When(Generic[_WI, _WO]):
    """One conditional branch of a `route`: `branch` takes the inputs `predicate` accepts.

    Attributes:
        predicate: Called with the input; a true result sends the input to `branch`.
        branch: The node or flow that takes the input.
    """

    predicate: Callable[[Any], object]
    branch: Composable

    if TYPE_CHECKING:

        def _sig(self, x: _WI, /) -> _WO:
            """The branch's type as a function (for `route`'s typing)."""
            ...


def when(predicate: Callable[[_A], object], branch: _Takes1[_A, _O1], /) -> When[_A, _O1]:
    """A branch of a predicate `route`: inputs for which `predicate` is true go to `branch`.

    Args:
        predicate: A synchronous function of the input; its result is read as a bool.
        branch: A node or a flow taking the input.

    Raises:
        TypeError: `predicate` is not callable or is async, or `branch` is not a node or a flow.
    """
    if not callable(predicate):
        raise TypeError(f"when(): the predicate must be callable, not `{type(predicate).__name__}`")
    if is_coroutine_function(predicate):
        raise TypeError(
            f"when(): the predicate `{getattr(predicate, '__qualname__', predicate)}` is async;"
            " a route's predicate must be a synchronous function"
        )
    if not isinstance(branch, Composable):
        raise TypeError(
            f"when(): the branch must be a node or a flow, not `{type(branch).__name__}`"
        )
    return When(predicate, branch)


@overload
def route(b1: _Takes1[_I1, _O1], b2: _Takes1[_I2, _O2], /) -> Flow[_I1 | _I2, _O1 | _O2]: ...
@overload
def route(
    b1: _Takes1[_I1, _O1], b2: _Takes1[_I2, _O2], b3: _Takes1[_I3, _O3], /
) -> Flow[_I1 | _I2 | _I3, _O1 | _O2 | _O3]: ...
@overload
def route(
    b1: _Takes1[_I1, _O1], b2: _Takes1[_I2, _O2], b3: _Takes1[_I3, _O3], b4: _Takes1[_I4, _O4], /
) -> Flow[_I1 | _I2 | _I3 | _I4, _O1 | _O2 | _O3 | _O4]: ...
@overload
def route(
    b1: _Takes1[_I1, _O1],
    b2: _Takes1[_I2, _O2],
    b3: _Takes1[_I3, _O3],
    b4: _Takes1[_I4, _O4],
    b5: _Takes1[_I5, _O5],
    /,
) -> Flow[_I1 | _I2 | _I3 | _I4 | _I5, _O1 | _O2 | _O3 | _O4 | _O5]: ...
@overload
def route(
    b1: _Takes1[_I1, _O1],
    b2: _Takes1[_I2, _O2],
    b3: _Takes1[_I3, _O3],
    b4: _Takes1[_I4, _O4],
    b5: _Takes1[_I5, _O5],
    b6: _Takes1[_I6, _O6],
    /,
) -> Flow[_I1 | _I2 | _I3 | _I4 | _I5 | _I6, _O1 | _O2 | _O3 | _O4 | _O5 | _O6]: ...
@overload
def route(w1: When[_A, _O1], /, *, default: _Takes1[_A, _D]) -> Flow[_A, _O1 | _D]: ...
@overload
def route(
    w1: When[_A, _O1], w2: When[_A, _O2], /, *, default: _Takes1[_A, _D]
) -> Flow[_A, _O1 | _O2 | _D]: ...
@overload
def route(
    w1: When[_A, _O1], w2: When[_A, _O2], w3: When[_A, _O3], /, *, default: _Takes1[_A, _D]
) -> Flow[_A, _O1 | _O2 | _O3 | _D]: ...
@overload
def route(
    w1: When[_A, _O1],
    w2: When[_A, _O2],
    w3: When[_A, _O3],
    w4: When[_A, _O4],
    /,
    *,
    default: _Takes1[_A, _D],
) -> Flow[_A, _O1 | _O2 | _O3 | _O4 | _D]: ...
@overload
def route(
    w1: When[_A, _O1],
    w2: When[_A, _O2],
    w3: When[_A, _O3],
    w4: When[_A, _O4],
    w5: When[_A, _O5],
    /,
    *,
    default: _Takes1[_A, _D],
) -> Flow[_A, _O1 | _O2 | _O3 | _O4 | _O5 | _D]: ...
def route(*branches: Any, default: Any = None) -> Flow[Any, Any]:
    """A flow that sends each input down exactly one branch; the others are SKIPPED.

    By type: `route(a, b, c)` sends a value to the branch whose input type it belongs to
    (classes by `isinstance`, `Literal` values, `None`, TypedDicts by a `Literal` tag key); the
    build checks that every member of the upstream's type has exactly one branch. By
    predicate: `route(when(p, a), when(q, b), default=c)` sends it to the first branch whose
    predicate is true, else to `default`. The route's output is the output of the branch
    that ran (the union of the branches' outputs).

    Args:
        *branches: 2 to 6 nodes or flows (by type), or 1 to 5 `when(...)` items.
        default: With `when` items: the branch for inputs no predicate accepts (required).

    Raises:
        TypeError: Fewer than two branches, a branch that is not a node or a flow (or does not
            start and end in one node), `when` items mixed with plain branches, or a missing
            (or unexpected) `default`.
    """
    path, line = caller_location(sys._getframe(1))
    whens = [b for b in branches if isinstance(b, When)]
    if whens and len(whens) != len(branches):
        raise TypeError("route(): give either `when(...)` items or plain branches, not both")
    if whens:
        if default is None:
            raise TypeError("route(): a route of `when(...)` items needs a `default=` branch")
        flows = [_branch(w.branch, i) for i, w in enumerate(whens)]
        flows.append(_branch(default, len(whens)))
    else:
        if default is not None:
            raise TypeError("route(): `default=` goes with `when(...)` items")
        if len(branches) < 2:
            raise TypeError(f"route() needs at least two branches, got {len(branches)}")
        flows = [_branch(b, i) for i, b in enumerate(branches)]
    return _route_flow(flows, [w.predicate for w in whens], path, line)


def _branch(item: object, i: int) -> Flow[Any, Any]:
    if not isinstance(item, Composable):
        raise TypeError(f"route(): branch {i} is `{type(item).__name__}`, not a node or a flow")
    flow = item._as_flow()
    for side, nodes in (("entry", flow.entries), ("exit", flow.exits)):
        if len(nodes) != 1:
            listed = ", ".join(f"`{n.name}`" for n in nodes)
            raise TypeError(
                f"route(): branch {i} has {len(nodes)} {side} nodes ({listed}); a branch starts"
                " and ends in one node"
            )
    return flow


def _input_of(n: Node[..., Any]) -> object:
    sig = n.signature
    if sig.positional:
        return sig.positional[0][1]
    return sig.varargs if sig.varargs is not None else Any


def _route_flow(
    flows: list[Flow[Any, Any]],
    predicates: list[Callable[[Any], object]],
    path: str,
    line: int,
) -> Flow[Any, Any]:
    entries = tuple(f.entries[0] for f in flows)
    labels = [n.name for n in entries]
    if predicates:
        labels[-1] = f"default={labels[-1]}"
    name = f"route({', '.join(labels)})"
    inputs = tuple(_input_of(n) for n in entries)
    tests = () if predicates else branch_tests(inputs)
    taken: object = inputs[-1] if predicates else _union(inputs)
    router: Node[..., Any] = SyncNode(
        Router(name, entries, inputs, tests, tuple(predicates)),
        name,
        True,
        False,
        NodeSignature((("value", taken),), 1, None, (), taken, ()),
        path,
        line,
    )
    merge: Node[..., Any] = SyncNode(
        Merge(name),
        f"{name}.merge",
        True,
        False,
        NodeSignature((), 0, Any, (), Any, ()),
        path,
        line,
    )
    order = _written()
    edges = tuple(Edge(router, n, path, line, order) for n in entries) + tuple(
        Edge(f.exits[0], merge, path, line, order) for f in flows
    )
    parents = tuple(f._log for f in flows if f._log is not None)
    return Flow((router,), (merge,), _Log(parents, edges))


def _union(hints: tuple[object, ...]) -> object:
    unique = tuple(dict.fromkeys(hints)) if all(_hashable(h) for h in hints) else hints
    return unique[0] if len(unique) == 1 else typing.Union[unique]  # noqa: UP007  # built from a tuple


def _hashable(hint: object) -> bool:
    try:
        hash(hint)
    except TypeError:
        return False
    return True


def routing_node(n: Node[..., Any]) -> PipelineNode | None:
    """The runtime node of a route's router or merge vertex; None for any other node."""
    if isinstance(n.func, Router):
        return RouterNode(n.name, n.func)
    if isinstance(n.func, Merge):
        return MergeNode(n.name)
    return None


def routing_nodes(graph: Graph, compiled: Sequence[PipelineNode]) -> None:
    """Tell each compiled router node the entry nodes of its branches."""
    at: dict[int, PipelineNode] | None = None
    for n, runtime in zip(graph.nodes, compiled, strict=True):
        if isinstance(runtime, RouterNode):
            if at is None:  # once per build, not per route
                at = {id(m): c for m, c in zip(graph.nodes, compiled, strict=True)}
            entries = typing.cast("Router", n.func).entries
            runtime.branches = tuple((at[id(e)],) for e in entries)
