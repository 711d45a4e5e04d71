"""Issue 11, one error shape per phase (typedflow/_runtime/_structure.py): a runtime `Pipeline`'s
setup mistakes are coded `Problem`s, all at once, in the build's form, always a `PipelineError`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typedflow import PipelineError, Problem
from typedflow.pipeline import Pipeline, PipelineNode, SubPipeline

from ._helpers import fan_out, ident

if TYPE_CHECKING:
    from collections.abc import Callable


def _broken() -> Pipeline:
    """No start node, an edge to a node not added, a cycle."""
    p = Pipeline("p")
    a, b = (p.add_node(PipelineNode(n, ident)) for n in "ab")
    a.connect(b).connect(a)
    a.connect(PipelineNode("z", ident))
    return p


def test_issue_11_every_setup_problem_is_a_coded_problem_and_the_message_lists_them() -> None:
    with pytest.raises(PipelineError) as info:
        _broken().validate()
    error = info.value
    assert error.problems == (
        Problem("TF006", "pipeline `p` has no start node; call set_start_node()"),
        Problem(
            "TF101",
            "edge `a` -> `z`: `z` is not in pipeline `p`; add it with add_node()",
            ("a", "z"),
        ),
        Problem("TF002", "pipeline `p` has a cycle: a -> b -> a", ("a", "b")),
    )
    assert error.message == str(error) == "\n".join(str(p) for p in error.problems)
    assert str(error).splitlines() == [
        "error: pipeline `p` has no start node; call set_start_node()  [TF006]",
        "error: edge `a` -> `z`: `z` is not in pipeline `p`; add it with add_node()  [TF101]",
        "error: pipeline `p` has a cycle: a -> b -> a  [TF002]",
    ]


def test_issue_11_start_node_with_upstream_edges_and_unreachable_nodes_name_their_nodes() -> None:
    p = Pipeline("p")
    a, b, c = (p.add_node(PipelineNode(n, ident)) for n in "abc")
    a.connect(b)
    p.set_start_node(a)
    p.set_start_node(b)
    del c
    with pytest.raises(PipelineError) as info:
        p.validate()
    assert info.value.problems == (
        Problem(
            "TF102",
            "start node `b` has upstream edges (from `a`); "
            "a start node receives only the pipeline's input",
            ("b", "a"),
        ),
        Problem("TF006", "node `c` is not reachable from any start node of pipeline `p`", ("c",)),
    )


def test_issue_11_what_the_api_raises_at_once_is_one_coded_problem() -> None:
    p = Pipeline("p")
    a = p.add_node(PipelineNode("a", ident))
    with pytest.raises(PipelineError) as duplicate:
        p.add_node(PipelineNode("a", ident))
    with pytest.raises(PipelineError) as twice:
        p.add_node(a)
    with pytest.raises(PipelineError) as not_added:
        p.set_start_node(PipelineNode("b", ident))
    assert [e.value.problems for e in (duplicate, twice, not_added)] == [
        (
            Problem(
                "TF005",
                "pipeline `p` already has a node named `a`; node names must be unique",
                ("a",),
            ),
        ),
        (Problem("TF005", "node `a` is already in pipeline `p`", ("a",)),),
        (
            Problem(
                "TF101",
                "cannot start pipeline `p` at `b`: add the node with add_node() first",
                ("b",),
            ),
        ),
    ]


def test_issue_11_a_sub_pipeline_reports_the_inner_pipelines_problems_with_the_outers() -> None:
    inner = Pipeline("inner")
    inner.add_node(PipelineNode("lost", ident))
    outer = Pipeline("outer")
    sub = outer.add_node(SubPipeline("sub", inner))
    outer.set_start_node(sub)
    outer.add_node(PipelineNode("alone", ident))
    with pytest.raises(PipelineError) as info:
        outer.validate()
    assert str(info.value).splitlines() == [
        "error: node `alone` is not reachable from any start node of pipeline `outer`  [TF006]",
        "error: pipeline `inner` has no start node; call set_start_node()  [TF006]",
    ]


def test_issue_11_a_sub_pipeline_with_several_sinks_is_tf007() -> None:
    inner = fan_out("inner", PipelineNode("src", ident), [PipelineNode(n, ident) for n in "ab"])
    outer = Pipeline("outer")
    outer.set_start_node(outer.add_node(SubPipeline("sub", inner)))
    with pytest.raises(PipelineError) as info:
        outer.validate()
    assert info.value.problems == (
        Problem(
            "TF007",
            "sub-pipeline node `sub`: pipeline `inner` has 2 sink nodes; "
            "a SubPipeline needs exactly one",
            ("sub",),
        ),
    )


async def _execute(p: Pipeline) -> Any:
    return await p.execute(1)


async def _stream(p: Pipeline) -> Any:
    return [out async for out in p.stream([1])]


async def _map(p: Pipeline) -> Any:
    return await p.map([1])


async def _start(p: Pipeline) -> Any:
    async with p.start(1) as run:
        return await run.result()


@pytest.mark.parametrize("call", [_execute, _stream, _map, _start], ids=lambda f: f.__name__)
async def test_issue_11_the_same_mistake_raises_the_same_error_from_every_entry_point(
    call: Callable[[Pipeline], Any],
) -> None:
    with pytest.raises(PipelineError) as info:
        await call(_broken())
    assert [p.code for p in info.value.problems] == ["TF006", "TF101", "TF002"]


def test_issue_11_execute_sync_raises_the_same_error() -> None:
    p = _broken()
    with pytest.raises(PipelineError) as info:
        p.execute_sync(1)
    assert [p.code for p in info.value.problems] == ["TF006", "TF101", "TF002"]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 6),
    edges=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=12),
    starts=st.sets(st.integers(0, 5), max_size=2),
)
def test_property_every_problem_is_one_coded_line_naming_its_nodes(
    n: int, edges: list[tuple[int, int]], starts: set[int]
) -> None:
    p = Pipeline("g")
    nodes = [p.add_node(PipelineNode(f"v{k}", ident)) for k in range(n)]
    stray = PipelineNode("stray", ident)  # index n and above: a node never added
    for i, j in edges:
        (nodes[i] if i < n else stray).connect(nodes[j] if j < n else stray)
    for s in sorted(starts):
        if s < n:
            p.set_start_node(nodes[s])
    problems: tuple[Problem, ...] = ()
    text = ""
    try:
        p.validate()
    except PipelineError as exc:
        problems, text = exc.problems, str(exc)
    # An edge between two nodes never added is not the pipeline's (no added node sees it).
    valid = bool(starts & set(range(n))) and all((i < n) == (j < n) for i, j in edges)
    if not valid:  # no start node, or an edge between the pipeline and the node never added
        assert problems
    assert text.splitlines() == [str(problem) for problem in problems]
    for problem in problems:
        assert problem.code in {"TF002", "TF006", "TF101", "TF102"}
        assert all(f"`{name}`" in problem.message or name in problem.message
                   for name in problem.nodes)
