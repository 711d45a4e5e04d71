"""Runtime type checks (issue 5): `build(runtime_checks=True)` and `@node(check=...)`."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.flows.checked import (
    Dog,
    bad_items,
    dog,
    double,
    lies,
    partial_movie,
    speak,
    speaker,
    total,
    year,
)
from typedflow import Flow, NodeStatus, NodeTypeError, TypedPipeline, build, node
from typedflow._checks_runtime import compile_hint, describe

pytestmark = pytest.mark.filterwarnings("ignore")  # the runtime logs each failed node


def fail(pipeline: TypedPipeline[Any, Any], data: object) -> str:
    with pytest.raises(NodeTypeError) as info:
        asyncio.run(pipeline.run(data))
    return info.value.message


def checked(flow: Flow[Any, Any]) -> TypedPipeline[Any, Any]:
    return flow.build(name="t", runtime_checks=True)


def test_wrong_scalar_names_the_node_the_return_and_marks_it_failed() -> None:
    pipeline = checked(lies >> double)
    assert fail(pipeline, 1) == (
        "Node `lies` in pipeline `t`: `return` expects `int`, got `str`: '1'"
    )
    assert pipeline.get_pipeline_status() == {
        "lies": NodeStatus.FAILED,
        "double": NodeStatus.SKIPPED,
    }


def test_wrong_elements_inside_a_container() -> None:
    assert fail(checked(bad_items >> total), 1) == (
        "Node `bad_items` in pipeline `t`: `return` expects `list[int]`, got `list[str]`:"
        " ['1', 'x']"
    )


def test_typeddict_missing_a_key() -> None:
    assert fail(checked(partial_movie >> year), "Up") == (
        "Node `partial_movie` in pipeline `t`: `return` expects `Movie`, got `dict[str, str]`"
        " (missing key `year`): {'title': 'Up'}"
    )


def test_protocol_not_satisfied() -> None:
    assert fail(checked(speaker >> speak), "rex") == (
        "Node `speaker` in pipeline `t`: `return` expects `Speaker`, got `str` (missing"
        " `speak`): 'rex'"
    )


def test_protocol_satisfied_structurally_runs() -> None:
    assert asyncio.run(checked(dog >> speak).run("rex")) == "woof"


def test_wrong_initial_input_fails_before_any_node_runs() -> None:
    calls: list[int] = []

    @node(inline=True)
    def first(n: int) -> int:
        calls.append(n)
        return n

    pipeline = checked(first >> double)
    assert fail(pipeline, "2") == (
        "Input of pipeline `t`: node `first` parameter `n` expects `int`, got `str`: '2'"
    )
    assert calls == []
    assert pipeline.get_pipeline_status()["first"] is NodeStatus.FAILED


def test_an_unchecked_upstream_is_caught_at_the_checked_parameter() -> None:
    unchecked = node(inline=True, check=False)(lies.func).named("liar")

    @node(inline=True, check=True)
    def add_one(n: int) -> int:
        return n + 1

    pipeline = (unchecked >> add_one).build(name="t")
    assert fail(pipeline, 3) == (
        "Node `add_one` in pipeline `t`: parameter `n` expects `int`, got `str`: '3'"
    )


def test_checks_are_off_by_default_and_cost_nothing() -> None:
    pipeline = (lies >> bad_items.named("b")).build(name="t")
    assert type(pipeline) is TypedPipeline
    assert [n.func for n in pipeline.nodes.values()] == [lies.func, bad_items.func]


def test_a_node_option_false_turns_its_checks_off() -> None:
    quiet = node(inline=True, check=False)(lies.func).named("quiet")
    assert asyncio.run(build(quiet, runtime_checks=True).run(1)) == "1"


def test_async_nodes_are_checked() -> None:
    @node
    async def fetch(n: int) -> int:
        return str(n)  # type: ignore[return-value]  # on purpose

    assert fail(checked(fetch >> double), 1) == (
        "Node `fetch` in pipeline `t`: `return` expects `int`, got `str`: '1'"
    )


def test_int_fits_float_as_the_typing_spec_says() -> None:
    @node(inline=True)
    def half(n: float) -> float:
        return n if n > 1 else 1

    assert asyncio.run(checked(half >> half.named("again")).run(4)) == 4


async def run_each(pipeline: TypedPipeline[Any, Any], inputs: list[Any]) -> list[object]:
    """Run the inputs concurrently (so that a batch node groups them); results or errors."""
    async with pipeline:
        results: list[object] = await asyncio.gather(
            *(pipeline.run(x) for x in inputs), return_exceptions=True
        )
    return results


def test_issue_5_one_ill_typed_item_fails_only_its_own_execution_of_a_batch() -> None:
    seen: list[int] = []

    @node(batch_size=6, max_wait=0.2)
    def doubles(ns: list[int]) -> list[int]:
        seen.extend(ns)
        return [2 * n for n in ns]

    inputs: list[Any] = [1, 2, "3", 4, 5, 6]
    results = asyncio.run(run_each(checked(doubles >> double), inputs))
    error = results[2]
    assert isinstance(error, NodeTypeError)
    assert error.message == (
        "Input of pipeline `t`: node `doubles` parameter `ns` expects `int`, got `str`: '3'"
    )
    assert results[:2] + results[3:] == [4, 8, 16, 20, 24]
    assert sorted(seen) == [1, 2, 4, 5, 6]


def test_issue_5_one_ill_typed_result_fails_only_its_own_execution_of_a_batch() -> None:
    @node(batch_size=6, max_wait=0.2)
    def halves(ns: list[int]) -> list[int]:
        return [str(n) if n == 3 else n // 2 for n in ns]  # type: ignore[misc]  # on purpose

    results = asyncio.run(run_each(checked(halves >> double), [2, 4, 3, 6, 8, 10]))
    error = results[2]
    assert isinstance(error, NodeTypeError)
    assert error.message == "Node `halves` in pipeline `t`: `return` expects `int`, got `str`: '3'"
    assert results[:2] + results[3:] == [2, 4, 6, 8, 10]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "None"),
        (1, "int"),
        ([1, "a"], "list[int | str]"),
        ((1, "a"), "tuple[int, str]"),
        ({"a": 1}, "dict[str, int]"),
        (Dog(), "Dog"),
        ([], "list"),
    ],
)
def test_describe(value: object, expected: str) -> None:
    assert describe(value) == expected


def test_any_and_object_need_no_check() -> None:
    assert compile_hint(Any) is None
    assert compile_hint(object) is None
