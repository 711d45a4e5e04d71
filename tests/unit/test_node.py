"""Tests of `@node` and `Node` (typedflow/_node.py)."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import inspect
from collections.abc import Sequence
from typing import Annotated, Any, Generic, NamedTuple, TypeVar

import pytest

from typedflow import NodeDefinitionError, build
from typedflow._node import AsyncNode, Node, NodeSignature, SyncNode, node

T = TypeVar("T")


@node
def clean(text: str) -> str:
    """Lower-case and strip."""
    return text.lower().strip()


@node(name="tok")
async def tokenize(text: str) -> list[str]:
    return text.split()


@node
def pick(xs: Sequence[str], i: int = 0, *rest: bytes, flag: bool = False) -> Annotated[str, 1]:
    return xs[i]


def test_sync_node_is_callable_like_the_function() -> None:
    assert isinstance(clean, SyncNode)
    assert clean(" A b ") == "a b"
    assert clean.name == "clean"
    assert not clean.is_async


def test_async_node_returns_a_coroutine_and_its_output_is_the_awaited_type() -> None:
    assert isinstance(tokenize, AsyncNode)
    assert tokenize.is_async
    assert tokenize.name == "tok"
    assert asyncio.run(tokenize("a b")) == ["a", "b"]
    assert tokenize.signature.returns == list[str]


def test_signature_is_resolved_at_decoration() -> None:
    sig = pick.signature
    assert sig.positional == (("xs", Sequence[str]), ("i", int))
    assert sig.required == 1
    assert sig.varargs is bytes
    assert sig.required_keywords == ()
    assert sig.returns == Annotated[str, 1]
    assert sig.unannotated == ()
    assert inspect.signature(clean) == inspect.signature(clean.func)


def test_missing_annotations_are_recorded_not_raised() -> None:
    @node
    def loose(a, b: int):  # type: ignore[no-untyped-def]  # the point of the test
        return a

    assert loose.signature.unannotated == ("a", "return")
    assert loose.signature.positional == (("a", Any), ("b", int))
    assert loose.signature.returns is Any


def test_required_keyword_only_parameters_are_recorded() -> None:
    @node
    def kw(a: int, *, b: int) -> int:
        return a + b

    assert kw.signature.required_keywords == ("b",)


def test_unresolvable_annotation_names_the_function_and_the_name() -> None:
    def broken(x: Missing) -> int:  # type: ignore[name-defined]  # noqa: F821  # the point of the test
        return 1

    made = node(broken)  # read when first needed: the name may be defined later in a module
    with pytest.raises(NodeDefinitionError) as info:
        _ = made.signature.positional
    assert str(info.value) == (
        f"{__file__}:{broken.__code__.co_firstlineno}: Cannot resolve the annotations of"
        " `test_unresolvable_annotation_names_the_function_and_the_name.<locals>.broken`:"
        " name `Missing` is not defined (read when the flow is wired or built)"
    )
    assert isinstance(info.value, TypeError)


def test_named_gives_an_independent_copy() -> None:
    other = clean.named("clean2")
    assert other is not clean
    assert other.name == "clean2"
    assert clean.name == "clean"
    assert other.func is clean.func
    assert other != clean
    assert type(other) is SyncNode
    with pytest.raises(TypeError):
        clean.named("")


def test_node_is_frozen() -> None:
    with pytest.raises(AttributeError):
        clean.name = "x"  # type: ignore[misc]  # the point of the test


def test_options_and_errors() -> None:
    fast = node(inline=True)(lambda x: x)
    assert fast.inline
    assert fast.name == "<lambda>"
    with pytest.raises(NodeDefinitionError, match="already a node"):
        node(clean)
    with pytest.raises(NodeDefinitionError, match="needs a callable"):
        node(42)  # type: ignore[call-overload]  # the point of the test

    async def a(x: int) -> int:
        return x

    with pytest.raises(NodeDefinitionError, match="inline=True"):
        node(inline=True)(a)


def test_callable_objects_and_builtins() -> None:
    class Scale:
        async def __call__(self, x: float) -> float:
            return 2 * x

    scaled = node(name="scale")(Scale())
    assert isinstance(scaled, AsyncNode)
    assert scaled.signature.positional == (("x", float),)
    split = node(str.split)
    assert isinstance(split, Node)
    assert "return" in split.signature.unannotated


def test_definition_site() -> None:
    assert clean.path == __file__
    assert clean.line == inspect.getsourcelines(clean.func)[1]
    assert repr(clean) == f"<node `clean` at {__file__}:{clean.line}>"


class Point:
    """A class whose attribute annotations differ from its constructor's parameters."""

    x: float
    label: str

    def __init__(self, x: int, label: str = "p") -> None:
        self.x = x
        self.label = label

    async def __call__(self) -> str:
        return self.label


def test_issue_9_a_class_is_a_node_of_its_constructor_returning_the_class() -> None:
    made = node(Point)
    assert isinstance(made, SyncNode)
    assert made.name == "Point"
    assert made.signature == NodeSignature(
        positional=(("x", int), ("label", str)),
        required=1,
        varargs=None,
        required_keywords=(),
        returns=Point,
        unannotated=(),
    )
    point = asyncio.run(build(made).run(3))
    assert isinstance(point, Point)
    assert (point.x, point.label) == (3, "p")


def test_issue_9_dataclasses_namedtuples_and_generic_classes_as_nodes() -> None:
    @dataclasses.dataclass
    class Pair:
        a: int
        b: list[str] = dataclasses.field(default_factory=list)

    class Row(NamedTuple):
        key: str
        value: float

    class Box(Generic[T]):
        def __init__(self, item: T) -> None:
            self.item = item

    assert node(Pair).signature.positional == (("a", int), ("b", list[str]))
    assert node(Pair).signature.returns is Pair
    assert node(Row).signature.positional == (("key", str), ("value", float))
    assert node(Row).signature.returns is Row
    assert node(Box).signature.positional == (("item", T),)
    assert node(Box).signature.returns is Box


def scale(x: int, factor: float, label: str) -> bytes:
    return f"{label}{x * factor}".encode()


async def fetch(url: str, retries: int) -> str:
    return f"{url}:{retries}"


def test_issue_9_a_partial_keeps_the_hints_of_the_remaining_parameters() -> None:
    positional = node(functools.partial(scale, 2))
    assert positional.name == "scale"
    assert positional.signature == NodeSignature(
        positional=(("factor", float), ("label", str)),
        required=2,
        varargs=None,
        required_keywords=(),
        returns=bytes,
        unannotated=(),
    )
    keyword = node(functools.partial(scale, label="x"))  # `label` becomes keyword-only
    assert keyword.signature.positional == (("x", int), ("factor", float))
    assert keyword.signature.required_keywords == ()
    middle = node(functools.partial(scale, factor=1.5))  # so does every parameter after it
    assert middle.signature.positional == (("x", int),)
    assert middle.signature.required_keywords == ("label",)
    fetched = node(functools.partial(fetch, retries=2))
    assert isinstance(fetched, AsyncNode)
    assert asyncio.run(build(fetched).run("u")) == "u:2"


def test_issue_9_a_method_in_a_class_body_is_an_error_at_decoration() -> None:
    with pytest.raises(NodeDefinitionError) as info:

        class Parser:
            @node
            def parse(self, text: str) -> int:
                return int(text)

    assert info.value.message == (
        "`@node` cannot wrap method"
        " `test_issue_9_a_method_in_a_class_body_is_an_error_at_decoration.<locals>.Parser.parse`:"
        " its `self` would be a graph input; decorate a module-level function or a staticmethod,"
        " or make a node of a bound method with `node(obj.parse)`"
    )


def test_issue_9_a_classmethod_is_an_error_but_a_function_made_in_a_method_is_not() -> None:
    with pytest.raises(NodeDefinitionError) as info:

        class Parser:
            @classmethod
            @node
            def make(cls, text: str) -> int:
                return int(text)

    assert info.value.message.startswith("`@node` cannot wrap method `")
    assert info.value.message.endswith(
        ".Parser.make`: its `cls` would be a graph input; decorate a module-level function or"
        " a staticmethod, or make a node of a bound method with `node(obj.make)`"
    )

    class Factory:
        def make(self) -> Node[..., Any]:
            @node
            def inner(self: str) -> int:  # a function made in a method, not a method
                return len(self)

            return inner

    assert Factory().make().signature.positional == (("self", str),)


def test_issue_9_bound_methods_and_staticmethods_are_nodes() -> None:
    class Parser:
        def __init__(self, base: int) -> None:
            self.base = base

        def parse(self, text: str) -> int:
            return int(text, self.base)

        @staticmethod
        @node
        def strip(text: str) -> str:
            return text.strip()

    bound = node(Parser(16).parse)
    assert bound.name == "parse"
    assert bound.signature.positional == (("text", str),)
    assert bound.signature.returns is int
    assert asyncio.run(build(Parser.strip >> bound).run(" ff ")) == 255
