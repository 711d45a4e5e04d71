"""Issue 9: `fallback=` values, functions and nodes are checked against their node at build."""

from __future__ import annotations

import asyncio
from typing import Any, Literal, TypeVar

import pytest

from typedflow import Flow, GraphError, Node, NodeDefinitionError, Problem, build, node

HERE = "tests/unit/test_fallbacks.py"
T = TypeVar("T")
B = TypeVar("B", bound=bytes)


def problems(flow: Flow[Any, Any] | Node[..., Any]) -> list[str]:
    with pytest.raises(GraphError) as info:
        build(flow)
    return [str(p) for p in info.value.problems]


def at(n: Node[..., Any]) -> str:
    return f"{HERE}:{n.line}"


@node(inline=True)
def words(text: str) -> list[str]:
    return text.split()


def test_issue_9_a_value_that_does_not_fit_the_return_type_is_a_build_error() -> None:
    @node(fallback="n/a")
    def parse(text: str) -> int:
        return int(text)

    assert problems(parse) == [
        f"{at(parse)}: error: Node `parse` returns `int`, but its fallback value is `str`:"
        " 'n/a'  [TF008]"
    ]


def test_issue_9_a_none_value_does_not_fit_a_return_type_without_none() -> None:
    @node(fallback=None)
    def parse(text: str) -> int:
        return int(text)

    assert problems(parse) == [
        f"{at(parse)}: error: Node `parse` returns `int`, but its fallback value is `None`:"
        " None  [TF008]"
    ]


def test_issue_9_the_problem_names_the_node_and_its_definition() -> None:
    @node(fallback=[1.5])
    def sizes(text: str) -> list[int]:
        return [len(text)]

    with pytest.raises(GraphError) as info:
        build(sizes)
    assert info.value.problems == (
        Problem(
            "TF008",
            "Node `sizes` returns `list[int]`, but its fallback value is `list[float]`: [1.5]",
            ("sizes",),
            info.value.problems[0].location,
        ),
    )
    assert str(info.value.problems[0].location) == at(sizes)


@pytest.mark.parametrize(
    ("value", "returns"),
    [
        pytest.param(3, float, id="int-fits-float"),
        pytest.param(None, int | None, id="none-fits-optional"),
        pytest.param("a", Literal["a", "b"], id="literal"),
        pytest.param({"k": 1}, dict[str, int], id="dict"),
        pytest.param("x", Any, id="any"),
    ],
)
def test_issue_9_a_value_that_fits_builds(value: object, returns: object) -> None:
    def parse(text: str) -> Any:
        raise ValueError(text)

    parse.__annotations__ = {"text": str, "return": returns}
    pipeline = build(node(inline=True, fallback=value)(parse))
    assert asyncio.run(pipeline.run("boom")) == value


def test_issue_9_every_element_of_a_fallback_value_is_checked() -> None:
    @node(fallback=[1, 2, "x"])
    def sizes(text: str) -> list[int]:
        return [len(text)]

    @node(fallback={"a": [1], "b": [2, None]})
    def groups(text: str) -> dict[str, list[int]]:
        return {}

    assert problems(sizes) == [
        f"{at(sizes)}: error: Node `sizes` returns `list[int]`, but its fallback value is"
        " `list[int | str]`: [1, 2, 'x']  [TF008]"
    ]
    assert problems(groups) == [
        f"{at(groups)}: error: Node `groups` returns `dict[str, list[int]]`, but its fallback"
        " value is `dict[str, list]`: {'a': [1], 'b': [2, None]}  [TF008]"
    ]


def test_issue_9_a_literal_return_rejects_another_string() -> None:
    @node(fallback="c")
    def pick(text: str) -> Literal["a", "b"]:
        return "a"

    assert problems(pick) == [
        f"{at(pick)}: error: Node `pick` returns `Literal['a', 'b']`, but its fallback value"
        " is `str`: 'c'  [TF008]"
    ]


def test_issue_9_a_fallback_function_must_return_an_assignable_type() -> None:
    def guess(text: str) -> str:
        return text

    @node(fallback=guess)
    def parse(text: str) -> int:
        return int(text)

    assert problems(parse) == [
        f"{at(parse)}: error: Node `parse` returns `int`, but its fallback"
        " `test_issue_9_a_fallback_function_must_return_an_assignable_type.<locals>.guess`"
        " returns `str`  [TF008]"
    ]


def test_issue_9_a_fallback_function_must_take_the_node_s_inputs() -> None:
    def unpack(data: bytes) -> int:
        return len(data)

    def both(a: str, b: str) -> int:
        return 0

    def keyed(text: str, *, base: int) -> int:
        return base

    @node(fallback=unpack)
    def parse(text: str) -> int:
        return int(text)

    bad_arity = node(fallback=both)(parse.func).named("arity")
    keyword = node(fallback=keyed)(parse.func).named("keyword")
    name = "test_issue_9_a_fallback_function_must_take_the_node_s_inputs.<locals>"
    assert problems(parse) == [
        f"{at(parse)}: error: Node `parse` takes `str` for `text`, but its fallback"
        f" `{name}.unpack` expects `bytes` for `data`  [TF008]"
    ]
    assert problems(bad_arity) == [
        f"{at(bad_arity)}: error: Node `arity` calls its fallback `{name}.both` with 1"
        f" argument, but `{name}.both` takes 2 positional arguments  [TF008]"
    ]
    assert problems(keyword) == [
        f"{at(keyword)}: error: Node `keyword` calls its fallback `{name}.keyed` with"
        f" positional arguments only, but `{name}.keyed` has required keyword-only parameter"
        " `base`  [TF008]"
    ]


def test_issue_9_a_fallback_function_taking_wider_types_builds() -> None:
    def zero(*texts: object) -> bool:
        return False

    async def later(text: str, base: int = 10) -> int:
        return base

    @node(inline=True)
    def parse(text: str) -> int:
        raise ValueError(text)

    for fallback, expected in ((zero, False), (later, 10), (lambda text: "any", "any")):
        pipeline = build(node(fallback=fallback)(parse.func))
        assert asyncio.run(pipeline.run("x")) == expected


def first_or_none(xs: list[T]) -> T | None:
    return xs[0] if xs else None


def same(x: T) -> T:
    return x


def raw(x: B) -> B:
    return x


def test_issue_9_a_generic_fallback_is_solved_from_the_node_s_parameters() -> None:
    @node(fallback=first_or_none)
    def first(xs: list[str]) -> str:
        return xs[0]

    @node(fallback=raw)
    def size(text: str) -> int:
        return len(text)

    assert problems(first) == [
        f"{at(first)}: error: Node `first` returns `str`, but its fallback `first_or_none`"
        " returns `str | None`  [TF008]"
    ]
    assert problems(size) == [
        f"{at(size)}: error: Node `size` takes `str` for `text`, but its fallback `raw` expects"
        " `B` for `x`  [TF008]"
    ]

    @node(inline=True, fallback=same)
    def double(n: int) -> int:
        raise ValueError(n)

    same_type = node(fallback=same)(size.func).named("same_type")
    assert asyncio.run(build(double).run(3)) == 3
    assert problems(same_type) == [
        f"{at(same_type)}: error: Node `same_type` returns `int`, but its fallback `same`"
        " returns `str`  [TF008]"
    ]


def test_issue_9_a_fallback_node_is_checked_and_named() -> None:
    @node
    def backup(text: str) -> str:
        return text

    @node(fallback=backup)
    def parse(text: str) -> int:
        return int(text)

    with pytest.raises(GraphError) as info:
        build(parse)
    (problem,) = info.value.problems
    assert problem.nodes == ("parse", "backup")
    assert str(problem) == (
        f"{at(parse)}: error: Node `parse` returns `int`, but its fallback `backup` returns"
        " `str`  [TF008]"
    )


def test_issue_9_a_generic_node_s_fallback_is_checked_against_its_solved_return() -> None:
    @node(fallback="none")
    def first(xs: list[T]) -> T:
        return xs[0]

    @node
    def lengths(text: str) -> list[int]:
        return [len(w) for w in text.split()]

    assert problems(lengths >> first) == [
        f"{at(first)}: error: Node `first` returns `int`, but its fallback value is `str`:"
        " 'none'  [TF008]"
    ]


def test_issue_9_fallback_problems_are_reported_with_the_others() -> None:
    @node(fallback="n/a")
    def parse(text: list[int]) -> int:
        return len(text)

    found = problems(words >> parse)  # type: ignore[operator]  # a bad edge, on purpose
    assert [p[-7:] for p in found] == ["[TF008]", "[TF001]"]


def test_issue_9_a_batch_node_cannot_be_a_fallback() -> None:
    @node(batch_size=4)
    def sizes(texts: list[str]) -> list[int]:
        return [len(t) for t in texts]

    with pytest.raises(NodeDefinitionError) as info:

        @node(fallback=sizes)
        def size(text: str) -> int:
            return len(text)

    assert info.value.message == (
        "Batch node `sizes` cannot be a fallback: it takes a list of items"
    )
