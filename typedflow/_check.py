"""`check`: every static finding about a graph, as `Problem`s; it never raises, never runs nodes.

Problem codes (stable):

- `TF001` edge type: an upstream's return type is not assignable to the downstream
  parameter (for a generic downstream: no TypeVar solution exists). A filter's edges (a
  node declared to return `T | None`) carry `T`: its `None` ends the branch.
- `TF002` cycle, reported with its path.
- `TF003` arity: a node receives a number of arguments its signature does not take, or
  has a required keyword-only parameter that no edge can supply, or gets its arguments
  from separate `>>` expressions that give no single order.
- `TF004` missing annotation (accepted as `Any` with `strict=False`).
- `TF005` duplicate node name.
- `TF006` no source node, or a node that no source reaches.
- `TF007` several sinks where `run` needs one.
- `TF008` fallback: a node's `fallback=` value does not fit its return type, or a fallback
  function (or node) returns a type not assignable to it, or cannot take the node's inputs.
- `TF009` route not exhaustive: a member of the upstream's type that no branch of a `route`
  takes.
- `TF010` route ambiguous: a member of the upstream's type that several branches take.
- `TF011` route untestable: a branch input type that cannot be tested at run time.
- `TF012` deps: a node declares `deps: T` but the pipeline's deps type (`build(deps=...)`) is
  not assignable to `T`, or `build` was given no deps type.
"""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass, field
from types import FunctionType
from typing import TYPE_CHECKING, Any

from ._checks_runtime import describe, fits, short
from ._dispatch import is_merge, is_router
from ._endings import Endings
from ._errors import Location, Problem
from ._filters import edge_type, is_filter
from ._graph import find_cycles, reachable, topological_order
from ._route_check import check_route, merged_type
from ._runtime import NO_DEPS, NO_FALLBACK
from ._types import is_assignable, solve, substitute, type_repr, type_vars

if TYPE_CHECKING:
    from ._flow import Edge
    from ._ir import Graph
    from ._node import Node, NodeSignature
    from ._options import FallbackCall

__all__ = ["Analysis", "analyse", "check", "edge_type", "is_filter"]



@dataclass(frozen=True, slots=True)
class Analysis:
    """What the checker learned about a graph.

    Attributes:
        problems: Every finding, ordered by location.
        returns: `returns[v]`: vertex v's output hint, with TypeVars solved from its inputs.
        carried: By edge index, the type an edge out of a `route` carries (the members of
            the upstream's type that its branch takes).
        below: `below[v]`: whether a filter's None can have vertex v SKIPPED.
        passes: `passes[v]`: the argument slots in which v takes a filter's None instead (see
            `_endings`); empty tuples when the graph has no filter.
        late: `late[v]`: whether only a filter attached after v's in-edges can skip v.
    """

    problems: tuple[Problem, ...]
    returns: tuple[object, ...]
    carried: dict[int, object] = field(default_factory=dict)
    below: tuple[bool, ...] = ()
    passes: tuple[frozenset[int], ...] = ()
    late: tuple[bool, ...] = ()


def check(graph: Graph, *, strict: bool = True) -> tuple[Problem, ...]:
    """Return every problem of `graph` (empty when it is sound); see the module docs for codes."""
    return analyse(graph, strict=strict).problems


def analyse(graph: Graph, *, strict: bool = True, deps: object = NO_DEPS) -> Analysis:
    """Check `graph` (run with deps of type `deps`) and infer each vertex's output hint."""
    run = _Checker(graph)
    run.deps(deps)
    run.names()
    if strict:
        run.annotations()
    order = run.structure()
    returns = run.types(order)
    run.fallbacks(returns)
    problems = sorted(run.problems, key=_sort_key)
    ends = run.endings
    if ends is None:
        return Analysis(tuple(problems), returns, run.narrowed)
    late = tuple(ends.late(v) for v in range(len(returns)))
    return Analysis(
        tuple(problems), returns, run.narrowed, tuple(ends.below), tuple(ends.passes), late
    )


def _sort_key(p: Problem) -> tuple[int, str, int, str]:
    loc = p.location
    return (0, loc.path, loc.line, p.code) if loc else (1, "", 0, p.code)


class _Checker:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.problems: list[Problem] = []
        self.unchecked: dict[tuple[int, int], str] = {}
        self.cwd = os.getcwd() + os.sep
        self.paths: dict[str, str] = {}
        self.cache: dict[tuple[object, object], bool] = {}
        self.on_cycles: set[int] = set()
        self.narrowed: dict[int, object] = {}  # edge index -> type, for edges out of a route
        self.endings: Endings | None = None  # where a filter's None goes (with filters)

    def where(self, path: str, line: int) -> Location:
        shown = self.paths.get(path)
        if shown is None:
            shown = path[len(self.cwd) :] if path.startswith(self.cwd) else path
            self.paths[path] = shown
        return Location(shown, line)

    def site(self) -> Location | None:
        site = self.graph.site
        return self.where(site.path, site.line) if site is not None else None

    def defined(self, n: Node[..., Any]) -> Location:
        return self.where(n.path, n.line)

    def add(self, code: str, message: str, nodes: tuple[str, ...], loc: Location | None) -> None:
        self.problems.append(Problem(code, message, nodes, loc))

    def names(self) -> None:
        first: dict[str, Node[..., Any]] = {}
        for n in self.graph.nodes:
            other = first.setdefault(n.name, n)
            if other is not n:
                self.add(
                    "TF005",
                    f"Node name `{n.name}` is already used by another node (defined at"
                    f" {self.defined(other)}); give one of them a new name with `.named(...)`",
                    (n.name,),
                    self.defined(n),
                )

    def deps(self, given: object) -> None:
        """Every node declaring `deps: T` accepts the pipeline's deps type."""
        for n in self.graph.nodes:
            wanted = n.signature.deps
            if wanted is None:
                continue
            if given is NO_DEPS:
                self.add(
                    "TF012",
                    f"Node `{n.name}` takes `deps: {type_repr(wanted)}`, but the pipeline"
                    f" declares no deps type; pass `build(..., deps={type_repr(wanted)})`",
                    (n.name,),
                    self.defined(n),
                )
            elif not self.assignable(given, wanted):
                self.add(
                    "TF012",
                    f"Node `{n.name}` takes `deps: {type_repr(wanted)}`, but the pipeline's"
                    f" deps type `{type_repr(given)}` is not assignable to it",
                    (n.name,),
                    self.defined(n),
                )

    def annotations(self) -> None:
        for n in self.graph.nodes:
            missing = n.signature.unannotated
            if missing:
                listed = ", ".join(f"`{m}`" for m in missing)
                them = "them" if len(missing) > 1 else "it"
                self.add(
                    "TF004",
                    f"Node `{n.name}` is missing annotations ({listed}); annotate {them},"
                    f" or pass `strict=False` to `build` to read {them} as `Any`",
                    (n.name,),
                    self.defined(n),
                )

    def structure(self) -> list[int]:
        g = self.graph
        nodes = g.nodes
        order = topological_order(g.successors)
        cycles = find_cycles(g.successors) if order is None else []
        edge_at = dict(zip(g.ends, g.edges, strict=True)) if cycles else {}
        for cycle in cycles:
            self.on_cycles.update(cycle)
            names = tuple(nodes[v].name for v in cycle)
            closing = edge_at[(cycle[-2], cycle[-1])]
            self.add(
                "TF002",
                "Cycle " + " >> ".join(f"`{s}`" for s in names) + "; a pipeline must be acyclic",
                names[:-1],
                self.where(closing.path, closing.line),
            )
        sources = [v for v, ins in enumerate(g.inputs) if not ins]
        if not sources:
            self.add(
                "TF006",
                "The graph has no source node (every node has an upstream), so nothing"
                " receives the input",
                (),
                self.site(),
            )
        else:
            for v, seen in enumerate(reachable(g.successors, sources)):
                if not seen:
                    n = nodes[v]
                    self.add(
                        "TF006",
                        f"Node `{n.name}` is not reachable from any source node",
                        (n.name,),
                        self.defined(n),
                    )
        if g.outputs is None:
            sinks = [v for v, heads in enumerate(g.successors) if not heads]
            if len(sinks) > 1:
                listed = ", ".join(f"`{nodes[v].name}`" for v in sinks)
                self.add(
                    "TF007",
                    f"The graph has {len(sinks)} sinks ({listed}), but `run` returns the"
                    " output of one; join them in a final node, or build one flow that fans"
                    " out to them",
                    tuple(nodes[v].name for v in sinks),
                    self.site(),
                )
        return order if order is not None else list(range(len(nodes)))

    def ambiguous(self) -> set[int]:
        """Report nodes whose argument order depends on the order of fragments; return them."""
        clashes = [c for c in self.graph.ambiguous if c.vertex not in self.on_cycles]
        for clash in clashes:  # a cycle's closing edge is a second expression: TF002 says it
            name = self.graph.nodes[clash.vertex].name
            first, second = _arguments(clash.first), _arguments(clash.second)
            here, there = clash.first[0], clash.second[0]
            ups = dict.fromkeys(e.source.name for e in (*clash.first, *clash.second))
            self.add(
                "TF003",
                f"Node `{name}` receives {first} from the `>>` at"
                f" {self.where(here.path, here.line)} and {second} from the `>>` at"
                f" {self.where(there.path, there.line)}, so the order of its arguments is"
                f" ambiguous. Hint: write the fan-in to `{name}` in one `>>` expression",
                (*ups, name),
                self.where(there.path, there.line),
            )
        return {clash.vertex for clash in clashes}

    def arity(self, v: int) -> bool:
        g = self.graph
        n = g.nodes[v]
        sig = n.signature
        ins = g.inputs[v]
        k = len(ins) or 1
        npos = len(sig.positional)
        in_range = sig.required <= k and (k <= npos or sig.varargs is not None)
        if in_range and not sig.required_keywords:
            return True  # most nodes: nothing to report, so no location to find
        loc = self.where(g.edges[ins[0]].path, g.edges[ins[0]].line) if ins else self.defined(n)
        for kw in sig.required_keywords:
            self.add(
                "TF003",
                f"Node `{n.name}` has required keyword-only parameter `{kw}`, which no edge"
                " can supply",
                (n.name,),
                loc,
            )
        if in_range:
            return False  # it has required keywords, reported above
        if sig.varargs is not None:
            takes = f"at least {_count(sig.required)}"
        elif sig.required == npos:
            takes = _count(npos)
        else:
            takes = f"{sig.required} to {npos} positional arguments"
        if ins:
            ups = tuple(g.edges[i].source.name for i in ins)
            given = "from " + ", ".join(f"`{u}`" for u in ups)
        else:
            ups = ()
            given = "the pipeline input"
        self.add(
            "TF003",
            f"Node `{n.name}` receives {_plural(k, 'argument')} ({given}), but takes {takes}",
            (*ups, n.name),
            loc,
        )
        return False

    def types(self, order: list[int]) -> tuple[object, ...]:
        g = self.graph
        returns: list[object] = [n.signature.returns for n in g.nodes]
        ambiguous = self.ambiguous()
        filters = [is_filter(r) for r in returns]
        if any(filters):
            self.endings = Endings(g, filters, self.assignable, self.narrowed)
        for v in order:
            arity_ok = v not in ambiguous and self.arity(v)
            ins = g.inputs[v]
            n = g.nodes[v]
            routing = type(n.func) is not FunctionType  # a route's vertex is no function
            if not ins:
                if routing and is_router(n):
                    returns[v] = self.route(v, returns)
                continue
            if self.endings is not None:
                self.endings.visit(v, returns)
            declared = n.signature.returns
            generic = type(declared) is not type and type_vars(declared)
            if not arity_ok:
                if generic:  # no solution to derive the return from: unknown downstream
                    returns[v] = Any
                continue
            if routing and is_router(n):
                returns[v] = self.route(v, returns)
                continue
            bindings = self.solve_inputs(v, returns)
            if routing and is_merge(n):
                returns[v] = merged_type(g, v, returns)
            elif generic:
                returns[v] = Any if bindings is None else substitute(returns[v], bindings)
        return tuple(returns)

    def carried(self, v: int, pos: int, u: int, returns: list[object]) -> object:
        """What the edge from u into slot `pos` of v carries: a filter's kept type, or with
        its None where v takes it (see `_endings`)."""
        if self.endings is not None and pos in self.endings.passes[v]:
            out = returns[u]
            return out if is_filter(out) else typing.Optional[out]  # noqa: UP045  # a hint built at run time
        return edge_type(returns[u])

    def route(self, v: int, returns: list[object]) -> object:
        """Check router vertex `v`; remember what each of its out-edges carries."""
        checked = check_route(
            self.graph, v, returns, self.narrowed, self.assignable, self.where, self.add
        )
        self.narrowed.update(checked.narrowed)
        return checked.returns

    def fallbacks(self, returns: tuple[object, ...]) -> None:
        """Check each fallback against its node: a value fits the return type (every element
        of a container); a function or node returns an assignable type (its TypeVars solved
        from the node's parameters) and takes the node's arguments."""
        for v, n in enumerate(self.graph.nodes):
            fallback = n.options.fallback
            if fallback is NO_FALLBACK:
                continue
            call = n.options.fallback_call
            if call is not None:
                self.fallback_call(v, n, call, returns[v])
            elif not callable(fallback) and not fits(fallback, returns[v]):
                self.add(
                    "TF008",
                    f"Node `{n.name}` returns `{type_repr(returns[v])}`, but its fallback value"
                    f" is `{describe(fallback)}`: {short(fallback)}",
                    (n.name,),
                    self.defined(n),
                )

    def fallback_call(self, v: int, n: Node[..., Any], call: FallbackCall, returns: object) -> None:
        fb, its = call.signature, f"its fallback `{call.name}`"
        k = len(self.graph.inputs[v]) or 1
        problems: list[str] = []
        bindings: dict[Any, object] | None = {}
        keywords = (*fb.required_keywords, *(("deps",) if fb.deps is not None else ()))
        if keywords:  # a fallback gets the node's inputs, never the run's deps
            problems.append(
                f"Node `{n.name}` calls {its} with positional arguments only, but"
                f" `{call.name}` has required keyword-only parameter `{keywords[0]}`"
            )
        elif fb.required > k or (k > len(fb.positional) and fb.varargs is None):
            problems.append(
                f"Node `{n.name}` calls {its} with {_plural(k, 'argument')}, but `{call.name}`"
                f" takes {_takes(fb)}"
            )
        for (param, hint), (fb_param, fb_hint) in zip(
            _params(n.signature, k), _params(fb, k) if not problems else [], strict=False
        ):
            if type_vars(hint):  # the node's own TypeVar: what it stands for is unknown here
                bindings = None
                continue
            solved = solve(fb_hint, hint, bindings) if type_vars(fb_hint) else bindings or {}
            if solved is None or not self.assignable(hint, substitute(fb_hint, solved or {})):
                problems.append(
                    f"Node `{n.name}` takes `{type_repr(hint)}` for `{param}`, but {its}"
                    f" expects `{type_repr(fb_hint)}` for `{fb_param}`"
                )
            elif bindings is not None:
                bindings = solved
        got = substitute(fb.returns, bindings) if bindings else fb.returns
        if not type_vars(returns) and not type_vars(got) and not self.assignable(got, returns):
            problems.insert(
                0,
                f"Node `{n.name}` returns `{type_repr(returns)}`, but {its} returns"
                f" `{type_repr(got)}`",
            )
        names = (n.name, call.name) if call.node else (n.name,)
        for message in problems:
            self.add("TF008", message, names, self.defined(n))

    def solve_inputs(self, v: int, returns: list[object]) -> dict[Any, object] | None:
        """Check v's in-edges; return the TypeVar bindings, or None when solving failed."""
        g = self.graph
        ins = g.inputs[v]
        sig = g.nodes[v].signature
        if len(ins) == 1 and sig.positional and not self.narrowed:
            target = sig.positional[0][1]
            if type(target) is type and returns[g.ends[ins[0]][0]] is target:
                return {}  # a class into the same class (a chain's usual edge): it fits
        bindings: dict[Any, object] = {}
        solved_edges: list[tuple[Edge, object, object, str]] = []
        failed = False
        for pos, i in enumerate(ins):
            edge = g.edges[i]
            if pos < len(sig.positional):
                param, target = sig.positional[pos]
            else:
                param, target = "*args", sig.varargs
            source = self.narrowed.get(i) if self.narrowed else None
            if source is None:
                source = self.carried(v, pos, g.ends[i][0], returns)
            if type_vars(target):
                solved = solve(target, source, bindings)
                ok = solved is not None and self.assignable(source, substitute(target, solved))
                if solved is not None:
                    bindings = dict(solved)
                if ok:
                    solved_edges.append((edge, source, target, param))
                failed = failed or not ok
            else:
                ok = self.assignable(source, target) or self.instantiable(source, target)
            if not ok:
                self.edge_problem(edge, source, target, param if len(ins) > 1 else None)
        for edge, source, target, param in solved_edges[:-1]:  # a later part may have widened
            if not self.assignable(source, substitute(target, bindings)):
                self.edge_problem(edge, source, target, param if len(ins) > 1 else None)
                failed = True
        return None if failed else bindings

    def instantiable(self, source: object, target: object) -> bool:
        """Whether a source still generic in the pipeline's input fits for some solution.

        `first(xs: list[T]) -> T` at the entry returns `T` until the input is known; an edge
        `first >> half(x: float)` holds when `T` can be `float` (it fits T's bound), as mypy
        solves the flow's input type (`list[float]`) from it.
        """
        if not type_vars(source) or type_vars(target):
            return False
        try:
            bindings = solve(source, target)
        except TypeError:
            return False
        return bindings is not None and self.assignable(substitute(source, bindings), target)

    def assignable(self, source: object, target: object) -> bool:
        if source is target:
            return True
        key = (source, target)
        try:
            return self.cache[key]
        except KeyError:
            ok = self.cache[key] = self._relate(source, target)
            return ok
        except TypeError:  # an unhashable hint (Annotated metadata): check without the cache
            return self._relate(source, target)

    def _relate(self, source: object, target: object) -> bool:
        """``is_assignable``, with a hint it cannot check counted as not assignable.

        The reason is kept for the edge's message: an edge the checker cannot prove is a
        problem, never a silent pass.
        """
        try:
            return is_assignable(source, target)
        except TypeError as exc:
            self.unchecked[(id(source), id(target))] = str(exc)
            return False

    def edge_problem(self, edge: Edge, source: object, target: object, param: str | None) -> None:
        u, v = edge.source.name, edge.target.name
        where = f" for `{param}`" if param is not None else ""
        reason = self.unchecked.get((id(source), id(target)))
        why = f"; it cannot be checked: {reason}" if reason else ""
        self.add(
            "TF001",
            f"Edge `{u}` >> `{v}`: `{u}` returns `{type_repr(source)}`, but `{v}` expects"
            f" `{type_repr(target)}`{where}{why}",
            (u, v),
            self.where(edge.path, edge.line),
        )


def _arguments(edges: tuple[Edge, ...]) -> str:
    names = ", ".join(f"`{e.source.name}`" for e in edges)
    return names if len(edges) == 1 else f"({names})"


def _plural(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def _count(k: int) -> str:
    return _plural(k, "positional argument")


def _takes(sig: NodeSignature) -> str:
    npos = len(sig.positional)
    if sig.varargs is not None:
        return f"at least {_count(sig.required)}"
    if sig.required == npos:
        return _count(npos)
    return f"{sig.required} to {npos} positional arguments"


def _params(sig: NodeSignature, k: int) -> list[tuple[str, object]]:
    """The `(name, hint)` that each of `k` positional arguments binds to (fewer when `sig`
    does not take `k`)."""
    bound = list(sig.positional[:k])
    if sig.varargs is not None:
        bound += [("*args", sig.varargs)] * (k - len(bound))
    return bound
