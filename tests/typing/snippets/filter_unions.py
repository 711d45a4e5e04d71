"""A filter of several types (`A | B | None`): the edges out of it carry `A | B`, under mypy
(through the plugin: mypy alone solves `B | None` against it as the join of A and B) as under
pyright and the build. Unsound edges out of it are still rejected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_type

from typedflow import Flow, node, route


class Base: ...


@dataclass
class A(Base):
    x: int


@dataclass
class B(Base):
    y: str


@node
def find(t: str) -> A | B | None:
    return A(1) if t else None


@node
def find_again(t: str) -> A | B | None:
    return B(t) if t else None


@node
def either(v: A | B) -> str:
    return str(v)


@node
def base(v: Base) -> str:
    return type(v).__name__


@node
def only_a(v: A) -> str:
    return str(v.x)


@node
def only_b(v: B) -> str:
    return v.y


@node
def both(x: A | B, y: A | B) -> int:
    return 2


@node
def first_a(x: A, y: A | B) -> int:
    return 1


@node
def clean(t: str) -> str:
    return t.strip()


@node
def three(t: str) -> A | B | int | None:
    return None


flow_into_union = find >> either
flow_into_base = find >> base
flow_fan_out = find >> (either, base)
flow_list_fan_out = find >> [either, either.named("either2")]
flow_from_a_flow = (clean >> find) >> either
flow_into_route = clean >> find >> route(only_a, only_b)
flow_fan_in = clean >> (find, find_again) >> both
flow_fan_in_from_sources = (find, find_again) >> both

flow_narrower = find >> only_a  # E: Need type annotation for "flow_narrower"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], A | B | None]" and "SyncNode[[A], str]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(t: str), A | B | None]" and "SyncNode[(v: A), str]"  [reportOperatorIssue]
flow_fan_in_narrower = clean >> (find, find_again) >> first_a  # E: Unsupported operand types for >> ("Flow[str, tuple[A | B | None, A | B | None]]" and "SyncNode[[A, A | B], int]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, tuple[A | B | None, A | B | None]]" and "SyncNode[(x: A, y: A | B), int]"  [reportOperatorIssue]
flow_wider = three >> either  # E: Need type annotation for "flow_wider"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], A | B | int | None]" and "SyncNode[[A | B], str]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(t: str), A | B | int | None]" and "SyncNode[(v: A | B), str]"  [reportOperatorIssue]
flow_route_misses_int = three >> route(only_a, only_b)  # E: Need type annotation for "flow_route_misses_int"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], A | B | int | None]" and "Flow[A | B, str]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(t: str), A | B | int | None]" and "Flow[A | B, str]"  [reportOperatorIssue]


def types() -> None:
    assert_type(flow_into_union, Flow[str, str | None])
    assert_type(flow_into_base, Flow[str, str | None])
    assert_type(flow_fan_out, Flow[str, tuple[str | None, str | None]])
    assert_type(flow_list_fan_out, Flow[str, tuple[str | None, ...]])
    assert_type(flow_from_a_flow, Flow[str, str | None])
    assert_type(flow_into_route, Flow[str, str | None])
    assert_type(flow_fan_in, Flow[str, int | None])
    assert_type(flow_fan_in_from_sources, Flow[str, int | None])
