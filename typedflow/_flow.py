"""`Flow`: an immutable graph value; `>>` records edges (with their source lines), never mutates."""

from __future__ import annotations

import bisect
import itertools
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar, TypeVarTuple, overload

from ._render import Drawable
from ._runtime import NO_DEPS as _NO_DEPS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from types import CodeType, FrameType

    from ._build import TypedPipeline
    from ._node import Node

__all__ = [
    "LAYERS",
    "Composable",
    "Edge",
    "Flow",
    "Layers",
    "caller_location",
    "expressions",
    "log_of",
    "unique_edges",
]

A = TypeVar("A")
B = TypeVar("B")
C = TypeVar("C")
C1 = TypeVar("C1")
C2 = TypeVar("C2")
C3 = TypeVar("C3")
C4 = TypeVar("C4")
C5 = TypeVar("C5")
C6 = TypeVar("C6")
X1 = TypeVar("X1")
X2 = TypeVar("X2")
X3 = TypeVar("X3")
X4 = TypeVar("X4")
X5 = TypeVar("X5")
X6 = TypeVar("X6")
I = TypeVar("I", contravariant=True)  # noqa: E741  # the conventional name of a flow's input
O = TypeVar("O", covariant=True)  # noqa: E741  # the conventional name of a flow's output
_I1 = TypeVar("_I1", contravariant=True)
_I2 = TypeVar("_I2", contravariant=True)
_I3 = TypeVar("_I3", contravariant=True)
_I4 = TypeVar("_I4", contravariant=True)
_I5 = TypeVar("_I5", contravariant=True)
_I6 = TypeVar("_I6", contravariant=True)
_O = TypeVar("_O", covariant=True)
_D = TypeVar("_D")
_Is = TypeVarTuple("_Is")

_PACKAGE = __name__.rpartition(".")[0]
_INSIDE = _PACKAGE + "."  # the prefix of its modules' names


def caller_location(frame: FrameType | None) -> tuple[str, int]:
    """Return `(file, line)` of the innermost frame outside typedflow, starting at `frame`."""
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module != _PACKAGE and not module.startswith(_INSIDE):
            code = frame.f_code
            if len(code.co_linetable) < _LONG_CODE:
                return code.co_filename, frame.f_lineno
            return code.co_filename, _line_at(code, frame.f_lasti)
        frame = frame.f_back
    return "<unknown>", 0


# `frame.f_lineno` decodes the code object's line table from its start, so in a long module
# body (5,000 `@node` functions and a `>>` fold after them) each call costs about 0.5 ms and
# building is quadratic. For long code, the table is decoded once and searched. (Keyed by
# `id`, the code object kept in the value: hashing a code object reads all its bytecode.)
_LONG_CODE = 2048  # bytes of line table
_LINE_TABLES: dict[int, tuple[CodeType, list[int], list[int]]] = {}


def _line_at(code: CodeType, offset: int) -> int:
    """The line of the instruction at byte `offset` of `code` (what `f_lineno` gives)."""
    found = _LINE_TABLES.get(id(code))
    if found is None or found[0] is not code:
        if len(_LINE_TABLES) >= 8:  # module bodies, mostly: keep only the latest few
            _LINE_TABLES.pop(next(iter(_LINE_TABLES)))
        starts: list[int] = []
        lines: list[int] = []
        for start, _end, line in code.co_lines():
            starts.append(start)
            lines.append(line if line is not None else (lines[-1] if lines else 0))
        found = _LINE_TABLES[id(code)] = (code, starts, lines)
    _, starts, lines = found
    return lines[bisect.bisect_right(starts, offset) - 1] if starts else 0


@dataclass(frozen=True, slots=True)
class Edge:
    """One `>>` connection, with where it was written.

    Attributes:
        source: The upstream node.
        target: The downstream node (receives `source`'s output as its next positional argument).
        path: The file of the `>>` expression.
        line: The line of the `>>` expression.
        order: When its `>>` ran, relative to the others (edges of one `>>` share it): what
            the checkers knew of the upstream's type then is what this edge carries (see
            `_check`, where a filter's None goes).
    """

    source: Node[..., Any]
    target: Node[..., Any]
    path: str
    line: int
    order: int = field(default=0, compare=False, repr=False)

    def __init__(
        self,
        source: Node[..., Any],
        target: Node[..., Any],
        path: str,
        line: int,
        order: int = 0,
    ):
        # What the dataclass would generate, a third of its cost (one edge per `>>`): its
        # `__init__` sets each field by name through `object.__setattr__`.
        _SET_SOURCE(self, source)
        _SET_TARGET(self, target)
        _SET_PATH(self, path)
        _SET_LINE(self, line)
        _SET_ORDER(self, order)


_SET_SOURCE, _SET_TARGET, _SET_PATH, _SET_LINE, _SET_ORDER = (
    vars(Edge)[name].__set__ for name in ("source", "target", "path", "line", "order")
)
_written = itertools.count(1).__next__  # the order of each `>>` (see `Edge.order`)


class _Log:
    """A persistent edge log: the edges one `>>` added, after those of its parents."""

    __slots__ = ("edges", "parents")

    def __init__(self, parents: tuple[_Log, ...], edges: tuple[Edge, ...]) -> None:
        self.parents = parents
        self.edges = edges


class _Takes(Protocol[*_Is, _O]):
    """Anything whose `>>` type is a function of `len(_Is)` positional arguments.

    Every operator's `self` is typed with this one protocol, not with `_Takes1`..`_Takes6`:
    when a node class first fails to match one of those (a 3-argument node bound as
    `__rrshift__`'s 2-argument `self`), pyright 1.1.414 caches it as never matching that
    protocol, whatever the node's parameters, so the first `>>` checked decided later ones
    (`tests/typing/snippets/pyright_order.py`). It does not do so for this protocol.
    """

    def _sig(self, *args: *_Is) -> _O: ...


class _Takes1(Protocol[_I1, _O]):
    """Anything whose `>>` type is a function of 1 positional argument."""

    def _sig(self, x1: _I1, /) -> _O: ...


class _Takes2(Protocol[_I1, _I2, _O]):
    """Anything whose `>>` type is a function of 2 positional arguments."""

    def _sig(self, x1: _I1, x2: _I2, /) -> _O: ...


class _Takes3(Protocol[_I1, _I2, _I3, _O]):
    """Anything whose `>>` type is a function of 3 positional arguments."""

    def _sig(self, x1: _I1, x2: _I2, x3: _I3, /) -> _O: ...


class _Takes4(Protocol[_I1, _I2, _I3, _I4, _O]):
    """Anything whose `>>` type is a function of 4 positional arguments."""

    def _sig(self, x1: _I1, x2: _I2, x3: _I3, x4: _I4, /) -> _O: ...


class _Takes5(Protocol[_I1, _I2, _I3, _I4, _I5, _O]):
    """Anything whose `>>` type is a function of 5 positional arguments."""

    def _sig(self, x1: _I1, x2: _I2, x3: _I3, x4: _I4, x5: _I5, /) -> _O: ...


class _Takes6(Protocol[_I1, _I2, _I3, _I4, _I5, _I6, _O]):
    """Anything whose `>>` type is a function of 6 positional arguments."""

    def _sig(self, x1: _I1, x2: _I2, x3: _I3, x4: _I4, x5: _I5, x6: _I6, /) -> _O: ...


class Composable:
    """What `>>` composes: a `Node` or a `Flow`. All of the DSL's operator typing lives here.

    `a >> b` connects every exit of `a` to every entry of `b`; `a >> (b, c)` (or a list) fans
    out; `(b, c) >> d` fans in, `d` receiving b's and c's outputs positionally.
    """

    __slots__ = ()

    def _as_flow(self) -> Flow[Any, Any]:
        raise NotImplementedError

    @overload
    def __rshift__(self: _Takes[A, B], other: _Takes1[B, C], /) -> Flow[A, C]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B], other: tuple[_Takes1[B, C1], _Takes1[B, C2]], /
    ) -> Flow[A, tuple[C1, C2]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B], other: tuple[_Takes1[B, C1], _Takes1[B, C2], _Takes1[B, C3]], /
    ) -> Flow[A, tuple[C1, C2, C3]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B],
        other: tuple[_Takes1[B, C1], _Takes1[B, C2], _Takes1[B, C3], _Takes1[B, C4]],
        /,
    ) -> Flow[A, tuple[C1, C2, C3, C4]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B],
        other: tuple[
            _Takes1[B, C1], _Takes1[B, C2], _Takes1[B, C3], _Takes1[B, C4], _Takes1[B, C5]
        ],
        /,
    ) -> Flow[A, tuple[C1, C2, C3, C4, C5]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B],
        other: tuple[
            _Takes1[B, C1],
            _Takes1[B, C2],
            _Takes1[B, C3],
            _Takes1[B, C4],
            _Takes1[B, C5],
            _Takes1[B, C6],
        ],
        /,
    ) -> Flow[A, tuple[C1, C2, C3, C4, C5, C6]]: ...
    @overload
    def __rshift__(  # a list (`Sequence`: list is invariant; pyright types `[a, b]` alone)
        self: _Takes[A, B], other: Sequence[_Takes1[B, C]], /
    ) -> Flow[A, tuple[C, ...]]: ...
    # Out of a filter (a node or flow returning `B | None`): the edge carries `B` (None ends
    # the branch) and the output may be None. These come after the plain forms, which take
    # every source whose return fits the target as it is (a `B | None` into `B | None`).
    @overload
    def __rshift__(self: _Takes[A, B | None], other: _Takes1[B, C], /) -> Flow[A, C | None]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B | None], other: tuple[_Takes1[B, C1], _Takes1[B, C2]], /
    ) -> Flow[A, tuple[C1 | None, C2 | None]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B | None],
        other: tuple[_Takes1[B, C1], _Takes1[B, C2], _Takes1[B, C3]],
        /,
    ) -> Flow[A, tuple[C1 | None, C2 | None, C3 | None]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B | None],
        other: tuple[_Takes1[B, C1], _Takes1[B, C2], _Takes1[B, C3], _Takes1[B, C4]],
        /,
    ) -> Flow[A, tuple[C1 | None, C2 | None, C3 | None, C4 | None]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B | None],
        other: tuple[
            _Takes1[B, C1], _Takes1[B, C2], _Takes1[B, C3], _Takes1[B, C4], _Takes1[B, C5]
        ],
        /,
    ) -> Flow[A, tuple[C1 | None, C2 | None, C3 | None, C4 | None, C5 | None]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B | None],
        other: tuple[
            _Takes1[B, C1],
            _Takes1[B, C2],
            _Takes1[B, C3],
            _Takes1[B, C4],
            _Takes1[B, C5],
            _Takes1[B, C6],
        ],
        /,
    ) -> Flow[A, tuple[C1 | None, C2 | None, C3 | None, C4 | None, C5 | None, C6 | None]]: ...
    @overload
    def __rshift__(
        self: _Takes[A, B | None], other: Sequence[_Takes1[B, C]], /
    ) -> Flow[A, tuple[C | None, ...]]: ...
    @overload
    def __rshift__(self: _Takes[A, tuple[X1, X2]], other: _Takes2[X1, X2, C], /) -> Flow[A, C]: ...
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1, X2, X3]], other: _Takes3[X1, X2, X3, C], /
    ) -> Flow[A, C]: ...
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1, X2, X3, X4]], other: _Takes4[X1, X2, X3, X4, C], /
    ) -> Flow[A, C]: ...
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1, X2, X3, X4, X5]], other: _Takes5[X1, X2, X3, X4, X5, C], /
    ) -> Flow[A, C]: ...
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1, X2, X3, X4, X5, X6]],
        other: _Takes6[X1, X2, X3, X4, X5, X6, C],
        /,
    ) -> Flow[A, C]: ...

    # A fan-in of outputs some of which may be None (filtered): the node receives them
    # without None, and its output may be None.
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1 | None, X2 | None]], other: _Takes2[X1, X2, C], /
    ) -> Flow[A, C | None]: ...
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1 | None, X2 | None, X3 | None]],
        other: _Takes3[X1, X2, X3, C],
        /,
    ) -> Flow[A, C | None]: ...
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1 | None, X2 | None, X3 | None, X4 | None]],
        other: _Takes4[X1, X2, X3, X4, C],
        /,
    ) -> Flow[A, C | None]: ...
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1 | None, X2 | None, X3 | None, X4 | None, X5 | None]],
        other: _Takes5[X1, X2, X3, X4, X5, C],
        /,
    ) -> Flow[A, C | None]: ...
    @overload
    def __rshift__(
        self: _Takes[A, tuple[X1 | None, X2 | None, X3 | None, X4 | None, X5 | None, X6 | None]],
        other: _Takes6[X1, X2, X3, X4, X5, X6, C],
        /,
    ) -> Flow[A, C | None]: ...

    def __rshift__(self, other: object, /) -> Flow[Any, Any]:
        left = self._as_flow()
        path, line = caller_location(sys._getframe(1))
        if isinstance(other, Composable) and not isinstance(other, Flow):
            # The common case, `flow >> node`, allocates only the new edge, log entry and flow.
            tip: Node[..., Any] = other  # type: ignore[assignment]  # a Composable is a Node or a Flow
            exits = left.exits
            order = _written()
            if len(exits) == 1:
                edges: tuple[Edge, ...] = (Edge(exits[0], tip, path, line, order),)
            else:
                edges = tuple([Edge(u, tip, path, line, order) for u in exits])
            parents = (left._log,) if left._log is not None else ()
            return Flow(left.entries, (tip,), _Log(parents, edges))
        if isinstance(other, Composable):
            right = other._as_flow()
            return _join(left, (right,), right.exits, path, line)
        if isinstance(other, (tuple, list)):
            branches = _operands(other, f"`{_label(left)}` >> ", "right")
            exits = tuple([n for b in branches for n in b.exits])
            return _join(left, branches, exits, path, line)
        raise TypeError(
            f"`{_label(left)}` >> {type(other).__name__}: the right side of `>>` must be a node,"
            " a flow, or a tuple or list of them"
        )

    @overload
    def __rrshift__(
        self: _Takes[X1, X2, C], other: tuple[_Takes1[A, X1], _Takes1[A, X2]], /
    ) -> Flow[A, C]: ...
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, X3, C],
        other: tuple[_Takes1[A, X1], _Takes1[A, X2], _Takes1[A, X3]],
        /,
    ) -> Flow[A, C]: ...
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, X3, X4, C],
        other: tuple[_Takes1[A, X1], _Takes1[A, X2], _Takes1[A, X3], _Takes1[A, X4]],
        /,
    ) -> Flow[A, C]: ...
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, X3, X4, X5, C],
        other: tuple[
            _Takes1[A, X1], _Takes1[A, X2], _Takes1[A, X3], _Takes1[A, X4], _Takes1[A, X5]
        ],
        /,
    ) -> Flow[A, C]: ...
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, X3, X4, X5, X6, C],
        other: tuple[
            _Takes1[A, X1],
            _Takes1[A, X2],
            _Takes1[A, X3],
            _Takes1[A, X4],
            _Takes1[A, X5],
            _Takes1[A, X6],
        ],
        /,
    ) -> Flow[A, C]: ...
    # A fan-in from sources some of which are filters: as above, the output may be None.
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, C], other: tuple[_Takes1[A, X1 | None], _Takes1[A, X2 | None]], /
    ) -> Flow[A, C | None]: ...
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, X3, C],
        other: tuple[_Takes1[A, X1 | None], _Takes1[A, X2 | None], _Takes1[A, X3 | None]],
        /,
    ) -> Flow[A, C | None]: ...
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, X3, X4, C],
        other: tuple[
            _Takes1[A, X1 | None],
            _Takes1[A, X2 | None],
            _Takes1[A, X3 | None],
            _Takes1[A, X4 | None],
        ],
        /,
    ) -> Flow[A, C | None]: ...
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, X3, X4, X5, C],
        other: tuple[
            _Takes1[A, X1 | None],
            _Takes1[A, X2 | None],
            _Takes1[A, X3 | None],
            _Takes1[A, X4 | None],
            _Takes1[A, X5 | None],
        ],
        /,
    ) -> Flow[A, C | None]: ...
    @overload
    def __rrshift__(
        self: _Takes[X1, X2, X3, X4, X5, X6, C],
        other: tuple[
            _Takes1[A, X1 | None],
            _Takes1[A, X2 | None],
            _Takes1[A, X3 | None],
            _Takes1[A, X4 | None],
            _Takes1[A, X5 | None],
            _Takes1[A, X6 | None],
        ],
        /,
    ) -> Flow[A, C | None]: ...
    def __rrshift__(self, other: object, /) -> Flow[Any, Any]:
        right = self._as_flow()
        path, line = caller_location(sys._getframe(1))
        if not isinstance(other, (tuple, list)):
            raise TypeError(
                f"{type(other).__name__} >> `{_label(right)}`: the left side of `>>` must be a"
                " node, a flow, or a tuple or list of them"
            )
        sources = _operands(other, "", "left")
        order = _written()
        edges = tuple(
            [
                Edge(u, v, path, line, order)
                for v in right.entries
                for f in sources
                for u in f.exits
            ]
        )
        entries = _unique(n for f in sources for n in f.entries)
        parents = tuple([f._log for f in (*sources, right) if f._log is not None])
        return Flow(entries, right.exits, _Log(parents, edges))


def _join(
    left: Flow[Any, Any],
    rights: tuple[Flow[Any, Any], ...],
    exits: tuple[Node[..., Any], ...],
    path: str,
    line: int,
) -> Flow[Any, Any]:
    order = _written()
    edges = tuple(
        [Edge(u, v, path, line, order) for r in rights for v in r.entries for u in left.exits]
    )
    parents = tuple([f._log for f in (left, *rights) if f._log is not None])
    return Flow(left.entries, exits, _Log(parents, edges))


def _operands(
    items: tuple[object, ...] | list[object], prefix: str, side: str
) -> tuple[Flow[Any, Any], ...]:
    if not items:
        raise TypeError(f"{prefix}an empty {type(items).__name__} cannot be a side of `>>`")
    flows: list[Flow[Any, Any]] = []
    for i, item in enumerate(items):
        if not isinstance(item, Composable):
            raise TypeError(
                f"{prefix}item {i} of the {side} {type(items).__name__} is"
                f" `{type(item).__name__}`, not a node or a flow"
            )
        flows.append(item._as_flow())
    return tuple(flows)


def _unique(nodes: Iterator[Node[..., Any]]) -> tuple[Node[..., Any], ...]:
    return tuple(dict.fromkeys(nodes))


def _label(flow: Flow[Any, Any]) -> str:
    return ", ".join(n.name for n in flow.exits)


class Layers:
    """What `Flow` delegates to the layers above it: the checker, the compiler, the pictures.

    `Flow` sits below the graph IR, the checker and the compiler, which all import it; so that
    imports go one way, `Flow.build()`, `to_mermaid()` and `to_dot()` call these functions,
    which `typedflow._build` installs when it is imported (as `import typedflow` does).

    Attributes:
        build: `build_flow(flow, *, name, strict, runtime_checks, deps, max_workers)`.
        draw: The flow's picture: `draw(flow, "mermaid" | "dot")`.
    """

    __slots__ = ("build", "draw")

    def __init__(self) -> None:
        self.build: Callable[..., TypedPipeline[Any, Any, Any]] = _not_installed
        self.draw: Callable[[Flow[Any, Any], Literal["mermaid", "dot"]], str] = _not_installed


def _not_installed(*args: object, **kwargs: object) -> Any:
    raise RuntimeError("typedflow._build is not imported; import typedflow first")


LAYERS = Layers()
"""The one `Layers` (installed by `typedflow._build`)."""


@dataclass(frozen=True, slots=True, eq=False)
class Flow(Composable, Drawable, Generic[I, O]):
    """An immutable graph fragment from input `I` to output `O`; build it with `build()`.

    Composing never copies the graph: each `>>` adds one log entry pointing at its operands'
    logs, and the edge list is materialised once, at build.

    Attributes:
        entries: The nodes that receive the flow's input.
        exits: The nodes whose outputs are the flow's output (several after a fan-out: the
            output is then the tuple of their outputs, in order).
    """

    entries: tuple[Node[..., Any], ...]
    exits: tuple[Node[..., Any], ...]
    _log: _Log | None

    def __init__(
        self,
        entries: tuple[Node[..., Any], ...],
        exits: tuple[Node[..., Any], ...],
        _log: _Log | None,
    ) -> None:
        # What the dataclass would generate, a third of its cost (see `Edge.__init__`).
        _SET_ENTRIES(self, entries)
        _SET_EXITS(self, exits)
        _SET_LOG(self, _log)

    if TYPE_CHECKING:

        def _sig(self, x: I, /) -> O:
            """The flow's type as a function (for `>>` typing)."""
            ...

    def _as_flow(self) -> Flow[I, O]:
        return self

    def edges(self) -> tuple[Edge, ...]:
        """Return the edges in the order written.

        A `(source, target)` pair written in several `>>` expressions is one edge; written
        several times in one expression (`(a, a) >> d`) it is parallel edges, one per argument.
        """
        return tuple(unique_edges(self, set()))

    def nodes(self) -> tuple[Node[..., Any], ...]:
        """Return every node once, entries first, then in the order edges mention them."""
        found: dict[Node[..., Any], None] = dict.fromkeys(self.entries)
        for group in _walk(self._log):
            for edge in group:
                found[edge.source] = None
                found[edge.target] = None
        found.update(dict.fromkeys(self.exits))
        return tuple(found)

    @overload
    def build(
        self,
        *,
        name: str | None = None,
        strict: bool = True,
        runtime_checks: bool = False,
        max_workers: int | None = None,
    ) -> TypedPipeline[I, O]: ...
    @overload
    def build(
        self,
        *,
        deps: type[_D],
        name: str | None = None,
        strict: bool = True,
        runtime_checks: bool = False,
        max_workers: int | None = None,
    ) -> TypedPipeline[I, O, _D]: ...
    def build(
        self,
        *,
        deps: Any = _NO_DEPS,
        name: str | None = None,
        strict: bool = True,
        runtime_checks: bool = False,
        max_workers: int | None = None,
    ) -> TypedPipeline[I, O, Any]:
        """Check this flow and compile it; see `typedflow.build` (its `deps`, `max_workers`).

        Raises:
            GraphError: The graph has problems (all of them are listed).
        """
        return LAYERS.build(
            self,
            name=name,
            strict=strict,
            runtime_checks=runtime_checks,
            deps=deps,
            max_workers=max_workers,
        )

    def to_mermaid(self) -> str:
        """The graph as a Mermaid flowchart: node names, edge types, sub-pipelines as subgraphs."""
        return LAYERS.draw(self, "mermaid")

    def to_dot(self) -> str:
        """The graph in Graphviz DOT: node names, edge types, sub-pipelines as clusters."""
        return LAYERS.draw(self, "dot")

    def __repr__(self) -> str:
        return f"<Flow {', '.join(n.name for n in self.entries)} -> {_label(self)}>"


_SET_ENTRIES, _SET_EXITS, _SET_LOG = (
    vars(Flow)[name].__set__ for name in ("entries", "exits", "_log")
)


def unique_edges(flow: Flow[Any, Any], seen: set[tuple[int, int, int]]) -> Iterator[Edge]:
    """Yield `flow`'s edges not yet in `seen` (keys: source, target, repeat within one `>>`)."""
    for group in _walk(flow._log):
        if len(group) == 1:  # the common case: no repeats to count
            edge = group[0]
            key = (id(edge.source), id(edge.target), 0)
            if key not in seen:
                seen.add(key)
                yield edge
            continue
        repeats: dict[tuple[int, int], int] = {}
        for edge in group:
            pair = (id(edge.source), id(edge.target))
            nth = repeats[pair] = repeats.get(pair, -1) + 1
            key = (*pair, nth)
            if key not in seen:
                seen.add(key)
                yield edge


def expressions(flow: Flow[Any, Any], seen: set[int]) -> Iterator[tuple[Edge, ...]]:
    """Yield the edges of each `>>` expression of `flow` not yet in `seen` (ids of log entries).

    One expression's edges into a node are that node's arguments, in order; pass one `seen`
    for several flows to visit an expression they share once.
    """
    return _walk(flow._log, seen)


def log_of(flow: Flow[Any, Any]) -> _Log | None:
    """`flow`'s newest log entry (for the graph IR), or None for a flow of one node."""
    return flow._log


def _walk(log: _Log | None, seen: set[int] | None = None) -> Iterator[tuple[Edge, ...]]:
    """Yield each log entry's edges, parents before children, a shared entry once (iterative)."""
    if log is None:
        return
    seen = set() if seen is None else seen
    stack: list[tuple[_Log, bool]] = [(log, False)]
    while stack:
        entry, expanded = stack.pop()
        if expanded:
            yield entry.edges
            continue
        if id(entry) in seen:
            continue
        seen.add(id(entry))
        stack.append((entry, True))
        parents = entry.parents
        # A run of entries with one parent each (a chain's `flow >> node`): each is yielded
        # after its parent, as the general case below would, without a pass per entry.
        while len(parents) == 1 and id(parents[0]) not in seen:
            entry = parents[0]
            seen.add(id(entry))
            stack.append((entry, True))
            parents = entry.parents
        stack.extend([(p, False) for p in reversed(parents)])
