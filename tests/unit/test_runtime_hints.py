"""Issue 9: runtime checks work on every hint the build accepts, string `Literal`s included."""

from __future__ import annotations

import asyncio
import enum
from collections import abc
from typing import (
    Annotated,
    Any,
    Literal,
    NamedTuple,
    NewType,
    NotRequired,
    Optional,
    Required,
    TypedDict,
    Union,
)

import pytest
from typing_extensions import ReadOnly, TypeAliasType

from typedflow import Node, NodeTypeError, build, node
from typedflow._checks_runtime import compile_hint


class Color(enum.Enum):
    RED = 1
    BLUE = 2


class Mode(TypedDict):
    mode: Literal["fast", "slow"]
    level: NotRequired[Literal[1, 2]]


class Tagged(TypedDict, total=False):
    kind: Required[Literal[b"x"]]
    tag: ReadOnly[Literal["t"]]


class Pair(NamedTuple):
    a: Literal["a"]
    b: int


UserId = NewType("UserId", int)
Name = NewType("Name", str)
Letter = TypeAliasType("Letter", Literal["a", "b"])

# (hint, a value that fits, a value that does not, the message's `expects ..., got ...: ...`)
HINTS: list[Any] = [
    pytest.param(
        Literal["a", "b"], "a", "c",
        "expects `Literal['a', 'b']`, got `str`: 'c'", id="str-literal",
    ),
    pytest.param(
        Literal[b"x"], b"x", "x", "expects `Literal[b'x']`, got `str`: 'x'", id="bytes-literal"
    ),
    pytest.param(Literal[1, 2], 2, 3, "expects `Literal[1, 2]`, got `int`: 3", id="int-literal"),
    pytest.param(
        Literal[1], 1, True, "expects `Literal[1]`, got `bool`: True", id="bool-is-not-int-literal"
    ),
    pytest.param(
        Literal[True], True, 1,
        "expects `Literal[True]`, got `int`: 1", id="int-is-not-bool-literal",
    ),
    pytest.param(
        Literal[Color.RED], Color.RED, Color.BLUE,
        "expects `Literal[Color.RED]`, got `Color`: <Color.BLUE: 2>", id="enum-literal",
    ),
    pytest.param(
        Literal[None], None, 0, "expects `Literal[None]`, got `int`: 0", id="none-literal"
    ),
    pytest.param(
        Literal["a", 1, None], None, "b",
        "expects `Literal['a', 1, None]`, got `str`: 'b'", id="mixed-literal",
    ),
    pytest.param(
        Literal["a"] | None, None, "b", "expects `Literal['a'] | None`, got `str`: 'b'", id="pep604"
    ),
    pytest.param(
        Optional[Literal["a", "b"]], "b", "c",  # noqa: UP045  # the typing form is the point
        "expects `Literal['a', 'b'] | None`, got `str`: 'c'", id="optional",
    ),
    pytest.param(
        Union[Literal["a"], int], 3, "b",  # noqa: UP007  # the typing form is the point
        "expects `Literal['a'] | int`, got `str`: 'b'", id="union",
    ),
    pytest.param(
        Annotated[Literal["a"], "meta"], "a", "b",
        "expects `Annotated[Literal['a'], 'meta']`, got `str`: 'b'", id="annotated",
    ),
    pytest.param(
        list[Annotated[Literal["a"], "meta"]], ["a"], ["b"],
        "expects `list[Annotated[Literal['a'], 'meta']]`, got `list[str]`: ['b']",
        id="list-of-annotated",
    ),
    pytest.param(
        Mode, {"mode": "fast", "level": 2}, {"mode": "quick"},
        "expects `Mode`, got `dict[str, str]` (key `mode` expects `Literal['fast', 'slow']`,"
        " got `str`): {'mode': 'quick'}",
        id="typeddict",
    ),
    pytest.param(
        Mode, {"mode": "slow"}, {"mode": "fast", "level": 3},
        "expects `Mode`, got `dict[str, int | str]` (key `level` expects `Literal[1, 2]`, got"
        " `int`): {'level': 3, 'mode': 'fast'}",
        id="typeddict-not-required",
    ),
    pytest.param(
        Tagged, {"kind": b"x", "tag": "t"}, {"kind": b"x", "tag": "u"},
        "expects `Tagged`, got `dict[str, bytes | str]` (key `tag` expects `Literal['t']`, got"
        " `str`): {'kind': b'x', 'tag': 'u'}",
        id="typeddict-read-only",
    ),
    pytest.param(
        list[Mode], [{"mode": "slow"}], [{"mode": "quick"}],
        "expects `list[Mode]`, got `list[dict]`: [{'mode': 'quick'}]", id="list-of-typeddict",
    ),
    pytest.param(
        tuple[Literal["a"], int], ("a", 1), ("b", 1),
        "expects `tuple[Literal['a'], int]`, got `tuple[str, int]`: ('b', 1)", id="tuple",
    ),
    pytest.param(
        tuple[Literal["a"], ...], ("a", "a"), ("b",),
        "expects `tuple[Literal['a'], ...]`, got `tuple[str]`: ('b',)", id="variadic-tuple",
    ),
    pytest.param(
        tuple[Mode, Literal["a"]], ({"mode": "slow"}, "a"), ({"mode": "slow"}, "b"),
        "expects `tuple[Mode, Literal['a']]`, got `tuple[dict, str]`: ({'mode': 'slow'}, 'b')",
        id="tuple-of-typeddict",
    ),
    pytest.param(
        dict[str, Literal["a"]], {"k": "a"}, {"k": "b"},
        "expects `dict[str, Literal['a']]`, got `dict[str, str]`: {'k': 'b'}", id="dict",
    ),
    pytest.param(
        dict[Literal["k"], Mode], {"k": {"mode": "fast"}}, {"j": {"mode": "fast"}},
        "expects `dict[Literal['k'], Mode]`, got `dict[str, dict]`: {'j': {'mode': 'fast'}}",
        id="dict-of-typeddict",
    ),
    pytest.param(
        dict[str, Mode | Literal["x"]], {"k": "x"}, {"k": "y"},
        "expects `dict[str, Mode | Literal['x']]`, got `dict[str, str]`: {'k': 'y'}",
        id="dict-of-union",
    ),
    pytest.param(
        set[Literal[1]], {1}, {True}, "expects `set[Literal[1]]`, got `set[bool]`: {True}", id="set"
    ),
    pytest.param(
        frozenset[Literal[Color.RED]], frozenset({Color.RED}), frozenset({Color.BLUE}),
        "expects `frozenset[Literal[Color.RED]]`, got `frozenset[Color]`:"
        " frozenset({<Color.BLUE: 2>})",
        id="frozenset",
    ),
    pytest.param(
        abc.Sequence[Literal["a"]], ["a"], ["b"],
        "expects `Sequence[Literal['a']]`, got `list[str]`: ['b']", id="sequence",
    ),
    pytest.param(
        abc.Mapping[Literal["k"], int], {"k": 1}, {"j": 1},
        "expects `Mapping[Literal['k'], int]`, got `dict[str, int]`: {'j': 1}", id="mapping",
    ),
    pytest.param(
        list[Mode | None], [None], [{"mode": 1}],
        "expects `list[Mode | None]`, got `list[dict]`: [{'mode': 1}]", id="list-of-optional",
    ),
    pytest.param(UserId, UserId(3), "3", "expects `UserId`, got `str`: '3'", id="newtype"),
    pytest.param(
        list[Name], [Name("x")], [1], "expects `list[Name]`, got `list[int]`: [1]", id="newtypes"
    ),
    pytest.param(Letter, "a", "c", "expects `Letter`, got `str`: 'c'", id="alias"),
    pytest.param(
        list[Letter], ["a"], ["c"], "expects `list[Letter]`, got `list[str]`: ['c']", id="aliases"
    ),
    pytest.param(
        Pair, Pair("a", 1), ("a", 1), "expects `Pair`, got `tuple[str, int]`: ('a', 1)",
        id="namedtuple",
    ),
    pytest.param(
        Literal["a"] | Mode, {"mode": "fast"}, {"mode": "q"},
        "expects `Literal['a'] | Mode`, got `dict[str, str]`: {'mode': 'q'}",
        id="literal-or-typeddict",
    ),
]


def echo(hint: object, *, returns: object = object) -> Node[..., Any]:
    """A node `echo(x: hint) -> returns` that gives back its input."""

    def echo(x: Any) -> Any:
        return x

    echo.__annotations__ = {"x": hint, "return": returns}
    return node(inline=True)(echo)


def liar(hint: object) -> Node[..., Any]:
    """A node `liar(x: object) -> hint` that gives back its input, whatever it is."""

    def liar(x: Any) -> Any:
        return x

    liar.__annotations__ = {"x": object, "return": hint}
    return node(inline=True)(liar)


@pytest.mark.parametrize(("hint", "good", "bad", "expected"), HINTS)
def test_issue_9_compiled_check(hint: object, good: object, bad: object, expected: str) -> None:
    check = compile_hint(hint)
    assert check is not None
    assert check(good)
    assert not check(bad)


@pytest.mark.parametrize(("hint", "good", "bad", "expected"), HINTS)
def test_issue_9_a_parameter_of_any_hint_is_checked(
    hint: object, good: object, bad: object, expected: str
) -> None:
    pipeline = build(echo(hint), name="t", runtime_checks=True)
    assert asyncio.run(pipeline.run(good)) == good
    with pytest.raises(NodeTypeError) as info:
        asyncio.run(pipeline.run(bad))
    assert info.value.message == f"Input of pipeline `t`: node `echo` parameter `x` {expected}"


@pytest.mark.parametrize(("hint", "good", "bad", "expected"), HINTS)
def test_issue_9_a_return_of_any_hint_is_checked(
    hint: object, good: object, bad: object, expected: str
) -> None:
    pipeline = build(liar(hint) >> echo(object), name="t", runtime_checks=True)
    assert asyncio.run(pipeline.run(good)) == good
    with pytest.raises(NodeTypeError) as info:
        asyncio.run(pipeline.run(bad))
    assert info.value.message == f"Node `liar` in pipeline `t`: `return` {expected}"


@pytest.mark.parametrize(("hint", "good", "bad", "expected"), HINTS)
def test_issue_9_a_checked_node_checks_any_hint(
    hint: object, good: object, bad: object, expected: str
) -> None:
    checked = node(inline=True, check=True)(liar(hint).func)
    pipeline = build(checked >> echo(object), name="t")
    assert asyncio.run(pipeline.run(good)) == good
    with pytest.raises(NodeTypeError) as info:
        asyncio.run(pipeline.run(bad))
    assert info.value.message == f"Node `liar` in pipeline `t`: `return` {expected}"


def test_issue_9_a_string_literal_return_builds_with_checks() -> None:
    @node(inline=True)
    def pick(n: int) -> Literal["a", "b"]:
        return "a" if n else "c"  # type: ignore[return-value]  # on purpose

    pipeline = build(pick, name="t", runtime_checks=True)
    assert asyncio.run(pipeline.run(1)) == "a"
    with pytest.raises(NodeTypeError) as info:
        asyncio.run(pipeline.run(0))
    assert info.value.message == (
        "Node `pick` in pipeline `t`: `return` expects `Literal['a', 'b']`, got `str`: 'c'"
    )


def test_issue_9_an_output_node_returning_literal_none_gives_none() -> None:
    assert asyncio.run(build(liar(Literal[None]), name="t").run(None)) is None
