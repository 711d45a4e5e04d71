"""Issue 10: `route(...)` is a flow from the union of its branches' inputs to the union of
their outputs; `when(...)` branches with a `default=` take the default's input type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, assert_type

from typedflow import Flow, node, route, when


@dataclass
class Question:
    text: str


@dataclass
class Complaint:
    text: str


@dataclass
class Spam:
    text: str


@node
def classify(m: str) -> Question | Complaint | Spam:
    return Spam(m)


@node
def classify_two(m: str) -> Question | Complaint:
    return Question(m)


@node
def answer(q: Question) -> int:
    return len(q.text)


@node
async def escalate(c: Complaint) -> str:
    return c.text


@node
def archive(s: Spam) -> bytes:
    return s.text.encode()


@node
def send(x: int | str | bytes) -> bool:
    return bool(x)


@node
def send_two(x: int | str) -> bool:
    return bool(x)


@node
def shout(s: str) -> str:
    return s.upper()


@node
def summarize(s: str) -> str:
    return s[:10]


@node
def pick(flag: Literal["a", "b"]) -> str:
    return flag


@node
def on_a(flag: Literal["a"]) -> int:
    return 1


@node
def on_b(flag: Literal["b"]) -> int:
    return 2


def is_long(text: str) -> bool:
    return len(text) > 4000


flow_route = classify >> route(answer, escalate, archive) >> send
flow_route_end = classify >> route(answer, escalate, archive)
flow_route_start = route(answer, escalate, archive) >> send
flow_route_subset = classify_two >> route(answer, escalate, archive)
flow_route_flows = classify >> route(answer, escalate >> shout, archive) >> send
flow_literals = route(on_a, on_b)
flow_when = shout >> route(when(is_long, summarize), default=shout.named("plain"))
flow_route_wide = classify >> route(answer, escalate)  # E: Need type annotation for "flow_route_wide"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], Question | Complaint | Spam]" and "Flow[Question | Complaint, int | str]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(m: str), Question | Complaint | Spam]" and "Flow[Question | Complaint, int | str]"  [reportOperatorIssue]
flow_route_narrow = classify >> route(answer, escalate, archive) >> send_two  # E: Need type annotation for "flow_route_narrow"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, int | str | bytes]" and "SyncNode[[int | str], bool]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, int | str | bytes]" and "SyncNode[(x: int | str), bool]"  [reportOperatorIssue]


def types() -> None:
    assert_type(flow_route, Flow[str, bool])
    assert_type(flow_route_end, Flow[str, int | str | bytes])
    assert_type(flow_route_start, Flow[Question | Complaint | Spam, bool])
    assert_type(flow_route_subset, Flow[str, int | str | bytes])
    assert_type(flow_route_flows, Flow[str, bool])
    assert_type(flow_literals, Flow[Literal["a", "b"], int])
    assert_type(flow_when, Flow[str, str])
    assert_type(route(answer, escalate), Flow[Question | Complaint, int | str])


flow_when_bad = shout >> route(when(is_long, summarize), default=answer)  # E: Argument "default" to "route" has incompatible type "SyncNode[[Question], int]"; expected "_Takes1[str, str]"  [arg-type]
# ^ N: Following member(s) of "SyncNode[[Question], int]" have conflicts:
# ^ N:     Expected:
# ^ N:         def _sig(self, str, /) -> str
# ^ N:     Got:
# ^ N:         def _sig(self, q: Question) -> int
# ^ P: Argument of type "SyncNode[(q: Question), int]" cannot be assigned to parameter "default" of type "_Takes1[_A@route, _D@route]" in function "route"  [reportArgumentType]


@node
def keep_short(s: str) -> str | None:
    return s if len(s) < 5 else None


flow_filter_in_branch = classify >> route(answer, escalate >> keep_short, archive)
# A route with a filter in a branch, into the union's consumer (see filter_edges.py and
# typedflow/mypy.py; tests/runtime/test_route_run.py runs it).
flow_filtered_then_send = flow_filter_in_branch >> send


def filter_types() -> None:
    assert_type(flow_filter_in_branch, Flow[str, int | str | bytes | None])
    assert_type(flow_filtered_then_send, Flow[str, bool | None])
