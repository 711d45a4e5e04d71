"""Issue 10: a node returning `T | None` is a filter; the edges out of it carry `T`, and a flow
with a filter on a path to its output gives `O | None`."""

from __future__ import annotations

from typing import Optional, TypeVar, assert_type

from typedflow import Flow, Outcome, node
from typedflow._node import AsyncNode

T = TypeVar("T")


@node
def keep(s: str) -> str | None:
    return s if s.startswith("k") else None


@node
def keep_old(s: str) -> Optional[str]:  # noqa: UP045  # the spelling under test
    return s or None


@node
def shout(s: str) -> str:
    return s.upper()


@node
async def size(s: str) -> int:
    return len(s)


@node
def pair(a: str, b: int) -> float:
    return float(b)


@node
def ident(x: T) -> T:
    return x


@node
def take_optional(s: str | None) -> int:
    return len(s or "")


@node
def present(x: T | None) -> list[T]:
    return [] if x is None else [x]


@node
def wrap(x: T) -> list[T]:
    return [x]


@node
def need_int(x: int) -> int:
    return x


@node
def small(n: int) -> int | str | None:
    return n if n < 10 else None


@node
def either(x: int | str) -> str:
    return str(x)


flow_filter = keep >> shout
flow_old_spelling = keep_old >> shout >> size
flow_plain = shout >> size
flow_fanout = keep >> (shout, size)
flow_fanin = (keep, size) >> pair
flow_fanout_fanin = keep >> (shout, size) >> pair
flow_filter_in_branch = shout >> (keep, size) >> pair
flow_list_fanout = keep >> [shout, shout.named("shout2")]
flow_two_filters = keep >> keep_old >> shout
# A filter of several types into a union: mypy alone would solve `B` in `B | None` from
# `int | str | None` as the join `object` and reject it; the plugin gives it the union, as
# pyright and the build do (`tests/unit/test_filter.py` builds and runs it).
flow_union_filter = size >> small >> either
flow_generic_after = keep >> ident >> shout
flow_nested = shout >> (keep >> size)
flow_nested_filter_first = (keep >> shout) >> size
# A filter into a node that accepts `T | None` takes the plain overload (the checkers cannot
# tell `str | None` declared from `str | None` solved), so the flow is typed without `| None`;
# and so it runs: the node gets the filter's None (tests/unit/test_filter.py).
flow_filter_into_optional = keep >> take_optional
# Likewise a TypeVar parameter: the checkers solve `T` from `str | None`, and so does the build.
flow_filter_into_generic_optional = keep >> present
flow_filter_into_generic = keep >> wrap
# Each `>>` is typed as a whole: a fan-out where a branch refuses None takes the filter
# overload (no branch gets the None); a right operand's own `>>` was typed without it; a
# later `>>` sees the whole flow's `| None`. The build decides the same per `>>`.
flow_fan_optional = keep >> (take_optional, shout.named("fo_shout"))
flow_nested_optional = keep >> (shout.named("no_shout") >> take_optional.named("no_take"))
flow_chain_optional = keep >> shout.named("co_shout") >> take_optional.named("co_take")
flow_fan_generic = keep >> (wrap, shout.named("fg_shout"))
flow_nested_generic = keep >> (shout.named("ng_shout") >> wrap.named("ng_wrap"))
flow_chain_generic = keep >> shout.named("cg_shout") >> wrap.named("cg_wrap")
flow_nested_fan = keep >> (shout.named("nf_shout") >> (shout.named("nf_2"), size.named("nf_3")))
flow_filter_bad = keep >> need_int  # E: Need type annotation for "flow_filter_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], str | None]" and "SyncNode[[int], int]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(s: str), str | None]" and "SyncNode[(x: int), int]"  [reportOperatorIssue]


async def types() -> None:
    assert_type(flow_filter, Flow[str, str | None])
    assert_type(flow_old_spelling, Flow[str, int | None])
    assert_type(flow_plain, Flow[str, int])
    assert_type(flow_fanout, Flow[str, tuple[str | None, int | None]])
    assert_type(flow_fanin, Flow[str, float | None])
    assert_type(flow_fanout_fanin, Flow[str, float | None])
    assert_type(flow_filter_in_branch, Flow[str, float | None])
    assert_type(flow_list_fanout, Flow[str, tuple[str | None, ...]])
    assert_type(flow_two_filters, Flow[str, str | None])
    assert_type(flow_generic_after, Flow[str, str | None])
    assert_type(flow_nested, Flow[str, int | None])
    assert_type(flow_filter_into_optional, Flow[str, int])
    assert_type(flow_filter_into_generic_optional, Flow[str, list[str]])
    assert_type(flow_filter_into_generic, Flow[str, list[str | None]])
    assert_type(flow_fan_optional, Flow[str, tuple[int | None, str | None]])
    assert_type(flow_nested_optional, Flow[str, int | None])
    assert_type(flow_chain_optional, Flow[str, int])
    assert_type(flow_fan_generic, Flow[str, tuple[list[str] | None, str | None]])
    assert_type(flow_nested_generic, Flow[str, list[str] | None])
    assert_type(flow_chain_generic, Flow[str, list[str | None]])
    assert_type(flow_nested_fan, Flow[str, tuple[str, int] | None])
    assert_type(flow_nested_filter_first, Flow[str, int | None])
    assert_type(flow_union_filter, Flow[str, str | None])
    pipeline = flow_filter.build()
    assert_type(await pipeline.run("k"), str | None)
    assert_type(await pipeline.map(["k"]), list[str | None])
    assert_type(await pipeline.map(["k"], on_error="collect"), list[Outcome[str, str | None]])
    async for out in pipeline.stream(["k"]):
        assert_type(out, str | None)
    assert_type(pipeline.as_node(), AsyncNode[[str], str | None])
    plain = flow_plain.build()
    assert_type(await plain.run("k"), int)
    text: str = await pipeline.run("k")  # E: Incompatible types in assignment (expression has type "str | None", variable has type "str")  [assignment]
    # ^ P: Type "str | None" is not assignable to declared type "str"  [reportAssignmentType]
