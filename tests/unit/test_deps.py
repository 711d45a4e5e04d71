"""Issue 10, part 4: per-run deps are declared by nodes (`*, deps: T`) and checked at build."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest

from typedflow import (
    Flow,
    GraphError,
    Node,
    NodeDefinitionError,
    PoolExecutor,
    build,
    node,
)
from typedflow._node import (
    AsyncDepsNode,
    AsyncDepsNode2,
    AsyncDepsNode3,
    SyncDepsNode,
    SyncDepsNode2,
    SyncDepsNode3,
)

HERE = "tests/unit/test_deps.py"


@dataclass(frozen=True)
class AppDeps:
    user: str


@dataclass(frozen=True)
class AdminDeps(AppDeps):
    level: int


def problems(*flows: Flow[Any, Any] | Node[..., Any], **kwargs: Any) -> list[str]:
    with pytest.raises(GraphError) as info:
        build(*flows, **kwargs)
    return [str(p) for p in info.value.problems]


def at(n: Node[..., Any]) -> str:
    return f"{HERE}:{n.line}"


@node
def greet(name: str, *, deps: AppDeps) -> str:
    return f"{deps.user}: {name}"


@node
async def audit(text: str, *, deps: AdminDeps) -> str:
    return f"{text} ({deps.level})"


@node
def size(text: str) -> int:
    return len(text)


# -- declaration ------------------------------------------------------------------------


def test_a_keyword_only_deps_parameter_is_recorded_and_is_no_required_keyword() -> None:
    assert greet.signature.deps is AppDeps
    assert greet.signature.required_keywords == ()
    assert greet.signature.positional == (("name", str),)
    assert size.signature.deps is None
    assert type(greet) is SyncDepsNode
    assert type(audit) is AsyncDepsNode


def test_calling_a_deps_node_directly_passes_deps() -> None:
    assert greet("ann", deps=AppDeps("bob")) == "bob: ann"
    assert asyncio.run(audit("x", deps=AdminDeps("bob", 3))) == "x (3)"


@node
def label(text: str, n: int, *, deps: AppDeps) -> str:
    return f"{deps.user}: {text} x{n}"


@node
async def alabel(text: str, n: int, *, deps: AppDeps) -> str:
    return f"{deps.user}: {text} x{n}"


@node
def triple(a: str, n: int, b: str, *, deps: AppDeps) -> str:
    return f"{deps.user}: {a}{n}{b}"


@node
async def atriple(a: str, n: int, b: str, *, deps: AppDeps) -> str:
    return f"{deps.user}: {b}{n}{a}"


@node
def four(a: int, b: int, c: int, d: int, *, deps: AppDeps) -> int:
    return a + b + c + d + len(deps.user)


@node
def optional_second(text: str, n: int = 2, *, deps: AppDeps) -> str:
    return text * n


def test_fan_in_nodes_taking_deps_are_typed_by_their_inputs() -> None:
    # The class each checker gives (`tests/typing/snippets/deps_fanin.py`): by the required
    # positional inputs, one to three; beyond, the one-input class (the checkers say `SyncNode`).
    assert [type(n) for n in (label, alabel, triple, atriple, four, optional_second)] == [
        SyncDepsNode2, AsyncDepsNode2, SyncDepsNode3, AsyncDepsNode3, SyncDepsNode, SyncDepsNode
    ]
    assert label.signature.positional == (("text", str), ("n", int))
    assert label.signature.deps is AppDeps


def test_calling_a_fan_in_deps_node_directly_passes_every_input_and_deps() -> None:
    deps = AppDeps("bob")
    assert label("a", 2, deps=deps) == "bob: a x2"
    assert asyncio.run(alabel("a", 3, deps=deps)) == "bob: a x3"
    assert triple("a", 1, "b", deps=deps) == "bob: a1b"
    assert asyncio.run(atriple("a", 1, "b", deps=deps)) == "bob: b1a"
    assert four(1, 2, 3, 4, deps=deps) == 13
    assert optional_second("ab", deps=deps) == "abab"
    assert optional_second("ab", 3, deps=deps) == "ababab"  # type: ignore[misc, arg-type]  # typed as one input


def test_fan_in_nodes_taking_deps_build_and_run_with_the_runs_deps() -> None:
    @node
    def src(text: str) -> str:
        return text

    @node
    def count(text: str) -> int:
        return len(text)

    @node
    def again(text: str) -> str:
        return text + "!"

    flows = [
        (src >> (src.named("s2"), count) >> label, "bob: ab x2"),
        (src >> (src.named("s3"), count) >> alabel, "bob: ab x2"),
        (src >> (src.named("s4"), count, again) >> triple, "bob: ab2ab!"),
        (src >> (src.named("s5"), count, again) >> atriple, "bob: ab!2ab"),
    ]
    for flow, expected in flows:
        pipeline = build(flow, deps=AppDeps)
        assert asyncio.run(pipeline.run("ab", deps=AppDeps("bob"))) == expected
        assert pipeline.run_sync("ab", deps=AppDeps("bob")) == expected


def test_a_positional_deps_parameter_is_a_definition_error() -> None:
    def lookup(key: str, deps: AppDeps) -> str:
        return key

    with pytest.raises(NodeDefinitionError) as info:
        node(lookup)
    assert str(info.value) == (
        "`test_a_positional_deps_parameter_is_a_definition_error.<locals>.lookup`: parameter"
        " `deps` must be keyword-only (`*, deps: T`): it receives the run's dependencies, not"
        " an upstream's output"
    )


def test_a_deps_parameter_with_a_default_is_a_definition_error() -> None:
    def lookup(key: str, *, deps: AppDeps = AppDeps("x")) -> str:
        return key

    with pytest.raises(NodeDefinitionError) as info:
        node(name="lookup")(lookup)
    assert str(info.value) == (
        "`test_a_deps_parameter_with_a_default_is_a_definition_error.<locals>.lookup`:"
        " parameter `deps` cannot have a default: every run passes its dependencies"
        " (`run(x, deps=...)`)"
    )


def test_a_batch_node_cannot_take_deps() -> None:
    def embed(texts: list[str], *, deps: AppDeps) -> list[int]:
        return [len(t) for t in texts]

    with pytest.raises(NodeDefinitionError) as info:
        node(embed, batch_size=4)  # type: ignore[call-overload]  # a batch function takes only the list
    assert str(info.value) == (
        "Batch node `test_a_batch_node_cannot_take_deps.<locals>.embed` cannot take `deps`:"
        " one call serves the items of several runs"
    )


def test_a_node_with_an_executor_cannot_take_deps() -> None:
    def crunch(text: str, *, deps: AppDeps) -> int:
        return len(text)

    with pytest.raises(NodeDefinitionError) as info:
        node(crunch, executor=PoolExecutor.threads(1))
    assert str(info.value) == (
        "`test_a_node_with_an_executor_cannot_take_deps.<locals>.crunch`: a node taking `deps`"
        " cannot have an `executor`: the run's dependencies stay in the pipeline's process"
    )


# -- build verdicts (TF012) -------------------------------------------------------------


def test_nodes_taking_deps_need_a_deps_type_at_build() -> None:
    assert problems(greet >> size) == [
        f"{at(greet)}: error: Node `greet` takes `deps: AppDeps`, but the pipeline declares no"
        " deps type; pass `build(..., deps=AppDeps)`  [TF012]"
    ]


def test_a_deps_type_not_assignable_to_a_nodes_deps_is_a_build_error() -> None:
    assert problems(greet >> audit, deps=AppDeps) == [
        f"{at(audit)}: error: Node `audit` takes `deps: AdminDeps`, but the pipeline's deps"
        " type `AppDeps` is not assignable to it  [TF012]"
    ]


def test_every_node_with_unfit_deps_is_reported_with_its_line() -> None:
    assert problems(greet >> audit, deps=int) == [
        f"{at(greet)}: error: Node `greet` takes `deps: AppDeps`, but the pipeline's deps type"
        " `int` is not assignable to it  [TF012]",
        f"{at(audit)}: error: Node `audit` takes `deps: AdminDeps`, but the pipeline's deps"
        " type `int` is not assignable to it  [TF012]",
    ]


def test_a_subtype_or_a_wider_declared_deps_type_is_accepted() -> None:
    @node
    def view(text: str, *, deps: object) -> str:
        return text

    pipeline = build(greet >> audit >> view, deps=AdminDeps)
    assert pipeline.deps_type is AdminDeps
    assert list(pipeline.nodes) == ["greet", "audit", "view"]


def test_a_pipeline_may_declare_deps_no_node_takes() -> None:
    async def main() -> int:
        async with build(size.named("n"), deps=AppDeps) as pipeline:
            return await pipeline.run("abc", deps=AppDeps("x"))

    assert asyncio.run(main()) == 3


def test_an_unannotated_deps_parameter_is_a_missing_annotation() -> None:
    @node
    def loose(text: str, *, deps) -> str:  # type: ignore[no-untyped-def]  # the case under test
        return text

    assert problems(loose, deps=AppDeps) == [
        f"{at(loose)}: error: Node `loose` is missing annotations (`deps`); annotate it, or"
        " pass `strict=False` to `build` to read it as `Any`  [TF004]"
    ]
    assert build(loose, deps=AppDeps, strict=False).deps_type is AppDeps


def test_a_fallback_taking_deps_is_a_build_error() -> None:
    def backup(text: str, *, deps: AppDeps) -> str:
        return text

    @node(fallback=backup)
    def risky(text: str) -> str:
        return text

    assert problems(risky) == [
        f"{at(risky)}: error: Node `risky` calls its fallback"
        " `test_a_fallback_taking_deps_is_a_build_error.<locals>.backup` with positional"
        " arguments only, but"
        " `test_a_fallback_taking_deps_is_a_build_error.<locals>.backup` has required"
        " keyword-only parameter `deps`  [TF008]"
    ]


def test_a_nested_pipeline_taking_deps_is_a_node_taking_them() -> None:
    inner = build(greet >> size, deps=AppDeps, name="inner").as_node()
    assert inner.signature.deps is AppDeps
    assert type(inner) is AsyncDepsNode
    assert problems(inner) == [
        f"{HERE}:{inner.line}: error: Node `inner` takes `deps: AppDeps`, but the pipeline"
        " declares no deps type; pass `build(..., deps=AppDeps)`  [TF012]"
    ]
    assert problems(inner, deps=str) == [
        f"{HERE}:{inner.line}: error: Node `inner` takes `deps: AppDeps`, but the pipeline's"
        " deps type `str` is not assignable to it  [TF012]"
    ]
    assert build(inner, deps=AdminDeps).deps_type is AdminDeps
