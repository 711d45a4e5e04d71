"""Issue 10, part 2: `route` in the build (typedflow/_route.py, _route_check.py, _dispatch.py):
the flow it makes, exhaustiveness (TF009), ambiguity (TF010), run-time testability (TF011),
and the dispatch tests computed once per route."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import Any, Literal, NewType, Protocol, TypedDict, TypeVar, runtime_checkable

import pytest
import typing_extensions as te

from typedflow import GraphError, build, node, route, when
from typedflow._dispatch import BranchTest, branch_tests, members

T = TypeVar("T")
UserId = NewType("UserId", int)
HERE = "tests/unit/test_route.py"


def _line() -> int:
    """The caller's line."""
    return sys._getframe(1).f_lineno


@dataclass
class Question:
    text: str


@dataclass
class Complaint:
    text: str


@dataclass
class Spam:
    text: str


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Cat(TypedDict):
    kind: Literal["cat"]
    lives: int


class Dog(TypedDict):
    kind: Literal["dog"]
    good: bool


class Untagged(TypedDict):
    name: str


class Sized(Protocol):
    def size(self) -> int: ...


@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...


@node(inline=True)
def classify(m: str) -> Question | Complaint | Spam:
    return Spam(m)


@node(inline=True)
def classify_any(m: str) -> Any:
    return m


@node(inline=True)
def answer(q: Question) -> int:
    return 1


@node(inline=True)
def answer_too(q: Question) -> int:
    return 2


@node(inline=True)
def escalate(c: Complaint) -> str:
    return c.text


@node(inline=True)
def archive(s: Spam) -> bytes:
    return b""


@node(inline=True)
def send(x: int | str | bytes) -> str:
    return str(x)


@node(inline=True)
def send_int(x: int) -> str:
    return str(x)


@node(inline=True)
def numbers(xs: list[int]) -> int:
    return len(xs)


@node(inline=True)
def sized(s: Sized) -> int:
    return s.size()


@node(inline=True)
def untagged(d: Untagged) -> int:
    return 0


@node(inline=True)
def cat(d: Cat) -> str:
    return "cat"


@node(inline=True)
def dog(d: Dog) -> str:
    return "dog"


@node(inline=True)
def user(u: UserId) -> int:
    return u


@node(inline=True)
def ident(x: T) -> T:
    return x


@node(inline=True)
def flag(b: bool) -> bool:
    return b


@node(inline=True)
def on_true(b: Literal[True]) -> str:
    return "yes"


@node(inline=True)
def on_false(b: Literal[False]) -> str:
    return "no"


@node(inline=True)
def color(c: Color) -> Color:
    return c


@node(inline=True)
def red(c: Literal[Color.RED]) -> str:
    return "red"


@node(inline=True)
def green(c: Literal[Color.GREEN]) -> str:
    return "green"


@node(inline=True)
def shout(s: str) -> str:
    return s.upper()


@node(inline=True)
def clip(s: str) -> str:
    return s[:3]


def test_issue10_route_is_a_flow_from_a_router_to_a_merge() -> None:
    flow = route(answer, escalate, archive)
    (router,) = flow.entries
    (merge,) = flow.exits
    assert router.name == "route(answer, escalate, archive)"
    assert merge.name == "route(answer, escalate, archive).merge"
    assert [(e.source.name, e.target.name) for e in flow.edges()] == [
        ("route(answer, escalate, archive)", "answer"),
        ("route(answer, escalate, archive)", "escalate"),
        ("route(answer, escalate, archive)", "archive"),
        ("answer", "route(answer, escalate, archive).merge"),
        ("escalate", "route(answer, escalate, archive).merge"),
        ("archive", "route(answer, escalate, archive).merge"),
    ]
    predicate = route(when(str.isupper, shout), default=clip)
    assert predicate.entries[0].name == "route(shout, default=clip)"


def test_issue10_an_exhaustive_route_builds_with_the_union_of_outputs() -> None:
    pipeline = (classify >> route(answer, escalate, archive) >> send).build()
    assert pipeline.output_hint is str
    end = (classify >> route(answer, escalate, archive)).build()
    assert end.output_hint == int | str | bytes
    start = route(answer, escalate).build()
    assert start.input_hint == Question | Complaint
    (flag >> route(on_true, on_false)).build()  # bool is Literal[True] | Literal[False]
    (color >> route(red, green)).build()  # an Enum is its members
    (classify_any >> route(answer, escalate)).build()  # Any cannot be proven: allowed


def test_issue10_a_member_no_branch_takes_is_tf009_at_the_edge_into_the_route() -> None:
    line = _line() + 2
    with pytest.raises(GraphError) as info:
        build(classify >> route(answer, escalate) >> send)  # type: ignore[operator]  # mypy agrees: the error under test
    assert str(info.value) == (
        f"{HERE}:{line}: error: Route `route(answer, escalate)` has no branch for `Spam`, one of"
        " the types `classify` returns (`Question | Complaint | Spam`); add a branch that takes"
        " it  [TF009]"
    )
    (problem,) = info.value.problems
    assert problem.nodes == ("route(answer, escalate)",)


def test_issue10_bool_and_enum_members_are_named_when_missing() -> None:
    line = _line() + 2
    with pytest.raises(GraphError) as info:
        build(flag >> route(on_true, shout))  # type: ignore[operator]  # mypy agrees: the error under test
    assert [(p.location and p.location.line, p.message) for p in info.value.problems] == [
        (
            line,
            "Route `route(on_true, shout)` has no branch for `Literal[False]`, one of the types"
            " `flag` returns (`bool`); add a branch that takes it",
        ),
    ]
    with pytest.raises(GraphError) as info:
        build(color >> route(red, on_true))  # type: ignore[operator]  # mypy agrees: the error under test
    assert [p.message for p in info.value.problems] == [
        "Route `route(red, on_true)` has no branch for `Literal[Color.GREEN]`, one of the types"
        " `color` returns (`Color`); add a branch that takes it",
    ]


def test_issue10_two_branches_for_one_member_are_tf010() -> None:
    line = _line() + 2
    with pytest.raises(GraphError) as info:
        build(classify >> route(answer, escalate, archive, answer_too.named("again")))
    assert str(info.value) == (
        f"{HERE}:{line}: error: Route `route(answer, escalate, archive, again)` has 2 branches"
        " for `Question` (`answer` and `again`), so which one runs is ambiguous; give each"
        " type one branch  [TF010]"
    )


def test_issue10_a_branch_type_that_cannot_be_tested_is_tf011_at_the_route() -> None:
    line = _line() + 1
    flow = route(numbers, sized, untagged, user, ident, shout)
    with pytest.raises(GraphError) as info:
        build(flow)
    name = "route(numbers, sized, untagged, user, ident, shout)"
    lead = f"{HERE}:{line}: error: Route `{name}` cannot test at run time which inputs go to"
    assert str(info.value).splitlines() == [  # one TypedDict needs no tag: any dict is it
        f"{lead} branch `numbers`: `list[int]` has type arguments, which `isinstance` cannot"
        " check  [TF011]",
        f"{lead} branch `sized`: `Sized` is a Protocol that is not `@runtime_checkable`  [TF011]",
        f"{lead} branch `user`: `UserId` is a `NewType`, which is its supertype at run"
        " time  [TF011]",
        f"{lead} branch `ident`: `T` is a type variable  [TF011]",
    ]


def test_issue10_typeddicts_need_a_literal_tag_that_tells_them_apart() -> None:
    route(cat, dog).build()  # `kind` tells them apart
    line = _line() + 1
    flow = route(cat, dog, untagged)
    with pytest.raises(GraphError) as info:
        build(flow)
    assert [(p.code, p.location and p.location.line, p.message) for p in info.value.problems] == [
        (
            "TF011",
            line,
            f"Route `route(cat, dog, untagged)` cannot test at run time which inputs go to"
            f" branch `{b}`: `{t}` is a TypedDict that no `Literal` tag key tells apart from"
            " the other branches' TypedDicts",
        )
        for b, t in (("cat", "Cat"), ("dog", "Dog"), ("untagged", "Untagged"))
    ]


def test_issue10_every_problem_of_a_graph_is_reported_at_once() -> None:
    line = _line() + 2
    with pytest.raises(GraphError) as info:
        build(classify >> route(answer, escalate) >> send_int)  # type: ignore[operator]  # mypy agrees: the error under test
    assert str(info.value).splitlines() == [
        f"{HERE}:{line}: error: Edge `route(answer, escalate).merge` >> `send_int`:"
        " `route(answer, escalate).merge` returns `int | str`, but `send_int` expects `int`"
        "  [TF001]",
        f"{HERE}:{line}: error: Route `route(answer, escalate)` has no branch for `Spam`, one of"
        " the types `classify` returns (`Question | Complaint | Spam`); add a branch that takes"
        " it  [TF009]",
    ]


def test_issue10_a_predicate_route_types_its_branches_with_the_upstream_type() -> None:
    pipeline = (shout >> route(when(str.isupper, clip), default=shout.named("again"))).build()
    assert pipeline.output_hint is str
    line = _line() + 2
    with pytest.raises(GraphError) as info:
        build(shout >> route(when(str.isupper, clip), default=answer))  # type: ignore[arg-type]  # mypy agrees
    assert str(info.value) == (
        f"{HERE}:{line}: error: Edge `route(clip, default=answer)` >> `answer`:"
        " `route(clip, default=answer)` returns `str`, but `answer` expects `Question`  [TF001]"
    )


def test_issue10_route_rejects_malformed_branches_when_called() -> None:
    any_route: Any = route  # the calls under test are ill-typed on purpose
    any_when: Any = when
    cases: list[tuple[Any, str]] = [
        (lambda: any_route(answer), "route() needs at least two branches, got 1"),
        (lambda: any_route(answer, 3), "route(): branch 1 is `int`, not a node or a flow"),
        (
            lambda: any_route(any_when(bool, answer), escalate),
            "route(): give either `when(...)` items or plain branches, not both",
        ),
        (
            lambda: any_route(any_when(bool, answer)),
            "route(): a route of `when(...)` items needs a `default=` branch",
        ),
        (
            lambda: any_route(answer, escalate, default=archive),
            "route(): `default=` goes with `when(...)` items",
        ),
        (
            lambda: any_route(answer, shout >> (clip, shout.named("s2"))),
            "route(): branch 1 has 2 exit nodes (`clip`, `s2`); a branch starts and ends in one"
            " node",
        ),
        (lambda: any_when(3, answer), "when(): the predicate must be callable, not `int`"),
        (lambda: any_when(bool, "x"), "when(): the branch must be a node or a flow, not `str`"),
    ]

    async def is_long(s: str) -> bool:
        return len(s) > 3

    cases.append(
        (
            lambda: any_when(is_long, answer),
            "when(): the predicate `test_issue10_route_rejects_malformed_branches_when_called."
            "<locals>.is_long` is async; a route's predicate must be a synchronous function",
        )
    )
    for make, message in cases:
        with pytest.raises(TypeError) as info:
            make()
        assert str(info.value) == message


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (int | None, (int, type(None))),
        (bool, (Literal[True], Literal[False])),
        (Literal["a", "b"], (Literal["a"], Literal["b"])),
        (Color, (Literal[Color.RED], Literal[Color.GREEN])),
        (int | int, (int,)),
        (Question | Literal[1] | None, (Question, Literal[1], type(None))),
    ],
    ids=["optional", "bool", "literal", "enum", "repeat", "mixed"],
)
def test_issue10_members_split_a_type_for_dispatch(
    hint: object, expected: tuple[object, ...]
) -> None:
    assert members(hint) == expected


def test_issue10_branch_tests_dispatch_on_classes_literals_none_and_tags() -> None:
    tests = branch_tests((float, Literal["a", 2], None, Cat, Dog, bool))
    number, literal, none, cat_test, dog_test, boolean = (
        t for t in tests if isinstance(t, BranchTest)
    )
    assert [number(v) for v in (1, 1.5, "1", None)] == [True, True, False, False]
    assert [literal(v) for v in ("a", 2, "b", 2.0, True)] == [True, True, False, False, False]
    assert [none(v) for v in (None, 0, "")] == [True, False, False]
    assert [cat_test(v) for v in ({"kind": "cat"}, {"kind": "dog"}, {}, "cat")] == [
        True,
        False,
        False,
        False,
    ]
    assert dog_test({"kind": "dog", "good": True})
    assert [boolean(v) for v in (True, False, 1, 0)] == [True, True, False, False]


def test_issue10_runtime_checkable_protocols_and_typing_extensions_typeddicts_are_testable() -> (
    None
):
    class Fish(te.TypedDict):
        kind: Literal["fish"]

    closable, fish, cat_test = branch_tests((Closable, Fish, Cat))
    assert isinstance(closable, BranchTest)
    assert isinstance(fish, BranchTest)
    assert isinstance(cat_test, BranchTest)

    class Door:
        def close(self) -> None:
            pass

    assert [closable(v) for v in (Door(), "x")] == [True, False]
    assert [fish(v) for v in ({"kind": "fish"}, {"kind": "cat"})] == [True, False]
    assert cat_test({"kind": "cat"})


def test_issue10_a_drawing_labels_each_routed_edge_with_the_members_it_carries() -> None:
    assert (flag >> route(on_true, on_false)).to_mermaid().splitlines() == [
        "flowchart LR",
        "    input([input])",
        "    output([output])",
        '    n0["flag"]',
        '    n1["route(on_true, on_false)"]',
        '    n2["on_true"]',
        '    n3["on_false"]',
        '    n4["route(on_true, on_false).merge"]',
        '    input -->|"bool"| n0',
        '    n1 -->|"Literal[True]"| n2',
        '    n1 -->|"Literal[False]"| n3',
        '    n2 -->|"str"| n4',
        '    n3 -->|"str"| n4',
        '    n0 -->|"bool"| n1',
        '    n4 -->|"str"| output',
    ]
