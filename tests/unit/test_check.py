"""Tests of the static checker (typedflow/_check.py): whole messages, codes and locations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import typedflow._check as check_module
from tests.flows import bad
from tests.flows.nodes import (
    clean,
    count,
    dec,
    half,
    head,
    inc,
    loose,
    need_int,
    split,
    sub,
    tokenize,
)
from typedflow import GraphError, Location, build, node
from typedflow._check import check
from typedflow._ir import graph_of

BAD = Path(bad.__file__)
NODES = "tests/flows/nodes.py"


def line(marker: str) -> int:
    """The line of `bad.py` carrying `# <- marker`."""
    for i, text in enumerate(BAD.read_text().splitlines(), 1):
        if re.search(rf"# <- {marker}$", text):
            return i
    raise AssertionError(marker)


def at(marker: str) -> str:
    return f"tests/flows/bad.py:{line(marker)}"


def node_line(name: str) -> int:
    text = Path(NODES).read_text().splitlines()
    return next(i for i, t in enumerate(text, 1) if re.match(rf"def {name}\(", t)) - 1


def errors(make) -> list[str]:
    def run() -> None:
        flow = make()
        if flow is not None:
            flow.build()

    with pytest.raises(GraphError) as info:
        run()
    assert str(info.value) == "\n".join(str(p) for p in info.value.problems)
    return str(info.value).splitlines()


CASES = {
    "edge_type": lambda: [
        f"{at('edge_type')}: error: Edge `tok` >> `need_dict`: `tok` returns `list[str]`,"
        " but `need_dict` expects `dict[str, Any]`  [TF001]"
    ],
    "solved_typevar": lambda: [
        f"{at('solved_typevar')}: error: Edge `first` >> `need_int`: `first` returns `str`,"
        " but `need_int` expects `int`  [TF001]"
    ],
    "typevar_bound": lambda: [
        f"{at('typevar_bound')}: error: Edge `tok` >> `biggest`: `tok` returns `list[str]`,"
        " but `biggest` expects `list[N]`  [TF001]"
    ],
    "fan_in_arity": lambda: [
        f"{at('fan_in_arity')}: error: Node `join` receives 3 arguments (from `count`,"
        " `count2`, `count3`), but takes 2 positional arguments  [TF003]"
    ],
    "fan_out_two_params": lambda: [
        f"{at('fan_out_two_params')}: error: Node `join` receives 1 argument (from `tok`),"
        " but takes 2 positional arguments  [TF003]"
    ],
    "fan_in_positions": lambda: [
        f"{at('fan_in_positions')}: error: Edge `first` >> `join`: `first` returns `str`,"
        " but `join` expects `int` for `n`  [TF001]",
        f"{at('fan_in_positions')}: error: Edge `count` >> `join`: `count` returns `int`,"
        " but `join` expects `str` for `word`  [TF001]",
    ],
    "cycle": lambda: [
        f"{at('cycle')}: error: Cycle `need_int` >> `inc` >> `need_int`; a pipeline must be"
        " acyclic  [TF002]",
    ],
    "cycle_with_source": lambda: [
        f"{at('cycle_with_source')}: error: Cycle `add` >> `inc` >> `add`; a pipeline must be"
        " acyclic  [TF002]"
    ],
    "unannotated": lambda: [
        f"{NODES}:{node_line('loose')}: error: Node `loose` is missing annotations (`x`,"
        " `return`); annotate them, or pass `strict=False` to `build` to read them as `Any`"
        "  [TF004]"
    ],
    "duplicate_names": lambda: [
        f"{at('duplicate_names')}: error: Node name `count` is already used by another node"
        f" (defined at {NODES}:{node_line('count')}); give one of them a new name with"
        " `.named(...)`  [TF005]"
    ],
    "keyword_only": lambda: [
        f"{at('keyword_only')}: error: Node `keyword` has required keyword-only parameter"
        " `scale`, which no edge can supply  [TF003]"
    ],
    # `maybe` returns `int | None`: a filter (issue 10), whose edges carry `int`.
    "optional_edge": lambda: [
        f"{at('optional_edge')}: error: Cycle `need_int` >> `maybe` >> `need_int`; a pipeline"
        " must be acyclic  [TF002]",
    ],
    "two_sinks": lambda: [
        f"{at('two_sinks')}: error: The graph has 2 sinks (`tok`, `count`), but `run` returns"
        " the output of one; join them in a final node, or build one flow that fans out to"
        " them  [TF007]"
    ],
    "issue_3_joined_tuple": lambda: [
        f"{at('issue_3_joined_tuple')}: error: Edge `head` >> `need_int`: `head` returns"
        " `object`, but `need_int` expects `int`  [TF001]"
    ],
    "issue_3_failed_solution": lambda: [
        f"{at('issue_3_failed_solution')}: error: Edge `echo` >> `pair`: `echo` returns `str`,"
        " but `pair` expects `T` for `b`  [TF001]"
    ],
    "issue_3_fan_in_orders": lambda: [
        f"{at('issue_3_order_b')}: error: Node `sub` receives (`inc`, `dec`) from the `>>` at"
        f" {at('issue_3_order_a')} and (`dec`, `inc`) from the `>>` at {at('issue_3_order_b')},"
        " so the order of its arguments is ambiguous. Hint: write the fan-in to `sub` in one"
        " `>>` expression  [TF003]"
    ],
    "source_arity": lambda: [
        f"{at('unresolved_source')}: error: Node `unresolved_source` receives 1 argument (the"
        " pipeline input), but takes 2 positional arguments  [TF003]"
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_flow_messages(name: str) -> None:
    found = errors(getattr(bad, name))
    expected = CASES[name]()
    if name in {"cycle", "optional_edge"}:  # no source: reported at the build call
        assert re.fullmatch(
            r".*test_check\.py:\d+: error: The graph has no source node \(every node has an"
            r" upstream\), so nothing receives the input  \[TF006\]",
            found[-1],
        )
        found = found[:-1]
    assert found == expected


def test_problem_structure() -> None:
    with pytest.raises(GraphError) as info:
        bad.edge_type().build()
    (problem,) = info.value.problems
    assert problem.code == "TF001"
    assert problem.nodes == ("tok", "need_dict")
    assert problem.location == Location("tests/flows/bad.py", line("edge_type"))
    assert info.value.message.startswith("1 problem found\n")


def test_sound_flows_have_no_problems() -> None:
    assert check(graph_of([clean >> tokenize >> count >> need_int >> half])) == ()
    assert check(graph_of([clean >> tokenize >> (count, count.named("n2"))])) == ()


def test_strict_false_reads_missing_annotations_as_any() -> None:
    flow = clean >> loose >> need_int
    assert [p.code for p in check(graph_of([flow]))] == ["TF004"]
    assert check(graph_of([flow]), strict=False) == ()


def test_unreachable_nodes() -> None:
    loop = inc.named("i1") >> inc.named("i2")
    a, b = loop.entries[0], loop.exits[0]
    flows = [clean >> tokenize >> count, a >> b >> a]
    messages = [p.message for p in check(graph_of(flows))]
    assert "Node `i1` is not reachable from any source node" in messages
    assert "Node `i2` is not reachable from any source node" in messages


def test_varargs_take_any_number_of_inputs() -> None:
    @node
    def total(*xs: int) -> int:
        return sum(xs)

    fan = (count, need_int.named("n")) >> total
    assert [p.code for p in check(graph_of([fan]))] == []
    assert check(graph_of([(count, half) >> total]))[0].message == (
        "Edge `half` >> `total`: `half` returns `float`, but `total` expects `int` for `*args`"
    )


def test_identical_hint_pairs_are_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, object]] = []
    real = check_module.is_assignable

    def counting(source: object, target: object) -> bool:
        calls.append((source, target))
        return real(source, target)

    monkeypatch.setattr(check_module, "is_assignable", counting)
    chain = tokenize >> count
    for i in range(50):
        chain = chain >> half.named(f"h{i}")
    assert check(graph_of([chain])) == ()
    assert sorted(map(str, calls)) == sorted(
        map(str, [(list[str], count.signature.positional[0][1]), (int, float)])
    )


def test_build_reports_everything_at_once() -> None:
    with pytest.raises(GraphError) as info:
        build(bad.edge_type(), bad.fan_in_positions(), name="x")
    assert [p.code for p in info.value.problems] == ["TF001", "TF001", "TF001", "TF007"]


def test_issue_3_mixed_fixed_tuple_into_variadic_generic_builds() -> None:
    assert check(graph_of([clean >> split >> head])) == ()
    assert build(clean >> split >> head).output_hint is object


def test_issue_3_fan_in_repeating_an_edge_of_another_fragment_takes_its_order() -> None:
    for flows in (
        [need_int >> inc >> sub, (need_int >> dec, inc) >> sub],
        [(need_int >> dec, inc) >> sub, need_int >> inc >> sub],
    ):
        graph = graph_of(flows)
        assert check(graph) == ()
        (v,) = (i for i, n in enumerate(graph.nodes) if n is sub)
        assert [graph.edges[i].source for i in graph.inputs[v]] == [dec, inc]


def test_issue_3_an_edge_written_twice_is_one_argument() -> None:
    one = sub.named("one")
    graph = graph_of([need_int >> inc >> one >> dec, inc >> one])
    assert [p.message for p in check(graph)] == [
        "Node `one` receives 1 argument (from `inc`), but takes 2 positional arguments"
    ]
    flows = [need_int >> inc >> dec, need_int >> inc >> dec]
    assert check(graph_of(flows)) == ()
