"""The W5 fast paths (issue 12) give exactly what the general machinery gives: `@node` on a
plain function, hints with bare names looked up inline, shared signatures, the straight-chain
graph, and the log walk."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator  # noqa: TC003  # the hints are resolved at run time
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typedflow import node
from typedflow._flow import Edge, Flow, _walk
from typedflow._hints import _plain_function_hints, plain_hints
from typedflow._ir import graph_of, merged
from typedflow._node import _plain_node, make_node
from typedflow._options import DEFAULT_OPTIONS

from .test_fast_hints import ANNOTATIONS, FALLBACK, _function

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from typedflow._flow import _Log
    from typedflow._node import Node


@pytest.mark.parametrize("annotation", ANNOTATIONS + FALLBACK)
def test_plain_hints_are_the_general_fast_hints(annotation: str) -> None:
    f = _function(annotation)
    assert plain_hints(f) == _plain_function_hints(f, {})  # type: ignore[arg-type]


def test_plain_hints_look_a_bare_name_up_in_the_module_then_its_builtins() -> None:
    namespace: dict[str, object] = {"__builtins__": {"int": str}, "Doc": bytes}
    source = "def g(x: 'int', y: 'Doc', z: 'float') -> 'None': ..."
    exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)
    assert plain_hints(namespace["g"]) is None  # type: ignore[arg-type]  # `float`: not there
    namespace["float"] = complex
    assert plain_hints(namespace["g"]) == {  # type: ignore[arg-type]
        "x": str,
        "y": bytes,
        "z": complex,
        "return": type(None),
    }


def _plain(x: int, y: str = "") -> int:
    return x


async def _coroutine(x: int, /) -> list[int]:
    return [x]


def _unannotated(x, y: int):  # `x` and the return: read as `Any`
    return x


def _nothing() -> None:
    return None


def _union(x: int | str) -> str | int:
    return x


def _renamed(x: int) -> int:
    return x


_renamed.__name__ = ""  # named by its qualified name, as `make_node` does

PLAIN = [_plain, _coroutine, _unannotated, _nothing, _union, _renamed]


def _generator(x: int) -> Iterator[int]:
    yield x


def _returns_iterator(x: int) -> Iterator[int]:
    return iter([x])


def _star(*xs: int) -> int:
    return len(xs)


def _keyword(x: int, *, k: int = 1) -> int:
    return x


def _takes_deps(x: int, *, deps: str) -> int:
    return x


def _deps_positional(deps: int) -> int:
    return deps


def _later(x: Later) -> int:  # type: ignore[name-defined]  # noqa: F821  # defined later
    return 0


class _Holder:
    def method(self, x: int) -> int:
        return x

    @staticmethod
    def static(x: int) -> int:
        return x


def _wrapped(x: int) -> int:
    return x


_wrapped.__wrapped__ = _plain  # type: ignore[attr-defined]


OTHER = [
    _generator,
    _returns_iterator,
    _star,
    _keyword,
    _takes_deps,
    _deps_positional,
    _later,
    _Holder.method,
    _Holder.static,
    _wrapped,
]


@pytest.mark.parametrize("func", PLAIN, ids=lambda f: f.__qualname__)
def test_a_bare_node_of_a_plain_function_is_what_make_node_gives(
    func: Callable[..., Any],
) -> None:
    fast = node(func)
    assert _plain_node(func) is not None
    general = make_node(func)
    assert type(fast) is type(general)
    for field in dataclasses.fields(general):
        assert getattr(fast, field.name) == getattr(general, field.name), field.name
    assert fast.options is DEFAULT_OPTIONS
    assert repr(fast) == repr(general)


@pytest.mark.parametrize("func", OTHER, ids=lambda f: f.__qualname__)
def test_any_other_function_is_left_to_make_node(func: Callable[..., Any]) -> None:
    assert _plain_node(func) is None


def test_a_function_annotated_to_return_an_iterator_is_a_streaming_node() -> None:
    assert type(node(_returns_iterator)).__name__ == "SyncStreamNode"


def test_functions_with_the_same_plain_classes_share_one_signature() -> None:
    def f(x: int) -> int:
        return x

    def g(x: int) -> int:
        return x

    def h(x: int | None) -> int:
        return 0

    def k(y: int) -> int:
        return y

    assert node(f).signature is node(g).signature
    assert node(h).signature == node(h).signature
    assert node(h).signature is not node(h).signature  # a union: equal ones may differ in order
    assert node(k).signature is not node(f).signature
    assert node(k).signature.positional == (("y", int),)


def test_edges_and_flows_keep_their_dataclass_behaviour() -> None:
    a, b = node(_plain), node(_nothing)
    edge = Edge(source=a, target=b, path="p", line=1)
    assert edge == Edge(a, b, "p", 1)
    assert repr(edge) == f"Edge(source={a!r}, target={b!r}, path='p', line=1)"
    assert dataclasses.replace(edge, line=2).line == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        edge.line = 3  # type: ignore[misc]
    flow: Flow[Any, Any] = Flow(entries=(a,), exits=(b,), _log=None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        flow.entries = ()  # type: ignore[misc]
    assert repr(flow) == "<Flow _plain -> _nothing>"


def _nodes(n: int) -> list[Node[..., Any]]:
    def make(i: int) -> Node[..., Any]:
        def step(*xs: int) -> int:
            return i

        return node(name=f"n{i}")(step)

    return [make(i) for i in range(n)]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 6), st.lists(st.integers(0, 5), min_size=1, max_size=12))
def test_a_chain_graph_is_what_the_general_numbering_gives(n: int, path: list[int]) -> None:
    nodes = _nodes(n)
    flow: Any = nodes[path[0] % n]._as_flow()
    for i in path[1:]:
        flow = flow >> nodes[i % n]
    assert graph_of([flow], ("here", 1)) == merged([flow], ("here", 1))


def _reference_walk(log: _Log | None, seen: set[int]) -> list[tuple[Edge, ...]]:
    """Each log entry's edges, parents before children, a shared entry once (recursive)."""
    if log is None or id(log) in seen:
        return []
    seen.add(id(log))
    found = [group for parent in log.parents for group in _reference_walk(parent, seen)]
    return [*found, log.edges]


@settings(max_examples=150, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(1, 14))
def test_the_log_walk_visits_parents_first_and_shared_entries_once(
    rng: random.Random, steps: int
) -> None:
    nodes = _nodes(8)
    flows: list[Any] = [n._as_flow() for n in nodes[:3]]
    for _ in range(steps):
        left = rng.choice(flows)
        kind = rng.randrange(3)
        if kind == 0:
            flows.append(left >> rng.choice(nodes))
        elif kind == 1:
            flows.append(left >> [rng.choice(flows), rng.choice(nodes)])
        else:
            flows.append(left >> rng.choice(flows))
    for flow in flows:
        log = flow._log
        assert list(_walk(log)) == _reference_walk(log, set())


def test_a_fast_node_runs_like_any_other() -> None:
    a, b = node(_plain), node(_coroutine)
    pipeline = (a >> b).build()
    assert asyncio.run(pipeline.run(3)) == [3]


def _module(source: str, namespace: dict[str, Any]) -> dict[str, Any]:
    code = compile("from __future__ import annotations\n" + source, "<module>", "exec")
    exec(code, namespace)
    return namespace


def test_a_shared_signature_is_only_reused_where_its_names_mean_the_same_classes() -> None:
    class A:
        pass

    class B:
        pass

    source = "def f(x: Doc) -> int:\n    return 0\n"
    first = _module(source, {"Doc": A})
    second = _module(source, {"Doc": B})  # another module, same annotations
    third = _module(source, {"Doc": A, "__builtins__": {"int": str, "__import__": __import__}})
    signatures = [node(m["f"]).signature for m in (first, second, third)]
    assert [s.positional[0][1] for s in signatures] == [A, B, A]
    assert [s.returns for s in signatures] == [int, int, str]
    first["Doc"] = B  # rebound: a function defined after it reads the new class
    again = [node(_module(source, first)["f"]).signature for _ in range(2)]
    assert again[0].positional == (("x", B),)
    assert again[1] is again[0]


def test_an_annotation_equal_to_a_class_is_not_taken_for_it() -> None:
    class Anything(type):
        def __eq__(cls, other: object) -> bool:
            return True

        def __hash__(cls) -> int:
            return hash(int)

    class Weird(metaclass=Anything):
        pass

    def f(x: int) -> int:
        return x

    def g(x: int) -> int:
        return x

    f.__annotations__ = {"x": int, "return": int}
    node(f)
    g.__annotations__ = {"x": Weird, "return": int}  # equal to f's, as dict keys go
    assert node(g).signature.positional == (("x", Weird),)


def _sync_step(x: int) -> int:
    return x + 1


async def _async_step(x: int) -> int:
    return x + 1


@pytest.mark.parametrize(
    ("func", "is_async", "inline"),
    [(_sync_step, False, False), (_sync_step, False, True), (_async_step, True, False)],
)
def test_a_plain_runtime_node_is_what_the_constructor_makes(
    func: Any, is_async: bool, inline: bool
) -> None:
    from typedflow._runtime import PipelineNode

    made = PipelineNode._plain("step", func, is_async, inline)
    built = PipelineNode("step", func, is_async, inline=inline)
    assert type(made) is PipelineNode
    assert vars(made) == vars(built)  # every attribute `__init__` sets, with its value


def test_build_wires_runtime_nodes_as_connect_and_add_node_would() -> None:
    @node
    def src(x: int) -> int:
        return x

    @node
    def left(x: int) -> int:
        return x + 1

    @node
    def right(x: int) -> int:
        return x * 2

    @node
    def join(a: int, b: int) -> int:
        return a - b

    pipeline = (src >> (left, right) >> join).build(name="w")
    nodes = {name: pipeline.get_node(name) for name in ("src", "left", "right", "join")}
    assert [n.name for n in nodes["src"].downstream] == ["left", "right"]
    assert [n.name for n in nodes["join"].upstream] == ["left", "right"]
    assert all(n._owners == [pipeline] for n in nodes.values())
    assert pipeline.run_sync(5) == 6 - 10
