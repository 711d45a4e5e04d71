"""Where a filter's None goes (`Plan.passes`): a node takes None in the argument slots marked
for it, and is SKIPPED through any other slot whose upstream ended without a value (a filter
returned None, or it was skipped), while a None from a node that is no filter skips every
node below it; on random DAGs against a reference evaluation. The typed DSL marks the
filters and the slots whose parameter admits None (`tests/unit/test_filter.py`)."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from typedflow.pipeline import NodeStatus, Pipeline, PipelineNode

_COMPLETED, _SKIPPED = NodeStatus.COMPLETED, NodeStatus.SKIPPED


def _step(k: int, drop: int | None) -> Any:
    """Node `k`: the sum of its inputs (None counts 100) plus k, or None (a filter's end)
    when that sum leaves `drop` modulo 3."""

    def f(*xs: int | None) -> int | None:
        total = sum(100 if x is None else x for x in xs) + k
        return None if drop is not None and total % 3 == drop else total

    return f


Graph = tuple[list[list[int]], list[int | None], list[frozenset[int]], list[bool]]


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    """Each node's upstreams (node 0 is the start; others take 1-3 inputs from earlier
    nodes, repeats allowed), its drop residue, the slots in which it takes None, and whether
    its None is a filter's (else a stray None, which skips everything below it)."""
    n = draw(st.integers(2, 8))
    ups: list[list[int]] = [[]]
    ups += [draw(st.lists(st.integers(0, j - 1), min_size=1, max_size=3)) for j in range(1, n)]
    drops = [draw(st.one_of(st.none(), st.integers(0, 2))) for _ in range(n)]
    passes = [
        frozenset(s for s in range(len(u)) if draw(st.booleans())) for u in ups
    ]
    filters = [d is not None and draw(st.integers(0, 3)) > 0 for d in drops]
    return ups, drops, passes, filters


def _reference(graph: Graph, data: int) -> tuple[list[NodeStatus], list[Any]]:
    ups, drops, passes, filters = graph
    status: list[NodeStatus] = []
    out: list[Any] = []
    hard: set[int] = set()  # below a stray None: skipped whatever their slots take
    for j, (u, drop) in enumerate(zip(ups, drops, strict=True)):
        args = [data] if j == 0 else [out[i] for i in u]
        if hard & set(u) or any(a is None and s not in passes[j] for s, a in enumerate(args)):
            status.append(_SKIPPED)
            out.append(None)
            if hard & set(u):
                hard.add(j)
        else:
            status.append(_COMPLETED)
            out.append(_step(j, drop)(*args))
            if out[-1] is None and not filters[j]:
                hard.add(j)
    return status, out


@settings(max_examples=150, deadline=None)
@given(graph=graphs(), inline=st.booleans(), data=st.integers(0, 5))
def test_random_dags_give_none_where_slots_take_it_and_skip_elsewhere(
    graph: Graph, inline: bool, data: int
) -> None:
    ups, drops, passes, filters = graph
    p = Pipeline("g")
    nodes = [
        p.add_node(PipelineNode(f"v{k}", _step(k, drops[k]), inline=inline))
        for k in range(len(ups))
    ]
    for j, u in enumerate(ups):
        for i in u:
            nodes[i].connect(nodes[j])
        nodes[j]._passes = passes[j]
        nodes[j]._is_filter = filters[j]
    p.set_start_node(nodes[0])
    status, out = _reference(graph, data)
    record = asyncio.run(p.execute_record(data))
    assert [record.status[f"v{k}"] for k in range(len(ups))] == status
    assert record.outputs == {f"v{k}": o for k, o in enumerate(out) if status[k] is _COMPLETED}


def test_without_slots_a_none_skips_every_descendant_as_documented() -> None:
    p = Pipeline("g")
    a = p.add_node(PipelineNode("a", lambda x: None, inline=True))
    b = p.add_node(PipelineNode("b", lambda x: "b ran", inline=True))
    c = p.add_node(PipelineNode("c", lambda x: "c ran", inline=True))
    a.connect(b).connect(c)
    p.set_start_node(a)
    assert p._compile().passes is None
    record = asyncio.run(p.execute_record(1))
    assert record.status == {"a": _COMPLETED, "b": _SKIPPED, "c": _SKIPPED}
    b._passes = frozenset({0})
    p._invalidate()
    record = asyncio.run(p.execute_record(1))  # `a` is no filter: its None skips all below
    assert record.status == {"a": _COMPLETED, "b": _SKIPPED, "c": _SKIPPED}
    a._is_filter = True
    p._invalidate()
    record = asyncio.run(p.execute_record(1))
    assert record.status == {"a": _COMPLETED, "b": _COMPLETED, "c": _COMPLETED}
    assert record.outputs == {"a": None, "b": "b ran", "c": "c ran"}
